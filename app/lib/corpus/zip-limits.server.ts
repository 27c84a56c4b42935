/**
 * Refuse a ZIP archive (a .docx) that would cost too much to open, before mammoth extracts anything.
 * Two steps: the central directory's declared sizes and entry count against the limits (a zip bomb
 * says what it is: 0.96 MB declaring 250 MB of XML is refused in microseconds); then every entry is
 * inflated with its declared size as the ceiling, so an archive that lies about its sizes is refused
 * too, after at most `maxUnpackedBytes` of work. Format: PKWARE APPNOTE 6.3, sections 4.3.7-4.3.16.
 */
import { inflateRawSync } from "node:zlib";
import { IngestError } from "./errors";
import { formatMb, type ZipLimits } from "./limits.server";

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

/** The parts mammoth parses as XML; everything else (media) is only ever copied. */
const XML_PART_RE = /\.(xml|rels)$/i;

export function checkZipLimits(bytes: Uint8Array, fileName: string, limits: ZipLimits): void {
  const entries = readCentralDirectory(bytes, fileName, limits);
  let unpacked = 0;
  let xml = 0;
  let largestXml: ZipEntry | null = null;
  for (const entry of entries) {
    unpacked += entry.unpackedSize;
    if (XML_PART_RE.test(entry.name)) {
      xml += entry.unpackedSize;
      if (!largestXml || entry.unpackedSize > largestXml.unpackedSize) largestXml = entry;
    }
  }
  if (xml > limits.maxXmlBytes) {
    throw new IngestError(
      fileName,
      null,
      `the Word document's XML unpacks to ${formatMb(xml)} (${largestXml!.name}: ${formatMb(largestXml!.unpackedSize)}); the limit is ${formatMb(limits.maxXmlBytes)}`,
    );
  }
  if (unpacked > limits.maxUnpackedBytes) {
    throw new IngestError(fileName, null, `the Word document unpacks to ${formatMb(unpacked)}; the limit is ${formatMb(limits.maxUnpackedBytes)}`);
  }
  for (const entry of entries) verifyUnpackedSize(bytes, entry, fileName);
}

function unreadable(fileName: string, detail: string): IngestError {
  return new IngestError(fileName, null, `the Word document could not be read (${detail})`);
}

function readCentralDirectory(bytes: Uint8Array, fileName: string, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) throw unreadable(fileName, "its ZIP directory is missing");
  const total = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // ZIP64 marks its real values with all-ones fields; a Word document never needs it.
  if (total === 0xffff || directoryOffset === 0xffffffff) throw unreadable(fileName, "a ZIP64 archive, which Word never writes");
  if (total > limits.maxEntries) {
    throw new IngestError(fileName, null, `the Word document has ${total} parts; the limit is ${limits.maxEntries}`);
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < total; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw unreadable(fileName, "its ZIP directory is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw unreadable(fileName, "its ZIP directory is damaged");
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      unpackedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflate one entry with its declared size as the ceiling: a lying header is refused, not obeyed. */
function verifyUnpackedSize(bytes: Uint8Array, entry: ZipEntry, fileName: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) throw unreadable(fileName, `${entry.name} is missing`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw unreadable(fileName, `${entry.name} is cut short`);
  let actual: number;
  if (entry.method === STORED) actual = data.length;
  else if (entry.method === DEFLATED) {
    try {
      // One byte over the declared size is enough to know that it lies.
      actual = inflateRawSync(data, { maxOutputLength: entry.unpackedSize + 1 }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") actual = entry.unpackedSize + 1;
      else throw unreadable(fileName, `${entry.name} cannot be unpacked`);
    }
  } else throw unreadable(fileName, `${entry.name} uses ZIP compression method ${entry.method}, which Word never writes`);
  if (actual !== entry.unpackedSize) {
    throw unreadable(fileName, `${entry.name} unpacks to more or less than the ${entry.unpackedSize} bytes it declares`);
  }
}
