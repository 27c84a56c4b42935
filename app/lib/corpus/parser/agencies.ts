/**
 * The agencies responsible for a measure of an action plan, as plans print them at the end of the
 * measure in parentheses, lead before supporting: （甲部、乙部负责，丙部、丁部配合）, （民政部牵头，
 * 公安部参与）, （各地区负责）. Pure: read from the exact text whenever it is shown or searched, so
 * nothing is stored that could drift from the text.
 */

export interface MeasureAgencies {
  lead: string[];
  supporting: string[];
}

// The last parenthesis of the measure, at its very end (after the closing 。 or before it).
const TRAILING_PAREN_RE = /[（(]([^（）()]+)[）)][。；;]?\s*$/;
/** The words that end a clause of the parenthesis and give its role (shared with search/agency-filter.ts). */
export const LEAD_WORDS = "负责|牵头|主责|组织实施|落实";
export const SUPPORT_WORDS = "配合|参与|协助|参加|按职责分工负责";
const ROLE_RE = new RegExp(`^(.+?)(${LEAD_WORDS}|${SUPPORT_WORDS})$`);
const SUPPORT_RE = new RegExp(`^(?:${SUPPORT_WORDS})$`);

const splitNames = (s: string) =>
  s
    .split(/[、，,和及]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Lead and supporting agencies of a measure, or null when its text does not end with them. */
export function agenciesOf(text: string): MeasureAgencies | null {
  const m = TRAILING_PAREN_RE.exec(text.trimEnd());
  if (!m) return null;
  const result: MeasureAgencies = { lead: [], supporting: [] };
  for (const clause of m[1].split(/[，,；;]/)) {
    const role = ROLE_RE.exec(clause.trim());
    if (!role) return null;
    (SUPPORT_RE.test(role[2]) ? result.supporting : result.lead).push(...splitNames(role[1]));
  }
  return result.lead.length || result.supporting.length ? result : null;
}
