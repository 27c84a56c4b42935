/**
 * search_unit held in memory as typed arrays, one copy per process, reloaded when
 * search_meta.generation changes (like the catalogue). Frequent terms match thousands of rows:
 * reading only their rowids from FTS5 and looking up version, work, group and chapter here costs
 * nanoseconds per row, where a join with search_unit or an object per row in JS cost about a
 * microsecond each (scripts/bench/search.ts).
 */
import { indexOfSorted } from "./sorted";
import type { SearchReader } from "./reader.server";

export interface UnitTable {
  size: number;
  /** Per unit index, sorted by provision id. */
  provisionId: Int32Array;
  versionId: Int32Array;
  workId: Int32Array;
  /** Dense id of "same work, same key, same folded text" (search_unit.groupHash within a work). */
  group: Int32Array;
  /** Index into `chapters`. */
  chapter: Int32Array;
  chapters: string[];
  groupCount: number;
  /**
   * The unit indexes of group g are groupUnits[groupStart[g] .. groupStart[g + 1]), ascending: the
   * page's few groups find their rows here instead of in a pass over every matched row.
   */
  groupStart: Int32Array;
  groupUnits: Int32Array;
  maxWorkId: number;
  maxVersionId: number;
  /** Unit index of a provision id, or -1. `hint` is the previous answer: FTS5 returns rowids ascending. */
  locate(provisionId: number, hint: number): number;
  /**
   * Unit indexes of ascending provision ids (FTS5 rowids), skipping any without a unit: index and unit
   * table come from one snapshot, so that only happens if they disagree, and a search then skips the
   * row rather than failing.
   */
  indexesOf(provisionIds: number[]): number[];
}

/** provisionId, versionId, workId, groupHash, chapterKey */
export type UnitRow = [number, number, number, number, string];

let cached: { stamp: string; table: UnitTable } | null = null;

/** Call inside the search's snapshot with the generation it read (the catalogue's stamp). */
export function loadUnitTable(db: SearchReader, stamp: string): UnitTable {
  if (cached?.stamp === stamp) return cached.table;
  const rows = db.raw<UnitRow>(
    `SELECT "provisionId", "versionId", "workId", "groupHash", "chapterKey" FROM "search_unit" ORDER BY "provisionId"`,
  );
  const table = buildUnitTable(rows);
  cached = { stamp, table };
  return table;
}

/** The unit table of search_unit rows in provision id order. */
export function buildUnitTable(rows: UnitRow[]): UnitTable {
  const size = rows.length;
  const provisionId = new Int32Array(size);
  const versionId = new Int32Array(size);
  const workId = new Int32Array(size);
  const group = new Int32Array(size);
  const chapter = new Int32Array(size);
  // Numeric keys per work: string keys ("work:hash") for 64k rows made the load several times slower.
  const groupsByWork = new Map<number, Map<number, number>>();
  let groupCount = 0;
  const chapterIds = new Map<string, number>();
  const chapters: string[] = [];
  let maxWorkId = 0;
  let maxVersionId = 0;
  for (let i = 0; i < size; i++) {
    const [pid, vid, wid, hash, chapterKey] = rows[i];
    provisionId[i] = pid;
    versionId[i] = vid;
    workId[i] = wid;
    let groups = groupsByWork.get(wid);
    if (!groups) groupsByWork.set(wid, (groups = new Map()));
    let g = groups.get(hash);
    if (g === undefined) groups.set(hash, (g = groupCount++));
    group[i] = g;
    let c = chapterIds.get(chapterKey);
    if (c === undefined) {
      chapterIds.set(chapterKey, (c = chapters.length));
      chapters.push(chapterKey);
    }
    chapter[i] = c;
    if (wid > maxWorkId) maxWorkId = wid;
    if (vid > maxVersionId) maxVersionId = vid;
  }
  // Counting sort by group: units ascending within each group.
  const groupStart = new Int32Array(groupCount + 1);
  for (let i = 0; i < size; i++) groupStart[group[i] + 1]++;
  for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];
  const groupUnits = new Int32Array(size);
  const fill = groupStart.slice(0, groupCount);
  for (let i = 0; i < size; i++) groupUnits[fill[group[i]]++] = i;
  const table: UnitTable = {
    size,
    provisionId,
    versionId,
    workId,
    group,
    chapter,
    chapters,
    groupCount,
    groupStart,
    groupUnits,
    maxWorkId,
    maxVersionId,
    locate(pid, hint) {
      let i = hint < 0 ? 0 : hint;
      if (i < size && provisionId[i] > pid) i = 0;
      // Walk forward a little (the next match is usually close), else binary search.
      for (let step = 0; step < 8 && i < size && provisionId[i] < pid; step++) i++;
      if (i < size && provisionId[i] === pid) return i;
      if (i >= size || provisionId[i] > pid) return -1;
      return indexOfSorted(provisionId, pid, i, size - 1);
    },
    indexesOf(provisionIds) {
      const out: number[] = [];
      let hint = 0;
      for (let i = 0; i < provisionIds.length; i++) {
        const u = table.locate(provisionIds[i], hint);
        if (u < 0) continue;
        hint = u;
        out.push(u);
      }
      return out;
    },
  };
  return table;
}
