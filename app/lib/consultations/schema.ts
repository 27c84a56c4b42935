/**
 * The consultation form, checked in the browser and (the check that counts) on the server. Messages
 * are i18n keys of the recommendations catalogue, so errors are worded per field like the others.
 */
import { z } from "zod";
import { DRAFT_STAGES } from "~/lib/corpus/parser/draft-header";
import { optionalUrl } from "~/lib/forms/fields";
import { consultationWindow, submissionText } from "~/lib/recommendations/schema";

/** Who runs the consultation: the NPC Standing Committee (its 法工委), the State Council, a ministry, a local body. */
export const AUTHORITY_KINDS = ["npcsc", "state_council", "ministry", "local", "other"] as const;

export const ConsultationFieldsSchema = z.object({
  title: submissionText,
  authority: submissionText,
  authorityKind: z.enum(AUTHORITY_KINDS, { message: "recommendations.error.choice" }),
  url: optionalUrl,
  ...consultationWindow,
});
export type ConsultationFields = z.infer<typeof ConsultationFieldsSchema>;

/** A draft version of the work under consultation, by its date, and its stage. */
export const DraftRefSchema = z.object({
  workSlug: z.string().trim().min(1, { message: "recommendations.error.required" }).max(100),
  draftDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "recommendations.error.required" }),
  stage: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(DRAFT_STAGES).optional()),
});

/** Fields the create form marks as required before anything is sent. */
export const REQUIRED_FIELDS = ["title", "authority", "workSlug", "draftDate"] as const;
