import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import { detectFileType, extractText } from './extract.ts';
import { tidyText } from './text.ts';

const FIXTURES = new URL('../../../../test/fixtures/library/', import.meta.url);
const fixture = async (name: string) => new Uint8Array(await readFile(new URL(name, FIXTURES)));

/** Detects by content and name, then extracts, as an upload would. */
async function read(bytes: Uint8Array, filename: string) {
  const { fileType, mediaType } = await detectFileType(bytes, filename);
  return { fileType, mediaType, text: await extractText(bytes, fileType) };
}

async function expectFileError(promise: Promise<unknown>, status: number, code: string) {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({
    status,
    code,
    problems: [{ field: 'file', reason: expect.any(String) }],
  });
}

const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('detectFileType and extractText on good files', () => {
  it('reads both pages of an English PDF, with a paragraph break between pages', async () => {
    const { fileType, mediaType, text } = await read(await fixture('law-en.pdf'), 'law-en.pdf');
    expect({ fileType, mediaType }).toEqual({ fileType: 'pdf', mediaType: 'application/pdf' });
    expect(text).toContain('Law No. 2008-12 on combating the financing of terrorism');
    expect(text).toContain('Whoever provides or collects funds');
    expect(text).toMatch(/punished\.\n\nArticle 3\. The Central Authority shall cooperate with foreign States\./);
  });

  it('reads a French DOCX with its accents intact and paragraphs separated', async () => {
    const { fileType, mediaType, text } = await read(await fixture('law-fr.docx'), 'law-fr.docx');
    expect({ fileType, mediaType }).toEqual({ fileType: 'docx', mediaType: DOCX_MEDIA_TYPE });
    expect(text).toContain('Loi n° 2008-12 relative à la lutte contre le financement du terrorisme');
    expect(text).toContain('Article 2. Quiconque fournit ou réunit des fonds');
    expect(text).toContain('États étrangers');
    expect(text.split('\n\n')).toHaveLength(3);
  });

  it('reads Arabic HTML without script, style, image or link noise', async () => {
    const { fileType, mediaType, text } = await read(await fixture('page-ar.html'), 'page-ar.html');
    expect({ fileType, mediaType }).toEqual({ fileType: 'html', mediaType: 'text/html' });
    expect(text).toContain('قانون مكافحة الإرهاب');
    expect(text).toContain('تمويل الإرهاب جريمة يعاقب عليها القانون.');
    expect(text).toContain('النص الكامل');
    for (const noise of [
      'hiddenScriptMarker',
      'do not index',
      'font-family',
      'hidden-style-marker',
      'example.org',
      'seal.png',
      'ختم',
    ]) {
      expect(text).not.toContain(noise);
    }
  });

  it('reads Russian plain text and collapses runs of spaces', async () => {
    const { fileType, mediaType, text } = await read(await fixture('note-ru.txt'), 'note-ru.txt');
    expect({ fileType, mediaType }).toEqual({ fileType: 'txt', mediaType: 'text/plain' });
    expect(text).toContain('Финансирование терроризма является уголовным преступлением.');
    expect(text).toContain('ответственность за финансирование терроризма');
    expect(text.startsWith('Пояснительная записка\n\n')).toBe(true);
  });

  it('reads Spanish Markdown as written', async () => {
    const { fileType, mediaType, text } = await read(await fixture('guide-es.md'), 'guide-es.md');
    expect({ fileType, mediaType }).toEqual({ fileType: 'md', mediaType: 'text/markdown' });
    expect(text).toContain('# Guía legislativa');
    expect(text).toContain('**financiación del terrorismo**');
  });

  it('judges by content: a PDF renamed .txt is a PDF', async () => {
    const { fileType, text } = await read(await fixture('law-en.pdf'), 'law.txt');
    expect(fileType).toBe('pdf');
    expect(text).toContain('Central Authority');
  });

  it('takes XHTML, which file-type sees as XML, as HTML', async () => {
    const xhtml = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Loi</p></body></html>',
    );
    expect((await detectFileType(xhtml, 'loi.xhtml')).fileType).toBe('html');
    await expectFileError(detectFileType(xhtml, 'loi.xml'), 415, 'library.unsupported_file_type');
  });

  it('treats an upper-case extension like a lower-case one', async () => {
    expect(await detectFileType(await fixture('note-ru.txt'), 'NOTE.TXT')).toEqual({
      fileType: 'txt',
      mediaType: 'text/plain',
    });
  });

  it('leaves the caller’s bytes usable after reading a PDF', async () => {
    const bytes = await fixture('law-en.pdf');
    const before = bytes.length;
    await extractText(bytes, 'pdf');
    expect(bytes.length).toBe(before);
    expect(await extractText(bytes, 'pdf')).toContain('Law No. 2008-12');
  });

  it('strips a UTF-8 BOM and normalises to NFC', async () => {
    const decomposed = 'Re\u0301publique'; // "é" as e + combining acute
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(decomposed)]);
    const text = await extractText(bytes, 'txt');
    expect(text).toBe('République');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('decodes HTML in the legacy encoding its meta tag declares', async () => {
    // "قانون" in windows-1256.
    const word = [0xde, 0xc7, 0xe4, 0xe6, 0xe4];
    const html = new Uint8Array([
      ...new TextEncoder().encode('<html><head><meta charset="windows-1256"></head><body><p>'),
      ...word,
      ...new TextEncoder().encode('</p></body></html>'),
    ]);
    expect(await extractText(html, 'html')).toBe('قانون');
  });
});

