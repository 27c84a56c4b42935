/**
 * The search thesaurus the organisation owns: entries in the app database (ThesaurusEntry), every
 * change in ThesaurusEvent (who, when, before/after), seeded once from SEED_THESAURUS (thesaurus.ts).
 * Readers cache the entries per process and check ThesaurusState.generation (one row) before using
 * them; every edit bumps it in the same transaction, so another process (a second server, the CLI)
 * sees an edit at its next search. Edits are admin-only here too, not only in the route.
 */
import { can } from "~/lib/auth/permissions";
import type { SessionUser } from "~/lib/auth/types";
import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { databaseUrl } from "~/lib/env.server";
import { foldForMatch } from "~/lib/text/normalize";
import type { SearchReader } from "./reader.server";
import { SEED_THESAURUS, thesaurusConflicts, type ThesaurusEntry } from "./thesaurus";
import { THESAURUS_MAX_ENTRIES, type ThesaurusFieldError, type ThesaurusInput } from "./thesaurus-form";

export interface ThesaurusRecord extends ThesaurusEntry {
  id: number;
  revision: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ThesaurusChange {
  id: number;
  entryId: number;
  action: "seed" | "create" | "update" | "delete";
  before: ThesaurusEntry | null;
  after: ThesaurusEntry | null;
  /** Name of the user, null for the shipped seed. */
  by: string | null;
  at: string;
}

export class ThesaurusError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: string,
    readonly fieldErrors: ThesaurusFieldError[] = [],
  ) {
    super(key);
    this.name = "ThesaurusError";
  }
}

/** Someone saved or deleted the entry in between; `current` is it as it stands (null: deleted). */
export class ThesaurusConflictError extends ThesaurusError {
  constructor(readonly current: ThesaurusRecord | null) {
    super(409, current ? "search.thesaurus.error.conflict" : "search.thesaurus.error.conflictDeleted");
    this.name = "ThesaurusConflictError";
  }
}

type Db = PrismaClient | Tx;

interface EntryRow {
  id: number;
  termsJson: string;
  oneWay: boolean;
  note: string | null;
  revision: number;
  createdById: number | null;
  updatedById: number | null;
  createdAt: Date;
  updatedAt: Date;
}

function toEntry(row: Pick<EntryRow, "termsJson" | "oneWay" | "note">): ThesaurusEntry {
  const entry: ThesaurusEntry = { terms: JSON.parse(row.termsJson) as string[], oneWay: Boolean(row.oneWay) };
  if (row.note) entry.note = row.note;
  return entry;
}

function requireAdmin(actor: SessionUser): void {
  if (!can(actor.role, "settings.manage")) throw new ThesaurusError(403, "search.thesaurus.error.forbidden");
}

/** Inserts SEED_THESAURUS once per database (seededAt), so entries an admin deleted stay deleted. */
export async function ensureThesaurusSeeded(db: PrismaClient = getPrisma()): Promise<void> {
  const state = await db.thesaurusState.findUnique({ where: { id: 1 } });
  if (state?.seededAt) return;
  await db.$transaction(async (tx) => {
    // The conditional update is the lock: of two processes seeding at once, one changes the row.
    const claimed = await tx.thesaurusState.updateMany({
      where: { id: 1, seededAt: null },
      data: { seededAt: new Date(), generation: { increment: 1 } },
    });
    if (claimed.count === 0) return;
    for (const seed of SEED_THESAURUS) {
      const row = await tx.thesaurusEntry.create({
        data: { termsJson: JSON.stringify(seed.terms), oneWay: seed.oneWay, note: seed.note ?? null },
      });
      await tx.thesaurusEvent.create({
        data: { entryId: row.id, action: "seed", afterJson: JSON.stringify(toEntry(row)), userId: null },
      });
    }
  });
}

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

