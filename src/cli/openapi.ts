// Writes the OpenAPI document to docs/openapi.json (`npm run openapi`); a test fails when the committed
// document differs from what the routes declare.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../db/client.ts';
import { buildApp } from '../server/app.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

export async function generateOpenApi(): Promise<string> {
  const database = await openPglite();
  const app = await buildApp({ database });
  await app.ready();
  const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return document;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(OPENAPI_PATH, await generateOpenApi());
  console.log(`wrote ${OPENAPI_PATH}`);
}
