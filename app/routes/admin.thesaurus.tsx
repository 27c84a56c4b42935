/**
 * /admin/thesaurus: the organisation's search thesaurus (admins only, on the server, in the loader
 * and the action). List and find, add, edit (optimistic concurrency: a stale save answers 409 and
 * keeps the admin's text), delete, history, and related terms from the corpus to discover entries.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT, type Translate } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { requestTranslator } from "~/lib/recommendations/http.server";
import { getSearchEngine } from "~/lib/search/engine.server";
import {
  NOTE_MAX_CHARS,
  TERM_MAX_CHARS,
  TERMS_FIELD_MAX_CHARS,
  joinTerms,
  parseThesaurusForm,
  type ThesaurusFieldError,
} from "~/lib/search/thesaurus-form";
import {
  ThesaurusConflictError,
  ThesaurusError,
  createThesaurusEntry,
  deleteThesaurusEntry,
  getThesaurusEntry,
  listThesaurus,
  thesaurusHistory,
  updateThesaurusEntry,
  type ThesaurusRecord,
} from "~/lib/search/thesaurus.server";
import authStyles from "~/styles/auth.css";
import searchStyles from "~/styles/search.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: authStyles },
  { rel: "stylesheet", href: searchStyles },
];
export const meta: MetaFunction = () => [{ title: "检索同义词表 Thesaurus · Redline" }];

const FILTER_MAX = 40;

function positiveId(value: string | null): number | null {
  const id = Number(value);
  return value && Number.isInteger(id) && id > 0 ? id : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings.manage");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, FILTER_MAX);
  const editId = positiveId(url.searchParams.get("edit"));
  const historyId = positiveId(url.searchParams.get("history"));
  const relatedTerm = (url.searchParams.get("related") ?? "").trim().slice(0, TERM_MAX_CHARS);
  const [entries, editing, history] = await Promise.all([
    listThesaurus({ q }),
    editId ? getThesaurusEntry(editId) : Promise.resolve(null),
    thesaurusHistory({ entryId: historyId ?? undefined, limit: historyId ? 200 : 20 }),
  ]);
  const related = relatedTerm ? { term: relatedTerm, terms: await getSearchEngine().relatedTermsFor(relatedTerm) } : null;
  return json({ q, entries, editing, history, historyId, related });
}

type Values = { terms: string; direction: string; note: string };

interface ActionFailure {
  ok: false;
  message: string;
  fieldErrors: Partial<Record<ThesaurusFieldError["field"], string>>;
  values: Values;
  /** The entry being edited; for a 409 also the revision and text saved now. */
  id: number | null;
  current?: ThesaurusRecord | null;
}

