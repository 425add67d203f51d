import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A run of bytes repeated `times` times: how a huge, highly compressible part is described without building it. */
export interface Run {
  bytes: Buffer;
  times?: number;
}

export interface ZipEntry {
  name: string;
  runs: Run[];
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

/**
 * Deflates each run once and repeats its output: each run is flushed fully (byte-aligned, no reference
 * to earlier data), so the copies chain into one valid stream. 300 MB of repeated XML thus costs the
 * test a few hundred kilobytes and no 300 MB buffer, like the bombs people upload.
 */
function deflateRuns(runs: Run[]): { data: Buffer; size: number; crc: number } {
  const parts: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const { bytes, times = 1 } of runs) {
    const block = deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) {
      parts.push(block);
      crc = crc32(bytes, crc);
    }
    size += bytes.length * times;
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return { data: Buffer.concat(parts), size, crc };
}

/** A ZIP archive (deflated entries, no ZIP64), as Word and every zip tool write one. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { data, size, crc } = deflateRuns(entry.runs);
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x00210000, 10);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_END = '</w:body></w:document>';
const PARAGRAPH =
  '<w:p><w:r><w:t>Whoever provides or collects funds for a terrorist act is punished. </w:t></w:r></w:p>';

/**
 * A DOCX whose word/document.xml holds `paragraphs` copies of one paragraph: about 100 bytes of XML
 * and 70 characters of text each. `declaredSize` makes the headers lie about the part's size.
 */
export function docxWithParagraphs(paragraphs: number, { declaredSize }: { declaredSize?: number } = {}): Buffer {
  // Runs of 10,000 paragraphs (1 MB of XML) keep the deflated copy of each run small.
  const perRun = Math.min(paragraphs, 10_000);
  const runs: Run[] = [{ bytes: Buffer.from(DOCUMENT_START) }];
  if (paragraphs >= perRun && perRun > 0)
    runs.push({ bytes: Buffer.from(PARAGRAPH.repeat(perRun)), times: Math.floor(paragraphs / perRun) });
  if (paragraphs % perRun) runs.push({ bytes: Buffer.from(PARAGRAPH.repeat(paragraphs % perRun)) });
  runs.push({ bytes: Buffer.from(DOCUMENT_END) });
  return zipArchive([
    { name: '[Content_Types].xml', runs: [{ bytes: Buffer.from(CONTENT_TYPES) }] },
    { name: '_rels/.rels', runs: [{ bytes: Buffer.from(RELS) }] },
    { name: 'word/document.xml', runs, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ]);
}
