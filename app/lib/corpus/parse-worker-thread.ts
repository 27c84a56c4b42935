/**
 * The code that runs inside the parse worker (started by parse-worker.server.ts): decode and parse
 * one file per message, and answer with the result or the error's parts (a class does not survive
 * postMessage).
 */
import { parentPort } from "node:worker_threads";
import { decodeSource } from "./decode.server";
import { IngestError } from "./errors";
import { parseLawText } from "./parse";
import type { WorkerJob, WorkerReply } from "./parse-worker.server";

const port = parentPort!;

port.on("message", async (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    const decoded = "bytes" in job ? await decodeSource(job.bytes, job.fileName, job.zipLimits) : job.decoded;
    const parsed = parseLawText(decoded.text, { format: decoded.format === "markdown" ? "markdown" : "text", shape: job.shape });
    reply = { id: job.id, ok: true, decoded: "bytes" in job ? decoded : null, parsed };
  } catch (error) {
    reply =
      error instanceof IngestError
        ? { id: job.id, ok: false, ingest: { file: error.file, line: error.line, reason: error.reason } }
        : { id: job.id, ok: false, unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});

port.postMessage({ ready: true });
