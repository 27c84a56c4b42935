/**
 * Comparison of stored versions: units from Provision rows, cached alignments, page rows, article
 * lineage and staff overrides. Alignment itself is the pure `alignArticles`.
 */
import crypto from "node:crypto";
import { listWorks } from "~/lib/corpus/browse.server";
import { getPrisma } from "~/lib/db.server";
import { createReadCache } from "~/lib/read-cache.server";
import { alignArticles, alsoFlagged, type AlignOverride } from "./align";
import { diffTexts, type DiffSegment } from "./diff";
import { CompareNotFoundError, InvalidOverrideError } from "./errors";
import { articleLinks, paragraphOrigins, predecessorsOf, successorsOf, type ParagraphOrigin } from "./lineage";
import { pairDirection, rowMatches, type CompareQuery, type PairDirection } from "./query";
import {
  buildRows,
  chapterCorrespondence,
  rowKind,
  summarizeRows,
  toRowView,
  type ChapterPair,
  type CompareRow,
  type CompareSummary,
  type RowOptions,
  type RowView,
} from "./rows";
import { splitLabel } from "./text";
import type { RowKind } from "./row-kinds";
import type { AlignmentResult, AlignUnit, PairLabel } from "./types";
import { unitsFromProvisions } from "./units";

/** Bump when alignment output changes for the same inputs, so cached results are recomputed. */
const ALGORITHM = "align-12";

export interface VersionRef {
  id: number;
  workId: number;
  versionDate: string;
  title: string;
}

const STRUCTURE_KINDS = ["part", "chapter", "section", "heading"];

export async function getUnits(versionId: number): Promise<AlignUnit[]> {
  const rows = await getPrisma().provision.findMany({
    where: { versionId, OR: [{ isUnit: true }, { kind: { in: STRUCTURE_KINDS } }] },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, label: true, number: true, suffix: true, text: true, isUnit: true, chapterKey: true },
  });
  return unitsFromProvisions(rows);
}

async function getVersion(versionId: number) {
  const v = await getPrisma().version.findUnique({
    where: { id: versionId },
    select: { id: true, workId: true, versionDate: true, title: true, sha256: true, updatedAt: true },
  });
  if (!v) throw new CompareNotFoundError(`Version ${versionId} does not exist.`);
  return v;
}

async function getOverrides(fromVersionId: number, toVersionId: number) {
  return getPrisma().alignmentOverride.findMany({
    where: { fromVersionId, toVersionId },
    orderBy: { id: "asc" },
  });
}

/**
 * Alignment of two versions, cached in AlignmentCache. The cache key covers both texts (sha256),
 * their last update and every override, so a re-ingest or a correction is picked up at once.
 */
export async function alignVersions(fromVersionId: number, toVersionId: number): Promise<AlignmentResult> {
  return (await alignVersionsKeyed(fromVersionId, toVersionId)).result;
}

/** The alignment and the hash of everything it depends on (a key for what is derived from it). */
async function alignVersionsKeyed(fromVersionId: number, toVersionId: number): Promise<{ result: AlignmentResult; inputsHash: string }> {
  const prisma = getPrisma();
  const [from, to, overrides] = await Promise.all([
    getVersion(fromVersionId),
    getVersion(toVersionId),
    getOverrides(fromVersionId, toVersionId),
  ]);
  const inputsHash = crypto
    .createHash("sha256")
    .update(
      JSON.stringify({
        algorithm: ALGORITHM,
        from: [from.sha256, from.updatedAt.toISOString()],
        to: [to.sha256, to.updatedAt.toISOString()],
        overrides: overrides.map((o) => [o.fromKey, o.toKey]),
      }),
    )
    .digest("hex");
  const cached = await prisma.alignmentCache.findUnique({
    where: { fromVersionId_toVersionId: { fromVersionId, toVersionId } },
  });
  if (cached && cached.inputsHash === inputsHash) return { result: JSON.parse(cached.resultJson) as AlignmentResult, inputsHash };

  const [oldUnits, newUnits] = await Promise.all([getUnits(fromVersionId), getUnits(toVersionId)]);
  const result = alignArticles(oldUnits, newUnits, {
    overrides: overrides.map((o): AlignOverride => ({ fromKey: o.fromKey, toKey: o.toKey })),
  });
  const resultJson = JSON.stringify(result);
  try {
    await prisma.alignmentCache.upsert({
      where: { fromVersionId_toVersionId: { fromVersionId, toVersionId } },
      create: { fromVersionId, toVersionId, inputsHash, resultJson },
      update: { inputsHash, resultJson, computedAt: new Date() },
    });
  } catch (error) {
    // Two first requests for the same pair raced to create the row; the other one stored the same result.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return { result, inputsHash };
}

export interface WorkVersions {
  work: { id: number; slug: string; titleZh: string; shortTitle: string | null };
  versions: VersionRef[];
}

export async function getWorkVersions(slug: string): Promise<WorkVersions> {
  const work = await getPrisma().work.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      shortTitle: true,
      versions: { orderBy: { versionDate: "asc" }, select: { id: true, workId: true, versionDate: true, title: true } },
    },
  });
  if (!work) throw new CompareNotFoundError(`No law with the identifier "${slug}".`);
  const { versions, ...rest } = work;
  return { work: rest, versions };
}

