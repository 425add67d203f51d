// Holds the embedded database in the folder given as first argument until told to stop, for the tests
// of the lock between processes. Prints "ready" once it holds it.
//   hold-database.ts <dataDir>              opens and migrates PGlite; SIGTERM closes it and exits 0
//   hold-database.ts <dataDir> --lock-only  takes the lock only, and leaves signals to the lock module
import { openPglite } from '../../src/db/client.ts';
import { DatabaseInUseError, acquireDatabaseLock } from '../../src/db/lock.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: hold-database.ts <dataDir> [--lock-only]');

try {
  if (mode === '--lock-only') {
    acquireDatabaseLock(dataDir);
  } else {
    const database = await openPglite(dataDir);
    await database.migrate();
    process.once('SIGTERM', () => void database.close().then(() => process.exit(0)));
  }
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(2);
}
process.stdout.write('ready\n');
// Keeps the process alive until a signal ends it.
setInterval(() => undefined, 60_000);
