import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A file as a store lists it: enough to judge whether a sweep may remove it. */
export interface StoredFile {
  key: string;
  size: number;
  /** When it was last written: a file written by an import still running is recent. */
  modifiedAt: Date;
}

/**
 * Where original files are kept. Keys are content checksums, so storing the same bytes twice is
 * harmless and a stored file can be verified against its key.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Writes the file, or writes it again: either way it then counts as just written. */
  put(key: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /** Every file of the store, stored ones and any leftovers of an interrupted write, with their age. */
  list(): AsyncIterable<StoredFile>;
  /**
   * Removes a listed file, unless it was written after `notModifiedAfter` (it is then wanted again).
   * True when it was removed.
   */
  remove(key: string, options: { notModifiedAfter: Date }): Promise<boolean>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `ab/abcdef…`: two-character folders keep any one folder from holding every file. */
export const storageKeyFor = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** Every store checks keys before touching storage: a key is never a path or an object name chosen by a client. */
export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new Error(`invalid storage key ${key}`);
}

export const isStorageKey = (key: string) => STORAGE_KEY.test(key);

/** The temporary name `put` writes under before renaming (a random id; `pid.ms` in earlier versions): what a process killed mid-write leaves. */
const PARTIAL = /^[0-9a-f]{2}\/[0-9a-f]{64}\.(?:[0-9a-f-]{36}|\d+\.\d+)\.part$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function localFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(root, key);
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written under a temporary name and renamed, so a crash never leaves a half-written original. The
      // name is random: two uploads of the same file at once (same key, same process, same millisecond)
      // must not write to, then rename, one temporary file.
      const temporary = `${path}.${randomUUID()}.part`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      return new Uint8Array(await readFile(pathOf(key)));
    },
    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async *list() {
      let folders: string[];
      try {
        folders = (await readdir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const folder of folders) {
        // Anything else a person put in the folder is not the store's to list, nor to remove.
        const keys = (await readdir(join(root, folder)).catch(() => []))
          .map((name) => `${folder}/${name}`)
          .filter((key) => STORAGE_KEY.test(key) || PARTIAL.test(key));
        for (const key of keys.sort()) {
          const found = await stat(join(root, key)).catch(() => null);
          if (found?.isFile()) yield { key, size: found.size, modifiedAt: found.mtime };
        }
      }
    },
    async remove(key, { notModifiedAfter }) {
      if (!STORAGE_KEY.test(key) && !PARTIAL.test(key)) throw new Error(`invalid storage key ${key}`);
      const path = join(root, key);
      try {
        if ((await stat(path)).mtime > notModifiedAfter) return false;
        await unlink(path);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
