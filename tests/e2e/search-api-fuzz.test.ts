/**
 * Fuzz of GET /api/search through the built server (issue 10): generated hostile queries and
 * parameters — random Unicode, control characters, lone surrogates and invalid UTF-8 as raw
 * percent-encoded bytes, FTS5 syntax, 10,000-character strings. Every answer must be a 200 or a 400
 * with a JSON body (or Node's own 431 for a URL over its 16 KiB header limit), within a deadline far
 * above any real query, and the server logs no error.
 */
import path from "node:path";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { SHARED_CORPUS } from "../helpers/db";
import { fuzzSeed, picker, seededRandom } from "../helpers/fuzz";
import { startApp, type RunningApp } from "./helpers";

const SEED = fuzzSeed(20261203);
const CASES = 400;
// Not a speed check: only a request that hangs gets anywhere near this.
const DEADLINE_MS = 20_000;
// Node's limit on a request's headers (the URL included): beyond it Node itself answers 431.
const MAX_HEADER_BYTES = 16 * 1024;

const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x4e00, 0x9fff],
  [0x3400, 0x4dbf],
  [0xff01, 0xff5e],
  [0x0300, 0x036f], // combining marks
  [0x200b, 0x200f], // zero-width, direction marks
  [0x202a, 0x202e],
  [0xd800, 0xdfff], // lone surrogates
  [0x1f300, 0x1f64f],
  [0xfff0, 0xffff],
];
const FTS5 = [
  '"', '""', "*", "^", ":", "(", ")", "{", "}", "+", "-", "NEAR(", "NEAR(a b, 5)", " AND ", " OR ", " NOT ",
  "text:", "{text heading}:", '"unterminated', "-监护人", '"监护 人"', "监护人*", "^监护", "NEAR(监护人 学校)", "\\", "'", ";",
  "%", "_", "--", "/*", "监护人", "拐賣兒童", "未成年人", "第一条",
];
const VALUES: Record<string, readonly string[]> = {
  status: ["current", "all", "asof", "ALL", "", "現行", "asof\u0000"],
  at: ["2021-06-01", "2023-02-29", "2021-6-1", "9999-99-99", "0000-01-01", "", "yesterday"],
  work: ["minors-protection-law", "criminal-law", "..", "../etc", "no-such-law", "", "%00"],
  kind: ["law", "action_plan", "LAW", "other", "", "法律"],
  chapter: ["ch-3", "part-1/ch-2", "ch-999", "../../", "ch-\u0000", ""],
  page: ["1", "0", "-1", "500", "501", "1e309", "NaN", "0x10", "1.5", "99999999999999999999"],
  pageSize: ["1", "50", "51", "0", "-5", "abc", ""],
};

/** UTF-8 of each UTF-16 code unit, so a lone surrogate goes out as the bytes a broken client would send. */
function percentEncode(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    if (code > 0xffff) i++;
    const bytes =
      code < 0x80
        ? [code]
        : code < 0x800
          ? [0xc0 | (code >> 6), 0x80 | (code & 63)]
          : code < 0x10000
            ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
            : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
    out += bytes.map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("");
  }
  return out;
}

function generateCase(random: () => number): string {
  const { pick, int } = picker(random);
  const char = () => {
    const [lo, hi] = pick(RANGES);
    return String.fromCharCode(lo + Math.floor(random() * (hi - lo + 1)));
  };
  const shape = random();
  const length = shape < 0.1 ? 10_000 : shape < 0.2 ? int(195, 205) : int(1, 30);
  // Half of the long ones in ASCII, so that 10,000 characters fit in a URL and reach the search code.
  const ascii = shape < 0.05;
  let q = "";
  while (q.length < length) q += ascii ? String.fromCharCode(int(0x21, 0x7e)) : random() < 0.3 ? pick(FTS5) : char();
  const parts = [`q=${percentEncode(q.slice(0, length))}`];
  // Raw bytes no encoder would produce: invalid UTF-8, a truncated escape.
  if (random() < 0.15) parts[0] += pick(["%FF", "%C0%AF", "%ED%A0%80", "%E4%B8", "%", "%zz", "%00"]);
  for (const [name, values] of Object.entries(VALUES)) if (random() < 0.3) parts.push(`${name}=${percentEncode(pick(values))}`);
  if (random() < 0.05) parts.push(`q=${percentEncode(pick(FTS5))}`);
  return parts.join("&");
}

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  const { errors } = await ingestPaths([path.join(SHARED_CORPUS, "minors-protection-law"), path.join(SHARED_CORPUS, "criminal-law")]);
  expect(errors).toEqual([]);
}, 240_000);
afterAll(() => app?.stop());

describe(`GET /api/search with hostile input (seed ${SEED})`, () => {
  it(`answers ${CASES} generated requests with 200 or 400 and JSON, never a 5xx or a hang`, async () => {
    const random = seededRandom(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const query = generateCase(random);
      let res: Response;
      try {
        res = await fetch(`${app.baseUrl}/api/search?${query}`, { signal: AbortSignal.timeout(DEADLINE_MS) });
      } catch (error) {
        failures.push(`case ${i}: ${(error as Error).name} for ?${query.slice(0, 200)}`);
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const body = await res.text();
      let parsed: { results?: unknown; error?: { code?: unknown } } | null = null;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = null;
      }
      const ok =
        res.status === 200
          ? Array.isArray(parsed?.results)
          : res.status === 400
            ? typeof parsed?.error?.code === "string"
            : res.status === 431 && query.length > MAX_HEADER_BYTES;
      if (!ok) failures.push(`case ${i}: ${res.status} ${body.slice(0, 120)} for ?${query.slice(0, 200)}`);
    }
    expect(failures, `seed ${SEED}`).toEqual([]);
    // The generator reaches both answers, so the run is not all rejections.
    expect([...statuses.keys()].sort()).toEqual([200, 400, 431]);
  }, 600_000);

  it("logged no error while doing so", () => {
    expect(app.output()).not.toMatch(/Error|\n\s+at /);
  });
});
