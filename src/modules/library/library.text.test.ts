import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { multipart } from '../../../test/helpers/library.ts';
import { documentSchema, versionTextSchema, type DocumentInput } from '../../contracts/library.ts';
import { SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS } from '../../db/seed.ts';
import { CLI_CONTEXT } from '../audit/audit.service.ts';
import { COMMAND_LINE_ACTOR } from './library.documents.ts';
import { importLibraryFolder } from './library.import.ts';
import { INLINE_RENDER_CHARS } from './render/off-thread.ts';
import { postgresSearchIndex } from './search/postgres-search.ts';
import { localFileStore } from './storage/file-store.ts';

const HOSTILE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Window title</title>
<script>fetch('/api/v1/me')</script><style>body{display:none}</style></head>
<body onload="steal()"><h1 id="root" class="big">Loi n° 2008-12</h1>
<p style="color:red">Article premier. <a href="javascript:alert(1)">lien</a>
<a href="https://www.unodc.org/">ONUDC</a></p>
<img src="https://tracker.example/p.gif" onerror="alert(2)" alt="Sceau"><iframe src="https://evil.example"></iframe>
<table><tr><th>Infraction</th><th>Peine</th></tr><tr><td>Financement</td><td>10 ans</td></tr></table></body></html>`;

describe('the text of a library version, rendered', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let filesDir: string;
  let admin: Record<string, string>;
  let reportId: string;

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  /** Adds a document with one file and answers its current version's text. */
  const upload = async (name: string, content: string, visibility: DocumentInput['visibility'] = 'public') => {
    const metadata: Partial<DocumentInput> = {
      kind: 'legislation',
      titles: { fr: `Texte ${name}` },
      country: 'NER',
      visibility,
    };
    const file = { name, bytes: Buffer.from(content) };
    const body = await multipart({ metadata: JSON.stringify(metadata), language: 'fr' }, file);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/library/documents',
      payload: body.payload,
      headers: { ...admin, 'content-type': body.contentType },
    });
    expect(created.statusCode, created.body).toBe(201);
    return (created.json() as { id: string }).id;
  };
  const textOf = async (id: string, headers: Record<string, string> = {}) => {
    const doc = documentSchema.parse((await get(`/api/v1/library/documents/${id}`, admin)).json());
    const response = await get(`/api/v1/library/documents/${id}/versions/${doc.current[0]!.id}/text`, headers);
    expect(response.statusCode, response.body).toBe(200);
    return versionTextSchema.parse(response.json());
  };

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-library-text-'));
    const made = await createTestApp({ library: { filesDir } });
    app = made.app;
    close = made.close;
    const { db } = made.database;
    const user = await createUser(db, { email: 'admin@example.org', role: 'administrator' });
    admin = await sessionHeaders(db, TEST_CLOCK, user, true);
    const report = await importLibraryFolder(
      {
        db,
        files: localFileStore(filesDir),
        search: postgresSearchIndex,
        clock: TEST_CLOCK,
        maxUploadBytes: 50 * 1_048_576,
      },
      COMMAND_LINE_ACTOR,
      CLI_CONTEXT,
      join(SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS),
    );
    reportId = report.imported[0]!.id!;
  });
  afterAll(async () => {
    await close?.();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('renders the shipped Markdown report with its headings, its table and a table of contents', async () => {
    const text = await textOf(reportId);
    expect(text.rendering).toBe('markdown');
    expect(text.html).toContain('<h2 id="sec-目录">目录</h2>');
    expect(text.html).toContain('<th>页次</th>');
    expect(text.html).not.toMatch(/^#{1,6} |\|-{3,}/m);
    expect(text.toc.slice(0, 3)).toEqual([
      { level: 2, id: 'sec-经济及社会理事会', text: '经济及社会理事会' },
      { level: 3, id: 'sec-预防犯罪和刑事司法委员会', text: '预防犯罪和刑事司法委员会' },
      {
        level: 3,
        id: 'sec-协助执行与恐怖主义有关的国际公约和议定书',
        text: '协助执行与恐怖主义有关的国际公约和议定书',
      },
    ]);
    for (const entry of text.toc) expect(text.html).toContain(` id="${entry.id}"`);
    // The extracted text, as search indexes it, is still there for API clients.
    expect(text.text).toContain('## 目录');
  });

  it('sanitises an HTML original: no script, handler, style, frame or image, links made safe', async () => {
    const text = await textOf(await upload('loi.html', HOSTILE_HTML));
    expect(text.rendering).toBe('html');
    expect(text.html).toContain('<h1 id="sec-loi-n-2008-12">Loi n° 2008-12</h1>');
    expect(text.html).toContain('<a href="https://www.unodc.org/" rel="noopener noreferrer">ONUDC</a>');
    expect(text.html).toContain('<td>Financement</td>');
    expect(text.html).toContain('Sceau');
    expect(text.html).not.toMatch(/<script|<style|<iframe|<img|onload|onerror|javascript:|style=/);
    expect(text.html).not.toMatch(/class="big"|id="root"|Window title/);
  });

  it('sanitises raw HTML written inside Markdown', async () => {
    const source = '# Note\n\n<script>alert(1)</script>\n\n<p onclick="x()" style="color:red">Texte</p>\n';
    const text = await textOf(await upload('note.md', source));
    expect(text.html!.replace(/\n+/g, '')).toBe('<h1 id="sec-note">Note</h1><p>Texte</p>');
  });

  it('leaves a .txt original plain, even when it looks like Markdown', async () => {
    const text = await textOf(await upload('plain.txt', '## Article 1\n\n| not | a table |'));
    expect(text).toEqual({
      language: 'fr',
      text: '## Article 1\n\n| not | a table |',
      rendering: 'plain',
      html: null,
      toc: [],
    });
  });

  it('renders a long Markdown text off the main thread, with the same answer', async () => {
    const paragraph = 'Le financement du terrorisme est puni. '.repeat(40);
    const section = (n: number) => `## Article ${n}\n\n${paragraph}\n\n| a | b |\n|---|---|\n| ${n} | x |\n\n`;
    const count = Math.ceil(INLINE_RENDER_CHARS / 1500) + 10;
    const source = Array.from({ length: count }, (_, n) => section(n + 1)).join('');
    expect(source.length).toBeGreaterThan(INLINE_RENDER_CHARS);
    const text = await textOf(await upload('long.md', source));
    expect(text.toc[0]).toEqual({ level: 2, id: 'sec-article-1', text: 'Article 1' });
    expect(text.html).toContain(`<h2 id="sec-article-${count}">Article ${count}</h2>`);
    expect(text.html).toContain(`<td>${count}</td>`);
  });

  it("keeps a restricted document's text from those who may not read it", async () => {
    const id = await upload('secret.md', '# Confidential\n\nText.', 'restricted');
    expect((await textOf(id, admin)).html).toContain('Confidential');
    const doc = documentSchema.parse((await get(`/api/v1/library/documents/${id}`, admin)).json());
    const anonymous = await get(`/api/v1/library/documents/${id}/versions/${doc.current[0]!.id}/text`);
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.body).not.toContain('Confidential');
  });
});
