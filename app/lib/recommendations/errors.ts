/**
 * Typed errors of the recommendations domain. Each carries an HTTP status and an i18n key (with
 * parameters) so routes answer 400/403/404/409 with a message the reader can act on.
 */
import type { ZodError } from "zod";
import { fieldErrors, type FieldError } from "./schema";

export class RecommendationError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "RecommendationError";
  }
}

export class ValidationError extends RecommendationError {
  constructor(readonly errors: FieldError[]) {
    super(400, errors[0]?.key ?? "recommendations.error.invalid", errors[0]?.params ?? {});
    this.name = "ValidationError";
  }
}

/** Someone saved in between: the caller gets the record as it now stands. */
export class ConflictError<T = unknown> extends RecommendationError {
  constructor(readonly current: T) {
    super(409, "recommendations.error.conflict");
    this.name = "ConflictError";
  }
}

export const notFound = (key = "recommendations.error.notFound") => new RecommendationError(404, key);
export const forbidden = (key = "recommendations.error.forbidden") => new RecommendationError(403, key);

/** Validate at the edge: the parsed value, or a ValidationError naming each field. */
export function parseOrThrow<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}
