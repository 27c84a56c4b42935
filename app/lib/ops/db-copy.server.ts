/**
 * Moves a SQLite installation into an empty PostgreSQL database without losing a row
 * (npm run db:copy -- --to postgresql://…; docs/decisions/0012-postgresql.md): the target is migrated,
 * every table of the domain schema is copied in foreign-key order inside one transaction with the
 * id sequences moved past the copied ids, the PostgreSQL search index is rebuilt from the copied
 * provisions, and then every table is checked on both sides: row count and a SHA-256 over its rows
 * in primary-key order, each value in one canonical spelling (booleans, instants, numbers), so a
 * single changed byte of any statute text fails the copy.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres } from "~/lib/db/postgres.server";

/** Tables that are not domain data: each database keeps its own (migrations, search index). */
const SKIPPED = /^(_redline_migrations|search_.*|_prisma_migrations)$/;
const BATCH = 500;
/** Tables whose rows the PostgreSQL migrations insert; the copy replaces them with the source's. */
const SEEDED_BY_MIGRATIONS = new Set(["Theme", "ThesaurusState"]);

interface Column {
  name: string;
  type: string;
}

interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Tables this one references. */
  references: string[];
}

export interface TableCheck {
  table: string;
  rows: number;
  sourceHash: string;
  targetHash: string;
  ok: boolean;
}

async function describeTarget(client: pg.Client): Promise<Table[]> {
  const columns = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY tc.table_name, kcu.ordinal_position`,
  );
  const refs = await client.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint c
     JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class pl ON pl.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const tables = new Map<string, Table>();
  for (const c of columns.rows) {
    if (SKIPPED.test(c.table_name)) continue;
    let t = tables.get(c.table_name);
    if (!t) tables.set(c.table_name, (t = { name: c.table_name, columns: [], primaryKey: [], references: [] }));
    t.columns.push({ name: c.column_name, type: c.data_type });
  }
  for (const k of keys.rows) tables.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const r of refs.rows) if (r.child !== r.parent) tables.get(r.child)?.references.push(r.parent);
  // Parents before children.
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const place = (t: Table) => {
    if (placed.has(t.name)) return;
    placed.add(t.name);
    for (const p of t.references) {
      const parent = tables.get(p);
      if (parent) place(parent);
    }
    ordered.push(t);
  };
  for (const t of [...tables.values()].sort((x, y) => x.name.localeCompare(y.name))) place(t);
  return ordered;
}

/** A SQLite value as PostgreSQL should store it. */
function toTarget(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === "boolean") return value === 1 || value === 1n || value === true || value === "1" || value === "true";
  if (type.startsWith("timestamp")) {
    if (typeof value === "bigint") return new Date(Number(value));
    // SQLite's CURRENT_TIMESTAMP spelling is UTC without a zone: never read it as local time.
    if (typeof value === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)) return new Date(`${value.replace(" ", "T")}Z`);
    return new Date(value as string | number);
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** One spelling per value on both sides: the hash of a copied table equals the original's. */
function canonical(value: unknown, type: string): string {
  if (value === null || value === undefined) return "\u0000null";
  if (type === "boolean") return toTarget(value, type) ? "true" : "false";
  if (type.startsWith("timestamp")) return (value instanceof Date ? value : (toTarget(value, type) as Date)).toISOString();
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Buffer.isBuffer(value)) return value.toString("hex");
  return String(value);
}

function hashRows(rows: unknown[][], columns: Column[]): string {
  const hash = createHash("sha256");
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) hash.update(canonical(row[i], columns[i].type)).update("\u0001");
    hash.update("\u0002");
  }
  return hash.digest("hex");
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function orderBy(t: Table): string {
  return (t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name)).map(quote).join(", ");
}

export async function copySqliteToPostgres(
  sqliteFile: string,
  targetUrl: string,
  onProgress: (message: string) => void = () => {},
): Promise<TableCheck[]> {
  await migratePostgres(targetUrl);
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  source.defaultSafeIntegers(false);
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  try {
    const tables = await describeTarget(client);
    const sourceTables = new Set(
      (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    for (const t of tables) {
      if (!sourceTables.has(t.name)) continue;
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(t.name)}) AS filled`);
      // Migrations seed some rows (themes, the single thesaurus state row); anything else means a
      // live installation: never mix two.
      if (rows[0].filled && !SEEDED_BY_MIGRATIONS.has(t.name)) throw new Error(`the target database already has rows in ${t.name}; copy into an empty database`);
    }
    await client.query("BEGIN");
    try {
      for (const t of tables) {
        if (!sourceTables.has(t.name)) continue;
        await client.query(`DELETE FROM ${quote(t.name)}`);
        const names = t.columns.map((c) => quote(c.name)).join(", ");
        const statement = source.prepare(`SELECT ${names} FROM ${quote(t.name)} ORDER BY ${orderBy(t)}`).raw(true);
        let batch: unknown[][] = [];
        let copied = 0;
        const flush = async () => {
          if (!batch.length) return;
          const values: unknown[] = [];
          const tuples = batch.map((row) => `(${row.map((v, i) => `$${values.push(toTarget(v, t.columns[i].type))}`).join(", ")})`);
          await client.query(`INSERT INTO ${quote(t.name)} (${names}) VALUES ${tuples.join(", ")}`, values);
          copied += batch.length;
          batch = [];
        };
        for (const row of statement.iterate() as Iterable<unknown[]>) {
          batch.push(row);
          if (batch.length === BATCH) await flush();
        }
        await flush();
        // SERIAL ids continue after the copied ones.
        if (t.primaryKey.length === 1 && t.columns.find((c) => c.name === t.primaryKey[0])?.type === "integer") {
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${quote(t.primaryKey[0])}) FROM ${quote(t.name)}), 1), (SELECT count(*) > 0 FROM ${quote(t.name)}))
             WHERE pg_get_serial_sequence($1, $2) IS NOT NULL`,
            [quote(t.name), t.primaryKey[0]],
          );
        }
        onProgress(`${t.name}: ${copied} rows`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    const checks: TableCheck[] = [];
    for (const t of tables) {
      if (!sourceTables.has(t.name)) continue;
      const sql = `SELECT ${t.columns.map((c) => quote(c.name)).join(", ")} FROM ${quote(t.name)} ORDER BY ${orderBy(t)}`;
      const sourceRows = source.prepare(sql).raw(true).all() as unknown[][];
      const targetRows = (await client.query({ text: sql, rowMode: "array" })).rows as unknown[][];
      const sourceHash = hashRows(sourceRows, t.columns);
      const targetHash = hashRows(targetRows, t.columns);
      checks.push({
        table: t.name,
        rows: sourceRows.length,
        sourceHash,
        targetHash,
        ok: sourceRows.length === targetRows.length && sourceHash === targetHash,
      });
    }
    return checks;
  } finally {
    await client.end();
    source.close();
  }
}
