/**
 * The Meilisearch engine (used when MEILI_HOST is set), through the official client.
 *
 * One document per article version. Exact substring recall does not rely on Meilisearch's word
 * segmentation (which only matches whole words and word prefixes): every document carries the
 * same character-bigram tokens as the embedded engine, spelled in letters (grams.ts), and every
 * query term is sent as a quoted phrase of those tokens with matchingStrategy "all", so no term
 * is dropped and no prefix or typo expansion applies. Highlights are computed on the exact text
 * from the app database (highlight.ts), never from Meilisearch's byte-based _matchesPosition.
 *
 * Indexing happens after ingest's transaction commits (afterVersionCommitted): the versions to
 * sync are re-read from the database, so a rolled-back transaction never reaches the index.
 *
 * The thesaurus (thesaurus.server.ts) is pushed to the index's `synonyms` setting in the same token
 * form, whenever its generation changes; a query term with an entry is sent unquoted, since
 * Meilisearch applies synonyms to query words but never inside a phrase.
 */
import { Meilisearch, type Settings } from "meilisearch";
import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { foldForMatch } from "~/lib/text/normalize";
import { loadCatalog } from "./catalog.server";
import type { SearchEngine } from "./engine.server";
import { SearchQueryError, SearchUnavailableError } from "./errors";
import { charUnit, lettersOnly, textGrams, textUnigrams, paragraphGrams } from "./grams";
import { assembleHits, buildSearchResponse, type MatchedGroup } from "./hits.server";
import { LEGAL_TERMS } from "./legal-terms";
import { buildThesaurusIndex, type ThesaurusEntry, type ThesaurusIndex } from "./thesaurus";
import { readThesaurus, thesaurusGeneration } from "./thesaurus.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import type { RelaxationStep, SearchRequest, SearchResponse } from "./types";
import { groupHash, sqliteRelatedTermsFor } from "./sqlite-engine.server";

export interface MeiliConfig {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** Per HTTP request. */
  timeoutMs: number;
  /** How long to wait for an indexing task. */
  taskTimeoutMs: number;
}

export function meiliConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MeiliConfig | null {
  const host = env.MEILI_HOST?.trim();
  if (!host) return null;
  return {
    host,
    apiKey: env.MEILI_API_KEY?.trim() || undefined,
    indexUid: env.MEILI_INDEX?.trim() || "redline-provisions",
    timeoutMs: 10_000,
    taskTimeoutMs: 120_000,
  };
}

/** Index settings, declared here and applied by reindex (and on first sync). */
export const MEILI_SETTINGS: Settings = {
  // Token attributes first: the attribute ranking rule then ranks heading matches above body ones.
  searchableAttributes: ["headGrams", "bodyGrams", "chars", "heading", "text"],
  filterableAttributes: ["versionId", "workId", "workSlug", "kind", "chapterPrefixes", "groupId"],
  sortableAttributes: ["versionDate", "position"],
  displayedAttributes: ["id", "versionId", "workId", "workSlug", "kind", "key", "label", "versionDate", "groupId"],
  // The same article with the same text in several versions is one result (with version badges).
  distinctAttribute: "groupId",
  rankingRules: ["words", "attribute", "proximity", "exactness", "sort"],
  // Typos make no sense for CJK characters nor for the bigram tokens, which must match exactly.
  typoTolerance: { enabled: false },
  // Segmentation of the readable text attributes (the ones Meilisearch's own highlighter uses).
  dictionary: LEGAL_TERMS,
  localizedAttributes: [{ attributePatterns: ["text", "heading"], locales: ["cmn"] }],
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 10_000 },
};

export interface MeiliDocument {
  id: number;
  versionId: number;
  workId: number;
  workSlug: string;
  kind: string;
  key: string;
  label: string | null;
  heading: string;
  text: string;
  versionDate: string;
  position: number;
  chapterPrefixes: string[];
  groupId: string;
  headGrams: string;
  bodyGrams: string;
  chars: string;
}

