/**
 * One unit reader per document shape: articles (第X条 with 款, 项, 目), decision items (一、 with
 * 款 and 项) and plans (four levels of numbered measures). The loop in build.ts hands each block
 * that is not a heading or footnote to the shape's reader. Pure; keys in docs/decisions/0003-parser.md.
 */
import { chineseToNumber } from "../numerals";
import type { ParsedProvision, ProvisionKind } from "../types";
import type { Block } from "./blocks";
import { matchArticle, matchPlanLabel, type ArticleMatch } from "./classify";
import { ARABIC_RE, CN_ITEM_RE, PAREN_ARABIC_RE, PAREN_CN_RE, REFERENCE_CONTINUATION_RE } from "./patterns";
import type { ProvisionTree } from "./tree";

export interface UnitReader {
  /** Starts or continues a unit with `b`; false when `b` belongs to no unit. */
  take(b: Block): boolean;
  /** Ends the open unit: a heading or footnote follows. */
  close(): void;
}

interface ArticleState {
  node: ParsedProvision;
  texts: string[];
  paragraphs: number;
  paragraph: ParsedProvision | null;
  itemNode: ParsedProvision | null;
}

interface DecisionState {
  node: ParsedProvision;
  paragraphs: number;
  paragraph: ParsedProvision | null;
  itemNode: ParsedProvision | null;
}

const PLAN_KINDS: ProvisionKind[] = ["plan1", "plan2", "plan3", "plan4"];

export function readArticles(tree: ProvisionTree): UnitReader {
  let article: ArticleState | null = null;
  let last = { number: 0, suffix: 0 };
  const close = () => {
    if (article) {
      article.node.text = article.texts.join("\n");
      article = null;
    }
  };
  return {
    take(b) {
      const a = matchArticle(b.text);
      if (a && isArticleStart(a, b.text, last)) {
        close();
        tree.checkNumbering(b.line, a.number, a.suffix, last, a.label);
        last = { number: a.number, suffix: a.suffix };
        article = openArticle(tree, b, a);
        return true;
      }
      if (article) {
        addToArticle(tree, article, b);
        return true;
      }
      return false;
    },
    close,
  };
}

export function readDecisionItems(tree: ProvisionTree): UnitReader {
  let item: DecisionState | null = null;
  let last = { number: 0, suffix: 0 };
  return {
    take(b) {
      const m = CN_ITEM_RE.exec(b.text);
      if (m) {
        const number = chineseToNumber(m[2]);
        if (number !== null) {
          tree.checkNumbering(b.line, number, 0, last, m[1]);
          last = { number, suffix: 0 };
          item = openDecisionItem(tree, b, m[1], number);
          return true;
        }
      }
      if (item) {
        addToDecisionItem(tree, item, b);
        return true;
      }
      return false;
    },
    close() {
      item = null;
    },
  };
}

export function readPlan(tree: ProvisionTree): UnitReader {
  const plan: { node: ParsedProvision; level: number; paragraphs: number }[] = [];
  // Last plan number per owner and level: （一）（三） without （二） is a gap worth a warning.
  const planLast = new Map<string, number>();
  return {
    take(b) {
      const p = matchPlanLabel(b.text);
      if (p) {
        while (plan.length > 0 && plan.at(-1)!.level >= p.level) plan.pop();
        const owner = plan.at(-1)?.node;
        const scope = `${owner?.key ?? tree.structureNode()?.key ?? ""}|${p.level}`;
        tree.checkNumbering(b.line, p.number, 0, { number: planLast.get(scope) ?? 0, suffix: 0 }, p.label);
        planLast.set(scope, p.number);
        const seg = `p${p.level}-${p.number}`;
        const node = tree.add({
          key: owner ? `${owner.key}/${seg}` : seg,
          kind: PLAN_KINDS[p.level - 1],
          label: p.label,
          number: p.number,
          heading: null,
          text: b.text,
          isUnit: true,
          parent: owner ?? tree.structureNode(),
          line: b.line,
        });
        plan.push({ node, level: p.level, paragraphs: 0 });
        tree.sawUnit = true;
        return true;
      }
      const open = plan.at(-1);
      if (open) {
        open.paragraphs++;
        tree.addParagraph(open.node, open.paragraphs, b);
        return true;
      }
      return false;
    },
    close() {
      plan.length = 0;
    },
  };
}

