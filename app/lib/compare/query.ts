/**
 * The compare page's query string, shared by the page, its export route and every link between them:
 * one schema, one reader, one way to write an href, one row filter (so an export holds exactly the
 * rows the page shows). Pure and client-safe.
 */
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { ROW_FLAGS, ROW_KINDS, type RowFlag, type RowKind } from "./row-kinds";

export const COMPARE_VIEWS = ["side", "inline"] as const;
export const EXPORT_FORMATS = ["docx", "csv", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows rendered into the first response; the rest follow once the page is interactive. */
export const FIRST_SCREEN_ROWS = 20;
export const MAX_ROWS_PER_REQUEST = 5000;

const ROW_FILTERS = [...ROW_KINDS, ...ROW_FLAGS] as [RowKind | RowFlag, ...(RowKind | RowFlag)[]];

const QuerySchema = z.object({
  work: z.string().min(1).max(200).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  view: z.enum(COMPARE_VIEWS).catch("side"),
  type: z.enum(ROW_FILTERS).optional().catch(undefined),
  chapter: z.string().max(300).optional(),
  typo: z.literal("1").optional().catch(undefined),
  offset: z.coerce.number().int().min(0).catch(0),
  limit: z.coerce.number().int().min(1).max(MAX_ROWS_PER_REQUEST).catch(FIRST_SCREEN_ROWS),
});

export type CompareQuery = z.infer<typeof QuerySchema> & { changesOnly: boolean };

export class CompareQueryError extends Error {}

/** The last value of each parameter wins (a form may send a hidden default and a checkbox). */
export function readCompareQuery(params: URLSearchParams): CompareQuery {
  const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k).at(-1) || undefined]));
  const parsed = QuerySchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "query";
    throw new CompareQueryError(`"${field}" is not valid: use dates in the form YYYY-MM-DD.`);
  }
  // "changes" is a hidden "all" plus a checkbox "only": absence means "only" (the 新旧对照表 default).
  const changes = params.getAll("changes");
  return { ...parsed.data, changesOnly: changes.length === 0 || changes.at(-1) === "only" };
}

export type QueryChange = Partial<Omit<CompareQuery, "changesOnly"> & { changesOnly: boolean }>;

function toParams(q: CompareQuery, change: QueryChange = {}): URLSearchParams {
  const m = { ...q, offset: 0, limit: FIRST_SCREEN_ROWS, ...change };
  const p = new URLSearchParams();
  if (m.work) p.set("work", m.work);
  if (m.from) p.set("from", m.from);
  if (m.to) p.set("to", m.to);
  if (m.view !== "side") p.set("view", m.view);
  if (m.type) p.set("type", m.type);
  if (m.chapter) p.set("chapter", m.chapter);
  if (!m.changesOnly) p.set("changes", "all");
  if (m.typo) p.set("typo", "1");
  if (m.offset) p.set("offset", String(m.offset));
  if (m.limit !== FIRST_SCREEN_ROWS) p.set("limit", String(m.limit));
  return p;
}

/** The compare page with `change` applied; filters reset the paging. */
export function compareHref(q: CompareQuery, change: QueryChange = {}): string {
  return `/compare?${toParams(q, change)}`;
}

/** The page's rows from `offset` on, as JSON (routes/compare.rows.ts). */
export function rowsHref(q: CompareQuery, change: QueryChange = {}): string {
  return `/compare/rows?${toParams(q, change)}`;
}

/** The export of exactly what the page shows (every filter, no paging). */
export function exportHref(q: CompareQuery, format: ExportFormat): string {
  const p = toParams(q);
  p.delete("view");
  p.set("format", format);
  return `/compare/export?${p}`;
}

interface LinkedRow {
  old: { key: string }[];
  new: { key: string }[];
}

/** Where a row's articles and history live: the article in each version's text, the new side's lineage. */
export function tableHrefs(q: CompareQuery) {
  const slug = encodeURIComponent(q.work ?? "");
  return {
    oldArticle: (key: string) => `/works/${slug}/${q.from}#${key}`,
    newArticle: (key: string) => `/works/${slug}/${q.to}#${key}`,
    history: (r: LinkedRow) =>
      r.new.length ? `/works/${slug}/history/${r.new[0].key}?from=${q.to}` : `/works/${slug}/history/${r.old[0].key}?from=${q.from}`,
  };
}

export interface FilterableRow {
  kind: RowKind;
  flags: RowFlag[];
  changed: boolean;
  chapter: string;
}

export function rowMatches(row: FilterableRow, q: Pick<CompareQuery, "type" | "chapter" | "changesOnly">): boolean {
  if (q.changesOnly && !row.changed) return false;
  if (q.chapter && row.chapter !== q.chapter) return false;
  if (!q.type) return true;
  return (ROW_FLAGS as readonly string[]).includes(q.type) ? row.flags.includes(q.type as RowFlag) : row.kind === q.type;
}

/** Which way the two chosen versions run; a reversed or identical pair is explained on the page. */
export type PairDirection = "forward" | "reversed" | "same";

export function pairDirection(from: string, to: string): PairDirection {
  return from === to ? "same" : from < to ? "forward" : "reversed";
}

/** The admin correction forms of the compare page (one schema for the editor and the action). */
export const OverrideFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set"),
    work: z.string().min(1),
    from: IsoDateSchema,
    to: IsoDateSchema,
    fromKey: z.string().trim().max(100).optional().transform((v) => v || null),
    toKey: z.string().trim().max(100).optional().transform((v) => v || null),
    note: z.string().trim().max(1000).optional().transform((v) => v || null),
  }),
  z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() }),
]);
