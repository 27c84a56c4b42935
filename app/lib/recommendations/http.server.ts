/** Turning domain errors into answers a person can act on, in the reader's language. */
import { json } from "@remix-run/node";
import { negotiateLocale, translator, type Translate } from "~/i18n/i18n";
import { readCookie } from "~/lib/http.server";
import { ConflictError, RecommendationError, ValidationError } from "./errors";

export function requestTranslator(request: Request): Translate {
  return translator(negotiateLocale(readCookie(request, "lang"), request.headers.get("accept-language")));
}

export interface ActionFailure<V = Record<string, unknown>, C = unknown> {
  ok: false;
  status: number;
  message: string;
  fieldErrors: Record<string, string>;
  /** What the person submitted, to put back in the form. */
  values: V;
  /** For 409: the record as it is now saved. */
  current?: C;
}

export function describeError(t: Translate, error: RecommendationError): { message: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  if (error instanceof ValidationError) {
    for (const e of error.errors) {
      const field = t(`recommendations.field.${e.field}`);
      fieldErrors[e.field] ??= t(e.key, { ...e.params, field });
    }
    const first = error.errors[0];
    return { message: first ? fieldErrors[first.field] : t("recommendations.error.invalid"), fieldErrors };
  }
  return { message: t(error.key, error.params), fieldErrors };
}

/**
 * Domain errors → JSON with the status they carry (400/403/404/409) and the submitted values;
 * anything else is a bug and is rethrown for the error boundary.
 */
export function failure<V>(request: Request, error: unknown, values: V) {
  if (!(error instanceof RecommendationError)) throw error;
  const t = requestTranslator(request);
  const { message, fieldErrors } = describeError(t, error);
  const body: ActionFailure<V> = { ok: false, status: error.status, message, fieldErrors, values };
  if (error instanceof ConflictError) body.current = error.current;
  return json(body, { status: error.status });
}

/** For loaders: a domain error becomes a thrown Response the error boundary words. */
export function throwAsResponse(request: Request, error: unknown): never {
  if (!(error instanceof RecommendationError)) throw error;
  const t = requestTranslator(request);
  throw json({ message: describeError(t, error).message }, { status: error.status });
}

export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw json({ message: "Not found" }, { status: 404 });
  return id;
}
