// Library benchmark: indexing throughput and search latency on a synthetic six-language corpus, at
// 10k and 100k documents, on PostgreSQL and on PGlite. Sizes and engines can be narrowed:
//   LIBRARY_BENCH_SIZES=10000 LIBRARY_BENCH_ENGINES=postgres node bench/library.ts
// LIBRARY_BENCH_NO_SEARCH=1 measures indexing alone; LIBRARY_BENCH_KEEP=1 keeps the PostgreSQL database (its address is printed) for looking into query plans;
// LIBRARY_BENCH_SEARCH_URL=postgres://… then measures search alone on such a database, without indexing again.
import { mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/client.ts';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { inTransaction, type Db } from '../src/db/client.ts';
import { seedInstruments } from '../src/modules/instruments/instruments.seed.ts';
import { seedParticipants } from '../src/modules/participants/participants.seed.ts';
import { SHIPPED_DATA_DIR } from '../src/db/seed.ts';
import { systemClock } from '../src/lib/dates.ts';
import { ANONYMOUS } from '../src/modules/accounts/policy.ts';
import { SYSTEM_CONTEXT } from '../src/modules/audit/audit.service.ts';
import {
  COMMAND_LINE_ACTOR,
  insertDocuments,
  refreshDerived,
  type LibraryDeps,
  type NewDocument,
} from '../src/modules/library/library.documents.ts';
import { searchLibrary } from '../src/modules/library/library.search.ts';
import { postgresSearchIndex } from '../src/modules/library/search/postgres-search.ts';
import { sha256Hex } from '../src/modules/library/storage/file-store.ts';
import { searchParamsSchema, type SearchParams } from '../src/contracts/library.ts';
import { freshDatabase, POSTGRES_ADMIN_URL } from './db.ts';
import { syntheticCorpus, type SyntheticDocument } from './library-corpus.ts';

const SIZES = (process.env.LIBRARY_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const ENGINES = (process.env.LIBRARY_BENCH_ENGINES ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const BATCH = 50;

const QUERIES: { name: string; params: Partial<SearchParams> }[] = [
  { name: 'en words', params: { q: 'financing terrorism' } },
  { name: 'fr words', params: { q: 'financement terrorisme' } },
  { name: 'es words', params: { q: 'financiación terrorismo' } },
  { name: 'ru words', params: { q: 'финансирование терроризма' } },
  { name: 'ar words', params: { q: 'تمويل الإرهاب' } },
  { name: 'zh words', params: { q: '资助恐怖主义' } },
  { name: 'en phrase', params: { q: '"mutual legal assistance"' } },
  { name: 'en rare word + exclusion', params: { q: 'hostage -aircraft' } },
  { name: 'en words, country filter', params: { q: 'extradition', country: 'NER' } },
  { name: 'fr words, kind + year', params: { q: 'extradition', kind: 'legislation', year: 2010 } },
  {
    name: 'theme + language, by date',
    params: { q: 'terrorisme', lang: 'fr', theme: 'financing_of_terrorism', sort: 'date_desc' },
  },
  { name: 'browse: country, by date', params: { country: 'FRA', sort: 'date_desc' } },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function openEngine(engine: 'postgres' | 'pglite'): Promise<{ handle: DatabaseHandle; cleanup: () => void }> {
  if (engine === 'postgres' && process.env.LIBRARY_BENCH_KEEP) {
    const created = await createPostgresDatabase({ adminUrl: POSTGRES_ADMIN_URL, prefix: 'lexpact_bench_kept' });
    const handle = await openPostgres(created.url);
    await handle.migrate();
    return { handle, cleanup: () => console.log(`kept ${created.url}`) };
  }
  if (engine === 'postgres') return { handle: await freshDatabase('postgres'), cleanup: () => undefined };
  // On disk: a 100k-document corpus does not fit the embedded database's memory.
  const folder = mkdtempSync(join(tmpdir(), 'lexpact-bench-library-'));
  const handle = await openPglite(folder);
  await handle.migrate();
  return { handle, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Documents generated ahead of each timed stretch: the generator's time is not indexing time. */
const GENERATED_AHEAD = 5_000;

async function index(deps: LibraryDeps, documents: { next(): IteratorResult<SyntheticDocument> }, workers: number) {
  let bytes = 0;
  let count = 0;
  let milliseconds = 0;
  for (;;) {
    const ahead: SyntheticDocument[] = [];
    for (let next = documents.next(); !next.done; next = documents.next()) {
      ahead.push(next.value);
      if (ahead.length === GENERATED_AHEAD) break;
    }
    if (ahead.length === 0) break;
    const started = performance.now();
    let taken = 0;
    const worker = async () => {
      while (taken < ahead.length) {
        const batch = ahead.slice(taken, (taken += BATCH));
        await inTransaction(deps.db, async (tx) => {
          const documents = batch.map((doc): NewDocument => {
            const encoded = new TextEncoder().encode(doc.text);
            bytes += encoded.byteLength;
            count++;
            return {
              input: doc.input,
              prepared: {
                upload: { bytes: encoded, filename: 'synthetic.txt', language: doc.language, versionDate: null },
                fileType: 'txt',
                mediaType: 'text/plain',
                sha256: sha256Hex(encoded),
                text: doc.text,
              },
            };
          });
          const ids = await insertDocuments(deps, tx, COMMAND_LINE_ACTOR, SYSTEM_CONTEXT, documents);
          await refreshDerived(deps, tx, ids);
        });
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    milliseconds += performance.now() - started;
  }
  // As the folder importer does when it is done; counted as indexing time.
  const settling = performance.now();
  await deps.search.settle(deps.db);
  milliseconds += performance.now() - settling;
  return { count, bytes, seconds: milliseconds / 1000 };
}

async function measureSearch(deps: LibraryDeps, rounds: number) {
  const all: number[] = [];
  const rows: string[] = [];
  for (const query of QUERIES) {
    const params = searchParamsSchema.parse(query.params);
    if (process.env.LIBRARY_BENCH_DEBUG) console.log('query', query.name);
    await searchLibrary(deps, ANONYMOUS, params, 'en');
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      total = (await searchLibrary(deps, ANONYMOUS, { ...params, page: 1 + (i % 3) }, 'en')).total;
      times.push(performance.now() - started);
    }
    all.push(...times);
    rows.push(
      `    ${query.name.padEnd(28)} matches ${String(total).padStart(6)}   p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`,
    );
  }
  console.log(rows.join('\n'));
  console.log(
    `    ${'all queries'.padEnd(28)} ${' '.repeat(14)}   p50 ${percentile(all, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(all, 95).toFixed(1).padStart(6)} ms`,
  );
}

/** The library's services without a file store: the benchmark hands texts in directly. */
const benchDeps = (db: Db): LibraryDeps => ({
  db,
  files: null as never,
  search: postgresSearchIndex,
  clock: systemClock,
  maxUploadBytes: 1e9,
});

async function benchSearchOnly(url: string) {
  const handle = await openPostgres(url);
  try {
    await handle.migrate();
    const deps = benchDeps(handle.db);
    const documents = (
      (await handle.db.execute(sql`select count(*)::int as n from library_documents`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
    // Entries built by an older version of the indexing are rebuilt first, as the server does on start.
    const started = performance.now();
    const rebuilt = await postgresSearchIndex.reindexOutdated(handle.db);
    if (rebuilt > 0)
      console.log(
        `postgres: rebuilt the search entries of ${rebuilt.toLocaleString('en')} documents at ${(rebuilt / ((performance.now() - started) / 1000)).toFixed(0)} documents/s`,
      );
    await handle.db.execute(sql`analyze library_search`);
    console.log(`postgres, ${documents.toLocaleString('en')} documents already indexed:`);
    await measureSearch(deps, 40);
  } finally {
    await handle.close();
  }
}

export async function benchLibrary() {
  if (process.env.LIBRARY_BENCH_SEARCH_URL) return benchSearchOnly(process.env.LIBRARY_BENCH_SEARCH_URL);
  for (const engine of ENGINES) {
    const { handle, cleanup } = await openEngine(engine);
    try {
      await seedParticipants({ db: handle.db, dataDir: SHIPPED_DATA_DIR });
      await seedInstruments({ db: handle.db, dataDir: SHIPPED_DATA_DIR });
      const deps = benchDeps(handle.db);
      const countries = (
        (await handle.db.execute(sql`select id from participants`)) as unknown as { rows: { id: string }[] }
      ).rows.map((r) => r.id);
      const instruments = (
        (await handle.db.execute(sql`select id from instruments`)) as unknown as { rows: { id: string }[] }
      ).rows.map((r) => r.id);
      const largest = Math.max(...SIZES);
      const corpus = syntheticCorpus({ count: largest, seed: 2026, countries, instruments });
      let indexed = 0;
      for (const size of [...SIZES].sort((a, b) => a - b)) {
        const batch = {
          next: (): IteratorResult<SyntheticDocument> =>
            indexed >= size ? { done: true, value: undefined } : (indexed++, corpus.next()),
        };
        // PGlite serves one connection. On PostgreSQL, four batches in flight keep the database and the
        // text analysis threads busy while each batch waits for the other.
        const result = await index(deps, batch, engine === 'postgres' ? 4 : 1);
        await handle.db.execute(sql`analyze library_search`);
        console.log(
          `${engine}, ${size.toLocaleString('en')} documents: indexed ${result.count.toLocaleString('en')} more (${(result.bytes / 1_048_576).toFixed(0)} MB of text) at ${(result.count / result.seconds).toFixed(0)} documents/s (${(result.bytes / 1_048_576 / result.seconds).toFixed(1)} MB/s)`,
        );
        if (!process.env.LIBRARY_BENCH_NO_SEARCH) await measureSearch(deps, engine === 'postgres' ? 40 : 20);
      }
    } finally {
      await handle.close();
      cleanup();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLibrary();
