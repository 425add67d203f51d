import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Another process holds the embedded database: the caller stops before touching it. */
export class DatabaseInUseError extends Error {
  readonly holder: LockOwner;

  constructor(dataDir: string, holder: LockOwner, lockPath: string) {
    const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
    super(
      `the database in ${dataDir} is in use by process ${holder.pid}${where}; stop it or use PostgreSQL` +
        (where ? ` (if that process is gone, delete ${lockPath})` : ''),
    );
    this.name = 'DatabaseInUseError';
    this.holder = holder;
  }
}

/** What a lock file records about the process that holds it. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** Linux: /proc/sys/kernel/random/boot_id, new at every boot. */
  bootId: string | null;
  /** Linux: the process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  startTime: string | null;
  /** Tells this acquisition apart from any other, even of the same process. */
  nonce: string;
  since: string;
}

export interface DatabaseLock {
  readonly path: string;
  /** Removes the lock file if it is still this one; safe to call more than once. */
  release(): void;
}

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The start time of process `pid`, or null where the system does not expose it (no /proc). */
function startTimeOf(pid: number | 'self'): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19] ?? null;
}

/**
 * Whether the process that wrote the lock still runs. A pid alone is not enough: after a crash or a
 * reboot the same number can belong to an unrelated process, which would keep the lock forever. So
 * the lock also records the boot id and the process's start time, which together name one process
 * for the life of the machine; where /proc is missing (macOS, Windows) a live pid is taken as the
 * holder, which errs on the safe side. A lock written on another host (a shared network folder)
 * cannot be checked from here and is taken as held; the error then says which file to delete.
 */
function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  const bootId = readText('/proc/sys/kernel/random/boot_id');
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const startTime = startTimeOf(owner.pid);
  return !(owner.startTime && startTime && owner.startTime !== startTime);
}

const parseOwner = (text: string | null): LockOwner | null => {
  try {
    const owner = JSON.parse(text ?? '') as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.nonce === 'string' ? owner : null;
  } catch {
    return null;
  }
};

const held = new Map<string, DatabaseLock>();
let hooked = false;

/** Exit and signals release every lock this process holds, so the next process need not judge them stale. */
function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const lock of held.values()) lock.release();
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      // The server closes the database itself on these signals (which releases the lock once PGlite
      // has written everything); without such a listener the signal would end the process right
      // away, and exiting instead lets the 'exit' listener remove the lock.
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
  }
}

/**
 * Takes the lock of the embedded database in `dataDir`, a file beside that folder, or throws
 * DatabaseInUseError naming the process that holds it. The file is written in full under a
 * temporary name and hard-linked into place: linking fails if the name exists, so of two processes
 * starting at once exactly one gets the lock, and no one ever reads a half-written lock.
 */
export function acquireDatabaseLock(dataDir: string): DatabaseLock {
  const path = `${dataDir}.lock`;
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    bootId: readText('/proc/sys/kernel/random/boot_id'),
    startTime: startTimeOf('self'),
    nonce: randomUUID(),
    since: new Date().toISOString(),
  };
  const temporary = `${path}.${owner.nonce}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  try {
    for (let round = 0; ; round += 1) {
      try {
        linkSync(temporary, path);
        const lock: DatabaseLock = {
          path,
          release() {
            if (held.get(path) !== lock) return;
            held.delete(path);
            if (parseOwner(readText(path))?.nonce === owner.nonce) unlinkSync(path);
          },
        };
        held.set(path, lock);
        hookProcess();
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = parseOwner(readText(path));
      if (holder && isAlive(holder)) throw new DatabaseInUseError(dataDir, holder, path);
      // Only processes dying one after another as they take the lock would get here.
      if (round === 2) throw new Error(`could not take the lock ${path}: it keeps being replaced by stale ones`);
      removeStale(path, holder);
    }
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Removes a lock whose process is gone (or an unreadable one: damaged, since a lock only ever appears
 * whole). It is first renamed to a name of its own, which only one of several processes can do, and
 * deleted only if it is still the lock judged stale: if another process took the lock in the meantime,
 * its lock is linked back in place and that process keeps it. (Only a further process starting in the
 * microseconds between the rename and the link back could then slip in: three processes at once on a
 * stale lock, which this accepts.)
 */
function removeStale(path: string, stale: LockOwner | null): void {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = parseOwner(readText(aside));
  if (moved?.nonce !== stale?.nonce) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process took the lock meanwhile: it holds it now.
    }
  }
  unlinkSync(aside);
}
