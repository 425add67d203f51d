import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
// @ts-expect-error s3rver publishes no type declarations; the few members used are typed below.
import S3rverModule from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECURITY, createUser, sessionHeaders } from '../../../../test/helpers/accounts.ts';
import { TEST_CLOCK, createTestDb, type TestDb } from '../../../../test/helpers/db.ts';
import { documentSchema } from '../../../contracts/library.ts';
import { insertRows } from '../../../db/client.ts';
import { fixedClock } from '../../../lib/dates.ts';
import { buildApp } from '../../../server/app.ts';
import { libraryFiles } from '../library.table.ts';
import { fileStoreFor } from './file-store-config.ts';
import { storageKeyFor } from './file-store.ts';
import { sweepOrphanedOriginals } from './file-sweep.ts';
import { s3FileStore, type S3StoreOptions } from './s3-file-store.ts';

const S3rver = S3rverModule as new (options: Record<string, unknown>) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};

const BUCKET = 'lexpact-test';
// s3rver knows this one key pair; it checks the key id of SigV4 requests but not their signature.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const keyOf = (bytes: Uint8Array) => storageKeyFor(createHash('sha256').update(bytes).digest('hex'));

/** A real S3-compatible server on a free local port, with an empty bucket, in a temporary folder. */
function useS3Server() {
  const state = { endpoint: '', folder: '' };
  let server: InstanceType<typeof S3rver> | undefined;
  beforeAll(async () => {
    state.folder = mkdtempSync(join(tmpdir(), 'lexpact-s3-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: state.folder,
      configureBuckets: [{ name: BUCKET }],
    });
    state.endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  });
  afterAll(async () => {
    await server?.close();
    if (state.folder) rmSync(state.folder, { recursive: true, force: true });
  });
  const options = (extra: Partial<S3StoreOptions> = {}): S3StoreOptions => ({
    endpoint: state.endpoint,
    bucket: BUCKET,
    credentials: CREDENTIALS,
    ...extra,
  });
  const listKeys = async () => {
    const client = new S3Client({
      endpoint: state.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    const answer = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    client.destroy();
    return (answer.Contents ?? []).map((object) => object.Key);
  };
  return { state, options, listKeys };
}

describe('the S3 file store, against a local S3-compatible server (s3rver)', () => {
  const s3 = useS3Server();

  it('gives back exactly the bytes it stored, for text and for a 3 MB binary file', async () => {
    const store = s3FileStore(s3.options());
    expect(store.kind).toBe('s3');
    for (const bytes of [
      new TextEncoder().encode('Article 1. Terrorist financing is an offence.'),
      new Uint8Array(randomBytes(3 * 1_048_576)),
    ]) {
      await store.put(keyOf(bytes), bytes, 'application/octet-stream');
      const back = await store.get(keyOf(bytes));
      expect(back).toBeInstanceOf(Uint8Array);
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
    }
  });

  it('keeps the media type and the SHA-256 with the object', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 not really');
    await s3FileStore(s3.options()).put(keyOf(bytes), bytes, 'application/pdf');
    const client = new S3Client({
      endpoint: s3.state.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: keyOf(bytes) }));
    client.destroy();
    expect(head.ContentType).toBe('application/pdf');
    expect(head.Metadata).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('has() is false before the put and true after it', async () => {
    const store = s3FileStore(s3.options());
    const bytes = new TextEncoder().encode('Loi n° 2008-12 relative à la lutte contre le financement du terrorisme');
    expect(await store.has(keyOf(bytes))).toBe(false);
    await store.put(keyOf(bytes), bytes, 'text/plain');
    expect(await store.has(keyOf(bytes))).toBe(true);
  });

  it('reading a missing file fails with a message that names its key', async () => {
    const key = keyOf(new TextEncoder().encode('never stored'));
    await expect(s3FileStore(s3.options()).get(key)).rejects.toThrow(
      `no stored file ${key} in S3 bucket ${BUCKET} at ${s3.state.endpoint}`,
    );
  });

  it('refuses an invalid key before sending any request', async () => {
    // Nothing listens on this endpoint: a request would fail with a connection error, not this message.
    const store = s3FileStore({ endpoint: 'http://127.0.0.1:9', bucket: BUCKET, credentials: CREDENTIALS });
    const bytes = new Uint8Array([1, 2, 3]);
    for (const key of ['../etc/passwd', 'ab/cd', `${'a'.repeat(2)}/${'A'.repeat(64)}`, `lexpact/${keyOf(bytes)}`]) {
      await expect(store.put(key, bytes, 'text/plain')).rejects.toThrow(`invalid storage key ${key}`);
      await expect(store.get(key)).rejects.toThrow(`invalid storage key ${key}`);
      await expect(store.has(key)).rejects.toThrow(`invalid storage key ${key}`);
    }
  });

  it('puts every object under the prefix, and only there', async () => {
    const prefixed = s3FileStore(s3.options({ prefix: 'lexpact/' }));
    const bytes = new TextEncoder().encode('stored under a prefix');
    await prefixed.put(keyOf(bytes), bytes, 'text/plain');
    expect(await s3.listKeys()).toContain(`lexpact/${keyOf(bytes)}`);
    expect(await s3FileStore(s3.options()).has(keyOf(bytes))).toBe(false);
    expect(await prefixed.has(keyOf(bytes))).toBe(true);
    expect(Buffer.from(await prefixed.get(keyOf(bytes))).toString()).toBe('stored under a prefix');
    // Written without its slash, or with extra ones, the prefix means the same folder.
    expect(await s3FileStore(s3.options({ prefix: '/lexpact' })).has(keyOf(bytes))).toBe(true);
  });

  it("an unknown access key fails with the server's reason, not a bare SDK error", async () => {
    const store = s3FileStore(s3.options({ credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'wrong' } }));
    const bytes = new TextEncoder().encode('refused');
    const where = `${keyOf(bytes)} in S3 bucket ${BUCKET} at ${s3.state.endpoint}`;
    await expect(store.put(keyOf(bytes), bytes, 'text/plain')).rejects.toThrow(
      `could not store ${where}: InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records. (HTTP 403)`,
    );
    // HEAD answers carry no body: only the status is known, and it is not taken for "missing".
    await expect(store.has(keyOf(bytes))).rejects.toThrow(
      new RegExp(`^could not look up ${keyOf(bytes)} .*\\(HTTP 403\\)$`),
    );
  });

  it('a bucket that does not exist fails with NoSuchBucket, never as a missing file', async () => {
    const store = s3FileStore(s3.options({ bucket: 'no-such-bucket' }));
    const bytes = new TextEncoder().encode('nowhere to go');
    await expect(store.put(keyOf(bytes), bytes, 'text/plain')).rejects.toThrow(
      `could not store ${keyOf(bytes)} in S3 bucket no-such-bucket at ${s3.state.endpoint}: NoSuchBucket`,
    );
    await expect(store.get(keyOf(bytes))).rejects.toThrow(
      `could not read ${keyOf(bytes)} in S3 bucket no-such-bucket at ${s3.state.endpoint}: NoSuchBucket`,
    );
  });

  it('fileStoreFor() picks the bucket when S3 is configured and the folder otherwise', async () => {
    const bytes = new TextEncoder().encode('through the configuration');
    const configured = fileStoreFor({
      filesDir: '/nonexistent',
      s3: {
        endpoint: s3.state.endpoint,
        region: 'us-east-1',
        bucket: BUCKET,
        prefix: 'configured',
        forcePathStyle: true,
        ...CREDENTIALS,
      },
    });
    expect(configured.kind).toBe('s3');
    await configured.put(keyOf(bytes), bytes, 'text/plain');
    expect(await s3.listKeys()).toContain(`configured/${keyOf(bytes)}`);
    expect(fileStoreFor({ filesDir: s3.state.folder, s3: null }).kind).toBe('local');
  });
});

describe('library originals in S3, through the HTTP API', () => {
  const s3 = useS3Server();
  let app: FastifyInstance;
  let database: TestDb;
  let admin: Record<string, string>;

  beforeAll(async () => {
    // As createTestApp, with the store given directly (that helper takes a folder only).
    database = await createTestDb({ seed: true });
    app = await buildApp({
      database,
      clock: TEST_CLOCK,
      datasetCheckIntervalMs: 0,
      security: TEST_SECURITY,
      library: { fileStore: s3FileStore(s3.options({ prefix: 'lexpact/' })) },
    });
    admin = await sessionHeaders(
      database.db,
      TEST_CLOCK,
      await createUser(database.db, { email: 'admin@example.org', role: 'administrator' }),
      true,
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('an uploaded TXT file is stored in the bucket under its SHA-256 and downloads byte for byte', async () => {
    const bytes = Buffer.from(
      'Law No. 2008-12. Article 1. Whoever provides or collects funds for a terrorist act commits an offence.\n',
    );
    const form = new FormData();
    form.append(
      'metadata',
      JSON.stringify({
        kind: 'legislation',
        subtype: 'act',
        titles: { en: 'Law stored in S3' },
        country: 'NER',
        number: 's3-1',
      }),
    );
    form.append('language', 'en');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/plain' }), 'law-s3.txt');
    const body = new Response(form);
    const payload = Buffer.from(await body.arrayBuffer());
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/library/documents',
      headers: { ...admin, 'content-type': body.headers.get('content-type')! },
      payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { id } = upload.json() as { id: string };

    const document = documentSchema.parse(
      (await app.inject({ method: 'GET', url: `/api/v1/library/documents/${id}`, headers: admin })).json(),
    );
    const file = document.expressions[0]!.file!;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(file.sha256).toBe(sha256);
    expect(await s3.listKeys()).toEqual([`lexpact/${sha256.slice(0, 2)}/${sha256}`]);

    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/library/documents/${id}/files/${file.id}`,
      headers: admin,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-checksum-sha256']).toBe(sha256);
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);
  });
});

describe('sweeping orphaned originals from an S3 bucket', () => {
  const s3 = useS3Server();
  let database: TestDb;
  const HOUR = 60 * 60 * 1000;
  // The sweep's "now"; ages are set on s3rver's files, whose times it gives as LastModified.
  const now = new Date();
  const clock = fixedClock(now.toISOString());
  const age = (objectName: string, ms: number) => {
    const at = new Date(now.getTime() - ms);
    utimesSync(join(s3.state.folder, BUCKET, `${objectName}._S3rver_object`), at, at);
  };
  const stored = async (...texts: string[]) =>
    Promise.all(
      texts.map(async (text) => {
        const bytes = new TextEncoder().encode(text);
        await s3FileStore(s3.options({ prefix: 'lexpact' })).put(keyOf(bytes), bytes, 'text/plain');
        return { key: keyOf(bytes), bytes };
      }),
    );

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('lists the originals under its prefix with their size and age, and nothing else of the bucket', async () => {
    const [law] = await stored('Listed law');
    age(`lexpact/${law!.key}`, 3 * HOUR);
    const client = new S3Client({
      endpoint: s3.state.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'lexpact/README.txt', Body: 'not an original' }));
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `other-app/${law!.key}`, Body: 'another application' }),
    );
    client.destroy();
    const listed = [];
    for await (const file of s3FileStore(s3.options({ prefix: 'lexpact' })).list()) listed.push(file);
    expect(listed).toEqual([{ key: law!.key, size: law!.bytes.byteLength, modifiedAt: expect.any(Date) }]);
    // S3 dates objects to the second.
    expect(Math.abs(listed[0]!.modifiedAt.getTime() - (now.getTime() - 3 * HOUR))).toBeLessThan(1000);
  });

  it('removes an unreferenced object older than an hour, and keeps a recent one and a referenced one', async () => {
    const [referenced, old, recent] = await stored(
      'Referenced law',
      'Left by a killed import',
      'Stored by an import still running',
    );
    await insertRows(database.db, libraryFiles, [
      {
        sha256: referenced!.key.slice(3),
        size: referenced!.bytes.byteLength,
        mediaType: 'text/plain',
        fileType: 'txt',
        filename: 'law.txt',
        storageKey: referenced!.key,
      },
    ]);
    age(`lexpact/${referenced!.key}`, 2 * HOUR);
    age(`lexpact/${old!.key}`, 2 * HOUR);
    age(`lexpact/${recent!.key}`, 10 * 60 * 1000);
    const files = s3FileStore(s3.options({ prefix: 'lexpact' }));

    const dryRun = await sweepOrphanedOriginals({ db: database.db, files, clock, dryRun: true });
    expect(dryRun.removed.map((file) => file.key)).toContain(old!.key);
    expect(await files.has(old!.key)).toBe(true);

    const report = await sweepOrphanedOriginals({ db: database.db, files, clock });
    expect(report.removed.map((file) => file.key)).toContain(old!.key);
    expect(report.removed.map((file) => file.key)).not.toContain(recent!.key);
    expect(report.removed.map((file) => file.key)).not.toContain(referenced!.key);
    const keys = await s3.listKeys();
    expect(keys).not.toContain(`lexpact/${old!.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([`lexpact/${recent!.key}`, `lexpact/${referenced!.key}`, 'lexpact/README.txt']),
    );
  });

  it('remove() leaves an object written after the given time', async () => {
    const [fresh] = await stored('Written again a moment ago');
    const files = s3FileStore(s3.options({ prefix: 'lexpact' }));
    expect(await files.remove(fresh!.key, { notModifiedAfter: new Date(now.getTime() - HOUR) })).toBe(false);
    expect(await files.has(fresh!.key)).toBe(true);
    age(`lexpact/${fresh!.key}`, 2 * HOUR);
    expect(await files.remove(fresh!.key, { notModifiedAfter: new Date(now.getTime() - HOUR) })).toBe(true);
    expect(await files.has(fresh!.key)).toBe(false);
  });
});
