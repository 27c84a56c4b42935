import { describe, expect, it } from "vitest";
import { frequentCharacters, Lru, MEMO, searchMemo, type MemoOwner } from "~/lib/search/term-cache";

const MEMO_MIN_ROWS = MEMO.minRows;
const MEMO_ENTRIES = MEMO.entries;

const rows = (n: number) => ({ rowCount: n, units: Array.from({ length: n }, (_, i) => i) });
const owner = (stamp = "1", size = 10): MemoOwner => ({ stamp, units: { size }, thesaurus: [] });

describe("searchMemo", () => {
  it("keeps a large match for the same generation and finds it again", () => {
    const state = owner();
    const memo = searchMemo(state);
    expect(memo.matches("q")).toBeUndefined();
    memo.keepMatches("q", rows(MEMO_MIN_ROWS));
    expect(searchMemo(state)).toBe(memo);
    expect(searchMemo(state).matches("q")?.rowCount).toBe(MEMO_MIN_ROWS);
  });

  it("does not keep small matches", () => {
    const memo = searchMemo(owner());
    memo.keepMatches("small", rows(3));
    expect(memo.matches("small")).toBeUndefined();
  });

  it("starts empty when the index generation, the unit table or the thesaurus changes", () => {
    const state = owner("7");
    searchMemo(state).keepMatches("q", rows(MEMO_MIN_ROWS));
    // Same generation number, another unit table (another database, a reload).
    expect(searchMemo({ ...state, units: { size: 10 } }).matches("q")).toBeUndefined();
    const state2 = owner("7");
    searchMemo(state2).keepMatches("q", rows(MEMO_MIN_ROWS));
    expect(searchMemo({ ...state2, stamp: "8" }).matches("q")).toBeUndefined();
    const state3 = owner("9");
    searchMemo(state3).keepMatches("q", rows(MEMO_MIN_ROWS));
    expect(searchMemo({ ...state3, thesaurus: [] }).matches("q")).toBeUndefined();
  });

  it("lets a search that started on the old generation write only into the old memo", () => {
    const old = owner("1");
    const held = searchMemo(old);
    const next = searchMemo(owner("2"));
    held.keepMatches("q", rows(MEMO_MIN_ROWS));
    expect(next.matches("q")).toBeUndefined();
  });

  it("drops the least recently used entries beyond its bound", () => {
    const memo = searchMemo(owner());
    for (let i = 0; i < 100; i++) memo.keepMatches(`q${i}`, rows(MEMO_MIN_ROWS));
    expect(memo.matches("q99")).toBeDefined();
    expect(memo.matches(`q${100 - MEMO_ENTRIES}`)).toBeDefined();
    expect(memo.matches(`q${99 - MEMO_ENTRIES}`)).toBeUndefined();
    expect(memo.matches("q0")).toBeUndefined();
  });

  it("keeps per-unit scores only for stages with many rows, shared between calls with the same key", () => {
    const memo = searchMemo(owner("1", 10));
    expect(memo.scores("k", 5)).toBeNull();
    const scores = memo.scores("k", MEMO_MIN_ROWS)!;
    expect(scores.length).toBe(10);
    expect(Number.isNaN(scores[3])).toBe(true);
    scores[3] = 1.5;
    expect(memo.scores("k", MEMO_MIN_ROWS)![3]).toBe(1.5);
    expect(Number.isNaN(memo.scores("other", MEMO_MIN_ROWS)![3])).toBe(true);
  });

  it("keeps literal row counts of strings for its generation only", () => {
    const state = owner("c1");
    const memo = searchMemo(state);
    expect(memo.literalCount("保护")).toBeUndefined();
    memo.keepLiteralCount("保护", 0);
    memo.keepLiteralCount("网络", 982);
    expect(searchMemo(state).literalCount("保护")).toBe(0);
    expect(searchMemo(state).literalCount("网络")).toBe(982);
    expect(searchMemo({ ...state, stamp: "c2" }).literalCount("网络")).toBeUndefined();
  });
});

describe("Lru", () => {
  it("is bounded by bytes as well as entries, least recently used dropped first", () => {
    const lru = new Lru<string>(10, 100);
    lru.set("a", "a", 40);
    lru.set("b", "b", 40);
    lru.get("a");
    lru.set("c", "c", 40);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe("a");
    expect(lru.bytes).toBe(80);
    lru.set("huge", "huge", 101);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.size).toBe(2);
  });
});

describe("frequentCharacters", () => {
  it("lists the letters most texts hold, each counted once per text, above the minimum", () => {
    const texts = ["甲乙乙乙，", "甲乙", "甲丙", "甲，"];
    expect(frequentCharacters(texts, 5, 2)).toEqual(["甲", "乙"]);
    expect(frequentCharacters(texts, 1, 1)).toEqual(["甲"]);
  });
});
