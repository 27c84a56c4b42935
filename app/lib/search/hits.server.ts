/**
 * Turns engine matches (provision ids grouped as "one article, one text, several versions") into
 * SearchHits read from the app database: the exact text, highlighted by highlight.ts.
 */
import type { Catalog } from "./catalog.server";
import { buildSnippet } from "./highlight";
import type { SearchReader } from "./reader.server";
import type { ResolvedSearch } from "./resolve";
import type { KindFacet, MatchKind, SearchHit, SearchRelaxation, SearchRequest, SearchResponse, WorkFacet } from "./types";
import { fallbackSuggestions } from "./relax";

export interface MatchedGroup {
  entries: { provisionId: number; versionId: number }[];
  /** How the group matched; "exact" when absent. */
  match?: MatchKind;
  viaSynonyms?: string[];
  /** Folded strings to highlight; the query's terms when absent. */
  highlight?: string[];
}

/** "part-1/ch-2" -> ["part-1", "part-1/ch-2"] */
function chapterPrefixes(chapterKey: string): string[] {
  if (!chapterKey) return [];
  const parts = chapterKey.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

export function assembleHits(
  db: SearchReader,
  catalog: Catalog,
  groups: MatchedGroup[],
  resolved: ResolvedSearch,
): SearchHit[] {
  if (groups.length === 0) return [];
  const reps = pickRepresentatives(catalog, groups, resolved);
  const rows = db.all<ProvisionRow>(
    `SELECT "id", "versionId", "key", "label", "heading", "text", "chapterKey" FROM "Provision"
     WHERE "id" IN (SELECT value FROM json_each(?))`,
    JSON.stringify(reps.map((r) => r.rep.provisionId)),
  );
  const pairs = chapterPairs(rows);
  const headingRows = pairs.length
    ? db.all<HeadingRow>(
        `SELECT p."versionId", p."key", p."label", p."heading", p."text" FROM json_each(?) j
         JOIN "Provision" p ON p."versionId" = json_extract(j.value, '$[0]') AND p."key" = json_extract(j.value, '$[1]')`,
        JSON.stringify(pairs),
      )
    : [];
  return buildHits(catalog, reps, rows, headingRows, resolved);
}

export interface ProvisionRow {
  id: number;
  versionId: number;
  key: string;
  label: string | null;
  heading: string | null;
  text: string;
  chapterKey: string;
}

export interface HeadingRow {
  versionId: number;
  key: string;
  label: string | null;
  heading: string | null;
  text: string;
}

type Representative = { rep: MatchedGroup["entries"][number]; sorted: MatchedGroup["entries"]; group: MatchedGroup };

/** Per group, its versions oldest first and the one shown: in force on the day, else the latest. */
export function pickRepresentatives(catalog: Catalog, groups: MatchedGroup[], resolved: ResolvedSearch): Representative[] {
  return groups.map((group) => {
    const sorted = [...group.entries].sort((a, b) =>
      (catalog.versions.get(a.versionId)?.versionDate ?? "").localeCompare(
        catalog.versions.get(b.versionId)?.versionDate ?? "",
      ),
    );
    const rep = sorted.find((e) => resolved.inForce.has(e.versionId)) ?? sorted[sorted.length - 1];
    return { rep, sorted, group };
  });
}

/** [versionId, chapter key] of every enclosing part / chapter / section of the shown rows. */
export function chapterPairs(rows: ProvisionRow[]): [number, string][] {
  const pairs: [number, string][] = [];
  for (const r of rows) for (const k of chapterPrefixes(r.chapterKey)) pairs.push([Number(r.versionId), k]);
  return pairs;
}

/** The hits of the representatives, from their provision rows and chapter heading rows. */
export function buildHits(
  catalog: Catalog,
  reps: Representative[],
  rows: ProvisionRow[],
  headingRows: HeadingRow[],
  resolved: ResolvedSearch,
): SearchHit[] {
  const byId = new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), versionId: Number(r.versionId) }]));
  const headings = new Map<string, string>();
  for (const h of headingRows) {
    const shown = h.label && h.heading ? `${h.label} ${h.heading}` : (h.heading ?? h.text);
    headings.set(`${Number(h.versionId)}\u0000${h.key}`, shown);
  }
  const terms = resolved.parsed.terms.map((t) => t.folded);
  const hits: SearchHit[] = [];
  for (const { rep, sorted, group } of reps) {
    const p = byId.get(rep.provisionId);
    const version = catalog.versions.get(rep.versionId);
    const work = version ? catalog.works.get(version.workId) : undefined;
    // The index and the database are read in separate statements; a version deleted in between
    // simply drops out of this page.
    if (!p || !version || !work) continue;
    hits.push({
      provisionId: p.id,
      work: { slug: work.slug, title: work.title, kind: work.kind },
      key: p.key,
      label: p.label,
      heading: p.heading,
      chapterPath: chapterPrefixes(p.chapterKey)
        .map((k) => headings.get(`${p.versionId}\u0000${k}`))
        .filter((h): h is string => Boolean(h)),
      version: catalog.badge(rep.versionId, resolved.inForce),
      versions: sorted.map((e) => catalog.badge(e.versionId, resolved.inForce)),
      snippet: buildSnippet(p.text, group.highlight ?? terms),
      match: group.match ?? "exact",
      ...(group.viaSynonyms?.length ? { viaSynonyms: group.viaSynonyms } : {}),
      matchedTerms: group.highlight ?? terms,
      url: `/works/${encodeURIComponent(work.slug)}/${version.versionDate}#${p.key}`,
    });
  }
  return hits;
}

