/** Rendering of statute units: exact text, cross-references as links, stable anchors. */
import type { ProvisionView } from "~/lib/corpus/browse.server";
import { agenciesOf } from "~/lib/corpus/parser/agencies";
import { linkReferences, type TextSegment } from "~/lib/corpus/references";
import { useT } from "~/i18n/i18n";
import { LinkedText } from "./corpus";

export const STRUCTURE = new Set(["part", "chapter", "section", "heading"]);

export interface ArticleBlock {
  unit: ProvisionView;
  children: ProvisionView[];
}

export type Block = { type: "structure"; node: ProvisionView } | { type: "unit"; block: ArticleBlock } | { type: "note"; node: ProvisionView };

export function toBlocks(provisions: ProvisionView[]): Block[] {
  const blocks: Block[] = [];
  let current: ArticleBlock | null = null;
  for (const p of provisions) {
    if (current && p.key.startsWith(current.unit.key + "/")) {
      current.children.push(p);
      continue;
    }
    current = null;
    if (STRUCTURE.has(p.kind)) blocks.push({ type: "structure", node: p });
    else if (p.isUnit) {
      current = { unit: p, children: [] };
      blocks.push({ type: "unit", block: current });
    } else blocks.push({ type: "note", node: p });
  }
  return blocks;
}

function paragraphNumber(key: string): number | null {
  const m = /\/para-(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

/** Mark the unit's label (第十五条) at the start of its first block for bold display; text unchanged. */
function withLabel(segments: TextSegment[], label: string | null): TextSegment[] {
  const first = segments[0];
  if (!label || !first || first.targetKey || !first.text.startsWith(label)) return segments;
  return [{ text: label, label: true }, { text: first.text.slice(label.length) }, ...segments.slice(1)];
}

export function UnitBody({
  block,
  exists,
  hrefFor,
}: {
  block: ArticleBlock;
  exists: (key: string) => boolean;
  hrefFor: (key: string) => string;
}) {
  const articleKey = block.unit.kind === "article" ? block.unit.key : null;
  // An article's text is composed of its paragraphs; other units (decision and plan items) carry
  // their own text and may have numbered children.
  const leaves = block.unit.kind === "article" && block.children.length ? block.children : [block.unit, ...block.children];
  return (
    <>
      {leaves.map((p) => {
        // Paragraph nodes carry their own text; a unit without children shows its own text.
        const para = paragraphNumber(p.key.replace(/\/(item|sub)-\d+.*$/, "")) ?? 1;
        const segments = linkReferences(p.text, { articleKey, paragraph: para, exists });
        return (
          <p key={p.key} id={p.key === block.unit.key ? undefined : p.key} className={`prov prov-${p.kind}`}>
            <LinkedText segments={withLabel(segments, p === leaves[0] ? block.unit.label : null)} hrefFor={hrefFor} />
            {p.kind.startsWith("plan") ? <MeasureAgencies text={p.text} /> : null}
          </p>
        );
      })}
    </>
  );
}


/** Who leads and who supports a plan measure, read from its closing parenthesis. */
function MeasureAgencies({ text }: { text: string }) {
  const t = useT();
  const agencies = agenciesOf(text);
  if (!agencies) return null;
  return (
    <span className="plan-agencies" data-testid="plan-agencies">
      {agencies.lead.length ? <span>{t("corpus.agencies.lead", { names: agencies.lead.join("、") })}</span> : null}
      {agencies.supporting.length ? <span>{t("corpus.agencies.supporting", { names: agencies.supporting.join("、") })}</span> : null}
    </span>
  );
}
