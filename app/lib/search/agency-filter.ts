/**
 * The search filter "measures naming this agency" (民政部 as lead, as supporting, or either). Pure.
 *
 * Search holds every unit's text only folded (unit-texts.server.ts), and the fold turns 、 and ， both
 * into "," and 。 into ".", so the closing parenthesis is read again here in its folded form: names
 * gather until a role word (负责, 配合 … the words of corpus/parser/agencies.ts) says what they are.
 * On exact text agenciesOf() gives the same names, folded (tests/unit/search/agency-filter.test.ts).
 * Names are compared whole: 民政部 is not 民政部门, and 示例民政部 is not 民政部.
 */
import { LEAD_WORDS, SUPPORT_WORDS, type MeasureAgencies } from "~/lib/corpus/parser/agencies";
import { foldForMatch } from "~/lib/text/normalize";
import type { AgencyRole } from "./types";

export interface AgencyFilter {
  name: string;
  role: AgencyRole;
}

// Folded text has no whitespace and ASCII parentheses; the measure may end with . or ; after them.
const FOLDED_TRAILING_PAREN_RE = /\(([^()]+)\)[.;]?$/;
const ROLE_RE = new RegExp(`^(.+?)(${LEAD_WORDS}|${SUPPORT_WORDS})$`);
const SUPPORT_RE = new RegExp(`^(?:${SUPPORT_WORDS})$`);

const splitNames = (s: string) => s.split(/[和及]/).filter(Boolean);

/** Lead and supporting agencies of a measure's folded text (foldForMatch), or null when it names none. */
export function foldedAgenciesOf(folded: string): MeasureAgencies | null {
  const m = FOLDED_TRAILING_PAREN_RE.exec(folded);
  if (!m) return null;
  const result: MeasureAgencies = { lead: [], supporting: [] };
  let pending: string[] = [];
  for (const piece of m[1].split(/[,;]/)) {
    if (!piece) continue;
    const role = ROLE_RE.exec(piece);
    if (!role) {
      pending.push(...splitNames(piece));
      continue;
    }
    (SUPPORT_RE.test(role[2]) ? result.supporting : result.lead).push(...pending, ...splitNames(role[1]));
    pending = [];
  }
  // Names with no role word after them: a parenthesis that is not about responsibility (（含农村地区）).
  if (pending.length) return null;
  return result.lead.length || result.supporting.length ? result : null;
}

/** A test of folded unit texts: does the text name the agency in the chosen role? */
export function agencyMatcher(filter: AgencyFilter): (folded: string) => boolean {
  const name = foldForMatch(filter.name);
  return (folded) => {
    // Cheap first: most units do not hold the name at all.
    if (!folded.includes(name)) return false;
    const agencies = foldedAgenciesOf(folded);
    if (!agencies) return false;
    if (filter.role !== "supporting" && agencies.lead.includes(name)) return true;
    return filter.role !== "lead" && agencies.supporting.includes(name);
  };
}
