import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ChangeKind, StatusBadge, WorkKind } from "~/components/corpus";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { useRootData } from "~/root";
import { getWork } from "~/lib/corpus/browse.server";
import { isIsoDate, versionInForceOn } from "~/lib/corpus/point-in-time";
import { invariantResponse } from "~/lib/http.server";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.work.titleZh} · Redline` : "Redline" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const work = await getWork(params.slug ?? "");
  invariantResponse(work, "No such law", { status: 404 });
  const at = new URL(request.url).searchParams.get("at");
  if (at !== null && at !== "") {
    invariantResponse(isIsoDate(at), `"${at}" is not a date; use YYYY-MM-DD`, { status: 400 });
    const version = versionInForceOn(work.versions, at);
    if (version) return redirect(`/works/${encodeURIComponent(work.slug)}/${version.versionDate}?at=${at}`);
    return json({ work, notInForceAt: at });
  }
  return json({ work, notInForceAt: null as string | null });
}

export default function WorkPage() {
  const { work, notInForceAt } = useLoaderData<typeof loader>();
  const t = useT();
  const role = useRootData()?.user?.role;
  const isStaff = role !== undefined && role !== "partner";
  const slug = encodeURIComponent(work.slug);
  const timeline = [...work.versions].reverse();
  return (
    <div className="work-page">
      <nav aria-label={t("corpus.breadcrumb")} className="breadcrumb">
        <Link to="/works">{t("nav.works")}</Link> › {work.shortTitle ?? work.titleZh}
      </nav>
      <h1>{work.titleZh}</h1>
      {work.titleEn ? (
        <p className="title-en" lang="en">
          {work.titleEn}
        </p>
      ) : null}
      <p>
        <WorkKind kind={work.kind} />
        {work.issuingBody ? ` · ${work.issuingBody}` : ""}
      </p>
      {notInForceAt ? (
        <p className="warning" role="alert">
          {t("corpus.notInForceAt", { at: notInForceAt })}
        </p>
      ) : null}
      <Form method="get" className="at-form">
        <label htmlFor="at">{t("corpus.atLabel")}</label>{" "}
        <input id="at" name="at" type="date" required defaultValue={notInForceAt ?? ""} /> <button type="submit">{t("corpus.atSubmit")}</button>
      </Form>
      <h2>{t("corpus.timeline")}</h2>
      <ol className="timeline">
        {timeline.map((v) => (
          <li key={v.id} className={`timeline-item status-${v.status}`}>
            <div className="timeline-date">{v.versionDate}</div>
            <div>
              <Link to={`/works/${slug}/${v.versionDate}`} className="timeline-link">
                <ChangeKind kind={v.changeKind} /> · {v.title}
              </Link>{" "}
              <StatusBadge status={v.status} />
              <div className="timeline-meta">
                {v.effectiveDate ? `${t("corpus.effective")} ${v.effectiveDate}` : t("corpus.effectiveUnknown")} ·{" "}
                {t("corpus.articleCount", { n: v.articleCount || v.unitCount })}
                {isStaff && v.warningCount ? ` · ${t("corpus.warnings", { n: v.warningCount })}` : ""}
              </div>
            </div>
          </li>
        ))}
      </ol>
      {work.versions.length > 1 ? (
        <p>
          <Link
            to={`/compare?work=${slug}&from=${work.versions[work.versions.length - 2].versionDate}&to=${work.versions[work.versions.length - 1].versionDate}`}
            className="button"
          >
            {t("corpus.compareLatest")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