describe('tidyText', () => {
  it('collapses spaces and tabs, keeps line and paragraph breaks, drops control characters', () => {
    expect(tidyText('  a \t b\u00a0 c \r\nd\n\n\n\ne\u0007f\fg  ')).toBe('a b c\nd\n\nef\ng');
  });
});

describe('bad input', () => {
  it('refuses an empty file', async () => {
    const empty = await fixture('empty.txt');
    expect(empty.length).toBe(0);
    await expectFileError(detectFileType(empty, 'empty.txt'), 422, 'library.file_empty');
    await expectFileError(extractText(empty, 'pdf'), 422, 'library.file_empty');
  });

  it('refuses text, HTML and Markdown files holding only whitespace', async () => {
    const blank = new TextEncoder().encode(' \n\t\r\n  ');
    for (const [name, type] of [
      ['blank.txt', 'txt'],
      ['blank.md', 'md'],
      ['blank.html', 'html'],
    ] as const) {
      const { fileType } = await detectFileType(blank, name);
      expect(fileType).toBe(type);
      await expectFileError(extractText(blank, fileType), 422, 'library.file_empty');
    }
  });

  it('refuses a PNG, even when named .pdf, and says which types are accepted', async () => {
    const png = await fixture('image.png');
    await expectFileError(detectFileType(png, 'image.png'), 415, 'library.unsupported_file_type');
    await expectFileError(detectFileType(png, 'image.pdf'), 415, 'library.unsupported_file_type');
    await expect(detectFileType(png, 'image.png')).rejects.toThrow(/PDF, DOCX, HTML, TXT and Markdown/);
  });

  it('refuses random bytes named .pdf or .docx', async () => {
    const random = new Uint8Array(512).map((_, i) => (i * 97 + 13) % 256);
    await expectFileError(detectFileType(random, 'law.pdf'), 415, 'library.unsupported_file_type');
    await expectFileError(detectFileType(random, 'law.docx'), 415, 'library.unsupported_file_type');
  });

  it('refuses a ZIP that is not a DOCX, whatever its name', async () => {
    const zip = await fixture('archive.zip');
    await expectFileError(detectFileType(zip, 'law.docx'), 415, 'library.unsupported_file_type');
    await expectFileError(detectFileType(zip, 'law.zip'), 415, 'library.unsupported_file_type');
  });

  it('refuses an unknown extension on text and a file without extension', async () => {
    const text = new TextEncoder().encode('plain words');
    await expectFileError(detectFileType(text, 'notes.rtf'), 415, 'library.unsupported_file_type');
    await expectFileError(detectFileType(text, 'notes'), 415, 'library.unsupported_file_type');
  });

  it('refuses a .txt that is not valid UTF-8 or contains NUL bytes', async () => {
    const latin1 = new Uint8Array([0x52, 0xe9, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x71, 0x75, 0x65]); // "République" in Latin-1
    await expectFileError(detectFileType(latin1, 'note.txt'), 415, 'library.unsupported_file_type');
    await expectFileError(extractText(latin1, 'txt'), 415, 'library.unsupported_file_type');
    const withNul = new TextEncoder().encode('abc\u0000def');
    await expectFileError(detectFileType(withNul, 'note.md'), 415, 'library.unsupported_file_type');
  });

  it('reports a damaged PDF as corrupt', async () => {
    const corrupt = await fixture('corrupt.pdf');
    expect((await detectFileType(corrupt, 'corrupt.pdf')).fileType).toBe('pdf');
    await expectFileError(extractText(corrupt, 'pdf'), 422, 'library.file_corrupt');
  });

  it('reports a truncated DOCX as corrupt, not unsupported', async () => {
    const corrupt = await fixture('corrupt.docx');
    expect((await detectFileType(corrupt, 'corrupt.docx')).fileType).toBe('docx');
    await expectFileError(extractText(corrupt, 'docx'), 422, 'library.file_corrupt');
  });

  it('reports a password-protected PDF as encrypted', async () => {
    const encrypted = await fixture('encrypted.pdf');
    expect((await detectFileType(encrypted, 'encrypted.pdf')).fileType).toBe('pdf');
    await expectFileError(extractText(encrypted, 'pdf'), 422, 'library.pdf_encrypted');
  });
});
