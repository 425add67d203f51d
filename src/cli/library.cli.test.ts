import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND, createPostgresDatabase } from '../../test/helpers/db.ts';
import { FIXTURES_DIR, REPO_ROOT } from '../../test/helpers/fixtures.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');
const LIBRARY_FIXTURES = join(FIXTURES_DIR, 'library');
const STACK_FRAME = /\n\s+at\s+\S+/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The library commands as a user runs them. Each command is a process that opens the database, so the
 * tests run in order on one database and keep to a few commands.
 */
describe('the lexpact library commands', { timeout: 180_000 }, () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let dropDatabase = async () => {};
  let lawId: string;

  const lexpact = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });
  const json = (run: Run) => {
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lexpact-library-cli-'));
    env = { ...process.env, LEXPACT_DATA_DIR: dataDir, LEXPACT_SEED: 'auto', LEXPACT_LOG_LEVEL: 'silent', TZ: 'UTC' };
    delete env.LEXPACT_DATABASE_URL;
    delete env.LEXPACT_FILES_DIR;
    delete env.LEXPACT_MAX_UPLOAD_MB;
    if (TEST_DB_KIND === 'postgres') {
      const database = await createPostgresDatabase();
      env.LEXPACT_DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });
  afterAll(async () => {
    await dropDatabase();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('`library add` stores a PDF and prints its id; `library show --format json` prints the document with its references', async () => {
    // The first command creates and seeds the database, sample library content included.
    const add = await lexpact(
      'library',
      'add',
      'test/fixtures/library/law-en.pdf',
      '--kind',
      'legislation',
      '--language',
      'en',
      '--country',
      'NER',
      '--title',
      'Law No. 2008-12 on combating the financing of terrorism',
      '--adopted',
      '2008-06-01',
      '--instrument',
      'icsft-1999',
    );
    expect(add.stderr).not.toMatch(STACK_FRAME);
    expect(add.code, add.stderr).toBe(0);
    lawId = add.stdout.trim();
    expect(lawId).toMatch(UUID);

    const shown = json(await lexpact('library', 'show', lawId, '--format', 'json'));
    expect(shown).toMatchObject({
      id: lawId,
      kind: 'legislation',
      title: 'Law No. 2008-12 on combating the financing of terrorism',
      country: 'NER',
      countryName: 'Niger',
      adoptedDate: '2008-06-01',
      languages: ['en'],
      uri: expect.stringMatching(/^\/akn\/ne\/act\/2008\//),
      instruments: [expect.objectContaining({ instrument: 'icsft-1999' })],
      expressions: [
        expect.objectContaining({
          language: 'en',
          versionDate: '2008-06-01',
          file: expect.objectContaining({ filename: 'law-en.pdf', fileType: 'pdf' }),
        }),
      ],
    });
    const references = shown.references as Record<string, unknown>;
    expect(Object.keys(references).sort()).toEqual(['countries', 'instruments', 'resolutions', 'symbols']);
    expect(Object.values(references).every(Array.isArray)).toBe(true);

    // With --format json, `add` prints the stored document itself.
    const note = json(
      await lexpact(
        'library',
        'add',
        'test/fixtures/library/note-ru.txt',
        '--kind',
        'ta_tool',
        '--language',
        'ru',
        '--title',
        'Пояснительная записка',
        '--format',
        'json',
      ),
    );
    expect(note).toMatchObject({
      id: expect.stringMatching(UUID),
      kind: 'ta_tool',
      title: 'Пояснительная записка',
      country: null,
      languages: ['ru'],
    });
    expect(Object.keys(note).sort()).toEqual(Object.keys(shown).sort());
  });

  it('refuses a damaged file with a message, a non-zero exit and no stack trace', async () => {
    const run = await lexpact(
      'library',
      'add',
      'test/fixtures/library/corrupt.pdf',
      '--kind',
      'legislation',
      '--language',
      'en',
      '--country',
      'NER',
      '--title',
      'Damaged law on financing',
      '--format',
      'json',
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(/file:/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
  });

  it('`search --format json` prints the total and the results with their documented fields', async () => {
    const found = json(await lexpact('search', 'financing', '--format', 'json'));
    expect(Object.keys(found).sort()).toEqual(['results', 'total']);
    const results = found.results as Record<string, unknown>[];
    expect(found.total).toBe(results.length);
    for (const result of results)
      expect(Object.keys(result).sort()).toEqual(['country', 'id', 'kind', 'language', 'score', 'snippet', 'title']);
    expect(results).toContainEqual({
      id: lawId,
      title: 'Law No. 2008-12 on combating the financing of terrorism',
      kind: 'legislation',
      country: 'NER',
      language: 'en',
      snippet: expect.stringContaining('[[financing]]'),
      score: expect.any(Number),
    });
    // The refused file left nothing behind.
    expect(results.map((r) => r.title)).not.toContain('Damaged law on financing');
  });

  it('`search 技术援助 --lang zh` finds the sample Chinese report loaded on first use', async () => {
    const found = json(await lexpact('search', '技术援助', '--lang', 'zh', '--format', 'json'));
    const results = found.results as { title: string; kind: string; language: string; snippet: string }[];
    expect(found.total).toBe(1);
    expect(results[0]).toMatchObject({
      title: '协助执行与恐怖主义有关的国际公约和议定书：秘书长的报告',
      kind: 'un_document',
      language: 'zh',
      country: null,
    });
    expect(results[0]!.snippet).toContain('[[技术援助]]');

    // Piped, as here, the table shows the hits as plain words: no markers, no escape codes.
    const table = await lexpact('search', '技术援助', '--lang', 'zh');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('1 result');
    expect(table.stdout).toContain('技术援助');
    expect(table.stdout).not.toMatch(/\[\[|\]\]/);
    expect(table.stdout).not.toContain('\x1b');
  });

  it('`library import` of a folder with bad lines exits non-zero and names the file and line of each problem, LEXPACT_MAX_TEXT_CHARS included', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lexpact-library-cli-import-'));
    try {
      writeFileSync(
        join(folder, 'metadata.csv'),
        [
          'file,language,kind,title_en,country,adopted_date',
          'note-ru.txt,ru,ta_tool,Note on terrorist financing,,',
          'guide-es.md,es,legislation,Law of nowhere,XYZ,2010-01-01',
          'missing.pdf,en,legislation,Law whose file was forgotten,NER,2012-01-01',
          'long.txt,en,legislation,Law longer than the configured limit,NER,2012-01-01',
        ].join('\n'),
      );
      writeFileSync(
        join(folder, 'long.txt'),
        'Whoever provides or collects funds for a terrorist act is punished. '.repeat(20),
      );
      copyFileSync(join(LIBRARY_FIXTURES, 'note-ru.txt'), join(folder, 'note-ru.txt'));
      copyFileSync(join(LIBRARY_FIXTURES, 'guide-es.md'), join(folder, 'guide-es.md'));
      env.LEXPACT_MAX_TEXT_CHARS = '1000';
      const run = await lexpact('library', 'import', folder).finally(() => delete env.LEXPACT_MAX_TEXT_CHARS);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('nothing was stored');
      expect(run.stderr).toMatch(/metadata\.csv, line 3, country: .*XYZ/);
      expect(run.stderr).toMatch(/metadata\.csv, line 4, file: .*missing\.pdf/);
      expect(run.stderr).toMatch(
        /metadata\.csv, line 5, file: long\.txt: .*limit of 1000 characters \(LEXPACT_MAX_TEXT_CHARS\)/,
      );
      expect(run.stderr).not.toMatch(/line 2/);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
