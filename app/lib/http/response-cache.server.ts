/**
 * Whole responses for anonymous visitors, kept until the database changes (the same generation as
 * ~/lib/read-cache.server.ts: PRAGMA data_version + the China-time day). The corpus pages cost 7-13 ms
 * of CPU each (React render of a 40 KB page + Remix) against 0.5 ms for a static file; a stored,
 * gzipped answer costs about as much as the static file (docs/decisions/0009-limits.md, "Load").
 *
 * Safe because it only ever stores what every anonymous visitor of that language would get:
 * - requests: GET, path on the allow-list, no cookie but `lang`, no Authorization / admin token;
 * - the key: negotiated locale (lang cookie, Accept-Language), origin, path and query;
 * - responses: 200 without Set-Cookie, without Cache-Control: private, not a Remix
 *   redirect/catch/error data answer.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { negotiateLocale } from "~/i18n/i18n";
import { ADMIN_TOKEN_HEADER } from "~/lib/compare/admin.server";
import { readCookie } from "~/lib/http.server";
import { cacheGeneration } from "~/lib/read-cache.server";

const gzipAsync = promisify(gzip);

/** The public, per-visitor-identical pages: corpus (works, versions, articles, history), search, compare. */
const ALLOWED_PATHS = [/^\/works(\/|$)/, /^\/search$/, /^\/api\/search$/, /^\/compare$/];

/** Cookies that do not make a page personal (the language is part of the key). */
const NEUTRAL_COOKIES = new Set(["lang"]);
const PERSONAL_HEADERS = ["authorization", ADMIN_TOKEN_HEADER];
const REMIX_NON_DATA = ["x-remix-redirect", "x-remix-catch", "x-remix-error"];
/** Not copied from the rendered response: set again for what is sent. */
const DROPPED_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "etag", "vary", "connection"]);

export interface ResponseCacheLimits {
  maxEntries: number;
  /** Total bytes held (plain + gzipped bodies). */
  maxBytes: number;
  /** A larger page is sent but not kept. */
  maxEntryBytes: number;
}

export const DEFAULT_RESPONSE_CACHE_LIMITS: ResponseCacheLimits = {
  maxEntries: 512,
  maxBytes: 48 * 1024 * 1024,
  maxEntryBytes: 2 * 1024 * 1024,
};

export interface CachedResponse {
  status: number;
  headers: [string, string][];
  /** Both kept: unzipping per request for clients without gzip (scripts, the bench) cost 1-2 ms of CPU. */
  plain: Buffer;
  gzipped: Buffer;
  etag: string;
}

function hasOnlyNeutralCookies(cookieHeader: string | null): boolean {
  if (!cookieHeader) return true;
  return cookieHeader.split(";").every((part) => {
    const name = part.slice(0, part.indexOf("=") < 0 ? undefined : part.indexOf("=")).trim();
    return name === "" || NEUTRAL_COOKIES.has(name);
  });
}

/** The key under which this request's answer may be shared, or null when it must be rendered for it alone. */
export function responseCacheKey(request: Request): string | null {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (!ALLOWED_PATHS.some((pattern) => pattern.test(url.pathname))) return null;
  if (!hasOnlyNeutralCookies(request.headers.get("cookie"))) return null;
  if (PERSONAL_HEADERS.some((name) => request.headers.has(name))) return null;
  const locale = negotiateLocale(readCookie(request, "lang"), request.headers.get("accept-language"));
  return `${locale} ${url.origin}${url.pathname}${url.search}`;
}

function isStorable(response: Response): boolean {
  if (response.status !== 200 || response.headers.getSetCookie().length) return false;
  // `private` marks a personal answer. `no-store` (the search API's) is for browsers and proxies,
  // which cannot know when the data changes; this cache does.
  if (/\bprivate\b/i.test(response.headers.get("cache-control") ?? "")) return false;
  return !REMIX_NON_DATA.some((name) => response.headers.has(name));
}

async function toEntry(response: Response): Promise<CachedResponse> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => !DROPPED_HEADERS.has(name));
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  return { status: response.status, headers, plain: body, gzipped: await gzipAsync(body), etag };
}

export type CacheOutcome = { entry: CachedResponse; hit: boolean } | { response: Response };

/**
 * `respond(request, render)`: the stored answer, or `render()`'s, stored when it may be. Concurrent
 * misses for one key render once; a render that began before the database changed is not stored.
 */
export function createResponseCache(
  limits: ResponseCacheLimits = DEFAULT_RESPONSE_CACHE_LIMITS,
  generationOf: () => string | Promise<string> = cacheGeneration,
) {
  let generation = "";
  let entries = new Map<string, CachedResponse>();
  let bytes = 0;
  const pending = new Map<string, Promise<CachedResponse | null>>();

  const sizeOf = (entry: CachedResponse) => entry.plain.length + entry.gzipped.length;

  function store(key: string, entry: CachedResponse): void {
    if (sizeOf(entry) > limits.maxEntryBytes) return;
    entries.set(key, entry);
    bytes += sizeOf(entry);
    // Least recently used first: a Map iterates in insertion order and hits are re-inserted.
    for (const [oldKey, old] of entries) {
      if (entries.size <= limits.maxEntries && bytes <= limits.maxBytes) break;
      entries.delete(oldKey);
      bytes -= sizeOf(old);
    }
  }

  async function respond(request: Request, render: () => Promise<Response>): Promise<CacheOutcome> {
    const key = responseCacheKey(request);
    if (!key) return { response: await render() };
    const now = await generationOf();
    if (now !== generation) {
      generation = now;
      entries = new Map();
      bytes = 0;
    }
    const stored = entries.get(key);
    if (stored) {
      entries.delete(key);
      entries.set(key, stored);
      return { entry: stored, hit: true };
    }
    const pendingKey = `${now}\n${key}`;
    const inFlight = pending.get(pendingKey);
    if (inFlight) {
      const entry = await inFlight;
      return entry ? { entry, hit: true } : { response: await render() };
    }
    let settle!: (entry: CachedResponse | null) => void;
    const fill = new Promise<CachedResponse | null>((resolve) => (settle = resolve));
    pending.set(pendingKey, fill);
    try {
      const response = await render();
      if (!isStorable(response)) {
        settle(null);
        return { response };
      }
      const entry = await toEntry(response);
      const unchanged = (await generationOf()) === now;
      if (unchanged && generation === now) store(key, entry);
      settle(unchanged ? entry : null);
      return { entry, hit: false };
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      pending.delete(pendingKey);
    }
  }

  return { respond, stats: () => ({ entries: entries.size, bytes }) };
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** Send a stored answer: 304 for a matching If-None-Match, gzip when accepted, plain otherwise. */
export function sendCachedResponse(req: IncomingMessage, res: ServerResponse, entry: CachedResponse, hit: boolean): void {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader("ETag", entry.etag);
  res.setHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
  res.setHeader("X-Redline-Cache", hit ? "hit" : "miss");
  if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
    res.removeHeader("Content-Type");
    res.writeHead(304).end();
    return;
  }
  const gzipped = acceptsGzip(req.headers["accept-encoding"]);
  const body = gzipped ? entry.gzipped : entry.plain;
  if (gzipped) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.writeHead(entry.status).end(body);
}