/**
 * Facets from per-work counts: works by count, then title; kinds summed over their works. The
 * pipeline hands the same per-work map to every search of a memoised row list (pipeline/facets.ts),
 * and such a map is never changed: its facets are sorted once per map and catalogue (a frequent term
 * matches hundreds of works; sorting them, or even copying them, cost ~0.5 ms per search) and shared
 * by the responses, frozen so that nothing can change one response through another.
 */
export function facetsOf(catalog: Catalog, perWork: Iterable<[number, number]>): SearchResponse["facets"] {
  let sorted = sortedFacets.get(perWork);
  if (sorted?.catalog !== catalog) {
    const { works, kinds } = sortFacets(catalog, perWork);
    sorted = { catalog, works: Object.freeze(works.map((w) => Object.freeze(w))), kinds: Object.freeze(kinds.map((k) => Object.freeze(k))) };
    sortedFacets.set(perWork, sorted);
  }
  return { works: sorted.works as WorkFacet[], kinds: sorted.kinds as KindFacet[] };
}

const sortedFacets = new WeakMap<object, { catalog: Catalog; works: readonly WorkFacet[]; kinds: readonly KindFacet[] }>();

function sortFacets(catalog: Catalog, perWork: Iterable<[number, number]>): { works: WorkFacet[]; kinds: KindFacet[] } {
  // By count, then title (zh-CN collation, precomputed with the catalogue: collating titles per
  // search cost ~1.5 ms for the hundreds of works a common term matches). Title positions are
  // distinct, so one number per work orders them: a numeric sort of a typed array, no comparator.
  const byTitle = new Int32Array(catalog.titleOrder.size + 1);
  const keys: number[] = [];
  const kinds = new Map<string, number>();
  for (const [wid, count] of perWork) {
    const w = catalog.works.get(wid);
    if (!w) continue;
    const order = catalog.titleOrder.get(wid) ?? 0;
    byTitle[order] = wid;
    keys.push(count * TITLE_SLOTS + (TITLE_SLOTS - 1 - order));
    kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + count);
  }
  const sorted = Float64Array.from(keys).sort();
  const works: WorkFacet[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const order = TITLE_SLOTS - 1 - (sorted[i] % TITLE_SLOTS);
    const w = catalog.works.get(byTitle[order])!;
    works.push({ slug: w.slug, title: w.title, kind: w.kind, count: Math.floor(sorted[i] / TITLE_SLOTS) });
  }
  const kindFacets: KindFacet[] = [...kinds].map(([kind, count]) => ({ kind, count }));
  kindFacets.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { works, kinds: kindFacets };
}

/** More than any catalogue's works: count x TITLE_SLOTS + title position stays an exact integer. */
const TITLE_SLOTS = 2 ** 21;

/**
 * The response both engines return: facets from per-work counts (facetsOf), paging figures and the
 * echo of the query and filters.
 */
export function buildSearchResponse(
  engine: SearchResponse["engine"],
  request: SearchRequest,
  resolved: ResolvedSearch,
  catalog: Catalog,
  perWork: Iterable<[number, number]>,
  total: number,
  hits: SearchHit[],
  understanding: { relaxation?: SearchRelaxation; relatedTerms?: string[] } = {},
): SearchResponse {
  return {
    engine,
    query: {
      q: request.q,
      terms: resolved.parsed.terms.map((t) => t.folded),
      excluded: resolved.parsed.excluded.map((t) => t.folded),
    },
    status: resolved.status,
    date: resolved.date,
    total,
    page: resolved.page,
    pageSize: resolved.pageSize,
    pageCount: Math.ceil(total / resolved.pageSize),
    hits,
    facets: facetsOf(catalog, perWork),
    filters: { work: resolved.work?.slug ?? null, kind: resolved.kind, chapter: resolved.chapter, agency: resolved.agency },
    relaxation: understanding.relaxation ?? {
      steps: [],
      suggestions: total === 0 ? fallbackSuggestions(resolved.parsed) : [],
    },
    relatedTerms: understanding.relatedTerms ?? [],
  };
}
