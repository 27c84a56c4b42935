/**
 * The bridge from Node's http server to Remix (used by scripts/serve.mjs through the server build),
 * in place of @remix-run/express's adapter, for what that adapter cannot do:
 * - bound every request body (413 before reading when Content-Length says too much, and as soon as a
 *   chunked body passes the limit: the route never sees a partial body);
 * - learn the client's address and scheme from the trusted proxies only (./proxy.server.ts);
 * - answer a cross-site POST with 403 on every route (Remix's own check throws, which is a 500);
 * - give loaders and actions that address in the load context (`context.clientIp`);
 * - answer anonymous visitors' public pages from ./response-cache.server.ts.
 * docs/decisions/0009-limits.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import { isSameOriginRequest } from "~/lib/auth/session.server";
import { BodyTooLargeError, bodyLimitFor, formatBytes } from "./body-limit.server";
import { resolveClient, type TrustedProxies } from "./proxy.server";
import { createResponseCache, sendCachedResponse } from "./response-cache.server";

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What loaders and actions find in `context` (read by clientIp in app/lib/auth/login.server.ts). */
interface RedlineLoadContext {
  clientIp: string | null;
}

/** True when a declared Content-Length already exceeds the route's limit (checked before any byte is read). */
export function declaresTooLarge(req: IncomingMessage): boolean {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > bodyLimitFor(pathnameOf(req));
}

function pathnameOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** How long, and how much, a refused client may go on sending while it reads our answer. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * End the connection after this response without reading the rest of the body. Node would destroy
 * the socket as soon as the response is written; with request bytes still unread, that sends a reset
 * and most clients lose the response. So close our side only and drop what the client still sends,
 * for a bounded time and byte count (nginx's "lingering close"), so that it can read the answer.
 */
function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Connection", "close");
  const socket = req.socket;
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
    socket.once("close", () => clearTimeout(timer));
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) socket.destroy();
    });
    req.resume();
  };
}

/** 413, and the rest of the body is never read. */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return;
  const limit = formatBytes(bodyLimitFor(pathnameOf(req)));
  closeAfterResponse(req, res);
  res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(`请求内容超过 ${limit} 上限，未处理。\nThe request body is larger than the ${limit} limit and was not processed.\n`);
}

/** The body as a web stream that errors (never ends early) once it passes `limit` bytes. */
function limitedBody(req: IncomingMessage, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received <= limit) return callback(null, chunk);
      req.unpipe(counter);
      req.pause();
      onTooLarge();
      callback(new BodyTooLargeError(limit));
    },
  });
  req.pipe(counter);
  req.once("error", (error) => counter.destroy(error));
  return createReadableStreamFromReadable(counter);
}

/** Forwarding headers reach the app only from a trusted proxy: anyone else may have made them up. */
const FORWARDING_HEADERS = new Set(["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"]);

function requestHeaders(req: IncomingMessage, fromTrustedProxy: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || (!fromTrustedProxy && FORWARDING_HEADERS.has(name))) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function createNodeHandler(
  build: ServerBuild,
  options: { mode: string; trustedProxies: TrustedProxies },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handle = createRequestHandler(build, options.mode);
  const responseCache = createResponseCache();
  return async (req, res) => {
    if (declaresTooLarge(req)) return refuseTooLarge(req, res);
    const client = resolveClient(
      {
        socketAddress: req.socket.remoteAddress,
        encrypted: "encrypted" in req.socket && req.socket.encrypted === true,
        forwardedFor: req.headers["x-forwarded-for"],
        forwardedProto: req.headers["x-forwarded-proto"],
        host: req.headers.host,
        forwardedHost: req.headers["x-forwarded-host"],
      },
      options.trustedProxies,
    );
    let url: URL;
    try {
      // Concatenated, not resolved: a path like "//host" must stay a path.
      url = new URL(`${client.protocol}://${client.host ?? "localhost"}${req.url ?? "/"}`);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad request\n");
      return;
    }
    const controller = new AbortController();
    // The client went away before the response finished: let loaders and actions stop.
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const method = req.method ?? "GET";
    const body =
      method === "GET" || method === "HEAD"
        ? undefined
        : limitedBody(req, bodyLimitFor(pathnameOf(req)), () => {
            // Aborting first tells Remix the failed body read is not an application error to log.
            controller.abort();
            refuseTooLarge(req, res);
          });
    const request = new Request(url, {
      method,
      headers: requestHeaders(req, client.viaTrustedProxy),
      body,
      signal: controller.signal,
      // Node's fetch requires it for a streamed body.
      duplex: "half",
    });
    if (MUTATING_METHODS.has(method) && !isSameOriginRequest(request)) {
      // Refused here so that every route answers 403 (Remix's own check would answer 500).
      closeAfterResponse(req, res);
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Forbidden: the request came from another site.\n");
      return;
    }
    const outcome = await responseCache.respond(request, () =>
      handle(request, { clientIp: client.ip } satisfies RedlineLoadContext),
    );
    if ("entry" in outcome) {
      if (!res.headersSent) sendCachedResponse(req, res, outcome.entry, outcome.hit);
      return;
    }
    const { response } = outcome;
    if (res.headersSent) {
      await response.body?.cancel();
      return;
    }
    // A route that answered without reading the body (a redirect to the login page): do not read it now.
    if (body && !req.complete) closeAfterResponse(req, res);
    await sendResponse(res, response);
  };
}
