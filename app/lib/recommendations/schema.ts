/**
 * Form schemas of recommendations and submissions, shared by the browser (live checks) and the
 * server (the check that counts). Messages are i18n keys of app/i18n/messages/recommendations-form.ts,
 * so the server can answer in the reader's language and name the field.
 */
import { z } from "zod";
import { URL_MAX_CHARS, isSafeUrl, isoDate, optionalDate, optionalUrl, requiredText } from "~/lib/forms/fields";
import { PRIORITIES } from "./workflow";

export const LIMITS = {
  title: 200,
  proposedText: 20_000,
  rationale: 20_000,
  quote: 2_000,
  comment: 5_000,
  evidence: 30,
  evidenceLabel: 200,
  url: URL_MAX_CHARS,
  note: 5_000,
  viewName: 100,
  submissionText: 500,
} as const;

export type EvidenceItem = { kind: "url"; ref: string; label: string } | { kind: "provision"; ref: string; label: string };

/** A corpus provision reference as users type it: "<work-slug>/<YYYY-MM-DD>#<key>". */
export const PROVISION_REF = /^\/?(?:works\/)?([a-z0-9][a-z0-9-]*)\/(\d{4}-\d{2}-\d{2})#([a-z0-9][a-z0-9/-]*)$/;

export type EvidenceParse = { ok: true; items: EvidenceItem[] } | { ok: false; line: number; key: string };

/**
 * Evidence is typed one entry per line: a URL or a provision reference, optionally followed by a
 * space and a label ("https://example.org/report 年度报告").
 */
export function parseEvidence(text: string): EvidenceParse {
  const items: EvidenceItem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const space = line.search(/\s/);
    const ref = space < 0 ? line : line.slice(0, space);
    const label = space < 0 ? "" : line.slice(space + 1).trim();
    if (label.length > LIMITS.evidenceLabel) return { ok: false, line: i + 1, key: "recommendations.error.evidenceLabel" };
    if (PROVISION_REF.test(ref)) {
      items.push({ kind: "provision", ref: ref.replace(/^\/?(?:works\/)?/, ""), label });
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      if (ref.length > LIMITS.url || !isSafeUrl(ref)) return { ok: false, line: i + 1, key: "recommendations.error.evidenceUrl" };
      items.push({ kind: "url", ref, label });
    } else {
      return { ok: false, line: i + 1, key: "recommendations.error.evidenceFormat" };
    }
  }
  if (items.length > LIMITS.evidence) return { ok: false, line: lines.length, key: "recommendations.error.evidenceCount" };
  return { ok: true, items };
}

export function formatEvidence(items: EvidenceItem[]): string {
  return items.map((e) => (e.label ? `${e.ref} ${e.label}` : e.ref)).join("\n");
}

const text = (max: number) => z.string().max(max, { message: "recommendations.error.tooLong" });

const flag = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const RecommendationFieldsSchema = z.object({
  title: requiredText(LIMITS.title),
  proposedText: text(LIMITS.proposedText),
  rationale: text(LIMITS.rationale),
  evidence: text(LIMITS.evidence * (LIMITS.url + LIMITS.evidenceLabel + 2)).default(""),
  themes: z.array(z.string().max(100)).max(50).default([]),
  priority: z.enum(PRIORITIES, { message: "recommendations.error.choice" }),
  sharedWithPartners: flag,
  ownerId: z.coerce.number().int().positive().optional(),
});
export type RecommendationFields = z.infer<typeof RecommendationFieldsSchema>;

export const AnchorSchema = z.object({
  versionId: z.coerce.number().int().positive({ message: "recommendations.error.anchor" }),
  provisionKey: z
    .string()
    .min(1, { message: "recommendations.error.anchor" })
    .max(200)
    .regex(/^[a-z0-9][a-z0-9/-]*$/, { message: "recommendations.error.anchor" }),
  quote: text(LIMITS.quote).default(""),
  quoteStart: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).optional()),
});

export const CommentSchema = z.object({
  body: requiredText(LIMITS.comment),
  parentId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional()),
  /** The partner discussion rather than the internal thread (a reply follows its parent). */
  shared: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), text(max).nullable().default(null));

export const CHANNELS = ["online_form", "letter", "email", "meeting"] as const;

/** A name or title on a submission or a consultation. */
export const submissionText = requiredText(LIMITS.submissionText);

/**
 * When and how a consultation takes comments: the consultation records them and a submission
 * started from it copies them, so both forms check them alike.
 */
export const consultationWindow = {
  openingDate: optionalDate,
  deadline: optionalDate,
  channel: z.enum(CHANNELS, { message: "recommendations.error.choice" }),
};

export const SubmissionFieldsSchema = z.object({
  title: submissionText,
  targetBody: submissionText,
  consultationTitle: submissionText,
  consultationUrl: optionalUrl,
  ...consultationWindow,
});
export type SubmissionFields = z.infer<typeof SubmissionFieldsSchema>;

export const SubmitSubmissionSchema = z.object({
  submittedAt: isoDate,
  reference: optionalText(LIMITS.submissionText),
});

export const ResponseSchema = z.object({
  responseReceived: flag,
  responseNote: optionalText(LIMITS.note),
});

export interface FieldError {
  field: string;
  key: string;
  params: Record<string, string | number>;
}

/** Zod issues as (field, i18n key, params): the route words them in the reader's language. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "form");
    const params: Record<string, string | number> = {};
    if (issue.code === "too_big") params.max = Number(issue.maximum);
    const key = issue.message.startsWith("recommendations.") ? issue.message : "recommendations.error.invalid";
    return { field, key, params };
  });
}

/** The recommendation form's fields as submitted (strings), for validation and for re-showing. */
export function readRecommendationForm(form: FormData) {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    title: str("title"),
    proposedText: str("proposedText"),
    rationale: str("rationale"),
    evidence: str("evidence"),
    themes: form.getAll("themes").filter((v): v is string => typeof v === "string"),
    priority: str("priority") || "medium",
    sharedWithPartners: form.get("sharedWithPartners") === "on" || form.get("sharedWithPartners") === "true",
    ownerId: str("ownerId") ? Number(str("ownerId")) : undefined,
    quote: str("quote"),
    quoteStart: str("quoteStart"),
  };
}
