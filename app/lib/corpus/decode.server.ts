import { createHash } from "node:crypto";
import path from "node:path";
import iconv from "iconv-lite";
import mammoth from "mammoth";
import { IngestError } from "./errors";
import { importLimits, type ZipLimits } from "./limits.server";
import { checkZipLimits } from "./zip-limits.server";
import { sourceFormatOf } from "./parser/plain-text";

/** Largest file we accept: the biggest real law (Civil Code) is about 0.4 MB. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export interface DecodedSource {
  text: string;
  format: "markdown" | "text" | "docx";
  /** utf-8 | utf-16le | utf-16be | gb18030 | docx */
  encoding: string;
  sha256: string;
  bytes: number;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Turn the bytes of an uploaded or local file into text, exactly. UTF-8 first (a BOM is an encoding
 * mark, not text, and is dropped); GBK/GB18030, the usual encoding of Chinese .txt files, when the
 * bytes are not valid UTF-8; DOCX through mammoth's raw text (one paragraph per block), once its
 * archive is within `zipLimits`. Windows line ends become "\n": they are a property of the file,
 * not of the statute. Uploads and ingest call it inside the parse worker (parse-worker.server.ts).
 */
export async function decodeSource(
  bytes: Uint8Array,
  fileName: string,
  zipLimits: ZipLimits = importLimits().zip,
): Promise<DecodedSource> {
  const sha256 = sha256Hex(bytes);
  if (bytes.length === 0) throw new IngestError(fileName, null, "the file is empty");
  if (bytes.length > MAX_SOURCE_BYTES) {
    throw new IngestError(
      fileName,
      null,
      `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MB`,
    );
  }
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".docx" || isZip(bytes)) {
    if (!isZip(bytes)) throw new IngestError(fileName, null, "this .docx file is not a Word document (not a ZIP archive)");
    checkZipLimits(bytes, fileName, zipLimits);
    try {
      const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      const text = result.value.replace(/\r\n?/g, "\n");
      if (!text.trim()) throw new IngestError(fileName, null, "the Word document contains no text");
      return { text, format: "docx", encoding: "docx", sha256, bytes: bytes.length };
    } catch (error) {
      if (error instanceof IngestError) throw error;
      throw new IngestError(fileName, null, `the Word document could not be read (${(error as Error).message})`);
    }
  }
  if (ext === ".doc" || ext === ".pdf" || ext === ".wps") {
    throw new IngestError(fileName, null, `${ext} files are not supported: save the document as .docx, .md or .txt`);
  }
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le");
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be");
    encoding = "utf-16be";
  } else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
      encoding = "utf-8";
    } catch {
      text = iconv.decode(Buffer.from(bytes), "gb18030");
      encoding = "gb18030";
      if (text.includes("\uFFFD")) {
        const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
        throw new IngestError(fileName, line, "the file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8");
      }
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    throw new IngestError(fileName, text.slice(0, nul).split("\n").length, "the file looks binary (it contains NUL characters)");
  }
  const normalised = text.replace(/\r\n?/g, "\n");
  return { text: normalised, format: sourceFormatOf(normalised), encoding, sha256, bytes: bytes.length };
}
