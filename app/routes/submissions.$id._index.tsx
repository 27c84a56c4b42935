import { todayInChina } from "~/lib/corpus/point-in-time";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge, AnchorStateBadge } from "~/components/recommendations/status";
import { readSubmissionForm, SubmissionFields } from "~/components/recommendations/submission-fields";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { failure, idParam, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import { transitionRecommendation } from "~/lib/recommendations/commands.server";
import {
  addItems,
  closeSubmission,
  getSubmission,
  markSubmitted,
  recordResponse,
  removeItem,
  updateSubmission,
  type SubmissionEditable,
} from "~/lib/recommendations/submissions.server";
import { OUTCOMES } from "~/lib/recommendations/workflow";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.read");
  const id = idParam(params.id);
  try {
    return json({ submission: await getSubmission(user, id), today: todayInChina() });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "submission.read");
  const id = idParam(params.id);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent = s("intent");
  const revision = Number(s("revision"));
  const values = { intent, ...Object.fromEntries([...form.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)])) };
  try {
    switch (intent) {
      case "update":
        await updateSubmission(user, id, revision, readSubmissionForm(form));
        break;
      case "add-items":
        await addItems(user, id, form.getAll("recommendationId").map(Number));
        break;
      case "remove-item":
        await removeItem(user, id, Number(s("recommendationId")));
        break;
      case "mark-submitted":
        await markSubmitted(user, id, revision, { submittedAt: s("submittedAt"), reference: s("reference") });
        break;
      case "response":
        await recordResponse(user, id, revision, { responseReceived: form.get("responseReceived") === "on", responseNote: s("responseNote") });
        break;
      case "close":
        await closeSubmission(user, id, revision);
        break;
      case "outcome":
        await transitionRecommendation(user, Number(s("recommendationId")), revision, "close", {
          outcome: s("outcome"),
          note: s("note") || null,
        });
        break;
      default:
        throw json({ message: "unknown intent" }, { status: 400 });
    }
    return redirect(`/submissions/${id}`);
  } catch (error) {
    if (error instanceof Response) throw error;
    return failure(request, error, values);
  }
}

function Hidden({ intent, revision }: { intent: string; revision?: number }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}
    </>
  );
}

