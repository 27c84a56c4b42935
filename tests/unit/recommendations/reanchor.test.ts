import type { AlignedPair } from "~/lib/compare/types";
import { reanchor, type NewProvision } from "~/lib/recommendations/reanchor";

// Invented provisions of a made-up 示例条例.
const pair = (from: string[], to: string[], label: AlignedPair["label"] = "modified"): AlignedPair => ({
  from,
  to,
  label,
  renumbered: false,
  moved: false,
  score: 0.9,
  manual: false,
});

let position = 0;
const unit = (key: string, text: string): NewProvision => ({ key, text, isUnit: true, depth: 1, position: position++ });
const para = (key: string, text: string): NewProvision => ({ key, text, isUnit: false, depth: 2, position: position++ });

const NEW: NewProvision[] = [
  unit("art-1", "第一条 为了示例，制定本条例。"),
  unit("art-2", "第二条 示例机关应当建立报告制度。\n报告应当在二十四小时内作出。"),
  para("art-2/para-1", "第二条 示例机关应当建立报告制度。"),
  para("art-2/para-2", "报告应当在二十四小时内作出。"),
  unit("art-3", "第三条 示例机关负责登记。"),
  unit("art-4", "第四条 示例机关负责回访。"),
  unit("art-5", "第五条 学校发现侵害情况的，应当立即向公安机关报告。"),
];
const OLD_UNITS = ["art-1", "art-2", "art-3", "art-4"];

describe("re-anchoring in a new version", () => {
  it("finds an unchanged article at the same key", () => {
    const r = reanchor({ oldKey: "art-1", oldUnitKeys: OLD_UNITS, oldText: "第一条 为了示例，制定本条例。", selector: null, pairs: [pair(["art-1"], ["art-1"], "unchanged")], newProvisions: NEW });
    expect(r).toMatchObject({ state: "found", key: "art-1" });
  });

  it("follows a renumbered article and says so", () => {
    const r = reanchor({ oldKey: "art-2", oldUnitKeys: OLD_UNITS, oldText: "第二条 示例机关负责登记。", selector: null, pairs: [pair(["art-2"], ["art-3"], "renumbered")], newProvisions: NEW });
    expect(r.state).toBe("moved");
    expect(r.key).toBe("art-3");
    expect(r.note).toEqual({ key: "recommendations.anchorNote.renumbered", params: { from: "art-2", to: "art-3" } });
  });

  it("follows a paragraph by its text when paragraph numbers shift", () => {
    const r = reanchor({
      oldKey: "art-2/para-1",
      oldUnitKeys: OLD_UNITS,
      oldText: "报告应当在二十四小时内作出。",
      selector: null,
      pairs: [pair(["art-2"], ["art-2"])],
      newProvisions: NEW,
    });
    expect(r).toMatchObject({ state: "moved", key: "art-2/para-2" });
  });

  it("marks a split article ambiguous, keeping every candidate", () => {
    const r = reanchor({ oldKey: "art-3", oldUnitKeys: OLD_UNITS, oldText: "第三条 示例机关负责登记和回访。", selector: null, pairs: [pair(["art-3"], ["art-3", "art-4"], "split")], newProvisions: NEW });
    expect(r.state).toBe("ambiguous");
    expect(r.candidates).toEqual(["art-3", "art-4"]);
    expect(r.key).toBe("art-3");
  });

  it("settles a split article when the quote is in only one part", () => {
    const r = reanchor({
      oldKey: "art-3",
      oldUnitKeys: OLD_UNITS,
      oldText: "第三条 示例机关负责登记和回访。",
      selector: { quote: "负责回访", prefix: "", suffix: "" },
      pairs: [pair(["art-3"], ["art-3", "art-4"], "split")],
      newProvisions: NEW,
    });
    expect(r).toMatchObject({ state: "moved", key: "art-4" });
  });

  it("orphans an anchor on a removed article, never dropping it", () => {
    const r = reanchor({ oldKey: "art-4", oldUnitKeys: OLD_UNITS, oldText: "第四条 已删除。", selector: null, pairs: [pair(["art-4"], [], "removed")], newProvisions: NEW });
    expect(r).toMatchObject({ state: "orphaned", key: null, note: { key: "recommendations.anchorNote.removed", params: { key: "art-4" } } });
  });

  it("orphans a quote that is gone, keeping the aligned article as the best guess", () => {
    const r = reanchor({
      oldKey: "art-1",
      oldUnitKeys: OLD_UNITS,
      oldText: "第一条 为了保障示例权益，制定本条例。",
      selector: { quote: "为了保障示例权益", prefix: "第一条 ", suffix: "，制定本条例" },
      pairs: [pair(["art-1"], ["art-1"])],
      newProvisions: NEW,
    });
    expect(r).toMatchObject({ state: "orphaned", key: "art-1", note: { key: "recommendations.anchorNote.quoteGone" } });
  });

  it("finds a quote that moved to another article", () => {
    const r = reanchor({
      oldKey: "art-1",
      oldUnitKeys: OLD_UNITS,
      oldText: "第一条 为了示例，制定本条例。学校发现侵害情况的，应当立即向公安机关报告。",
      selector: { quote: "学校发现侵害情况的，应当立即向公安机关报告", prefix: "", suffix: "" },
      pairs: [pair(["art-1"], ["art-1"])],
      newProvisions: NEW,
    });
    expect(r).toMatchObject({ state: "moved", key: "art-5", note: { key: "recommendations.anchorNote.quoteMoved" } });
  });

  it("reports an anchor whose provision is missing from the old version", () => {
    const r = reanchor({ oldKey: "art-9", oldUnitKeys: OLD_UNITS, oldText: null, selector: null, pairs: [], newProvisions: NEW });
    expect(r.state).toBe("orphaned");
  });
});
