import { inflateRawSync } from 'node:zlib';

/** One entry of a ZIP archive's central directory. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the archive declares it: a bomb may lie. */
  declaredSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

/** The archive unpacks to more than the limit (found before unpacking more than the limit). */
export class ZipTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the archive unpacks to more than ${limit} bytes`);
    this.limit = limit;
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Checks that a ZIP archive (a DOCX, an XLSX) unpacks to at most `limit` bytes in all, before any library
 * unpacks it whole: first the sizes its directory declares, then, because a forged directory can
 * declare anything, by inflating every entry with an output cap of what is left of the limit. Reading
 * stops at the limit, so a 300 KB file that would unpack to 300 MB costs at most `limit` bytes.
 */
export function checkZipSize(bytes: Uint8Array, limit: number): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buffer);
  const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0);
  if (declared > limit) throw new ZipTooLargeError(limit);
  let left = limit;
  for (const entry of entries) {
    const data = entryData(buffer, entry);
    let size: number;
    if (entry.method === STORED) size = data.length;
    else if (entry.method === DEFLATED) size = inflatedSize(data, left, limit);
    else throw new ZipFormatError(`entry ${entry.name} uses compression method ${entry.method}`);
    if (size > left) throw new ZipTooLargeError(limit);
    left -= size;
  }
}

function inflatedSize(data: Buffer, left: number, limit: number): number {
  try {
    // One byte over what is left is enough to know the limit is passed.
    return inflateRawSync(data, { maxOutputLength: left + 1 }).length;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLargeError(limit);
    throw new ZipFormatError('an entry is not valid deflate data');
  }
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER)
    throw new ZipFormatError(`entry ${entry.name} has no local header`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length)
    throw new ZipFormatError(`entry ${entry.name} runs past the end of the file`);
  return buffer.subarray(start, start + entry.compressedSize);
}

function centralDirectory(buffer: Buffer): ZipEntry[] {
  // The end record sits in the last 22 bytes plus a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (buffer.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory');
  let count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR)
      throw new ZipFormatError('no ZIP64 end of central directory locator');
    const end64 = safeNumber(buffer.readBigUInt64LE(locator + 8));
    if (end64 + 56 > buffer.length || buffer.readUInt32LE(end64) !== ZIP64_END_OF_DIRECTORY)
      throw new ZipFormatError('no ZIP64 end of central directory');
    count = safeNumber(buffer.readBigUInt64LE(end64 + 32));
    offset = safeNumber(buffer.readBigUInt64LE(end64 + 48));
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new ZipFormatError('central directory entry missing');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      declaredSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    };
    readZip64Sizes(buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset saturated at 0xFFFFFFFF are in the ZIP64 extra field, in this order. */
function readZip64Sizes(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length) throw new ZipFormatError('ZIP64 extra field too short');
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.declaredSize === 0xffffffff) entry.declaredSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('size out of range');
  return Number(value);
}
