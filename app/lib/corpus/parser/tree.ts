/**
 * The provision tree being built: keys (with `~n` for repeats), parents, line ranges, the open
 * structural headings, and the numbering warnings every unit shape shares. Pure; key scheme in
 * docs/decisions/0003-parser.md.
 */
import { chineseToNumber } from "../numerals";
import type { ParsedProvision, ProvisionKind, WarningKind } from "../types";
import type { Block } from "./blocks";
import type { StructMatch } from "./classify";

export type Warn = (kind: WarningKind, line: number, message: string) => void;

/** A structural heading to open: numbered (第三章), an annex (附件一) or unnumbered (## 附则). */
export interface HeadingMatch {
  kind: StructMatch["kind"] | "heading";
  label: string | null;
  number: number | null;
  heading: string | null;
}

const LEVEL: Record<string, number> = { heading: 1, part: 1, chapter: 2, section: 3 };
const SEGMENT: Record<string, string> = { heading: "annex", part: "part", chapter: "ch", section: "sec" };

interface Open {
  node: ParsedProvision;
  level: number;
}

export class ProvisionTree {
  readonly provisions: ParsedProvision[] = [];
  /** Set once a unit is opened: text before it is a preamble worth a warning. */
  sawUnit = false;
  private readonly byKey = new Map<string, ParsedProvision>();
  /** Next `~n` suffix to try for a key that occurred before. */
  private readonly nextDuplicate = new Map<string, number>();
  private readonly ordinals = new Map<string, number>();
  private structure: Open[] = [];
  private noteCount = 0;

  constructor(readonly warn: Warn) {}

  structureNode(): ParsedProvision | null {
    return this.structure.at(-1)?.node ?? null;
  }

  openStructure(b: Block, h: HeadingMatch): void {
    const level = LEVEL[h.kind];
    while (this.structure.length > 0 && this.structure.at(-1)!.level >= level) this.structure.pop();
    const parent = this.structureNode();
    const ordinalKey = `${parent?.key ?? ""}|${h.kind}`;
    const ordinal = (this.ordinals.get(ordinalKey) ?? 0) + 1;
    this.ordinals.set(ordinalKey, ordinal);
    const seg = `${SEGMENT[h.kind]}-${h.number ?? `u${ordinal}`}`;
    const node = this.add({
      key: parent ? `${parent.key}/${seg}` : seg,
      kind: h.kind,
      label: h.label,
      number: h.number,
      heading: h.heading,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
    this.structure.push({ node, level });
  }

  checkNumbering(
    line: number,
    number: number,
    suffix: number,
    last: { number: number; suffix: number },
    label: string,
  ): void {
    const expected =
      suffix === 0 ? number === last.number + 1 : number === last.number && suffix === last.suffix + 1;
    if (expected) return;
    const after = number > last.number || (number === last.number && suffix > last.suffix);
    this.warn(
      after ? "numbering-gap" : "numbering-repeat",
      line,
      `${label.trim()} follows number ${last.number}${last.suffix ? `之${last.suffix}` : ""}`,
    );
  }

  /** A paragraph (款) of a unit, numbered from 1 within its owner. */
  addParagraph(owner: ParsedProvision, number: number, b: Block): ParsedProvision {
    return this.add({
      key: `${owner.key}/para-${number}`,
      kind: "paragraph",
      label: null,
      number,
      heading: null,
      text: b.text,
      isUnit: false,
      parent: owner,
      line: b.line,
    });
  }

  /** An item ((一)) or subitem (1. / (1)) keyed under its parent; match[1] is the label, match[2] the number. */
  addNumbered(kind: "item" | "subitem", match: RegExpExecArray, parent: ParsedProvision, b: Block): ParsedProvision {
    const number = chineseToNumber(match[2]);
    return this.add({
      key: `${parent.key}/${kind === "item" ? "item" : "sub"}-${number}`,
      kind,
      label: match[1],
      number,
      heading: null,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
  }

  note(b: Block, parent: ParsedProvision | null): void {
    this.noteCount++;
    this.add({
      key: `note-${this.noteCount}`,
      kind: "note",
      label: null,
      number: null,
      heading: null,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
  }

  add(p: {
    key: string;
    kind: ProvisionKind;
    label: string | null;
    number: number | null;
    suffix?: number;
    heading: string | null;
    text: string;
    isUnit: boolean;
    parent: ParsedProvision | null;
    line: number;
  }): ParsedProvision {
    let key = p.key;
    if (this.byKey.has(key)) {
      // Resume where the last duplicate of this key stopped: counting from 2 every time made a
      // document of many repeated labels quadratic (8,000 × 第一条 took seconds).
      let n = this.nextDuplicate.get(p.key) ?? 2;
      while (this.byKey.has(`${p.key}~${n}`)) n++;
      this.nextDuplicate.set(p.key, n + 1);
      key = `${p.key}~${n}`;
      this.warn("duplicate-key", p.line, `${p.key} occurs more than once; this one is stored as ${key}`);
    }
    const parent = p.parent;
    const node: ParsedProvision = {
      key,
      kind: p.kind,
      label: p.label === null ? null : p.label.trim(),
      number: p.number,
      suffix: p.suffix ?? 0,
      heading: p.heading,
      text: p.text,
      isUnit: p.isUnit,
      position: this.provisions.length,
      depth: parent ? parent.depth + 1 : 0,
      parentKey: parent?.key ?? null,
      chapterKey: this.structureNode()?.key ?? "",
      startLine: p.line,
      endLine: p.line,
    };
    if (node.kind === "part" || node.kind === "chapter" || node.kind === "section" || node.kind === "heading") {
      node.chapterKey = parent?.key ?? "";
    }
    this.provisions.push(node);
    this.byKey.set(key, node);
    // A child extends every ancestor's line range.
    for (let a = parent; a; a = a.parentKey === null ? null : (this.byKey.get(a.parentKey) ?? null)) {
      if (a.endLine < p.line) a.endLine = p.line;
    }
    return node;
  }
}
