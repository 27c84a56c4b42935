/**
 * The thesaurus editor's form (pure, shared by the admin route and the storage module): one Zod
 * schema, terms split the way people list them (commas, 、, semicolons, new lines; a space joins the
 * words of one term), every input bounded. Field errors carry i18n keys (app/i18n/messages/search.ts).
 */
import { z } from "zod";
import { foldTerm } from "./thesaurus";

export const TERM_MAX_CHARS = 20;
export const TERMS_PER_ENTRY_MAX = 12;
export const NOTE_MAX_CHARS = 500;
/** The raw terms field: TERMS_PER_ENTRY_MAX terms of TERM_MAX_CHARS with separators fit easily. */
export const TERMS_FIELD_MAX_CHARS = 400;
/** More entries than any organisation writes by hand; keeps the synonyms payload and the cache small. */
export const THESAURUS_MAX_ENTRIES = 5_000;

// Spaces are not separators: a term may be several words that must all occur ("虐待 未成年人").
const TERM_SEPARATORS = /[,，、;；\n\r]+/u;
// Quotes and a word's leading minus are query syntax (query.ts): such a term could never be typed.
const QUERY_SYNTAX = /["“”「」『』＂]|(^|\s)[-－−]/u;

export interface ThesaurusInput {
  terms: string[];
  oneWay: boolean;
  note: string | null;
}

export type ThesaurusField = "terms" | "note" | "direction";

export interface ThesaurusFieldError {
  field: ThesaurusField;
  key: string;
  params?: Record<string, string | number>;
}

/**
 * "家暴, 家庭暴力、虐待  儿童" -> ["家暴", "家庭暴力", "虐待 儿童"]: the typed text kept (runs of spaces
 * made one), duplicates after folding dropped.
 */
export function splitTerms(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(TERM_SEPARATORS)) {
    const term = part.trim().replace(/\s+/gu, " ");
    if (!term) continue;
    const folded = foldTerm(term);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    out.push(term);
  }
  return out;
}

export const ThesaurusFormSchema = z.object({
  terms: z
    .string()
    .max(TERMS_FIELD_MAX_CHARS, { message: "search.thesaurus.error.termsTooLong" })
    .transform(splitTerms)
    .pipe(
      z
        .array(
          z
            .string()
            .refine((t) => [...t].length <= TERM_MAX_CHARS, { message: "search.thesaurus.error.termTooLong" })
            .refine((t) => !QUERY_SYNTAX.test(t), { message: "search.thesaurus.error.termSyntax" }),
        )
        .min(2, { message: "search.thesaurus.error.tooFewTerms" })
        .max(TERMS_PER_ENTRY_MAX, { message: "search.thesaurus.error.tooManyTerms" }),
    ),
  direction: z.enum(["two-way", "one-way"], { message: "search.thesaurus.error.direction" }),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_CHARS, { message: "search.thesaurus.error.noteTooLong" })
    .transform((s) => (s === "" ? null : s)),
});

const PARAMS: Record<string, Record<string, number>> = {
  "search.thesaurus.error.termsTooLong": { max: TERMS_FIELD_MAX_CHARS },
  "search.thesaurus.error.termTooLong": { max: TERM_MAX_CHARS },
  "search.thesaurus.error.tooManyTerms": { max: TERMS_PER_ENTRY_MAX },
  "search.thesaurus.error.noteTooLong": { max: NOTE_MAX_CHARS },
};

export type ThesaurusParse = { ok: true; value: ThesaurusInput } | { ok: false; errors: ThesaurusFieldError[] };

/** Reads the editor's fields (from FormData or a plain object); never throws. */
export function parseThesaurusForm(raw: { terms?: unknown; direction?: unknown; note?: unknown }): ThesaurusParse {
  const parsed = ThesaurusFormSchema.safeParse({
    terms: typeof raw.terms === "string" ? raw.terms : "",
    direction: raw.direction,
    note: typeof raw.note === "string" ? raw.note : "",
  });
  if (parsed.success) {
    const { terms, direction, note } = parsed.data;
    return { ok: true, value: { terms, oneWay: direction === "one-way", note } };
  }
  const errors: ThesaurusFieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ThesaurusField;
    if (errors.some((e) => e.field === field)) continue;
    const term = field === "terms" && typeof issue.path[1] === "number" ? splitTerms(String(raw.terms ?? ""))[issue.path[1]] : undefined;
    errors.push({ field, key: issue.message, params: { ...PARAMS[issue.message], ...(term ? { term } : {}) } });
  }
  return { ok: false, errors };
}

/** The terms field as the editor shows an entry: "家暴、家庭暴力". */
export function joinTerms(terms: string[]): string {
  return terms.join("、");
}
