import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** A multipart body as a browser form or `curl -F` sends it. */
export async function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type?: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append('file', new Blob([new Uint8Array(file.bytes)], file.type ? { type: file.type } : {}), file.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

/** Everything the library writes: equal before and after a refused request means nothing was stored. */
export async function libraryCounts(db: Db, filesDir: string) {
  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
  const files = (() => {
    try {
      return readdirSync(filesDir, { recursive: true }).length;
    } catch {
      return 0;
    }
  })();
  return {
    documents: await count('library_documents'),
    expressions: await count('library_expressions'),
    files: await count('library_files'),
    search: await count('library_search'),
    audit: await count('audit_log'),
    originals: files,
  };
}
