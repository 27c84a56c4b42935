/**
 * What the lines of a law text look like: labels (第X条, 第X章, 一、, （一）, 1.), markers and
 * punctuation the parser reads. Pure; shared by the header, block and classification modules and
 * the tree builder, so a label is recognised the same way everywhere.
 */
import { NUMERAL_CLASS } from "../numerals";

const N = NUMERAL_CLASS;
// Indentation seen in sources: ASCII spaces, tabs and U+3000 (flk texts indent every paragraph).
const IND = "[ \\t\\u3000]*";
const SEP = "[ \\t\\u3000]";

export const ARTICLE_RE = new RegExp(
  `^${IND}(第${SEP}*[${N}]+(?:${SEP}+[${N}]+)*${SEP}*条(?:之[一二三四五六七八九十百]+)?)(${SEP}|$)?`,
);
export const STRUCT_RE = new RegExp(`^${IND}(第([${N}]+)(编|章|节))(${SEP}*)(.*)$`);
export const ANNEX_RE = new RegExp(`^${IND}((?:附件|附录|附表)([${N}]*))(${SEP}*)(.*)$`);
export const CN_ITEM_RE = new RegExp(`^${IND}(([一二三四五六七八九十百千零〇两]+)、)`);
export const PAREN_CN_RE = new RegExp(`^${IND}([（(]([一二三四五六七八九十百]+)[）)])`);
export const ARABIC_RE = new RegExp(`^${IND}(([0-9０-９]+)[.．、])(?![0-9０-９])`);
export const PAREN_ARABIC_RE = new RegExp(`^${IND}([（(]([0-9０-９]+)[）)])`);
export const FOOTNOTE_RE = new RegExp(`^${IND}[①-⑳]`);
export const ZERO_WIDTH_ONLY_RE = /^[\s\u200B\u200C\u200D\uFEFF]*$/;
export const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
export const NON_BLANK_RE = /[^ \t]/;
export const HTML_COMMENT_LINE_RE = /^\s*<!--.*-->\s*$/;
export const INFO_END_RE = /^\s*<!--\s*INFO END\s*-->\s*$/;
export const HISTORY_WORD_RE = /通过|修订|修正|公布|施行/;
export const HISTORY_DATE_RE = /[0-9０-９]{4}\s*年|[〇○零一二三四五六七八九]{4}\s*年/;
// What an unnumbered bare title is made of; a formula line (销项税额＝销售额×税率) is not one.
export const BARE_TITLE_RE = /^[\s\u3000\u4e00-\u9fff、（）()]+$/;
// Characters a heading never ends with: a line ending in one of these is a sentence.
export const FINAL_PUNCT_RE = /[。；;：:，,、！？!?]$/;
// Text that continues a cross-reference rather than starting an article: 第五条规定的…, 第五条、第六条…
export const REFERENCE_CONTINUATION_RE = /^(?:[第、至和及或的中，,。；;：:（(]|规定|款|项)/;
