/**
 * The in-memory suggestion index (suggest.ts) built from the database: works with their stored
 * short titles, the article labels of each work's version in force, and the frequent words of the
 * embedded index (jieba words of the `words` column, counted per article by FTS5's fts5vocab) plus
 * the thesaurus terms. Built once per catalogue / thesaurus generation and day; a suggestion is then
 * a scan of a few thousand short strings.
 */
import Database from "better-sqlite3";
import { todayInChina } from "~/lib/corpus/point-in-time";
import { databasePath } from "~/lib/env.server";
import { loadCatalog } from "./catalog.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import { buildSuggestIndex, suggest, type SuggestIndex, type SuggestTerm, type SuggestWork, type Suggestion } from "./suggest";
import { readThesaurus, thesaurusGeneration } from "./thesaurus.server";

/** Frequent words kept for suggestions: enough for every term a policy officer types, small in memory. */
const VOCABULARY_SIZE = 20_000;
const PREVIEW_CHARS = 36;

declare global {
  // eslint-disable-next-line no-var
  var __redlineSuggestIndex: { key: string; index: SuggestIndex } | undefined;
}

/**
 * Document frequencies of the words column. fts5vocab is a virtual table, and the search reader is
 * query_only (it may not even create a temp table), so this opens its own read-only connection.
 */
function readVocabulary(): SuggestTerm[] {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    db.exec(`CREATE VIRTUAL TABLE temp."suggest_vocab" USING fts5vocab(main, "search_fts", row)`);
    // Bigram tokens are ASCII, jieba words are not: one range read of the vocabulary gives the words.
    const rows = db
      .prepare(`SELECT "term", "doc" FROM temp."suggest_vocab" WHERE "term" >= char(128) AND "doc" > 1 ORDER BY "doc" DESC LIMIT ?`)
      .all(VOCABULARY_SIZE) as { term: string; doc: number }[];
    return rows.map((r) => ({ term: r.term, count: Number(r.doc) }));
  } finally {
    db.close();
  }
}

function readWorks(reader: SearchReader, today: string): SuggestWork[] {
  const catalog = loadCatalog(reader);
  const inForce = catalog.inForceOn(today);
  const shortTitles = new Map(
    reader.all<{ id: number; shortTitle: string | null }>(`SELECT "id", "shortTitle" FROM "Work"`).map((r) => [Number(r.id), r.shortTitle]),
  );
  const versionOf = new Map<number, { id: number; versionDate: string }>();
  for (const [workId, versions] of catalog.versionsByWork) {
    const chosen = versions.find((v) => inForce.has(v.id)) ?? versions[versions.length - 1];
    if (chosen) versionOf.set(workId, chosen);
  }
  const articlesByVersion = new Map<number, SuggestWork["articles"]>();
  const ids = [...versionOf.values()].map((v) => v.id);
  const rows = reader.all<{ versionId: number; key: string; label: string | null; opening: string }>(
    `SELECT "versionId", "key", "label", substr("text", 1, ?) AS "opening" FROM "Provision"
     WHERE "kind" = 'article' AND "versionId" IN (SELECT value FROM json_each(?))`,
    PREVIEW_CHARS + 16,
    JSON.stringify(ids),
  );
  for (const r of rows) {
    const map = articlesByVersion.get(Number(r.versionId)) ?? new Map();
    const label = r.label ?? r.key;
    const opening = r.opening.startsWith(label) ? r.opening.slice(label.length).trimStart() : r.opening;
    map.set(r.key, { label, preview: [...opening].slice(0, PREVIEW_CHARS).join("") });
    articlesByVersion.set(Number(r.versionId), map);
  }
  return [...catalog.works.values()].map((w) => {
    const version = versionOf.get(w.id);
    return {
      slug: w.slug,
      title: w.title,
      shortTitle: shortTitles.get(w.id) ?? null,
      versionDate: version?.versionDate ?? null,
      articles: (version && articlesByVersion.get(version.id)) ?? new Map(),
    };
  });
}

export function loadSuggestIndex(today = todayInChina()): SuggestIndex {
  const reader = getSearchReader();
  return reader.snapshot(() => {
    const stamp = loadCatalog(reader).stamp;
    const key = `${databasePath()}\u0000${stamp}\u0000${thesaurusGeneration(reader)}\u0000${today}`;
    const hit = globalThis.__redlineSuggestIndex;
    if (hit?.key === key) return hit.index;
    const vocabulary = readVocabulary();
    const counts = new Map(vocabulary.map((t) => [t.term, t.count]));
    const thesaurusTerms = readThesaurus(reader).flatMap((e) => e.terms.map((term) => ({ term, count: counts.get(term) ?? 0 })));
    const index = buildSuggestIndex(readWorks(reader, today), [...vocabulary, ...thesaurusTerms]);
    globalThis.__redlineSuggestIndex = { key, index };
    return index;
  });
}

export function suggestFor(input: string): Suggestion[] {
  return suggest(loadSuggestIndex(), input);
}