export function findVersion(versions: VersionRef[], date: string): VersionRef {
  const v = versions.find((x) => x.versionDate === date);
  if (!v) throw new CompareNotFoundError(`This law has no version dated ${date}.`);
  return v;
}

export interface Comparison extends WorkVersions {
  from: VersionRef;
  to: VersionRef;
  counts: Record<PairLabel, number>;
  /** alsoFlagged(): without them a rewrite's summary would read "0 renumbered". */
  alsoRenumbered: number;
  alsoMoved: number;
  rows: CompareRow[];
}

// A comparison costs seconds of diffing (bench:load: 1 req/s for MPL 2012→2020); the few pairs
// being read are kept until the database changes (an override, a re-ingest).
const comparisons = createReadCache(8);

/** Everything the compare page and the exports show for two versions of a work. */
export function compareVersions(slug: string, fromDate: string, toDate: string, opts: RowOptions = {}): Promise<Comparison> {
  return comparisons(JSON.stringify([slug, fromDate, toDate, opts]), () => computeComparison(slug, fromDate, toDate, opts));
}

async function computeComparison(slug: string, fromDate: string, toDate: string, opts: RowOptions): Promise<Comparison> {
  const wv = await getWorkVersions(slug);
  const from = findVersion(wv.versions, fromDate);
  const to = findVersion(wv.versions, toDate);
  const { result: alignment, inputsHash } = await alignVersionsKeyed(from.id, to.id);
  const rowsKey = `${inputsHash}:${opts.showTypography ? "typo" : ""}`;
  let rows = recentRows.get(rowsKey);
  if (!rows) {
    const [oldUnits, newUnits] = await Promise.all([getUnits(from.id), getUnits(to.id)]);
    rows = buildRows(oldUnits, newUnits, alignment, opts);
    recentRows.set(rowsKey, rows);
    if (recentRows.size > RECENT_ROWS) recentRows.delete(recentRows.keys().next().value!);
  }
  return { ...wv, from, to, counts: alignment.counts, ...alsoFlagged(alignment.pairs), rows };
}

/**
 * Rows (diffs, signals) of the last few comparisons, keyed by the alignment's inputs hash: the page,
 * the request for the rows after the first screen and an export of the same pair build them once.
 * The hash covers both texts and every override, so a stale entry is never read.
 */
const RECENT_ROWS = 16;
const recentRows = new Map<string, CompareRow[]>();

export interface ComparableWork {
  slug: string;
  title: string;
  /** Version dates, earliest first. */
  versions: string[];
}

/** Works with at least two versions, in the catalogue's order. */
export async function listComparableWorks(): Promise<ComparableWork[]> {
  return (await listWorks())
    .filter((w) => w.versions.length >= 2)
    .map((w) => ({ slug: w.slug, title: w.shortTitle ?? w.titleZh, versions: w.versions.map((v) => v.versionDate) }));
}

/** What to compare when only the law is chosen: its two latest versions, earlier first. */
export function defaultPair(dates: string[], chosen: { from?: string; to?: string }): { from: string; to: string } {
  return { from: chosen.from ?? dates[dates.length - 2], to: chosen.to ?? dates[dates.length - 1] };
}

/** The rows a page or an export shows: every filter of the query applied. */
export function selectRows(rows: CompareRow[], q: Pick<CompareQuery, "type" | "chapter" | "changesOnly">): CompareRow[] {
  return rows.filter((r) => rowMatches(r, q));
}

export interface ComparisonPage {
  work: WorkVersions["work"];
  from: VersionRef;
  to: VersionRef;
  direction: PairDirection;
  summary: CompareSummary;
  chapters: ChapterPair[];
  /** Rows matching the filters (all pages), and how many of them are changes. */
  matching: number;
  matchingChanges: number;
  offset: number;
  rows: RowView[];
}

