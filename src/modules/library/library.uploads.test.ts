import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { libraryCounts, multipart } from '../../../test/helpers/library.ts';
import { docxWithParagraphs } from '../../../test/helpers/zip.ts';

type Headers = Record<string, string>;

const METADATA = JSON.stringify({
  kind: 'legislation',
  titles: { en: 'Law on the financing of terrorism' },
  country: 'NER',
  adoptedDate: '2008-06-01',
});
const TEXT = Buffer.from(
  'Article 1. Whoever provides or collects funds for a terrorist act is punished.\n'.repeat(200),
);
const MAX_EXTRACTED_BYTES = 2 * 1_048_576;
const MAX_TEXT_CHARS = 50_000;

describe('library uploads: bodies cut short, decompression bombs, texts over the limit', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let filesDir: string;
  let admin: Headers;
  let documentId: string;

  const send = (url: string, contentType: string, payload: Buffer) =>
    context.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { ...admin, 'content-type': contentType },
      payload,
    });
  const activityCount = async () =>
    (await context.app.inject({ method: 'GET', url: '/api/v1/programme/activities', headers: admin })).json()
      .total as number;
  const expectMalformed = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 400,
      code: 'request.malformed_multipart',
      detail: expect.stringContaining('nothing was saved'),
    });
  };

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-library-cut-'));
    context = await createTestApp({
      library: { filesDir, maxExtractedBytes: MAX_EXTRACTED_BYTES, maxTextChars: MAX_TEXT_CHARS },
    });
    const db = context.database.db;
    const organisation = await createOrganization(db, 'UNODC', 'un');
    admin = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'admin@example.org', role: 'administrator', organizationId: organisation.id }),
      true,
    );
    const body = await multipart({ metadata: METADATA, language: 'en' }, { name: 'law.txt', bytes: TEXT });
    const created = await send('/library/documents', body.contentType, body.payload);
    expect(created.statusCode, created.body).toBe(201);
    documentId = created.json().id;
  });
  afterAll(async () => {
    await context?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  /** Where a body can be cut: before its closing boundary, in the middle of the file, inside a part's headers. */
  const cuts = (payload: Buffer): [string, Buffer][] => {
    const closing = payload.lastIndexOf('\r\n--');
    const fileHeaders = payload.indexOf('Content-Disposition: form-data; name="file"');
    return [
      ['without its closing boundary', payload.subarray(0, closing)],
      ['in the middle of the file', payload.subarray(0, fileHeaders + (closing - fileHeaders) / 2)],
      ['inside the headers of the file part', payload.subarray(0, fileHeaders + 20)],
    ];
  };

  it('a new document whose body ends early → 400 request.malformed_multipart, nothing stored', async () => {
    const body = await multipart(
      { metadata: METADATA.replace('Law on', 'Another law on'), language: 'en' },
      { name: 'law.txt', bytes: TEXT },
    );
    for (const [, cut] of cuts(body.payload)) {
      const before = await libraryCounts(context.database.db, filesDir);
      expectMalformed(await send('/library/documents', body.contentType, cut));
      expect(await libraryCounts(context.database.db, filesDir)).toEqual(before);
    }
  });

  it('a new version whose body ends early → 400, and the document keeps its one version', async () => {
    const body = await multipart({ language: 'fr', versionDate: '2010-01-01' }, { name: 'loi.txt', bytes: TEXT });
    for (const [, cut] of cuts(body.payload))
      expectMalformed(await send(`/library/documents/${documentId}/versions`, body.contentType, cut));
    const document = await context.app.inject({
      method: 'GET',
      url: `/api/v1/library/documents/${documentId}`,
      headers: admin,
    });
    expect(document.json().languages).toEqual(['en']);
  });

  it('an activities import whose body ends early → 400, nothing imported', async () => {
    const csv = Buffer.from(
      'code,title,type,start_date,end_date,countries\nA-1,Workshop,national_workshop,2013-03-10,2013-03-12,NER\n',
    );
    const body = await multipart({}, { name: 'activities.csv', bytes: csv });
    const before = await activityCount();
    for (const [, cut] of cuts(body.payload))
      expectMalformed(await send('/programme/activities/import', body.contentType, cut));
    expect(await activityCount()).toBe(before);
  });

  it('a multipart body sent without its boundary → 400 request.malformed_multipart', async () => {
    const body = await multipart({ metadata: METADATA, language: 'en' }, { name: 'law.txt', bytes: TEXT });
    expectMalformed(await send('/library/documents', 'multipart/form-data', body.payload));
  });

  describe('files that would make the server read too much', () => {
    const upload = async (name: string, bytes: Uint8Array) => {
      const body = await multipart(
        { metadata: METADATA.replace('Law on', `${name}: law on`), language: 'en' },
        { name, bytes },
      );
      return send('/library/documents', body.contentType, body.payload);
    };
    const expectRefused = async (name: string, bytes: Uint8Array, code: string, reason: string) => {
      const before = await libraryCounts(context.database.db, filesDir);
      const response = await upload(name, bytes);
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json()).toMatchObject({
        status: 413,
        code,
        errors: [{ field: 'file', reason: expect.stringContaining(reason) }],
      });
      expect(await libraryCounts(context.database.db, filesDir)).toEqual(before);
    };

    it('a DOCX bomb (40 KB that unpacks to 10 MB of XML) → 413 library.archive_too_large naming the cap, nothing stored', async () => {
      const bomb = docxWithParagraphs(100_000);
      expect(bomb.length).toBeLessThan(64 * 1024);
      await expectRefused(
        'bomb.docx',
        bomb,
        'library.archive_too_large',
        `limit of ${MAX_EXTRACTED_BYTES} bytes (LEXPACT_MAX_EXTRACTED_MB)`,
      );
      const response = await upload('bomb.docx', bomb);
      expect(response.json().errors).toEqual([
        expect.objectContaining({ field: 'file', code: 'archive_too_large', params: { maximum: 2 } }),
      ]);
    });

    it('the same bomb with headers that claim 1,000 bytes → the same refusal', async () => {
      await expectRefused(
        'liar.docx',
        docxWithParagraphs(100_000, { declaredSize: 1000 }),
        'library.archive_too_large',
        `limit of ${MAX_EXTRACTED_BYTES} bytes`,
      );
    });

    it('a text longer than the limit → 413 library.text_too_long naming the limit, nothing stored; a DOCX under both limits is stored', async () => {
      await expectRefused(
        'long.txt',
        Buffer.from('terrorism financing '.repeat(3000)),
        'library.text_too_long',
        `limit of ${MAX_TEXT_CHARS} characters (LEXPACT_MAX_TEXT_CHARS)`,
      );
      await expectRefused(
        'long.docx',
        docxWithParagraphs(1000),
        'library.text_too_long',
        `limit of ${MAX_TEXT_CHARS} characters`,
      );
      expect((await upload('short.docx', docxWithParagraphs(500))).statusCode).toBe(201);
    });
  });
});
