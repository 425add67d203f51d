import { convert, type HtmlToTextOptions } from 'html-to-text';
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import type { FileType } from '../../../contracts/library.ts';
import { isAppError } from '../../../lib/errors.ts';
import { archiveTooLarge, fileCorrupt, fileEmpty, pdfEncrypted, textTooLong } from './errors.ts';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './limits.ts';
import { decodeHtml, decodeText, tidyText } from './text.ts';
import { checkZipSize, ZipTooLargeError } from '../../../lib/zip.ts';

export { detectFileType, MEDIA_TYPES, type DetectedFile } from './detect.ts';
export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './limits.ts';

/**
 * Plain text of the file, whitespace tidied and NFC-normalised. A PDF without a text layer
 * (a scan) yields '' rather than an error: the document is still worth keeping. A file that unpacks
 * to more bytes, or holds more text, than the limits allow is refused (413).
 */
export async function extractText(
  bytes: Uint8Array,
  fileType: FileType,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<string> {
  if (bytes.length === 0) throw fileEmpty();
  const text = tidyText(await rawText(bytes, fileType, limits));
  if (text.length > limits.maxTextChars) throw textTooLong(limits.maxTextChars);
  return text;
}

async function rawText(bytes: Uint8Array, fileType: FileType, limits: ExtractionLimits): Promise<string> {
  switch (fileType) {
    case 'pdf':
      return pdfText(bytes, limits.maxTextChars);
    case 'docx':
      return docxText(bytes, limits.maxExtractedBytes);
    case 'html':
      return convert(nonBlank(decodeHtml(bytes)), HTML_OPTIONS);
    case 'txt':
    case 'md':
      // Markdown is kept as written: its markup is light and the search analyser ignores punctuation.
      return nonBlank(decodeText(bytes));
  }
}

function nonBlank(text: string): string {
  if (text.trim() === '') throw fileEmpty();
  return text;
}

async function pdfText(bytes: Uint8Array, maxTextChars: number): Promise<string> {
  let pdf;
  try {
    // pdfjs transfers (detaches) the buffer it is given, so it gets a copy and the caller keeps theirs.
    // Only errors are logged: recoverable structure warnings would otherwise go to stdout.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (error) {
    throw isPasswordError(error) ? pdfEncrypted() : fileCorrupt('PDF');
  }
  try {
    // Page by page, to stop reading once the text is over the limit. Pages are joined with a blank
    // line, so the last line of a page and the first of the next do not read as one paragraph.
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const { items } = await (await pdf.getPage(number)).getTextContent();
      // As unpdf's extractText reads a page.
      const page = tidyText(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      if (page) length += (length > 0 ? 2 : 0) + page.length;
      if (length > maxTextChars) throw textTooLong(maxTextChars);
      pages.push(page);
    }
    return pages.join('\n\n');
  } catch (error) {
    throw isAppError(error) ? error : fileCorrupt('PDF');
  } finally {
    await pdf.destroy();
  }
}

const isPasswordError = (error: unknown) => error instanceof Error && error.name === 'PasswordException';

async function docxText(bytes: Uint8Array, maxExtractedBytes: number): Promise<string> {
  try {
    // Before mammoth, which unpacks whole parts and holds their XML in memory many times over.
    checkZipSize(bytes, maxExtractedBytes);
  } catch (error) {
    throw error instanceof ZipTooLargeError ? archiveTooLarge('DOCX', maxExtractedBytes) : fileCorrupt('DOCX');
  }
  try {
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    return value;
  } catch {
    throw fileCorrupt('DOCX');
  }
}

const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { ignoreHref: true } },
    // Upper-casing headings and table headers would change the text users search and quote;
    // wide columns stop dataTable from wrapping long cells into interleaved lines.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 10_000 } },
  ],
};