interface DocRow {
  id: number;
  key: string;
  label: string | null;
  heading: string | null;
  text: string;
  isUnit: number | boolean;
  chapterKey: string;
  position: number;
  workId: number;
  workSlug: string;
  kind: string;
  versionDate: string;
}

export function buildMeiliDocuments(rows: DocRow[], versionId: number): MeiliDocument[] {
  const structural = new Map<string, string>();
  for (const r of rows) if (!r.isUnit) structural.set(r.key, r.heading ?? r.text);
  const docs: MeiliDocument[] = [];
  for (const r of rows) {
    if (!r.isUnit) continue;
    const parts = r.chapterKey ? r.chapterKey.split("/") : [];
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    const headings = prefixes.map((k) => structural.get(k)).filter((h): h is string => Boolean(h));
    if (r.heading) headings.push(r.heading);
    const foldedHeadings = headings.map((h) => foldForMatch(h));
    const foldedParagraphs = r.text.split("\n").map((p) => foldForMatch(p));
    docs.push({
      id: Number(r.id),
      versionId,
      workId: Number(r.workId),
      workSlug: r.workSlug,
      kind: r.kind,
      key: r.key,
      label: r.label,
      heading: headings.join(" / "),
      text: r.text,
      versionDate: r.versionDate,
      position: Number(r.position),
      chapterPrefixes: prefixes,
      groupId: `${Number(r.workId)}-${groupHash(r.key, foldedParagraphs.join(""))}`,
      headGrams: lettersOnly(textGrams(foldedHeadings)),
      bodyGrams: lettersOnly(textGrams(foldedParagraphs)),
      chars: lettersOnly(textUnigrams([...foldedHeadings, ...foldedParagraphs])),
    });
  }
  return docs;
}

/** One folded term as the letter-spelled tokens the documents hold: its bigrams, or its character. */
export function meiliTermTokens(folded: string): string {
  const chars = [...folded];
  if (chars.length === 1) return lettersOnly(charUnit(chars[0]));
  // paragraphGrams ends with the end token; a term is its bigrams only.
  return lettersOnly(paragraphGrams(folded).split(" ").slice(0, -1).join(" "));
}

/** One query term as a Meilisearch phrase over the letter-spelled tokens. */
export function meiliTermPhrase(folded: string): string {
  return `"${meiliTermTokens(folded)}"`;
}

/** Meilisearch fetches synonyms only for query terms of one to three words (tokens). */
const MEILI_SYNONYM_KEY_WORDS = 3;

function tokenCount(folded: string): number {
  return Math.max(1, [...folded].length - 1);
}

/**
 * The thesaurus as Meilisearch `synonyms`, in token form: two-way entries map every term to the
 * others, one-way entries only their first term (buildThesaurusIndex). Keys longer than
 * MEILI_SYNONYM_KEY_WORDS tokens (terms over four characters) would never be looked up and are left
 * out, and so are terms of several words; values may be any length (Meilisearch matches a multi-word
 * synonym as a phrase, which is what a term's bigram tokens are).
 */
export function buildMeiliSynonyms(entries: readonly ThesaurusEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [from, to] of [...buildThesaurusIndex(entries)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // A term of several words ("虐待 未成年人": all must occur, anywhere) has no synonym form:
    // Meilisearch would read it as one adjacent phrase.
    const single = to.filter((t) => !t.includes(" "));
    if (from.includes(" ") || tokenCount(from) > MEILI_SYNONYM_KEY_WORDS || single.length === 0) continue;
    out[meiliTermTokens(from)] = single.map(meiliTermTokens);
  }
  return out;
}

/** Terms with thesaurus equivalents that Meilisearch can expand (sent unquoted). */
export function expandableTerms(resolved: Pick<ResolvedSearch, "parsed">, thesaurus: ThesaurusIndex): Set<string> {
  return new Set(
    resolved.parsed.terms
      .map((t) => t.folded)
      .filter((t) => thesaurus.has(t) && tokenCount(t) <= MEILI_SYNONYM_KEY_WORDS),
  );
}

/**
 * Every term quoted (a phrase: exact characters, no prefix, typo or synonym expansion), except
 * the terms with thesaurus entries: unquoted, so the index's synonyms apply. A two-character
 * term is one token either way; a three- or four-character one then matches token by token (the
 * proximity rule ranks the adjacent ones first).
 */