function describe(t: Translate, errors: ThesaurusFieldError[]) {
  const fieldErrors: ActionFailure["fieldErrors"] = {};
  for (const e of errors) fieldErrors[e.field] ??= t(e.key, e.params);
  return fieldErrors;
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "settings.manage");
  const form = await request.formData();
  requireCsrf(request, form, me);
  const t = requestTranslator(request);
  const intent = String(form.get("intent") ?? "");
  const id = positiveId(String(form.get("id") ?? ""));
  const revision = Number(form.get("revision"));
  const values: Values = {
    terms: String(form.get("terms") ?? "").slice(0, TERMS_FIELD_MAX_CHARS * 2),
    direction: String(form.get("direction") ?? ""),
    note: String(form.get("note") ?? "").slice(0, NOTE_MAX_CHARS * 2),
  };
  const fail = (status: number, message: string, extra: Partial<ActionFailure> = {}) =>
    json<ActionFailure>({ ok: false, message, fieldErrors: {}, values, id, ...extra }, { status });
  try {
    if (intent === "delete") {
      if (!id) return fail(400, t("search.thesaurus.error.invalid"));
      await deleteThesaurusEntry(me, id, revision);
      return redirect(`/admin/thesaurus?deleted=${id}`);
    }
    if (intent !== "create" && intent !== "update") return fail(400, t("search.thesaurus.error.invalid"));
    const parsed = parseThesaurusForm(values);
    if (!parsed.ok) {
      const fieldErrors = describe(t, parsed.errors);
      return fail(400, t("search.thesaurus.error.invalid"), { fieldErrors });
    }
    if (intent === "create") {
      const created = await createThesaurusEntry(me, parsed.value);
      return redirect(`/admin/thesaurus?saved=${created.id}`);
    }
    if (!id) return fail(400, t("search.thesaurus.error.invalid"));
    await updateThesaurusEntry(me, id, revision, parsed.value);
    return redirect(`/admin/thesaurus?saved=${id}`);
  } catch (error) {
    if (error instanceof ThesaurusConflictError) return fail(409, t(error.key), { current: error.current });
    if (error instanceof ThesaurusError) {
      return fail(error.status, t(error.key, error.fieldErrors[0]?.params), { fieldErrors: describe(t, error.fieldErrors) });
    }
    throw error;
  }
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy, Boolean(error))}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function EntryForm({
  entry,
  revision,
  values,
  fieldErrors,
}: {
  entry: ThesaurusRecord | null;
  revision: number | null;
  values: Values;
  fieldErrors: ActionFailure["fieldErrors"];
}) {
  const t = useT();
  const navigation = useNavigation();
  const prefix = entry ? `edit-${entry.id}` : "new";
  return (
    <Form method="post" className="auth-form thesaurus-form" aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{entry ? t("search.thesaurus.editing", { id: entry.id }) : t("search.thesaurus.add")}</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value={entry ? "update" : "create"} />
      {entry ? <input type="hidden" name="id" value={entry.id} /> : null}
      {revision !== null ? <input type="hidden" name="revision" value={revision} /> : null}
      <Field id={`${prefix}-terms`} label={t("search.thesaurus.terms")} hint={t("search.thesaurus.termsHint", { max: TERM_MAX_CHARS })} error={fieldErrors.terms}>
        {(describedBy, invalid) => (
          <input
            id={`${prefix}-terms`}
            name="terms"
            type="text"
            required
            maxLength={TERMS_FIELD_MAX_CHARS}
            defaultValue={values.terms}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <fieldset aria-invalid={fieldErrors.direction ? true : undefined}>
        <legend>{t("search.thesaurus.direction")}</legend>
        <label>
          <input type="radio" name="direction" value="two-way" defaultChecked={values.direction !== "one-way"} /> {t("search.thesaurus.twoWay")}
        </label>
        <label>
          <input type="radio" name="direction" value="one-way" defaultChecked={values.direction === "one-way"} /> {t("search.thesaurus.oneWay")}
        </label>
        {fieldErrors.direction ? (
          <p className="field-error" role="alert">
            {fieldErrors.direction}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${prefix}-note`} label={t("search.thesaurus.note")} error={fieldErrors.note}>
        {(describedBy, invalid) => (
          <textarea
            id={`${prefix}-note`}
            name="note"
            rows={2}
            maxLength={NOTE_MAX_CHARS}
            defaultValue={values.note}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <p className="thesaurus-actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {entry ? t("common.save") : t("search.thesaurus.add")}
        </button>
        {entry ? <Link to="/admin/thesaurus">{t("search.thesaurus.cancel")}</Link> : null}
      </p>
    </Form>
  );
}

function Direction({ entry }: { entry: { terms: string[]; oneWay: boolean } }) {
  const t = useT();
  if (!entry.oneWay) {
    return (
      <span className="thesaurus-terms" aria-label={`${t("search.thesaurus.twoWay")}: ${entry.terms.join("、")}`}>
        {entry.terms.join(" ↔ ")}
      </span>
    );
  }
  const [from, ...to] = entry.terms;
  return (
    <span className="thesaurus-terms" aria-label={`${t("search.thesaurus.oneWay")}: ${from} → ${to.join("、")}`}>
      {from} → {to.join("、")}
    </span>
  );
}

function History({ history, historyId }: { history: ReturnType<typeof useLoaderData<typeof loader>>["history"]; historyId: number | null }) {
  const t = useT();
  return (
    <section className="auth-section thesaurus-history" aria-labelledby="history-heading">
      <h2 id="history-heading">{historyId ? t("search.thesaurus.historyOf", { id: historyId }) : t("search.thesaurus.historyAll")}</h2>
      <ol>
        {history.map((h) => (
          <li key={h.id}>
            <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")}</time> · {h.by ?? t("search.thesaurus.seed")} ·{" "}
            {t(`search.thesaurus.action.${h.action}`)} #{h.entryId}
            {h.before ? (
              <>
                {" "}
                <del>
                  <Direction entry={h.before} />
                </del>
              </>
            ) : null}
            {h.after ? (
              <>
                {" "}
                <ins>
                  <Direction entry={h.after} />
                </ins>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function ThesaurusAdmin() {
  const { q, entries, editing, history, historyId, related } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure | undefined;
  const [params] = useSearchParams();
  const t = useT();
  const saved = params.get("saved");
  const deleted = params.get("deleted");
  const conflict = failed && "current" in failed ? failed.current : undefined;
  // The form being worked on: the failed one keeps the admin's text; a conflict offers the revision
  // now saved, so saving again is a deliberate choice made with both versions on screen.
  const editEntry = failed?.id ? (entries.find((e) => e.id === failed.id) ?? editing) : editing;
  const editValues = (e: ThesaurusRecord): Values => ({
    terms: joinTerms(e.terms),
    direction: e.oneWay ? "one-way" : "two-way",
    note: e.note ?? "",
  });
  // An entry deleted meanwhile: the admin's text goes to the new-entry form, to add it again.
  const forNew = failed && (!failed.id || conflict === null);
  const newValues: Values = forNew ? failed.values : { terms: params.get("terms") ?? "", direction: "two-way", note: "" };
  return (
    <div className="auth-page wide thesaurus-page">
      <p>
        <Link to="/admin/users">{t("auth.admin.backToUsers")}</Link>
      </p>
      <h1>{t("search.thesaurus.title")}</h1>
      <p className="auth-intro">{t("search.thesaurus.intro")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("search.thesaurus.saved")}
        </p>
      ) : null}
      {deleted ? (
        <p className="notice" role="status">
          {t("search.thesaurus.deleted", { id: deleted })}
        </p>
      ) : null}
      {failed ? (
        <div className="auth-error" role="alert">
          <p>{failed.message}</p>
          {conflict ? (
            <p>
              {t("search.thesaurus.conflictCurrent", { name: conflict.updatedBy ?? t("search.thesaurus.seed") })}{" "}
              <Direction entry={conflict} />
              {conflict.note ? ` (${conflict.note})` : null}
              <br />
              {t("search.thesaurus.conflictHint")}
            </p>
          ) : null}
        </div>
      ) : null}

      {editEntry ? null : (
        <EntryForm key={`new-${saved ?? ""}-${params.get("terms") ?? ""}`} entry={null} revision={null} values={newValues} fieldErrors={forNew ? failed.fieldErrors : {}} />
      )}
      {editEntry ? (
        <EntryForm
          key={`${editEntry.id}@${conflict?.revision ?? editEntry.revision}`}
          entry={editEntry}
          revision={conflict?.revision ?? editEntry.revision}
          values={failed?.id === editEntry.id ? failed.values : editValues(editEntry)}
          fieldErrors={failed?.id === editEntry.id ? failed.fieldErrors : {}}
        />
      ) : null}

      <section className="auth-section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("search.thesaurus.count", { count: entries.length })}</h2>
        <Form method="get" className="thesaurus-filter" role="search">
          <label htmlFor="thesaurus-q">{t("search.thesaurus.filter")}</label>{" "}
          <input id="thesaurus-q" name="q" type="search" defaultValue={q} maxLength={FILTER_MAX} />{" "}
          <button type="submit">{t("search.thesaurus.filterSubmit")}</button>
        </Form>
        {entries.length === 0 ? <p>{t("search.thesaurus.none")}</p> : null}
        <table className="users-table thesaurus-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("search.thesaurus.terms")}</th>
              <th scope="col">{t("search.thesaurus.note")}</th>
              <th scope="col">{t("search.thesaurus.history")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("search.thesaurus.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} id={`entry-${e.id}`}>
                <td>{e.id}</td>
                <td>
                  <Direction entry={e} />
                </td>
                <td>{e.note}</td>
                <td>
                  <Link to={`/admin/thesaurus?history=${e.id}#history-heading`}>
                    {t("search.thesaurus.updatedBy", { name: e.updatedBy ?? t("search.thesaurus.seed"), at: e.updatedAt.slice(0, 10) })}
                  </Link>
                </td>
                <td className="thesaurus-row-actions">
                  <Link to={`/admin/thesaurus?edit=${e.id}`} aria-label={t("search.thesaurus.editing", { id: e.id })}>
                    {t("search.thesaurus.edit")}
                  </Link>{" "}
                  <ActionButton
                    fields={{ intent: "delete", id: e.id, revision: e.revision }}
                    className="danger"
                    aria-label={t("search.thesaurus.deleteConfirm", { id: e.id })}
                  >
                    {t("search.thesaurus.delete")}
                  </ActionButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="auth-section" aria-labelledby="related-heading">
        <h2 id="related-heading">{t("search.thesaurus.related")}</h2>
        <p className="field-hint">{t("search.thesaurus.relatedIntro")}</p>
        <Form method="get" className="thesaurus-filter">
          <label htmlFor="related-term">{t("search.thesaurus.relatedTerm")}</label>{" "}
          <input id="related-term" name="related" type="search" defaultValue={related?.term ?? ""} maxLength={TERM_MAX_CHARS} />{" "}
          <button type="submit">{t("search.thesaurus.relatedSubmit")}</button>
        </Form>
        {related ? (
          related.terms.length === 0 ? (
            <p>{t("search.thesaurus.relatedNone", { term: related.term })}</p>
          ) : (
            <ul className="thesaurus-related">
              {related.terms.map((other) => (
                <li key={other}>
                  <Link to={`/admin/thesaurus?${new URLSearchParams({ terms: `${related.term}、${other}` })}#new-heading`}>
                    {t("search.thesaurus.relatedUse", { term: related.term, other })}
                  </Link>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>

      <History history={history} historyId={historyId} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
