// Time to import the newest UNTC snapshot (10 files, 2,490 actions) into a database holding only the
// reference lists, on PGlite and on PostgreSQL. Target: under 2 s on each.
import { join } from 'node:path';
import { readSnapshotFolder, SHIPPED_DATA_DIR, SHIPPED_SNAPSHOT } from '../src/db/seed.ts';
import { seedInstruments } from '../src/modules/instruments/instruments.seed.ts';
import { seedParticipants } from '../src/modules/participants/participants.seed.ts';
import { importSnapshot } from '../src/modules/status/status.import.ts';
import { freshDatabase, median } from './db.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { files } = readSnapshotFolder(join(SHIPPED_DATA_DIR, 'treaty-actions', SHIPPED_SNAPSHOT));

export async function benchImport() {
  const results: Record<
    string,
    { medianMs: number; minMs: number; maxMs: number; reimportMs: number; actions: number }
  > = {};
  for (const kind of ['pglite', 'postgres'] as const) {
    const times: number[] = [];
    let reimportMs = 0;
    let actions = 0;
    for (let run = 0; run < RUNS; run++) {
      const database = await freshDatabase(kind);
      await seedParticipants({ db: database.db, dataDir: SHIPPED_DATA_DIR });
      await seedInstruments({ db: database.db, dataDir: SHIPPED_DATA_DIR });
      const started = performance.now();
      const report = await importSnapshot({
        db: database.db,
        format: 'untc',
        files,
        asOf: '2015-03-14',
        snapshotId: SHIPPED_SNAPSHOT,
      });
      times.push(performance.now() - started);
      actions = report.counts.added;
      if (run === 0) {
        const again = performance.now();
        await importSnapshot({
          db: database.db,
          format: 'untc',
          files,
          asOf: '2015-03-14',
          snapshotId: SHIPPED_SNAPSHOT,
        });
        reimportMs = performance.now() - again;
      }
      await database.close();
    }
    results[kind] = {
      medianMs: Math.round(median(times)),
      minMs: Math.round(Math.min(...times)),
      maxMs: Math.round(Math.max(...times)),
      reimportMs: Math.round(reimportMs),
      actions,
    };
    console.log(
      `import ${SHIPPED_SNAPSHOT} on ${kind}: median ${results[kind].medianMs} ms (min ${results[kind].minMs}, max ${results[kind].maxMs}, ${RUNS} runs, ${actions} actions); re-import unchanged ${results[kind].reimportMs} ms — target < 2000 ms`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImport();