export function buildMeiliQuery(resolved: Pick<ResolvedSearch, "parsed">, expandable: ReadonlySet<string> = new Set()): string {
  return [
    ...resolved.parsed.terms.map((t) => (expandable.has(t.folded) ? meiliTermTokens(t.folded) : meiliTermPhrase(t.folded))),
    ...resolved.parsed.excluded.map((t) => `-${meiliTermPhrase(t.folded)}`),
  ].join(" ");
}

function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function buildMeiliFilters(resolved: ResolvedSearch, withWorkFilters: boolean): string[] {
  const filters: string[] = [];
  if (resolved.statusVersionIds) {
    // An empty IN list is a syntax error; no version in force means nothing can match.
    const ids = [...resolved.statusVersionIds];
    filters.push(ids.length ? `versionId IN [${ids.join(", ")}]` : "versionId = -1");
  }
  if (withWorkFilters) {
    if (resolved.work) filters.push(`workId = ${resolved.work.id}`);
    if (resolved.kind) filters.push(`kind = ${quoteFilterValue(resolved.kind)}`);
    if (resolved.chapter) filters.push(`chapterPrefixes = ${quoteFilterValue(resolved.chapter)}`);
  }
  return filters;
}

const ATTRIBUTES_TO_SEARCH_ON = ["headGrams", "bodyGrams", "chars"];

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause?.message ? ` (${e.cause.message})` : "";
  return `${e?.message ?? String(error)}${cause}`;
}

