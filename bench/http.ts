// Requests per second and p99 latency of the status queries under load (autocannon, 10 connections,
// PostgreSQL), against a minimal Fastify route returning a constant JSON in the same run.
// Target: ratio to the constant route ≥ 0.3.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);

async function load(url: string) {
  const result = await autocannon({ url, connections: 10, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

export async function benchHttp() {
  const server = fork(fileURLToPath(new URL('./http-server.ts', import.meta.url)), { stdio: 'inherit' });
  const ports = await new Promise<{ app: number; baseline: number }>((resolve) =>
    server.once('message', (m) => resolve(m as { app: number; baseline: number })),
  );
  try {
    const app = `http://127.0.0.1:${ports.app}/api/v1`;
    // Warm the in-memory dataset and the JIT before measuring.
    await autocannon({ url: `${app}/instruments/icsft-1999/parties?asOf=2010-01-01`, connections: 10, amount: 2000 });
    const constant = await load(`http://127.0.0.1:${ports.baseline}/constant`);
    const parties = await load(`${app}/instruments/icsft-1999/parties?asOf=2010-01-01`);
    const country = await load(`${app}/participants/NER/status?asOf=2010-01-01`);
    const lines = [
      ['constant JSON (baseline)', constant],
      ['GET /instruments/icsft-1999/parties?asOf=2010-01-01', parties],
      ['GET /participants/NER/status?asOf=2010-01-01', country],
    ] as const;
    for (const [label, r] of lines) {
      console.log(
        `${label}: ${r.requestsPerSecond} req/s, p99 ${r.p99Ms} ms, ratio to baseline ${(r.requestsPerSecond / constant.requestsPerSecond).toFixed(2)}`,
      );
    }
    console.log('target: ratio ≥ 0.30 (10 connections, PostgreSQL)');
    return { constant, parties, country };
  } finally {
    server.send('stop');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHttp();