export default function SubmissionPage() {
  const { submission: sub, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<Record<string, string>, SubmissionEditable> | undefined;
  const t = useT();
  const preparing = sub.status === "preparing";
  const failedUpdate = failed?.values.intent === "update" ? failed : undefined;
  return (
    <div className="rec-page rec-wide">
      <p>
        <a href="/submissions">{t("recommendations.submissions.back")}</a>
      </p>
      <h1>{sub.title}</h1>
      <p>
        {t(`recommendations.submissionStatus.${sub.status}`)} · {sub.targetBody} · {sub.consultationTitle}
        {sub.consultationUrl ? (
          <>
            {" "}
            · <a href={sub.consultationUrl} rel="noopener noreferrer nofollow">{t("recommendations.field.consultationUrl")}</a>
          </>
        ) : null}
      </p>
      <p>
        {t("recommendations.field.openingDate")}{t("recommendations.colon")}{sub.openingDate ?? "—"} · {t("recommendations.field.deadline")}{t("recommendations.colon")}{sub.deadline ?? "—"} ·{" "}
        {t("recommendations.field.channel")}{t("recommendations.colon")}{t(`recommendations.channel.${sub.channel}`)}
        {sub.submittedAt ? ` · ${t("recommendations.field.submittedAt")}${t("recommendations.colon")}${sub.submittedAt}` : null}
        {sub.reference ? ` · ${t("recommendations.field.reference")}${t("recommendations.colon")}${sub.reference}` : null}
      </p>
      {sub.consultationId ? (
        <p>
          {t("consultations.forConsultation")}
          <a href={`/consultations/${sub.consultationId}`}>{sub.consultationTitle}</a>
        </p>
      ) : null}
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}

      {sub.canExport ? (
        <p className="rec-export">
          {t("recommendations.export.heading")}{t("recommendations.colon")}<a href={`/submissions/${sub.id}/export?format=docx`}>DOCX</a> ·{" "}
          <a href={`/submissions/${sub.id}/export?format=md`}>Markdown</a> · <a href={`/submissions/${sub.id}/export?format=csv`}>CSV</a> ·{" "}
          <a href={`/submissions/${sub.id}/export?format=txt`}>{t("recommendations.export.npcText")}</a>
        </p>
      ) : null}

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{t("recommendations.submissions.items")}</h2>
        {sub.items.length ? (
          <table className="rec-table">
            <thead>
              <tr>
                <th scope="col">{t("recommendations.anchor.heading")}</th>
                <th scope="col">{t("recommendations.field.title")}</th>
                <th scope="col">{t("recommendations.field.status")}</th>
                <th scope="col">{t("recommendations.field.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {sub.items.map((item) => (
                <tr key={item.recommendationId}>
                  <td>
                    {item.anchor ? <a href={item.anchor.href}>{item.anchor.label}</a> : "—"} <AnchorStateBadge state={item.anchorState} />
                  </td>
                  <td>
                    <a href={`/recommendations/${item.recommendationId}`}>{item.title}</a>
                  </td>
                  <td>
                    <StatusBadge status={item.status} outcome={item.outcome} />
                    {item.suggestedOutcome && item.status === "submitted" ? (
                      <p className="rec-suggestion-inline">
                        {t("recommendations.suggestion.text", {
                          outcome: t(`recommendations.outcome.${item.suggestedOutcome}`),
                          score: Math.round((item.suggestedScore ?? 0) * 100),
                        })}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    {preparing && sub.canManage ? (
                      <Form method="post" className="rec-inline-form">
                        <Hidden intent="remove-item" />
                        <input type="hidden" name="recommendationId" value={item.recommendationId} />
                        <button type="submit" className="rec-secondary">
                          {t("recommendations.submissions.remove")}
                        </button>
                      </Form>
                    ) : item.canRecordOutcome ? (
                      <Form method="post" className="rec-inline-form">
                        <Hidden intent="outcome" revision={item.revision} />
                        <input type="hidden" name="recommendationId" value={item.recommendationId} />
                        <label htmlFor={`outcome-${item.recommendationId}`} className="visually-hidden">
                          {t("recommendations.field.outcome")}
                        </label>
                        <select
                          id={`outcome-${item.recommendationId}`}
                          name="outcome"
                          defaultValue={item.outcome ?? item.suggestedOutcome ?? "adopted"}
                        >
                          {OUTCOMES.filter((o) => o !== "withdrawn").map((o) => (
                            <option key={o} value={o}>
                              {t(`recommendations.outcome.${o}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit">
                          {item.suggestedOutcome && item.status === "submitted"
                            ? t("recommendations.action.confirmOutcome")
                            : t("recommendations.action.close")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("recommendations.submissions.noItems")}</p>
        )}
        {preparing && sub.canManage && sub.candidates.length ? (
          <Form method="post" className="rec-form">
            <Hidden intent="add-items" />
            <fieldset>
              <legend>{t("recommendations.submissions.addItems")}</legend>
              {sub.candidates.map((c) => (
                <label key={c.id} className="rec-check">
                  <input type="checkbox" name="recommendationId" value={c.id} /> {c.title}（{c.anchorLabel}）
                </label>
              ))}
            </fieldset>
            <button type="submit">{t("recommendations.submissions.add")}</button>
          </Form>
        ) : null}
      </section>

      {sub.canManage && preparing ? (
        <section aria-labelledby="send-heading">
          <h2 id="send-heading">{t("recommendations.submissions.markSubmitted")}</h2>
          <Form method="post" className="rec-form">
            <Hidden intent="mark-submitted" revision={sub.revision} />
            <label htmlFor="submittedAt">{t("recommendations.field.submittedAt")}</label>
            <input id="submittedAt" name="submittedAt" type="date" defaultValue={failed?.values.submittedAt ?? today} />
            <label htmlFor="reference">{t("recommendations.field.reference")}</label>
            <input id="reference" name="reference" defaultValue={failed?.values.reference ?? ""} />
            <p>
              <button type="submit">{t("recommendations.submissions.markSubmitted")}</button>
            </p>
          </Form>
        </section>
      ) : null}

      {sub.canManage && !preparing ? (
        <section aria-labelledby="response-heading">
          <h2 id="response-heading">{t("recommendations.submissions.response")}</h2>
          <Form method="post" className="rec-form">
            <Hidden intent="response" revision={sub.revision} />
            <label className="rec-check">
              <input type="checkbox" name="responseReceived" defaultChecked={sub.responseReceived} /> {t("recommendations.field.responseReceived")}
            </label>
            <label htmlFor="responseNote">{t("recommendations.field.responseNote")}</label>
            <textarea id="responseNote" name="responseNote" rows={3} defaultValue={failed?.values.responseNote ?? sub.responseNote ?? ""} />
            <p>
              <button type="submit">{t("common.save")}</button>
            </p>
          </Form>
          {sub.status !== "closed" ? (
            <Form method="post" className="rec-inline-form">
              <Hidden intent="close" revision={sub.revision} />
              <button type="submit" className="rec-secondary">
                {t("recommendations.submissions.close")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {sub.canManage ? (
        <details className="rec-edit-submission" open={Boolean(failedUpdate)}>
          <summary>{t("recommendations.submissions.edit")}</summary>
          <Form method="post" className="rec-form" noValidate>
            <Hidden intent="update" revision={failedUpdate?.current?.revision ?? sub.revision} />
            <SubmissionFields
              values={(failedUpdate?.values as unknown as typeof sub) ?? sub}
              fieldErrors={failedUpdate?.fieldErrors ?? {}}
            />
            <p>
              <button type="submit">{t("common.save")}</button>
            </p>
          </Form>
          {failedUpdate?.current ? (
            <div className="rec-conflict-current">
              <h3>{t("recommendations.conflict.currentPlain")}</h3>
              <p>
                {failedUpdate.current.title} · {failedUpdate.current.targetBody} · {failedUpdate.current.consultationTitle} ·{" "}
                {failedUpdate.current.deadline ?? "—"}
              </p>
            </div>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