export function createMeiliSearchEngine(
  config: MeiliConfig,
  getDb: () => PrismaClient = getPrisma,
): SearchEngine {
  const client = new Meilisearch({ host: config.host, apiKey: config.apiKey, timeout: config.timeoutMs });
  const index = client.index<MeiliDocument>(config.indexUid);
  /** Versions removed inside a transaction, synced (deleted or restored) after the next commit. */
  const pendingRemovals = new Set<number>();
  let settingsApplied = false;
  /** Thesaurus generation last pushed to the synonyms setting by this process. */
  let synonymsGeneration: number | null = null;

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new SearchUnavailableError(`Meilisearch at ${config.host}: ${what} failed: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  async function waitFor(what: string, task: Promise<{ taskUid: number }>): Promise<void> {
    const enqueued = await call(what, () => task);
    const done = await call(what, () =>
      client.tasks.waitForTask(enqueued.taskUid, { timeout: config.taskTimeoutMs, interval: 100 }),
    );
    if (done.status !== "succeeded") {
      throw new SearchUnavailableError(
        `Meilisearch at ${config.host}: ${what} ${done.status}: ${done.error?.message ?? "no detail"}`,
      );
    }
  }

  async function ensureIndex(): Promise<void> {
    if (settingsApplied) return;
    const exists = await call("reading the index", async () => {
      try {
        await index.getRawInfo();
        return true;
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return false;
        throw error;
      }
    });
    if (!exists) await waitFor("creating the index", client.createIndex(config.indexUid, { primaryKey: "id" }));
    const reader = getSearchReader();
    const generation = thesaurusGeneration(reader);
    await waitFor("updating settings", index.updateSettings({ ...MEILI_SETTINGS, synonyms: buildMeiliSynonyms(readThesaurus(reader)) }));
    settingsApplied = true;
    synonymsGeneration = generation;
  }

  /** Pushes the thesaurus when it changed since this process last did (an admin edited it). */
  async function syncSynonyms(): Promise<ThesaurusIndex> {
    const reader = getSearchReader();
    const generation = thesaurusGeneration(reader);
    const entries = readThesaurus(reader);
    if (generation !== synonymsGeneration) {
      await waitFor("updating synonyms", index.updateSynonyms(buildMeiliSynonyms(entries)));
      synonymsGeneration = generation;
    }
    return buildThesaurusIndex(entries);
  }

  /**
   * Which page hits hold every term literally and which only through an equivalent (the badge
   * and the explanation), from the exact text in the database.
   */
  function classify(reader: SearchReader, provisionIds: number[], terms: string[], thesaurus: ThesaurusIndex, expandable: Set<string>) {
    const rows = reader.all<{ id: number; heading: string | null; text: string }>(
      `SELECT "id", "heading", "text" FROM "Provision" WHERE "id" IN (SELECT value FROM json_each(?))`,
      JSON.stringify(provisionIds),
    );
    const folded = new Map(rows.map((r) => [Number(r.id), foldForMatch(`${r.heading ?? ""}\n${r.text}`)]));
    return (id: number): Pick<MatchedGroup, "match" | "viaSynonyms" | "highlight"> => {
      const text = folded.get(id) ?? "";
      const via: string[] = [];
      const highlight: string[] = [];
      for (const term of terms) {
        if (text.includes(term)) highlight.push(term);
        else if (expandable.has(term)) {
          const found = (thesaurus.get(term) ?? []).filter((alt) => text.includes(alt));
          via.push(...found);
          highlight.push(...found);
        }
      }
      return via.length > 0 ? { match: "synonym", viaSynonyms: via, highlight } : { match: "exact", highlight: terms };
    };
  }

  async function readDocuments(db: PrismaClient, versionId: number): Promise<MeiliDocument[]> {
    const rows = await db.$queryRawUnsafe<DocRow[]>(
      `SELECT p."id", p."key", p."label", p."heading", p."text", p."isUnit", p."chapterKey", p."position",
              v."workId", v."versionDate", w."slug" AS "workSlug", w."kind"
       FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId" JOIN "Work" w ON w."id" = v."workId"
       WHERE p."versionId" = ? AND (p."isUnit" = 1 OR p."kind" IN ('part', 'chapter', 'section', 'heading'))`,
      versionId,
    );
    return buildMeiliDocuments(rows, versionId);
  }

  async function syncVersion(db: PrismaClient, versionId: number): Promise<void> {
    await waitFor(`removing version ${versionId}`, index.deleteDocuments({ filter: `versionId = ${versionId}` }));
    const docs = await readDocuments(db, versionId);
    for (let i = 0; i < docs.length; i += 1000) {
      await waitFor(`indexing version ${versionId}`, index.addDocuments(docs.slice(i, i + 1000), { primaryKey: "id" }));
    }
  }

  async function runSearch(request: SearchRequest): Promise<SearchResponse> {
    const reader = getSearchReader();
    const catalog = loadCatalog(reader);
    const resolved = resolveSearch(request, catalog);
    // Meilisearch filters on indexed attributes; the measures' agencies are not indexed there yet.
    if (resolved.agency) throw new SearchQueryError("agency-unsupported", "The agency filter needs the built-in search engine (not Meilisearch).");
    const thesaurus = await syncSynonyms();
    const expandable = expandableTerms(resolved, thesaurus);
    const q = buildMeiliQuery(resolved, expandable);
    const common = {
      indexUid: config.indexUid,
      q,
      attributesToSearchOn: ATTRIBUTES_TO_SEARCH_ON,
      matchingStrategy: "all" as const,
    };
    const { results } = await call("search", () =>
      client.multiSearch({
        queries: [
          {
            ...common,
            filter: buildMeiliFilters(resolved, true),
            page: resolved.page,
            hitsPerPage: resolved.pageSize,
            attributesToRetrieve: ["id", "versionId", "groupId"],
          },
          {
            ...common,
            filter: buildMeiliFilters(resolved, false),
            facets: ["workId"],
            limit: 0,
          },
        ],
      }),
    );
    const [main, facet] = results;
    const pageHits = (main.hits ?? []) as unknown as Pick<MeiliDocument, "id" | "versionId" | "groupId">[];

    // Distinct returns one document per group and applies to every search, so the other
    // versions of each group on this page are listed through the documents route (no distinct).
    // Same work, key and text: they match the same terms.
    const groupIds = pageHits.map((h) => h.groupId);
    const members = new Map<string, { provisionId: number; versionId: number }[]>();
    if (groupIds.length > 0) {
      const docs = await call("reading documents", () =>
        index.getDocuments({
          filter: [
            ...buildMeiliFilters(resolved, false),
            `groupId IN [${groupIds.map(quoteFilterValue).join(", ")}]`,
          ],
          fields: ["id", "versionId", "groupId"],
          limit: 1000,
        }),
      );
      for (const d of docs.results as unknown as Pick<MeiliDocument, "id" | "versionId" | "groupId">[]) {
        const list = members.get(d.groupId) ?? [];
        list.push({ provisionId: Number(d.id), versionId: Number(d.versionId) });
        members.set(d.groupId, list);
      }
    }
    const terms = resolved.parsed.terms.map((t) => t.folded);
    const matchOf = classify(reader, pageHits.map((h) => Number(h.id)), terms, thesaurus, expandable);
    const groups: MatchedGroup[] = pageHits.map((h) => ({
      entries: members.get(h.groupId) ?? [{ provisionId: Number(h.id), versionId: Number(h.versionId) }],
      ...matchOf(Number(h.id)),
    }));
    const hits = assembleHits(reader, catalog, groups, resolved);
    const steps: RelaxationStep[] = [...expandable]
      .filter((term) => groups.some((g) => g.match === "synonym" && !g.highlight?.includes(term)))
      .map((term) => ({ kind: "synonyms", term, into: thesaurus.get(term) ?? [] }));

    const perWork = Object.entries(facet.facetDistribution?.workId ?? {}).map(([wid, count]) => [Number(wid), count] as [number, number]);
    const total = Number(main.totalHits ?? main.estimatedTotalHits ?? 0);
    // Suggestions for an empty result are the shared fallbacks (buildSearchResponse).
    return buildSearchResponse("meilisearch", request, resolved, catalog, perWork, total, hits, {
      ...(steps.length ? { relaxation: { steps, suggestions: [] } } : {}),
    });
  }

  return {
    name: "meilisearch",
    async indexVersionInTransaction() {
      // Meilisearch cannot take part in the SQLite transaction; afterVersionCommitted syncs.
    },
    async removeVersionInTransaction(_tx: Tx, versionId: number) {
      pendingRemovals.add(versionId);
    },
    async afterVersionCommitted(versionId: number) {
      const db = getDb();
      await ensureIndex();
      const ids = new Set([versionId, ...pendingRemovals]);
      pendingRemovals.clear();
      // Re-reading each version from the database makes this correct whatever happened:
      // a removed version has no rows left (its documents go), a rolled-back removal still has
      // its rows (its documents come back as they are).
      for (const id of ids) await syncVersion(db, id);
    },
    search: runSearch,
    // Related terms come from the embedded index, which the app database holds alongside.
    async relatedTermsFor(term) {
      return sqliteRelatedTermsFor(term);
    },
    async reindex(onProgress) {
      const db = getDb();
      settingsApplied = false;
      await ensureIndex();
      await waitFor("clearing the index", index.deleteAllDocuments());
      const versions = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT "id" FROM "Version" ORDER BY "id"`);
      const total = versions.length;
      onProgress?.(0, total);
      let done = 0;
      for (const v of versions) {
        const docs = await readDocuments(db, Number(v.id));
        for (let i = 0; i < docs.length; i += 1000) {
          await waitFor(`indexing version ${v.id}`, index.addDocuments(docs.slice(i, i + 1000), { primaryKey: "id" }));
        }
        onProgress?.(++done, total);
      }
    },
    async warmUp() {
      // Nothing cached per process: the server holds the index.
    },
    async health() {
      try {
        const health = await client.health();
        const stats = await index.getStats();
        return {
          ok: health.status === "available",
          engine: "meilisearch",
          message: `${config.host}: ${health.status}, ${stats.numberOfDocuments} documents in ${config.indexUid}.`,
        };
      } catch (error) {
        return {
          ok: false,
          engine: "meilisearch",
          message: `Meilisearch at ${config.host} is unreachable or refused the request: ${describe(error)}. Check MEILI_HOST / MEILI_API_KEY and that the server is running.`,
        };
      }
    },
  };
}
