import { unsupportedFileType } from './errors.ts';

/**
 * Decodes text strictly: a file that is not valid text in its encoding is refused rather than
 * indexed as mojibake. NUL bytes are refused too, because valid UTF-8 can still be binary data.
 * TextDecoder drops a leading BOM on its own.
 */
export function decodeText(bytes: Uint8Array, encoding = 'utf-8'): string {
  if (bytes.includes(0)) throw unsupportedFileType('File contains binary data, not text.');
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw unsupportedFileType(`File is not valid ${encoding.toUpperCase()} text.`);
  }
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i;

/** HTML may declare a legacy encoding (windows-1256 is common for Arabic pages); honour it. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = META_CHARSET.exec(head)?.[1]?.toLowerCase();
  return decodeText(bytes, declared && isKnownEncoding(declared) ? declared : 'utf-8');
}

function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** NFC, one space between words, single line breaks kept, at most one blank line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/gu, '\n')
    .replace(/(?![\n\t])\p{Cc}/gu, '')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ ?\n ?/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}
