/**
 * What the pipeline reads: the per-engine way of finding candidate rows (CandidateSource), the
 * in-memory state of one index generation (SearchState), and the literal query as clauses.
 */
import type { Catalog } from "../catalog.server";
import type { ParsedQuery } from "../query";
import type { SearchMemo } from "../term-cache";
import type { ThesaurusEntry } from "../thesaurus";
import type { UnitTexts } from "../unit-texts.server";
import type { UnitTable } from "../units.server";
import { ask, type Steps } from "./steps";

/** Alternatives of one clause, each a list of strings that must all occur literally. */
export type Clause = string[][];

/** How one engine finds rows; provision ids are returned ascending. */
export interface CandidateSource {
  /** Rows holding, for every clause, all strings of one of its alternatives, and no excluded string. */
  find(clauses: Clause[], excluded: string[]): Promise<number[]> | number[];
  /** Rows holding `folded` literally (heading or body). */
  countLiteral(folded: string): Promise<number> | number;
  /** Rows whose jieba words include `word`, only among `ids` when given. */
  wordRows(word: string, ids: number[] | null): Promise<number[]> | number[];
  /** Rows holding `word` as a jieba word (undefined when the index has no such word). */
  wordFrequency(word: string): number | undefined;
}

/** What one generation of the index looks like in memory, read in the search's snapshot. */
export interface SearchState {
  stamp: string;
  catalog: Catalog;
  units: UnitTable;
  texts: UnitTexts;
  thesaurus: ThesaurusEntry[];
}

/** The literal query as clauses: every term literally. */
export function literalClauses(parsed: ParsedQuery): Clause[] {
  return parsed.terms.map((t) => [[t.folded]]);
}

/** Rows holding `folded` literally, memoised per generation (term-cache.ts). */
export function* literalCount(source: CandidateSource, memo: SearchMemo, folded: string): Steps<number> {
  let rows = memo.literalCount(folded);
  if (rows === undefined) {
    rows = yield* ask(source.countLiteral(folded));
    memo.keepLiteralCount(folded, rows);
  }
  return rows;
}