function isArticleStart(a: ArticleMatch, text: string, last: { number: number; suffix: number }): boolean {
  if (a.separated && !a.split) return true;
  // Without a separator (第一条为了…, 第一百二十八 条侦查人员…) the label could begin a
  // cross-reference; accept it only when it is the next number and text does not continue it.
  const next =
    (a.suffix === 0 && a.number === last.number + 1) ||
    (a.suffix > 0 && a.number === last.number && a.suffix === last.suffix + 1);
  if (!next) return a.separated;
  const rest = text.slice(text.indexOf(a.label) + a.label.length);
  return a.separated || !REFERENCE_CONTINUATION_RE.test(rest);
}

function openArticle(tree: ProvisionTree, b: Block, a: ArticleMatch): ArticleState {
  if (a.split) {
    tree.warn("split-label", b.line, `whitespace inside the article label "${a.label}"; read as article ${a.number}`);
  }
  const parent = tree.structureNode();
  const node = tree.add({
    key: `art-${a.number}${a.suffix ? `-${a.suffix}` : ""}`,
    kind: "article",
    label: a.label,
    number: a.number,
    suffix: a.suffix,
    heading: null,
    text: "",
    isUnit: true,
    parent,
    line: b.line,
  });
  tree.sawUnit = true;
  const state: ArticleState = { node, texts: [], paragraphs: 0, paragraph: null, itemNode: null };
  addToArticle(tree, state, b);
  return state;
}

function addToArticle(tree: ProvisionTree, state: ArticleState, b: Block): void {
  state.texts.push(b.text);
  state.node.endLine = b.line;
  const item = PAREN_CN_RE.exec(b.text);
  if (item && state.paragraph) {
    state.itemNode = tree.addNumbered("item", item, state.paragraph, b);
    return;
  }
  const sub = ARABIC_RE.exec(b.text) ?? PAREN_ARABIC_RE.exec(b.text);
  if (sub && state.paragraph) {
    tree.addNumbered("subitem", sub, state.itemNode ?? state.paragraph, b);
    return;
  }
  state.paragraphs++;
  state.itemNode = null;
  state.paragraph = tree.addParagraph(state.node, state.paragraphs, b);
}

function openDecisionItem(tree: ProvisionTree, b: Block, label: string, number: number): DecisionState {
  const node = tree.add({
    key: `item-${number}`,
    kind: "decision-item",
    label,
    number,
    heading: null,
    text: b.text,
    isUnit: true,
    parent: tree.structureNode(),
    line: b.line,
  });
  tree.sawUnit = true;
  // The item's own line is its first paragraph (决定 cite 本条第二款 counting it).
  return { node, paragraphs: 1, paragraph: null, itemNode: null };
}

function addToDecisionItem(tree: ProvisionTree, state: DecisionState, b: Block): void {
  const owner = state.paragraph ?? state.node;
  const item = PAREN_CN_RE.exec(b.text);
  if (item) {
    state.itemNode = tree.addNumbered("item", item, owner, b);
    return;
  }
  const sub = state.itemNode ? (ARABIC_RE.exec(b.text) ?? PAREN_ARABIC_RE.exec(b.text)) : null;
  if (sub && state.itemNode) {
    tree.addNumbered("subitem", sub, state.itemNode, b);
    return;
  }
  state.paragraphs++;
  state.itemNode = null;
  state.paragraph = tree.addParagraph(state.node, state.paragraphs, b);
}
