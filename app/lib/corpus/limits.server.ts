/**
 * What one imported file may cost, read once from the environment (docs/decisions/0009-limits.md,
 * "Import"). The numbers come from what mammoth needs: about 40 bytes of heap per byte of Word XML.
 */
import { z } from "zod";

const MB = 1024 * 1024;

export interface ZipLimits {
  /** Entries in the archive's central directory. */
  maxEntries: number;
  /** Unpacked bytes of all entries together. */
  maxUnpackedBytes: number;
  /** Unpacked bytes of the XML parts (what mammoth parses into a tree). */
  maxXmlBytes: number;
}

export interface ImportLimits {
  zip: ZipLimits;
  /** Deadline for decoding and parsing one file in the worker. */
  parseTimeoutMs: number;
  /** Old-generation heap of the parse worker. */
  workerMemoryMb: number;
}

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ImportEnv = z.object({
  REDLINE_DOCX_MAX_ENTRIES: count(1000),
  REDLINE_DOCX_MAX_UNPACKED_MB: count(64),
  REDLINE_DOCX_MAX_XML_MB: count(12),
  REDLINE_PARSE_TIMEOUT_MS: count(30_000),
  REDLINE_PARSE_MEMORY_MB: count(768),
});

let cached: ImportLimits | null = null;

export function importLimits(): ImportLimits {
  if (cached) return cached;
  const parsed = ImportEnv.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue.path[0])} must be a positive whole number (got "${process.env[String(issue.path[0])]}")`);
  }
  const env = parsed.data;
  cached = {
    zip: {
      maxEntries: env.REDLINE_DOCX_MAX_ENTRIES,
      maxUnpackedBytes: env.REDLINE_DOCX_MAX_UNPACKED_MB * MB,
      maxXmlBytes: env.REDLINE_DOCX_MAX_XML_MB * MB,
    },
    parseTimeoutMs: env.REDLINE_PARSE_TIMEOUT_MS,
    workerMemoryMb: env.REDLINE_PARSE_MEMORY_MB,
  };
  return cached;
}

export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