/**
 * One page of the compare table: the summary of the whole comparison, the chapter pairs, and the
 * rows [offset, offset + limit) of those matching the filters, shaped for the chosen view.
 */
export async function compareVersionsPage(q: CompareQuery & { work: string; from: string; to: string }): Promise<ComparisonPage> {
  const c = await compareVersions(q.work, q.from, q.to, { showTypography: Boolean(q.typo) });
  const matching = selectRows(c.rows, q);
  return {
    work: c.work,
    from: c.from,
    to: c.to,
    direction: pairDirection(c.from.versionDate, c.to.versionDate),
    summary: summarizeRows(c.rows),
    chapters: chapterCorrespondence(c.rows).pairs,
    matching: matching.length,
    matchingChanges: matching.filter((r) => r.changed).length,
    offset: q.offset,
    rows: matching.slice(q.offset, q.offset + q.limit).map((r) => toRowView(r, q.view)),
  };
}

export interface HistoryStep {
  version: VersionRef;
  /** The article's unit(s) in this version; empty when it does not exist here. */
  units: { key: string; label: string | null; text: string }[];
  /** How this step relates to the previous one (null for the first step). */
  kind: RowKind | null;
  manual: boolean;
  /** Diff of the previous step's bodies against this one's (null for the first step). */
  segments: DiffSegment[] | null;
  /** Per unit: where each of its 款 came from in the previous version (empty when the alignment has no 款 links). */
  origins: { key: string; label: string | null; paragraphs: ParagraphOrigin[] }[];
}

/** Bodies without their labels: a renumbering is shown in the step's heading, not as an edit. */
const joinBodies = (units: AlignUnit[]) => units.map((u) => splitLabel(u.text, u.label).body).join("\n");

/**
 * The lineage of an article through every version of its work, following the article links of the
 * alignments backwards and forwards from (versionId, key): primary links first, "also draws on" only
 * where there is nothing else. A split follows all its parts; the walk stops where the article did
 * not exist. Each step says where its 款 came from.
 */
export async function articleHistory(workId: number, key: string, versionId: number): Promise<HistoryStep[]> {
  const versions = await getPrisma().version.findMany({
    where: { workId },
    orderBy: { versionDate: "asc" },
    select: { id: true, workId: true, versionDate: true, title: true },
  });
  const at = versions.findIndex((v) => v.id === versionId);
  if (at < 0) throw new CompareNotFoundError("This version does not belong to this law.");
  const unitsCache = new Map<number, Map<string, AlignUnit>>();
  const unitsOf = async (id: number) => {
    let m = unitsCache.get(id);
    if (!m) {
      m = new Map((await getUnits(id)).map((u) => [u.key, u]));
      unitsCache.set(id, m);
    }
    return m;
  };
  if (!(await unitsOf(versionId)).has(key)) throw new CompareNotFoundError(`Article ${key} does not exist in this version.`);
  /** The alignment from version i-1 to version i. */
  const alignments = new Map<number, AlignmentResult>();
  const alignmentInto = async (i: number) => {
    let r = alignments.get(i);
    if (!r) {
      r = await alignVersions(versions[i - 1].id, versions[i].id);
      alignments.set(i, r);
    }
    return r;
  };

  const keysAt = new Map<number, string[]>([[at, [key]]]);
  for (let i = at; i > 0 && keysAt.get(i)!.length; i--) {
    const links = articleLinks(await alignmentInto(i));
    keysAt.set(i - 1, [...new Set(keysAt.get(i)!.flatMap((k) => predecessorsOf(links, k)))]);
  }
  for (let i = at; i + 1 < versions.length && keysAt.get(i)!.length; i++) {
    const links = articleLinks(await alignmentInto(i + 1));
    keysAt.set(i + 1, [...new Set(keysAt.get(i)!.flatMap((k) => successorsOf(links, k)))]);
  }

  const steps: HistoryStep[] = [];
  let previous: AlignUnit[] | null = null;
  for (let i = 0; i < versions.length; i++) {
    const keys = keysAt.get(i);
    if (keys === undefined) continue;
    const map = await unitsOf(versions[i].id);
    const units = keys.map((k) => map.get(k)!).filter(Boolean);
    const step: HistoryStep = {
      version: versions[i],
      units: units.map((u) => ({ key: u.key, label: u.label, text: u.text })),
      kind: null,
      manual: false,
      segments: null,
      origins: [],
    };
    if (previous !== null) {
      const result = await alignmentInto(i);
      const prevKeys = new Set(previous.map((u) => u.key));
      const groups = result.pairs.filter((p) => p.to.some((k) => keys.includes(k)) || p.from.some((k) => prevKeys.has(k)));
      const main = groups.find((p) => p.from.length && p.to.length) ?? groups[0];
      const oldUnits = await unitsOf(versions[i - 1].id);
      step.kind = main ? rowKind(main) : units.length ? "added" : "removed";
      step.manual = main?.manual ?? false;
      step.segments = diffTexts(joinBodies(previous), joinBodies(units));
      step.origins = units.flatMap((u) => {
        const group = result.pairs.find((p) => p.to.includes(u.key));
        return group?.links?.length ? [{ key: u.key, label: u.label, paragraphs: paragraphOrigins(group, u, oldUnits) }] : [];
      });
    }
    steps.push(step);
    previous = units;
  }
  return steps;
}

