import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DaysLeft } from "~/components/consultations/days-left";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InlineForm } from "~/components/form-field";
import { StatusBadge } from "~/components/recommendations/status";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { addDraft, getConsultation, type ComparisonLink } from "~/lib/consultations/consultations.server";
import { failure, idParam, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.consultation.title} · Redline` : "Redline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consultation.read");
  try {
    return json({ consultation: await getConsultation(user, idParam(params.id)) });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "consultation.manage");
  const id = idParam(params.id);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = { draftDate: String(form.get("draftDate") ?? ""), stage: String(form.get("stage") ?? "") };
  try {
    const consultation = await getConsultation(user, id);
    await addDraft(user, id, { ...values, workSlug: consultation.work.slug });
    return redirect(`/consultations/${id}`);
  } catch (error) {
    return failure(request, error, values);
  }
}

function Comparison({ link, label }: { link: ComparisonLink; label: string }) {
  const t = useT();
  const c = link.counts;
  return (
    <li>
      <Link to={link.href}>{label}</Link>{" "}
      <span className="hint">
        {t("consultations.counts", { unchanged: c.unchanged ?? 0, modified: c.modified ?? 0, added: c.added ?? 0, removed: c.removed ?? 0 })}
      </span>
    </li>
  );
}

export default function ConsultationPage() {
  const { consultation: c } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure | undefined;
  const t = useT();
  const slug = encodeURIComponent(c.work.slug);
  return (
    <div className="rec-page rec-wide">
      <h1>{c.title}</h1>
      <p>
        {c.authority} · {t(`consultations.authorityKind.${c.authorityKind}`)} · {t(`recommendations.channel.${c.channel}`)}
        {c.url ? (
          <>
            {" · "}
            <a href={c.url} rel="noreferrer noopener" target="_blank">
              {t("consultations.field.url")}
            </a>
          </>
        ) : null}
      </p>
      <p>
        {c.openingDate ? `${t("consultations.field.openingDate")} ${c.openingDate} · ` : null}
        {t("consultations.field.deadline")} {c.deadline ?? "—"} <DaysLeft days={c.daysLeft} />
      </p>

      <section aria-labelledby="drafts">
        <h2 id="drafts">{t("consultations.drafts")}</h2>
        <p>{c.lawInForce ? t("consultations.lawInForce", { title: c.lawInForce.title, date: c.lawInForce.versionDate }) : t("consultations.noInForce")}</p>
        {c.drafts.map((d) => (
          <article key={d.versionId} className="consultation-draft">
            <h3>
              {d.title} <span className="hint">({t(`corpus.draftStage.${d.stage}`)} · {d.versionDate})</span>
            </h3>
            <ul>
              <li>
                <Link to={`/works/${slug}/${d.versionDate}`}>{t("consultations.openDraft")}</Link>
              </li>
              {d.vsInForce ? <Comparison link={d.vsInForce} label={t("consultations.vsInForce", { date: d.vsInForce.fromDate })} /> : null}
              {d.vsPrevious ? <Comparison link={d.vsPrevious} label={t("consultations.vsPrevious", { date: d.vsPrevious.fromDate })} /> : null}
            </ul>
          </article>
        ))}
        {c.canManage && c.otherDrafts.length ? (
          <InlineForm failed={failed} submitLabel={t("consultations.add")}>
            <label htmlFor="add-draft">{t("consultations.addDraft")}</label>{" "}
            <select id="add-draft" name="draftDate">
              {c.otherDrafts.map((d) => (
                <option key={d.versionDate} value={d.versionDate}>
                  {d.versionDate} {d.title}
                </option>
              ))}
            </select>{" "}
          </InlineForm>
        ) : null}
      </section>

      <section aria-labelledby="recs">
        <h2 id="recs">{t("consultations.recommendations")}</h2>
        {c.recommendations.length ? (
          <table className="rec-table">
            <thead>
              <tr>
                <th scope="col">{t("consultations.col.article")}</th>
                <th scope="col">{t("consultations.col.recommendation")}</th>
                <th scope="col">{t("consultations.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {c.recommendations.map((r) => (
                <tr key={r.id}>
                  <td>{r.anchorHref ? <Link to={r.anchorHref}>{r.anchorLabel}</Link> : r.anchorLabel}</td>
                  <td>
                    <Link to={`/recommendations/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("consultations.noRecommendations")}</p>
        )}
      </section>

      <section aria-labelledby="subs">
        <h2 id="subs">{t("consultations.submissions")}</h2>
        {c.submissions.length ? (
          <ul>
            {c.submissions.map((s) => (
              <li key={s.id}>
                <Link to={`/submissions/${s.id}`}>{s.title}</Link> <span className="hint">{t(`recommendations.submissionStatus.${s.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("consultations.noSubmissions")}</p>
        )}
        {c.canManage ? (
          <p>
            <Link to={`/submissions/new?consultation=${c.id}`}>{t("consultations.newSubmission")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
