/**
 * npm run db:copy: a SQLite installation with the real corpus, users, sessions, recommendations with
 * their audit history and comments, and a submission, moved into an empty PostgreSQL database: every
 * table has the same rows (count and content hash), every statute text is byte-identical, search
 * works on the copy. Then db:backup / db:restore on both databases.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { getPrisma } from "~/lib/db.server";
import { backupDatabase, restoreDatabase } from "~/lib/ops/backup.server";
import { copyInstallation } from "~/lib/ops/db-copy-run.server";
import { createPostgresSearchEngine } from "~/lib/search/postgres-engine.server";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

const target = useTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-copy-"));
const sqliteFile = path.join(dir, "source.db");

/** Builds the SQLite installation through the app's own code, with awkward values on purpose. */
async function buildSource(): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = `file:${sqliteFile}`;
  try {
    const { errors } = await ingestPaths([SHARED_CORPUS]);
    expect(errors).toEqual([]);
    const prisma = getPrisma();
    const lead = await prisma.user.create({ data: { email: "lead@example.org", name: "Lead \"引号\" 𠀀", role: "lead", passwordHash: "$argon2id$x" } });
    const staff = await prisma.user.create({ data: { email: "staff@example.org", name: "Staff", role: "staff", passwordHash: "$argon2id$y", active: false } });
    await prisma.session.create({ data: { id: "s1", userId: lead.id, csrfToken: "c1", expiresAt: new Date("2031-01-01T00:00:00.123Z") } });
    await prisma.loginAttempt.create({ data: { email: "lead@example.org", ip: "10.0.0.1", ok: false } });
    const version = await prisma.version.findFirstOrThrow({ where: { work: { slug: "minors-protection-law" }, versionDate: "2020-10-17" } });
    const theme = await prisma.theme.findFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      const rec = await prisma.recommendation.create({
        data: {
          title: `建议 ${i} — \\ back\\slash, 'quote', emoji 🙂`,
          versionId: version.id,
          provisionKey: `art-${i + 1}`,
          quote: i === 0 ? null : "未成年人",
          proposedText: "第一行\n第二行\r\n第三行",
          rationale: "理由",
          evidenceJson: JSON.stringify([{ kind: "url", ref: "https://example.org/?a=1&b=2", label: "证据" }]),
          priority: "high",
          status: i === 2 ? "approved" : "draft",
          sharedWithPartners: i === 1,
          ownerId: staff.id,
          suggestedScore: i === 0 ? null : 0.1 + i / 3,
          themes: { create: [{ themeId: theme.id }] },
        },
      });
      await prisma.recommendationEvent.create({ data: { recommendationId: rec.id, userId: lead.id, action: "created", afterJson: JSON.stringify({ title: rec.title }) } });
      await prisma.comment.create({ data: { recommendationId: rec.id, userId: staff.id, body: `评论 ${i}` } });
    }
    const approved = await prisma.recommendation.findFirstOrThrow({ where: { status: "approved" } });
    const submission = await prisma.submission.create({
      data: { title: "提交", targetBody: "全国人大常委会法工委", consultationTitle: "征求意见", deadline: "2031-02-01", createdById: lead.id },
    });
    await prisma.submissionItem.create({ data: { submissionId: submission.id, recommendationId: approved.id, position: 1 } });
    await prisma.setting.create({ data: { key: "org.name", value: "示例机构" } });
    await prisma.$disconnect();
  } finally {
    process.env.DATABASE_URL = pgUrl;
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("db:copy SQLite -> PostgreSQL", () => {
  it("copies every row of every table, checked by count and content hash, statute texts byte-identical", async () => {
    await buildSource();
    const checks = await copyInstallation(sqliteFile, target.url);
    const byTable = new Map(checks.map((c) => [c.table, c]));
    for (const table of ["Work", "Version", "Provision", "User", "Session", "LoginAttempt", "Recommendation", "RecommendationTheme", "RecommendationEvent", "Comment", "Submission", "SubmissionItem", "Setting", "Theme"]) {
      expect(byTable.get(table), table).toMatchObject({ ok: true });
      expect(byTable.get(table)!.rows, table).toBeGreaterThan(0);
    }
    expect(checks.filter((c) => !c.ok)).toEqual([]);

    const source = new Database(sqliteFile, { readonly: true });
    const sqliteTexts = source.prepare(`SELECT "id", "sourceText" FROM "Version" ORDER BY "id"`).all() as { id: number; sourceText: string }[];
    source.close();
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const pgTexts = (await client.query(`SELECT "id", "sourceText" FROM "Version" ORDER BY "id"`)).rows as { id: number; sourceText: string }[];
    const sha = (s: string) => createHash("sha256").update(Buffer.from(s, "utf8")).digest("hex");
    expect(pgTexts.map((r) => [r.id, sha(r.sourceText)])).toEqual(sqliteTexts.map((r) => [r.id, sha(r.sourceText)]));
    expect(sqliteTexts.length).toBeGreaterThanOrEqual(15);
    // New rows get ids after the copied ones.
    const next = await client.query(`INSERT INTO "Setting" ("key", "value") VALUES ('after-copy', 'x') RETURNING "key"`);
    expect(next.rows).toHaveLength(1);
    const { rows } = await client.query(`SELECT nextval(pg_get_serial_sequence('"Provision"', 'id')) AS id, (SELECT max("id") FROM "Provision") AS max`);
    expect(Number(rows[0].id)).toBeGreaterThan(Number(rows[0].max));
    await client.end();

    const found = await createPostgresSearchEngine(target.url).search({ q: "监护人", status: "all" });
    expect(found.total).toBeGreaterThan(10);
  }, 300_000);

  it("refuses to copy into a database that already has data", async () => {
    await expect(copyInstallation(sqliteFile, target.url)).rejects.toThrow(/already has rows in \w+; copy into an empty database/);
  }, 60_000);
});

describe("db:backup / db:restore", () => {
  it("restores a PostgreSQL database from pg_dump, and a SQLite file from the online backup", async () => {
    const pgBackup = path.join(dir, "backup.pgdump");
    await backupDatabase(target.url, pgBackup);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query(`DELETE FROM "Comment"`);
    await client.end();
    await restoreDatabase(target.url, pgBackup);
    const after = new pg.Client({ connectionString: target.url });
    await after.connect();
    expect(Number((await after.query(`SELECT count(*) AS n FROM "Comment"`)).rows[0].n)).toBe(3);
    await after.end();

    const sqliteBackup = path.join(dir, "backup.db");
    await backupDatabase(`file:${sqliteFile}`, sqliteBackup);
    const restored = path.join(dir, "restored.db");
    await restoreDatabase(`file:${restored}`, sqliteBackup);
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      const n = (db.prepare(`SELECT count(*) AS n FROM "Provision"`).get() as { n: number }).n;
      db.close();
      return n;
    };
    expect(count(restored)).toBe(count(sqliteFile));
    expect(count(restored)).toBeGreaterThan(1000);
  }, 120_000);
});
