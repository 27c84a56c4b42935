/** Provisions (parsed or stored) -> alignment units. Pure. */
import type { AlignUnit } from "./types";

export interface ProvisionLike {
  key: string;
  kind: string;
  label: string | null;
  number: number | null;
  suffix: number;
  text: string;
  isUnit: boolean;
  chapterKey: string;
}

const STRUCTURAL = new Set(["part", "chapter", "section", "heading"]);

/**
 * Units in document order with their chapter path spelled out ("第二编 分则 第三章 …"), so that a
 * move can be recognised by heading text even when every chapter was renumbered.
 */
export function unitsFromProvisions(provisions: ProvisionLike[]): AlignUnit[] {
  const headings = new Map<string, string>();
  for (const p of provisions) if (STRUCTURAL.has(p.kind)) headings.set(p.key, p.text);
  const labelOf = (chapterKey: string) => {
    if (!chapterKey) return "";
    const parts = chapterKey.split("/");
    return parts
      .map((_, i) => headings.get(parts.slice(0, i + 1).join("/")) ?? "")
      .filter(Boolean)
      .join(" ");
  };
  return provisions
    .filter((p) => p.isUnit)
    .map((p) => ({
      key: p.key,
      label: p.label,
      number: p.number,
      suffix: p.suffix,
      chapterKey: p.chapterKey,
      chapterLabel: labelOf(p.chapterKey),
      text: p.text,
    }));
}
