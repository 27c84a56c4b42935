/**
 * Issue 10, defect 2: a small .docx must not freeze the server. The archive is measured before
 * anything is extracted, decoding and parsing run in a worker with a deadline and a heap cap, and
 * the request thread keeps serving meanwhile. Every hostile file here is generated, never committed.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { IngestError } from "~/lib/corpus/errors";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { importLimits, type ImportLimits } from "~/lib/corpus/limits.server";
import { decodeAndParse } from "~/lib/corpus/parse-worker.server";
import { loader as healthz } from "~/routes/healthz";
import { action as importAction } from "~/routes/import";
import { authedRequest, createTestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { declareUnpackedSize, inventedRegulation, makeDocx } from "../helpers/docx";

const db = useTestDatabase();

async function postImport(file: File, fields: Record<string, string> = {}) {
  const staff = await createTestUser("admin");
  const body = new FormData();
  body.set("intent", "preview");
  body.set("file", file);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const response = (await importAction({ request: authedRequest(staff, "/import", { method: "POST", body }), params: {}, context: {} })) as Response;
  return { status: response.status, data: await response.json() };
}

/** About 30 MB of Word XML that deflates to some 30 KB: what the 0.96 MB bomb does, smaller. */
function* bombParagraphs(): Generator<string> {
  for (let i = 0; i < 600_000; i++) yield "示例";
}

describe("Word archives are measured before extraction", () => {
  it("refuses a zip bomb with a message naming the file and the limit, from the import page", async () => {
    const bomb = await makeDocx(bombParagraphs());
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { status, data } = await postImport(new File([Buffer.from(bomb)], "bomb.docx"));
    expect(status).toBe(400);
    expect(data.errors.file.key).toBe("corpus.import.errUnreadable");
    expect(data.errors.file.params.file).toBe("bomb.docx");
    expect(data.errors.file.params.reason).toMatch(/^the Word document's XML unpacks to \d+\.\d MB \(word\/document\.xml: \d+\.\d MB\); the limit is 12 MB$/);
    expect(await db.prisma().version.count()).toBe(0);
  });

  it("refuses an archive that declares less than it unpacks to", async () => {
    const honest = await makeDocx(inventedRegulation(50));
    const liar = declareUnpackedSize(honest, "word/document.xml", 100);
    await expect(decodeAndParse(liar, "liar.docx")).rejects.toThrow(
      "liar.docx: the Word document could not be read (word/document.xml unpacks to more or less than the 100 bytes it declares)",
    );
  });

  it("refuses an archive of too many parts", async () => {
    const zip = new JSZip();
    for (let i = 0; i < 1001; i++) zip.file(`word/media/p${i}.bin`, "x");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    await expect(decodeAndParse(bytes, "parts.docx")).rejects.toThrow(/^parts\.docx: the Word document has 100\d parts; the limit is 1000$/);
  });

  it("still reads an honest Word document", async () => {
    const { decoded, parsed } = await decodeAndParse(await makeDocx(inventedRegulation(30)), "ok.docx");
    expect(decoded.format).toBe("docx");
    expect(parsed.articleCount).toBe(30);
  });
});

describe("decoding and parsing run in a worker with a deadline", () => {
  const tight = (over: Partial<ImportLimits>): ImportLimits => ({ ...importLimits(), ...over });

  it("parses a large generated input within the default deadline", async () => {
    // 20,000 articles (about 2.6 MB of text), each label repeated once more to exercise duplicate keys.
    const lines = ["# 示例条例", ""];
    for (let i = 1; i <= 20_000; i++) lines.push(`第${i}条 示例机关应当履行示例职责。`, "", `第${i}条 重复的示例条文。`, "");
    const { parsed } = await decodeAndParse(new TextEncoder().encode(lines.join("\n")), "large.md");
    expect(parsed.articleCount).toBe(40_000);
    expect(parsed.provisions.at(-2)!.key).toBe("art-20000~2");
  });

  it("stops a file that exceeds the deadline with a clear error, serving requests meanwhile, and recovers", async () => {
    const heavy = await makeDocx(inventedRegulation(20_000));
    expect(((await healthz()) as Response).status).toBe(200);
    const job = decodeAndParse(heavy, "slow.docx", { limits: tight({ parseTimeoutMs: 1000 }) });
    let settled = false;
    job.catch(() => {}).finally(() => (settled = true));
    // The request thread is free while the worker parses: another request is answered first.
    const health = (await healthz()) as Response;
    expect(health.status).toBe(200);
    expect(settled).toBe(false);
    await expect(job).rejects.toThrow("slow.docx: reading the file took longer than 1 s, the limit; it is too large or too complex to import");
    // The stuck worker was replaced: the next file is read normally.
    const { parsed } = await decodeAndParse(await makeDocx(inventedRegulation(5)), "next.docx");
    expect(parsed.articleCount).toBe(5);
  });

  it("stops a file that needs more memory than the worker may use", async () => {
    const heavy = await makeDocx(inventedRegulation(60_000));
    const limits = tight({ workerMemoryMb: 48, zip: { ...importLimits().zip, maxXmlBytes: 64 * 1024 * 1024 } });
    await expect(decodeAndParse(heavy, "big.docx", { limits })).rejects.toThrow(
      "big.docx: reading the file needed more than 48 MB of memory, the limit; it is too large or too complex to import",
    );
    const { parsed } = await decodeAndParse(await makeDocx(inventedRegulation(5)), "after.docx");
    expect(parsed.articleCount).toBe(5);
  });

  it("npm run ingest reports a file over the deadline and goes on with the next", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-ingest-limits-"));
    fs.writeFileSync(path.join(dir, "slow.docx"), await makeDocx(inventedRegulation(20_000)));
    fs.mkdirSync(path.join(dir, "sample-limits-regulation"));
    fs.writeFileSync(path.join(dir, "sample-limits-regulation", "2031-01-01.md"), "# 示例限制条例\n\n第一条 示例。\n");
    const run = promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest.ts", dir], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "cli.db")}`, REDLINE_PARSE_TIMEOUT_MS: "1000" },
    });
    const failure = await run.then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(failure?.code).toBe(1);
    const output = `${failure?.stdout}${failure?.stderr}`;
    expect(output).toMatch(/ERROR\s+\S*slow\.docx: reading the file took longer than 1 s, the limit/);
    expect(output).toMatch(/created\s+sample-limits-regulation 2031-01-01: 1 articles/);
  });
});

describe("work identifiers must be reachable", () => {
  it("refuses .. on the slug field of the import form", async () => {
    const text = "# 示例条例\n\n2031年1月1日通过\n\n第一条 示例。\n";
    for (const slug of ["..", ".", "a\u0001b"]) {
      const { status, data } = await postImport(new File([text], "x.md"), { slug });
      expect(status).toBe(400);
      expect(data.errors.slug).toEqual({ key: "corpus.import.errSlug" });
    }
    expect(await db.prisma().work.count({ where: { titleZh: "示例条例" } })).toBe(0);
  });

  it("refuses an unreachable identifier however it was found (a title of dots, a flag)", async () => {
    const bytes = new TextEncoder().encode("# ..\n\n2031年1月1日通过\n\n第一条 示例。\n");
    await expect(ingestBytes(bytes, "dots.md", { catalogue: null })).rejects.toThrow(
      'dots.md: the identifier ".." cannot be part of a web address',
    );
    await expect(ingestBytes(bytes, "dots.md", { catalogue: null, slug: "..", title: "示例条例" })).rejects.toBeInstanceOf(IngestError);
    expect(await db.prisma().work.count({ where: { slug: { in: [".", ".."] } } })).toBe(0);
  });
});
