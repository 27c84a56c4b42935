import { describe, expect, it } from "vitest";
import { frequentCharacters, MEMO_MIN_ROWS, memoMatches, memoScores } from "~/lib/search/term-cache";

const rows = (n: number) => ({ rowCount: n, units: Array.from({ length: n }, (_, i) => i) });

describe("term-cache", () => {
  it("keeps a large match for the same unit table and finds it again without searching", () => {
    const table = {};
    let searches = 0;
    const find = () => (searches++, rows(MEMO_MIN_ROWS));
    memoMatches(table, "q", find);
    expect(memoMatches(table, "q", find).rowCount).toBe(MEMO_MIN_ROWS);
    expect(searches).toBe(1);
  });

  it("searches again for a small match, and after the unit table changes (an index change)", () => {
    let searches = 0;
    const table = {};
    memoMatches(table, "small", () => (searches++, rows(3)));
    memoMatches(table, "small", () => (searches++, rows(3)));
    const big = () => (searches++, rows(MEMO_MIN_ROWS));
    memoMatches(table, "big", big);
    memoMatches({}, "big", big);
    expect(searches).toBe(4);
  });

  it("drops the least recently used entries beyond its bound", () => {
    const table = {};
    let searches = 0;
    const find = () => (searches++, rows(MEMO_MIN_ROWS));
    for (let i = 0; i < 100; i++) memoMatches(table, `q${i}`, find);
    memoMatches(table, "q99", find);
    expect(searches).toBe(100);
    memoMatches(table, "q0", find);
    expect(searches).toBe(101);
  });

  it("keeps per-unit scores only for stages with many rows, shared between calls with the same key", () => {
    const table = {};
    expect(memoScores(table, "k", 10, 5)).toBeNull();
    const scores = memoScores(table, "k", 10, MEMO_MIN_ROWS)!;
    expect(Number.isNaN(scores[3])).toBe(true);
    scores[3] = 1.5;
    expect(memoScores(table, "k", 10, MEMO_MIN_ROWS)![3]).toBe(1.5);
    expect(Number.isNaN(memoScores(table, "other", 10, MEMO_MIN_ROWS)![3])).toBe(true);
  });
});

describe("frequentCharacters", () => {
  it("lists the letters most texts hold, each counted once per text, above the minimum", () => {
    const texts = ["甲乙乙乙，", "甲乙", "甲丙", "甲，"];
    expect(frequentCharacters(texts, 5, 2)).toEqual(["甲", "乙"]);
    expect(frequentCharacters(texts, 1, 1)).toEqual(["甲"]);
  });
});
