import { convert, type HtmlToTextOptions } from 'html-to-text';
import mammoth from 'mammoth';
import { extractText as extractPdfPages, getDocumentProxy } from 'unpdf';
import type { FileType } from '../../../contracts/library.ts';
import { fileCorrupt, fileEmpty, pdfEncrypted } from './errors.ts';
import { decodeHtml, decodeText, tidyText } from './text.ts';

export { detectFileType, MEDIA_TYPES, type DetectedFile } from './detect.ts';

/**
 * Plain text of the file, whitespace tidied and NFC-normalised. A PDF without a text layer
 * (a scan) yields '' rather than an error: the document is still worth keeping.
 */
export async function extractText(bytes: Uint8Array, fileType: FileType): Promise<string> {
  if (bytes.length === 0) throw fileEmpty();
  switch (fileType) {
    case 'pdf':
      return tidyText(await pdfText(bytes));
    case 'docx':
      return tidyText(await docxText(bytes));
    case 'html':
      return tidyText(convert(nonBlank(decodeHtml(bytes)), HTML_OPTIONS));
    case 'txt':
    case 'md':
      // Markdown is kept as written: its markup is light and the search analyser ignores punctuation.
      return tidyText(nonBlank(decodeText(bytes)));
  }
}

function nonBlank(text: string): string {
  if (text.trim() === '') throw fileEmpty();
  return text;
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  let pdf;
  try {
    // pdfjs transfers (detaches) the buffer it is given, so it gets a copy and the caller keeps theirs.
    // Only errors are logged: recoverable structure warnings would otherwise go to stdout.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (error) {
    throw isPasswordError(error) ? pdfEncrypted() : fileCorrupt('PDF');
  }
  try {
    // Pages are joined with a blank line (unlike mergePages, which uses one line break), so the last
    // line of a page and the first of the next do not read as one paragraph.
    const { text } = await extractPdfPages(pdf, { mergePages: false });
    return text.join('\n\n');
  } catch {
    throw fileCorrupt('PDF');
  } finally {
    await pdf.destroy();
  }
}

const isPasswordError = (error: unknown) => error instanceof Error && error.name === 'PasswordException';

async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
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
