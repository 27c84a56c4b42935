/**
 * Fuzz of the import parser (issue 10): generated hostile input — random Unicode with lone
 * surrogates and control characters, Markdown edge syntax, 10,000-character lines, deep nesting,
 * random bytes named .md/.txt/.docx — through the same worker the import page and `npm run ingest`
 * use. Nothing may throw except a typed IngestError, nothing may reach the deadline, and what
 * parses keeps its text exactly. Seeded, so a failure names the case that reproduces it.
 */
import type { DecodedSource } from "~/lib/corpus/decode.server";
import { IngestError } from "~/lib/corpus/errors";
import { importLimits } from "~/lib/corpus/limits.server";
import { decodeAndParse, parseDecoded } from "~/lib/corpus/parse-worker.server";
import type { ParsedDocument } from "~/lib/corpus/types";
import { seededRandom } from "../helpers/fuzz";

const SEED = 20261203;
const TEXT_CASES = 300;
const BYTE_CASES = 120;
// Far above what any of these inputs needs (milliseconds each): reaching it means a hang.
const limits = { ...importLimits(), parseTimeoutMs: 15_000 };

const RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // control characters
  [0x7f, 0x9f],
  [0x4e00, 0x9fff], // CJK
  [0xff01, 0xff5e], // full-width forms
  [0xd800, 0xdfff], // lone surrogates
  [0x200b, 0x200d], // zero-width
  [0x3000, 0x3000],
  [0x1f600, 0x1f64f], // astral
  [0xfeff, 0xfeff],
];
const PIECES = [
  "#", "# ", "## 第一章 总则", "###### ", "```", "~~~", "<!--", "-->", "<!-- INFO END -->", "<div>", "</div>", "<", "> ",
  "- ", "* ", "1. ", "|a|b|", "|---|", "[x](y)", "[", "]", "*", "_", "`", "---", "...", "\t", "    ", "\u3000\u3000",
  "第一条", "第一条　", "第 一 条 ", "第一百条之一 ", "第一章", "第一编 ", "第一节 ", "（一）", "一、", "1.", "（1）", "①",
  "附件", "附件一 ", "目录", "2020年1月1日通过", "本法所称", "。", "；", "\r\n", "\n", "\n\n", "\r",
];

function generateText(random: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const char = () => {
    const [lo, hi] = pick(RANGES);
    return String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
  };
  const shape = random();
  if (shape < 0.1) return ">".repeat(1 + Math.floor(random() * 3000)) + " 第一条 深层引用";
  if (shape < 0.2) {
    const depth = 1 + Math.floor(random() * 300);
    return Array.from({ length: depth }, (_, i) => " ".repeat(i * 2) + pick(["- ", "1. ", "> "]) + "第一条 示例").join("\n");
  }
  if (shape < 0.3) return pick(["[", "*", "_", "`", "<", "（", "第"]).repeat(1 + Math.floor(random() * 20_000));
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 200);
  for (let l = 0; l < count; l++) {
    let line = "";
    if (random() < 0.03) line = Array.from({ length: 10_000 }, char).join("");
    else for (let k = Math.floor(random() * 12); k > 0; k--) line += random() < 0.5 ? pick(PIECES) : char();
    lines.push(line);
  }
  return lines.join(random() < 0.5 ? "\n" : "\r\n");
}

function generateBytes(random: () => number): { bytes: Uint8Array; name: string } {
  const length = Math.floor(random() * 4096);
  const bytes = new Uint8Array(length + 4);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  // Half of them look like a ZIP archive from their first bytes on.
  if (random() < 0.5) bytes.set([0x50, 0x4b, 0x03, 0x04]);
  const name = ["fuzz.md", "fuzz.txt", "fuzz.docx", "fuzz"][Math.floor(random() * 4)];
  return { bytes, name };
}

/** Exactness: every stored non-article text is a line of the source, and keys are unique. */
function expectExact(parsed: ParsedDocument, source: string, label: string) {
  const lines = new Set(source.replace(/^\uFEFF/, "").split(/\r?\n/));
  for (const p of parsed.provisions) {
    if (p.kind === "article") continue;
    if (!lines.has(p.text)) {
      // A Markdown heading is stored without its # marker: its source line ends with the text.
      const ok = [...lines].some((l) => l.endsWith(p.text));
      expect(ok, `${label}: ${p.key} text is not in the source`).toBe(true);
    }
  }
  expect(new Set(parsed.provisions.map((p) => p.key)).size, `${label}: duplicate keys`).toBe(parsed.provisions.length);
}

async function outcome<T>(run: Promise<T>, label: string): Promise<T | null> {
  try {
    return await run;
  } catch (error) {
    expect(error, `${label}: ${(error as Error).message}`).toBeInstanceOf(IngestError);
    expect((error as IngestError).reason, label).not.toMatch(/took longer|memory|stopped unexpectedly/);
    return null;
  }
}

describe("import parser fuzz", () => {
  it(`parses ${TEXT_CASES} generated hostile texts without unexpected errors or hangs, text kept exactly`, async () => {
    const random = seededRandom(SEED);
    let parsedCount = 0;
    for (let i = 0; i < TEXT_CASES; i++) {
      const text = generateText(random);
      const format = random() < 0.5 ? "markdown" : "text";
      const label = `seed ${SEED} text case ${i} (${format})`;
      const decoded: DecodedSource = { text, format, encoding: "utf-8", sha256: "", bytes: text.length };
      const parsed = await outcome(parseDecoded(decoded, `fuzz-${i}.md`, { limits }), label);
      if (parsed) {
        parsedCount++;
        expectExact(parsed, text, label);
      }
    }
    expect(parsedCount).toBe(TEXT_CASES);
  });

  it(`decodes ${BYTE_CASES} random files into text or a typed error naming the file`, async () => {
    const random = seededRandom(SEED + 1);
    let refused = 0;
    for (let i = 0; i < BYTE_CASES; i++) {
      const { bytes, name } = generateBytes(random);
      const result = await outcome(decodeAndParse(bytes, name, { limits }), `seed ${SEED + 1} byte case ${i} (${name})`);
      if (!result) refused++;
    }
    // Random bytes are mostly refused (not UTF-8/GBK text, not a readable archive), never crash.
    expect(refused).toBeGreaterThan(0);
  });
});
