import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where original files are kept. Keys are content checksums, so storing the same bytes twice is
 * harmless and a stored file can be verified against its key.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `ab/abcdef…`: two-character folders keep any one folder from holding every file. */
export const storageKeyFor = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

/** Every store checks keys before touching storage: a key is never a path or an object name chosen by a client. */
export function assertStorageKey(key: string): void {
  if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`invalid storage key ${key}`);
}

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
  };
}
