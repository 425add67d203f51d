import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localFileStore, sha256Hex, storageKeyFor } from './file-store.ts';

describe('the local file store', () => {
  const root = mkdtempSync(join(tmpdir(), 'lexpact-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores the same original several times at once (two uploads of one file) and keeps one whole copy', async () => {
    const store = localFileStore(root);
    const bytes = new TextEncoder().encode('Article 1. The financing of terrorism is an offence.');
    const key = storageKeyFor(sha256Hex(bytes));
    await Promise.all(Array.from({ length: 8 }, () => store.put(key, bytes, 'text/plain')));
    expect(await store.get(key)).toEqual(bytes);
    // No temporary file is left behind.
    expect(readdirSync(join(root, key.slice(0, 2)))).toEqual([key.slice(3)]);
  });
});