function toRecord(row: EntryRow, names: Map<number, string>): ThesaurusRecord {
  return {
    id: row.id,
    ...toEntry(row),
    revision: row.revision,
    createdBy: row.createdById === null ? null : (names.get(row.createdById) ?? null),
    updatedBy: row.updatedById === null ? null : (names.get(row.updatedById) ?? null),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function recordsOf(db: Db, rows: EntryRow[]): Promise<ThesaurusRecord[]> {
  const names = await userNames(db, rows.flatMap((r) => [r.createdById, r.updatedById]));
  return rows.map((r) => toRecord(r, names));
}

/** Every entry, last changed first; `q` keeps those with a term or note containing it (folded: 兒童 finds 儿童). */
export async function listThesaurus(opts: { q?: string } = {}): Promise<ThesaurusRecord[]> {
  const db = getPrisma();
  await ensureThesaurusSeeded(db);
  const rows = await db.thesaurusEntry.findMany({ orderBy: [{ updatedAt: "desc" }, { id: "desc" }] });
  const needle = opts.q ? foldForMatch(opts.q) : "";
  const matching = needle
    ? rows.filter((r) => {
        const e = toEntry(r);
        return e.terms.some((t) => foldForMatch(t).includes(needle)) || (e.note ? foldForMatch(e.note).includes(needle) : false);
      })
    : rows;
  return recordsOf(db, matching);
}

export async function getThesaurusEntry(id: number): Promise<ThesaurusRecord | null> {
  const db = getPrisma();
  await ensureThesaurusSeeded(db);
  const row = await db.thesaurusEntry.findUnique({ where: { id } });
  return row ? (await recordsOf(db, [row]))[0] : null;
}

/** Changes, newest first: of one entry, or of the whole thesaurus (the last `limit`). */
export async function thesaurusHistory(opts: { entryId?: number; limit?: number } = {}): Promise<ThesaurusChange[]> {
  const db = getPrisma();
  const rows = await db.thesaurusEvent.findMany({
    where: opts.entryId === undefined ? {} : { entryId: opts.entryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(opts.limit ?? 100, 500),
  });
  const names = await userNames(db, rows.map((r) => r.userId));
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entryId,
    action: r.action as ThesaurusChange["action"],
    before: r.beforeJson ? (JSON.parse(r.beforeJson) as ThesaurusEntry) : null,
    after: r.afterJson ? (JSON.parse(r.afterJson) as ThesaurusEntry) : null,
    by: r.userId === null ? null : (names.get(r.userId) ?? null),
    at: r.createdAt.toISOString(),
  }));
}

function sameTermSet(a: string[], b: string[]): boolean {
  const fa = new Set(a.map((t) => foldForMatch(t)));
  const fb = b.map((t) => foldForMatch(t));
  return fa.size === fb.length && fb.every((t) => fa.has(t));
}

/**
 * Legally distinct terms (拐卖 / 拐骗, KEPT_APART) never share an entry; the same equivalence twice
 * would only be noise (a one-way entry's direction is part of it).
 */
async function requireAcceptable(tx: Tx, input: ThesaurusInput, exceptId: number | null): Promise<void> {
  const joined = thesaurusConflicts({ terms: input.terms, oneWay: input.oneWay })[0];
  if (joined) {
    throw new ThesaurusError(400, "search.thesaurus.error.keptApart", [
      { field: "terms", key: "search.thesaurus.error.keptApart", params: { a: joined[0], b: joined[1] } },
    ]);
  }
  const rows = await tx.thesaurusEntry.findMany({ where: { oneWay: input.oneWay } });
  const twin = rows.find((r) => {
    if (r.id === exceptId) return false;
    const terms = toEntry(r).terms;
    if (input.oneWay && foldForMatch(terms[0]) !== foldForMatch(input.terms[0])) return false;
    return sameTermSet(terms, input.terms);
  });
  if (twin) {
    throw new ThesaurusError(400, "search.thesaurus.error.duplicate", [
      { field: "terms", key: "search.thesaurus.error.duplicate", params: { id: twin.id } },
    ]);
  }
}

async function bumpGeneration(tx: Tx): Promise<void> {
  await tx.thesaurusState.update({ where: { id: 1 }, data: { generation: { increment: 1 } } });
}

function entryData(input: ThesaurusInput) {
  return { termsJson: JSON.stringify(input.terms), oneWay: input.oneWay, note: input.note };
}

export async function createThesaurusEntry(actor: SessionUser, input: ThesaurusInput): Promise<ThesaurusRecord> {
  requireAdmin(actor);
  const db = getPrisma();
  await ensureThesaurusSeeded(db);
  const row = await db.$transaction(async (tx) => {
    if ((await tx.thesaurusEntry.count()) >= THESAURUS_MAX_ENTRIES) {
      throw new ThesaurusError(400, "search.thesaurus.error.full");
    }
    await requireAcceptable(tx, input, null);
    const created = await tx.thesaurusEntry.create({
      data: { ...entryData(input), createdById: actor.id, updatedById: actor.id },
    });
    await tx.thesaurusEvent.create({
      data: { entryId: created.id, action: "create", afterJson: JSON.stringify(toEntry(created)), userId: actor.id },
    });
    await bumpGeneration(tx);
    return created;
  });
  return (await recordsOf(db, [row]))[0];
}

/** The entry at the revision the editor started from, or a conflict carrying what is saved now. */
async function atRevision(tx: Tx, id: number, revision: number): Promise<EntryRow> {
  const row = await tx.thesaurusEntry.findUnique({ where: { id } });
  if (!row || row.revision !== revision) {
    throw new ThesaurusConflictError(row ? (await recordsOf(tx, [row]))[0] : null);
  }
  return row;
}

