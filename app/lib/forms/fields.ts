/**
 * Zod schemas of the fields several record forms have (recommendations, submissions, consultations),
 * checked in the browser and on the server alike. Messages are i18n keys of the recommendations
 * catalogue, which words the field errors of all of these forms.
 */
import { z } from "zod";
import { isIsoDate } from "~/lib/corpus/point-in-time";

export const URL_MAX_CHARS = 2_000;

/** Only http(s) links: javascript:, data: and file: URLs must never reach an href. */
export function isSafeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Text that must be filled in; blanks around it are dropped. */
export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: "recommendations.error.required" })
    .max(max, { message: "recommendations.error.tooLong" });

/** A real calendar day (2026-02-30 is refused: Date.parse rolled it over to 2 March). */
export const isoDate = z.string().refine(isIsoDate, { message: "recommendations.error.date" });

/** An empty field is no value: a browser sends "" for a date input left blank. */
export const optionalDate = z.preprocess((v) => (v === "" || v == null ? null : v), isoDate.nullable());
export const optionalUrl = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.string().max(URL_MAX_CHARS).refine(isSafeUrl, { message: "recommendations.error.url" }).nullable(),
);
