/**
 * An import previewed in the browser but not saved yet. The decoded text waits in a temporary file
 * (not in the form, so a 2 MB law does not travel back and forth) until the user saves or cancels;
 * abandoned previews expire after an hour.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DecodedSource } from "./decode.server";

const TTL_MS = 60 * 60 * 1000;
const ID = /^[0-9a-f-]{36}$/;

function dir(): string {
  const d = path.join(os.tmpdir(), "redline-pending-imports");
  fs.mkdirSync(d, { recursive: true });
  return d;
}

export interface PendingImport {
  id: string;
  fileName: string;
  decoded: DecodedSource;
  createdBy: number;
}

function sweep(): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir())) {
    const file = path.join(dir(), name);
    try {
      if (now - fs.statSync(file).mtimeMs > TTL_MS) fs.rmSync(file, { force: true });
    } catch {
      // another request removed it first
    }
  }
}

export function savePending(fileName: string, decoded: DecodedSource, createdBy: number): PendingImport {
  sweep();
  const pending: PendingImport = { id: randomUUID(), fileName, decoded, createdBy };
  fs.writeFileSync(path.join(dir(), `${pending.id}.json`), JSON.stringify(pending));
  return pending;
}

export function loadPending(id: string, userId: number): PendingImport | null {
  if (!ID.test(id)) return null;
  const file = path.join(dir(), `${id}.json`);
  if (!fs.existsSync(file)) return null;
  const pending = JSON.parse(fs.readFileSync(file, "utf8")) as PendingImport;
  return pending.createdBy === userId ? pending : null;
}

export function dropPending(id: string): void {
  if (ID.test(id)) fs.rmSync(path.join(dir(), `${id}.json`), { force: true });
}
