/**
 * The folded texts of every indexed unit, in memory, for ranking (rank.ts): body paragraphs and the
 * headings the index's heading column holds (chapter path + own heading), each folded exactly as
 * indexing folds them. Parallel to the unit table (same order: provision id ascending) and reloaded
 * with it when search_meta.generation changes. About two bytes per character of article text
 * (bench corpus: 23 MB of UTF-8 text, mostly three-byte characters, ~16 MB here).
 *
 * Display never reads these strings: hits show the exact stored text (hits.server.ts).
 */
import { foldForMatch } from "~/lib/text/normalize";
import type { SearchReader } from "./reader.server";
import type { UnitTable } from "./units.server";

export interface UnitTexts {
  heading: string[];
  body: string[];
  /** Characters of heading + body per unit, and their mean: BM25's length normalisation. */
  length: Int32Array;
  avgLength: number;
}

type TextRow = [number, number, string | null, string, string];
type StructuralRow = [number, string, string | null, string];

let cached: { table: UnitTable; texts: UnitTexts } | null = null;

/** The heading column's text of a unit, as sqlite-engine.server.ts indexes it. */
export function unitHeadingTexts(
  chapterKey: string,
  ownHeading: string | null,
  structural: (key: string) => string | undefined,
): string[] {
  const out: string[] = [];
  if (chapterKey) {
    const parts = chapterKey.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const h = structural(parts.slice(0, i).join("/"));
      if (h) out.push(h);
    }
  }
  if (ownHeading) out.push(ownHeading);
  return out;
}

export function foldParagraphs(text: string): string[] {
  return text.includes("\n") ? text.split("\n").map((p) => foldForMatch(p)) : [foldForMatch(text)];
}

const UNIT_TEXT_COLUMNS = `p."id", p."versionId", p."heading", p."text", p."chapterKey"`;

/**
 * Call inside the search's snapshot, with the unit table loaded in it. Provision rows never change
 * in place (a replaced version gets new rows, AUTOINCREMENT ids are never reused), so after an
 * ingest only the new rows are read and folded; the rest are carried over from the previous load.
 */
export function loadUnitTexts(db: SearchReader, table: UnitTable): UnitTexts {
  if (cached?.table === table) return cached.texts;
  const previous = cached;
  const heading: string[] = new Array(table.size).fill("");
  const body: string[] = new Array(table.size).fill("");
  const length = new Int32Array(table.size);

  // Carry over by provision id (both tables are sorted by it); list what is new.
  const missing: number[] = [];
  if (previous) {
    const old = previous.table.provisionId;
    let j = 0;
    for (let i = 0; i < table.size; i++) {
      const pid = table.provisionId[i];
      while (j < old.length && old[j] < pid) j++;
      if (j < old.length && old[j] === pid) {
        heading[i] = previous.texts.heading[j];
        body[i] = previous.texts.body[j];
        length[i] = previous.texts.length[j];
      } else missing.push(pid);
    }
  }
  const full = !previous || missing.length * 2 > table.size;
  let rows: TextRow[] = [];
  let structuralRows: StructuralRow[] = [];
  if (full) {
    rows = db.raw<TextRow>(
      `SELECT ${UNIT_TEXT_COLUMNS} FROM "search_unit" s JOIN "Provision" p ON p."id" = s."provisionId" ORDER BY s."provisionId"`,
    );
    structuralRows = db.raw<StructuralRow>(
      `SELECT "versionId", "key", "heading", "text" FROM "Provision"
       WHERE "isUnit" = 0 AND "kind" IN ('part', 'chapter', 'section', 'heading')`,
    );
  } else if (missing.length > 0) {
    rows = db.raw<TextRow>(
      `SELECT ${UNIT_TEXT_COLUMNS} FROM "Provision" p WHERE p."id" IN (SELECT value FROM json_each(?)) ORDER BY p."id"`,
      JSON.stringify(missing),
    );
    structuralRows = db.raw<StructuralRow>(
      `SELECT "versionId", "key", "heading", "text" FROM "Provision"
       WHERE "isUnit" = 0 AND "kind" IN ('part', 'chapter', 'section', 'heading')
         AND "versionId" IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...new Set(rows.map((r) => r[1]))]),
    );
  }
  const structural = new Map<string, string>();
  for (const [vid, key, h, text] of structuralRows) structural.set(`${vid}\u0000${key}`, h ?? text);
  // Units of one chapter share their folded chapter path (one string, not one per unit).
  const foldedPaths = new Map<string, string>();
  let i = 0;
  for (const [pid, vid, ownHeading, text, chapterKey] of rows) {
    // Both lists come from one snapshot ordered by provision id; skip anything out of step.
    while (i < table.size && table.provisionId[i] < pid) i++;
    if (i >= table.size || table.provisionId[i] !== pid) continue;
    const pathKey = `${vid}\u0000${chapterKey}`;
    let path = foldedPaths.get(pathKey);
    if (path === undefined) {
      path = unitHeadingTexts(chapterKey, null, (k) => structural.get(`${vid}\u0000${k}`))
        .map((h) => foldForMatch(h))
        .join("\n");
      foldedPaths.set(pathKey, path);
    }
    const own = ownHeading ? foldForMatch(ownHeading) : "";
    heading[i] = own ? (path ? `${path}\n${own}` : own) : path;
    body[i] = foldParagraphs(text).join("\n");
    length[i] = heading[i].length + body[i].length;
  }
  let total = 0;
  for (let k = 0; k < table.size; k++) total += length[k];
  const texts: UnitTexts = { heading, body, length, avgLength: table.size ? total / table.size : 1 };
  cached = { table, texts };
  return texts;
}
