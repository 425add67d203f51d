import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { libraryCounts, multipart } from '../../../test/helpers/library.ts';

type Headers = Record<string, string>;

const METADATA = JSON.stringify({ kind: 'legislation', titles: { en: 'Law on the financing of terrorism' }, country: 'NER', adoptedDate: '2008-06-01' });
const TEXT = Buffer.from('Article 1. Whoever provides or collects funds for a terrorist act is punished.\n'.repeat(200));

describe('multipart uploads cut short', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let filesDir: string;
  let admin: Headers;
  let documentId: string;

  const send = (url: string, contentType: string, payload: Buffer) =>
    context.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...admin, 'content-type': contentType }, payload });
  const activityCount = async () => (await context.app.inject({ method: 'GET', url: '/api/v1/programme/activities', headers: admin })).json().total as number;
  const expectMalformed = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, code: 'request.malformed_multipart', detail: expect.stringContaining('nothing was saved') });
  };

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-library-cut-'));
    context = await createTestApp({ library: { filesDir } });
    const db = context.database.db;
    const organisation = await createOrganization(db, 'UNODC', 'un');
    admin = await sessionHeaders(db, TEST_CLOCK, await createUser(db, { email: 'admin@example.org', role: 'administrator', organizationId: organisation.id }), true);
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
    const body = await multipart({ metadata: METADATA.replace('Law on', 'Another law on'), language: 'en' }, { name: 'law.txt', bytes: TEXT });
    for (const [, cut] of cuts(body.payload)) {
      const before = await libraryCounts(context.database.db, filesDir);
      expectMalformed(await send('/library/documents', body.contentType, cut));
      expect(await libraryCounts(context.database.db, filesDir)).toEqual(before);
    }
  });

  it('a new version whose body ends early → 400, and the document keeps its one version', async () => {
    const body = await multipart({ language: 'fr', versionDate: '2010-01-01' }, { name: 'loi.txt', bytes: TEXT });
    for (const [, cut] of cuts(body.payload)) expectMalformed(await send(`/library/documents/${documentId}/versions`, body.contentType, cut));
    const document = await context.app.inject({ method: 'GET', url: `/api/v1/library/documents/${documentId}`, headers: admin });
    expect(document.json().languages).toEqual(['en']);
  });

  it('an activities import whose body ends early → 400, nothing imported', async () => {
    const csv = Buffer.from('code,title,type,start_date,end_date,countries\nA-1,Workshop,national_workshop,2013-03-10,2013-03-12,NER\n');
    const body = await multipart({}, { name: 'activities.csv', bytes: csv });
    const before = await activityCount();
    for (const [, cut] of cuts(body.payload)) expectMalformed(await send('/programme/activities/import', body.contentType, cut));
    expect(await activityCount()).toBe(before);
  });

  it('a multipart body sent without its boundary → 400 request.malformed_multipart', async () => {
    const body = await multipart({ metadata: METADATA, language: 'en' }, { name: 'law.txt', bytes: TEXT });
    expectMalformed(await send('/library/documents', 'multipart/form-data', body.payload));
  });
});