export interface OtherVersionStep {
  versionDate: string;
  /** The article's counterpart(s) in that version by content alignment; empty when it has none there. */
  units: { key: string; label: string | null; text: string }[];
  /** How that version's text relates to the one before it on the lineage. */
  kind: RowKind | null;
}

/**
 * "This article in other versions", by content alignment (never by number: after a rewrite the same
 * number is usually another provision). Versions outside the article's lineage are left out.
 */
export async function articleInOtherVersions(workId: number, key: string, versionId: number): Promise<OtherVersionStep[]> {
  const steps = await articleHistory(workId, key, versionId);
  return steps
    .filter((s) => s.version.id !== versionId)
    .map((s) => ({ versionDate: s.version.versionDate, units: s.units, kind: s.kind }));
}

export interface OverrideInput {
  fromVersionId: number;
  toVersionId: number;
  /** Old unit key, or null: "this new unit is added". */
  fromKey: string | null;
  /** New unit key, or null: "this old unit was removed". */
  toKey: string | null;
  note?: string | null;
  createdBy: string;
}

/**
 * Record a staff correction. A pair (A, B) replaces the "A removed" and "B added" corrections; a
 * "removed"/"added" correction replaces every other correction of that unit. Several pairs with the
 * same old unit make a split.
 */
export async function setOverride(input: OverrideInput) {
  if (input.fromKey === null && input.toKey === null)
    throw new InvalidOverrideError("Give the old article, the new article, or both.");
  const prisma = getPrisma();
  const [from, to] = await Promise.all([getVersion(input.fromVersionId), getVersion(input.toVersionId)]);
  if (from.workId !== to.workId) throw new InvalidOverrideError("Both versions must belong to the same law.");
  if (from.id === to.id) throw new InvalidOverrideError("Choose two different versions.");
  const [oldUnits, newUnits] = await Promise.all([getUnits(from.id), getUnits(to.id)]);
  if (input.fromKey !== null && !oldUnits.some((u) => u.key === input.fromKey))
    throw new InvalidOverrideError(`The ${from.versionDate} version has no article "${input.fromKey}".`);
  if (input.toKey !== null && !newUnits.some((u) => u.key === input.toKey))
    throw new InvalidOverrideError(`The ${to.versionDate} version has no article "${input.toKey}".`);

  return prisma.$transaction(async (tx) => {
    const scope = { fromVersionId: from.id, toVersionId: to.id };
    const replaced =
      input.fromKey !== null && input.toKey !== null
        ? [
            { ...scope, fromKey: input.fromKey, toKey: null },
            { ...scope, fromKey: null, toKey: input.toKey },
            { ...scope, fromKey: input.fromKey, toKey: input.toKey },
          ]
        : input.fromKey !== null
          ? [{ ...scope, fromKey: input.fromKey }]
          : [{ ...scope, toKey: input.toKey }];
    await tx.alignmentOverride.deleteMany({ where: { OR: replaced } });
    return tx.alignmentOverride.create({
      data: {
        workId: from.workId,
        fromVersionId: from.id,
        toVersionId: to.id,
        fromKey: input.fromKey,
        toKey: input.toKey,
        note: input.note ?? null,
        createdBy: input.createdBy,
      },
    });
  });
}

export async function removeOverride(id: number): Promise<void> {
  const { count } = await getPrisma().alignmentOverride.deleteMany({ where: { id } });
  if (count === 0) throw new CompareNotFoundError(`Correction ${id} does not exist.`);
}

export function listOverrides(fromVersionId: number, toVersionId: number) {
  return getOverrides(fromVersionId, toVersionId);
}