export async function updateThesaurusEntry(
  actor: SessionUser,
  id: number,
  revision: number,
  input: ThesaurusInput,
): Promise<ThesaurusRecord> {
  requireAdmin(actor);
  const db = getPrisma();
  const row = await db.$transaction(async (tx) => {
    const before = await atRevision(tx, id, revision);
    await requireAcceptable(tx, input, id);
    // The revision in the WHERE clause makes the check and the write one step.
    const changed = await tx.thesaurusEntry.updateMany({
      where: { id, revision },
      data: { ...entryData(input), revision: { increment: 1 }, updatedById: actor.id },
    });
    if (changed.count !== 1) throw new ThesaurusConflictError(null);
    const after = await tx.thesaurusEntry.findUniqueOrThrow({ where: { id } });
    await tx.thesaurusEvent.create({
      data: {
        entryId: id,
        action: "update",
        beforeJson: JSON.stringify(toEntry(before)),
        afterJson: JSON.stringify(toEntry(after)),
        userId: actor.id,
      },
    });
    await bumpGeneration(tx);
    return after;
  });
  return (await recordsOf(db, [row]))[0];
}

export async function deleteThesaurusEntry(actor: SessionUser, id: number, revision: number): Promise<void> {
  requireAdmin(actor);
  await getPrisma().$transaction(async (tx) => {
    const before = await atRevision(tx, id, revision);
    const removed = await tx.thesaurusEntry.deleteMany({ where: { id, revision } });
    if (removed.count !== 1) throw new ThesaurusConflictError(null);
    await tx.thesaurusEvent.create({
      data: { entryId: id, action: "delete", beforeJson: JSON.stringify(toEntry(before)), userId: actor.id },
    });
    await bumpGeneration(tx);
  });
}

declare global {
  // eslint-disable-next-line no-var
  var __redlineThesaurus: { key: string; entries: ThesaurusEntry[] } | undefined;
}

/** Entries per database and generation: a stale process reloads at its next read. */
function cacheKey(generation: number, seeded: boolean): string {
  return `${databaseUrl()}\u0000${generation}\u0000${seeded}`;
}

function cached(generation: number, seeded: boolean, load: () => ThesaurusEntry[]): ThesaurusEntry[] {
  const key = cacheKey(generation, seeded);
  if (globalThis.__redlineThesaurus?.key !== key) globalThis.__redlineThesaurus = { key, entries: load() };
  return globalThis.__redlineThesaurus.entries;
}

const ENTRY_COLUMNS = `SELECT "termsJson", "oneWay", "note" FROM "ThesaurusEntry" ORDER BY "id"`;

/** The thesaurus as search applies it (seeding it on first use). */
export async function loadThesaurus(): Promise<ThesaurusEntry[]> {
  const db = getPrisma();
  await ensureThesaurusSeeded(db);
  const state = await db.thesaurusState.findUniqueOrThrow({ where: { id: 1 } });
  const hit = globalThis.__redlineThesaurus;
  if (hit?.key === cacheKey(state.generation, true)) return hit.entries;
  const rows = await db.$queryRawUnsafe<Pick<EntryRow, "termsJson" | "oneWay" | "note">[]>(ENTRY_COLUMNS);
  return cached(state.generation, true, () => rows.map(toEntry));
}

const STATE_COLUMNS = `SELECT "generation", "seededAt" FROM "ThesaurusState" WHERE "id" = 1`;
type StateRow = { generation: number; seededAt: unknown };
type Row = Pick<EntryRow, "termsJson" | "oneWay" | "note">;

/**
 * The same, synchronously through the search reader (one row read when nothing changed). The
 * reader is read-only: before the seed has been written, the seed itself is the thesaurus.
 */
export function readThesaurus(reader: SearchReader): ThesaurusEntry[] {
  const state = reader.all<StateRow>(STATE_COLUMNS)[0];
  const seeded = Boolean(state?.seededAt);
  return cached(Number(state?.generation ?? 0), seeded, () => (seeded ? reader.all<Row>(ENTRY_COLUMNS).map(toEntry) : SEED_THESAURUS));
}

/** readThesaurus through an asynchronous read-only connection (the PostgreSQL search's snapshot). */
export async function readThesaurusAsync(query: <T>(sql: string) => Promise<T[]>): Promise<ThesaurusEntry[]> {
  const state = (await query<StateRow>(STATE_COLUMNS))[0];
  const seeded = Boolean(state?.seededAt);
  const generation = Number(state?.generation ?? 0);
  const hit = globalThis.__redlineThesaurus;
  if (hit?.key === cacheKey(generation, seeded)) return hit.entries;
  const entries = seeded ? (await query<Row>(ENTRY_COLUMNS)).map(toEntry) : SEED_THESAURUS;
  return cached(generation, seeded, () => entries);
}

/** For the Meilisearch engine: has the thesaurus changed since `generation`? */
export function thesaurusGeneration(reader: SearchReader): number {
  const state = reader.all<{ generation: number }>(`SELECT "generation" FROM "ThesaurusState" WHERE "id" = 1`)[0];
  return Number(state?.generation ?? 0);
}

