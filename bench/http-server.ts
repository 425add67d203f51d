// Child process of bench/http.ts: the application on a seeded PostgreSQL database, and beside it a
// minimal Fastify route returning a constant JSON, so both are measured on the same machine in one run.
import Fastify from 'fastify';
import { seedDatabase } from '../src/db/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { DEFAULT_SECURITY } from '../src/server/config.ts';
import { freshDatabase } from './db.ts';

const database = await freshDatabase('postgres');
await seedDatabase({ db: database.db });
// All load comes from one address: the per-address limit is raised so that it measures the work, with
// the rate-limit, security-header and session plugins still running on every request.
const app = await buildApp({
  database,
  security: { ...DEFAULT_SECURITY, rateLimitPerMinute: 100_000_000, accountRateLimitPerMinute: 100_000_000 },
});
await app.listen({ port: 0, host: '127.0.0.1' });

const baseline = Fastify();
baseline.get('/constant', async () => ({ status: 'ok', instrument: 'icsft-1999', count: 186 }));
await baseline.listen({ port: 0, host: '127.0.0.1' });

const portOf = (instance: { server: { address(): unknown } }) => (instance.server.address() as { port: number }).port;
process.send?.({ app: portOf(app), baseline: portOf(baseline) });

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.close();
  await baseline.close();
  await database.close();
  process.exit(0);
});
