import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { FileType } from '../../../contracts/library.ts';
import { fileEmpty, unsupportedFileType } from './errors.ts';
import { decodeHtml, decodeText } from './text.ts';

export interface DetectedFile {
  fileType: FileType;
  mediaType: string;
}

export const MEDIA_TYPES: Record<FileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
};

type TextFileType = Extract<FileType, 'html' | 'txt' | 'md'>;

const TEXT_EXTENSIONS: Record<string, TextFileType> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

const detected = (fileType: FileType): DetectedFile => ({ fileType, mediaType: MEDIA_TYPES[fileType] });

/**
 * Decides the type from the bytes first (magic numbers via `file-type`), then the file name's
 * extension for text formats, which have no magic number. The name never overrides the content:
 * a PDF renamed `.txt` is a PDF, and binary data renamed `.pdf` is refused.
 */
export async function detectFileType(bytes: Uint8Array, filename: string): Promise<DetectedFile> {
  if (bytes.length === 0) throw fileEmpty();
  const extension = extname(filename).toLowerCase();
  const sniffed = await sniff(bytes);

  if (sniffed === 'pdf') return detected('pdf');
  if (sniffed === 'docx') return detected('docx');
  // file-type knows a DOCX by its [Content_Types].xml part; when truncation cuts that part off it
  // sees only a ZIP. Entries named word/… still mark it as a damaged DOCX ("corrupt", not "unsupported").
  if (sniffed === 'zip' && hasWordPart(bytes)) return detected('docx');
  // XML is text (XHTML starts with an XML declaration), so the extension decides, as for other text.
  if (sniffed !== undefined && sniffed !== 'xml')
    throw unsupportedFileType(`Detected content type "${sniffed}" is not accepted.`);

  const textType = TEXT_EXTENSIONS[extension];
  if (!textType) {
    throw unsupportedFileType(
      extension ? `File extension "${extension}" is not accepted.` : 'File type could not be recognised.',
    );
  }
  // Validates now, so a binary file with a text extension is refused at upload, not at indexing.
  if (textType === 'html') decodeHtml(bytes);
  else decodeText(bytes);
  return detected(textType);
}

async function sniff(bytes: Uint8Array): Promise<string | undefined> {
  try {
    return (await fileTypeFromBuffer(bytes))?.ext;
  } catch {
    // A container too malformed for file-type is treated as unrecognised content.
    return undefined;
  }
}

const LOCAL_FILE_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function hasWordPart(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (
    let at = buffer.indexOf(LOCAL_FILE_HEADER);
    at !== -1 && at + 30 <= buffer.length;
    at = buffer.indexOf(LOCAL_FILE_HEADER, at + 4)
  ) {
    const nameLength = buffer.readUInt16LE(at + 26);
    const name = buffer.toString('latin1', at + 30, Math.min(at + 30 + nameLength, buffer.length));
    if (name.startsWith('word/')) return true;
  }
  return false;
}
