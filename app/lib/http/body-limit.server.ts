/**
 * How many bytes a request body may have, per route. The server refuses a larger body with 413
 * before reading it (Content-Length) or as soon as the count passes the limit (chunked bodies), so no
 * request can make the process hold more than this. Numbers and reasons: docs/decisions/0009-limits.md.
 */
import { MAX_SOURCE_BYTES } from "~/lib/corpus/decode.server";

const MiB = 1024 * 1024;

/**
 * Every form but the import: the largest is a recommendation at its field limits (about 110,000
 * characters; percent-encoded Chinese takes 9 bytes a character), just under 1 MiB.
 */
export const FORM_BODY_LIMIT = 1 * MiB;

/** The import form carries the file (or pasted text) plus a few small fields and multipart framing. */
export const IMPORT_BODY_LIMIT = MAX_SOURCE_BYTES + 1 * MiB;

export function bodyLimitFor(pathname: string): number {
  return pathname === "/import" || pathname === "/import/" ? IMPORT_BODY_LIMIT : FORM_BODY_LIMIT;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${formatBytes(limit)}.`);
    this.name = "BodyTooLargeError";
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
