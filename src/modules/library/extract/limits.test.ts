import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { docxWithParagraphs } from '../../../../test/helpers/zip.ts';
import { AppError } from '../../../lib/errors.ts';
import { DEFAULT_EXTRACTION_LIMITS, detectFileType, extractText } from './extract.ts';
import { extractionPool, extractTextOffThread } from './off-thread.ts';

const FIXTURES = new URL('../../../../test/fixtures/library/', import.meta.url);
const fixture = async (name: string) => new Uint8Array(await readFile(new URL(name, FIXTURES)));
const MB = 1_048_576;

async function expectRefused(promise: Promise<unknown>, code: string, reason: RegExp) {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({
    status: 413,
    code,
    problems: [{ field: 'file', reason: expect.stringMatching(reason) }],
  });
}

describe('a DOCX that unpacks to more than LEXPACT_MAX_EXTRACTED_MB', () => {
  it('is refused with 413 library.archive_too_large, naming the 100 MB default, when its parts declare 300 MB', async () => {
    // 3 million paragraphs: word/document.xml of 300 MB in a file of about a megabyte.
    const bomb = docxWithParagraphs(3_000_000);
    expect(bomb.length).toBeLessThan(2 * MB);
    expect((await detectFileType(bomb, 'report.docx')).fileType).toBe('docx');
    await expectRefused(
      extractText(bomb, 'docx'),
      'library.archive_too_large',
      new RegExp(`limit of ${100 * MB} bytes \\(LEXPACT_MAX_EXTRACTED_MB\\)`),
    );
    await expect(extractText(bomb, 'docx')).rejects.toThrow('more than 100 MB');
  });

  it('is refused when its headers lie about the size: unpacking stops at the limit', async () => {
    // 30 MB of XML declared as 1,000 bytes: only inflating with a cap finds it out.
    const liar = docxWithParagraphs(300_000, { declaredSize: 1000 });
    await expectRefused(
      extractText(liar, 'docx', { ...DEFAULT_EXTRACTION_LIMITS, maxExtractedBytes: 10 * MB }),
      'library.archive_too_large',
      new RegExp(`limit of ${10 * MB} bytes`),
    );
  });

  it('is read when it stays under the limit', async () => {
    const text = await extractText(docxWithParagraphs(1000), 'docx', {
      ...DEFAULT_EXTRACTION_LIMITS,
      maxExtractedBytes: 1 * MB,
    });
    expect(text.split('\n\n')).toHaveLength(1000);
    expect(text).toContain('Whoever provides or collects funds for a terrorist act is punished.');
  });
});

describe('a text longer than LEXPACT_MAX_TEXT_CHARS', () => {
  const limits = { ...DEFAULT_EXTRACTION_LIMITS, maxTextChars: 60 };

  it.each([
    ['txt', 'note-ru.txt'],
    ['html', 'page-ar.html'],
    ['pdf', 'law-en.pdf'],
    ['docx', 'law-fr.docx'],
  ] as const)('is refused in a %s file with 413 library.text_too_long, naming the limit', async (fileType, name) => {
    const bytes = await fixture(name);
    expect((await extractText(bytes, fileType)).length).toBeGreaterThan(60);
    await expectRefused(
      extractText(bytes, fileType, limits),
      'library.text_too_long',
      /limit of 60 characters \(LEXPACT_MAX_TEXT_CHARS\)/,
    );
  });

  it('counts the text as stored, after spaces are tidied', async () => {
    const spaced = new TextEncoder().encode(`${'word      '.repeat(10)}`);
    expect(await extractText(spaced, 'txt', limits)).toBe(Array(10).fill('word').join(' '));
  });
});

describe('extraction on a worker thread', () => {
  it('gives the same text as on the calling thread, and the same refusals with their status and code', async () => {
    const bytes = await fixture('law-en.pdf');
    expect(await extractTextOffThread(bytes, 'pdf', DEFAULT_EXTRACTION_LIMITS)).toBe(await extractText(bytes, 'pdf'));
    await expectRefused(
      extractTextOffThread(docxWithParagraphs(300_000, { declaredSize: 1000 }), 'docx', {
        ...DEFAULT_EXTRACTION_LIMITS,
        maxExtractedBytes: 10 * MB,
      }),
      'library.archive_too_large',
      /LEXPACT_MAX_EXTRACTED_MB/,
    );
    const corrupt = extractTextOffThread(await fixture('corrupt.docx'), 'docx', DEFAULT_EXTRACTION_LIMITS);
    await expect(corrupt).rejects.toBeInstanceOf(AppError);
    await expect(corrupt).rejects.toMatchObject({ status: 422, code: 'library.file_corrupt' });
  });

  it('refuses a file that needs more memory than the worker has (413 library.file_too_complex), and the next file is read', async () => {
    const pool = extractionPool(64);
    // 20 MB of Word XML, within the unpacking limit, but mammoth needs far more than 64 MB of heap for it.
    await expectRefused(
      pool.run({ bytes: docxWithParagraphs(200_000), fileType: 'docx', limits: DEFAULT_EXTRACTION_LIMITS }),
      'library.file_too_complex',
      /out of memory/,
    );
    expect(
      await pool.run({ bytes: docxWithParagraphs(10), fileType: 'docx', limits: DEFAULT_EXTRACTION_LIMITS }),
    ).toContain('terrorist act');
  });
});
