import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChangeKind, CopyCitation, StatusBadge } from "~/components/corpus";
import { STRUCTURE, toBlocks, UnitBody } from "~/components/statute";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProvisionRecommendations } from "~/components/recommendations/provision-recommendations";
import { useT } from "~/i18n/i18n";
import { useRootData } from "~/root";
import { getVersionView } from "~/lib/corpus/browse.server";
import { isIsoDate } from "~/lib/corpus/point-in-time";
import { formatCitation } from "~/lib/corpus/references";
import { getUser } from "~/lib/auth/session.server";
import { invariantResponse } from "~/lib/http.server";
import { getProvisionRecommendations } from "~/lib/recommendations/queries.server";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.work.titleZh}（${data.view.version.versionDate}）· Redline` : "Redline" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = await getVersionView(params.slug ?? "", params.date ?? "");
  invariantResponse(view, "No such law or version", { status: 404 });
  const at = new URL(request.url).searchParams.get("at");
  const recommendations = await getProvisionRecommendations(await getUser(request), view.version.id);
  return json({ view, at: at && isIsoDate(at) ? at : null, recommendations });
}

export default function VersionPage() {
  const { view, at, recommendations } = useLoaderData<typeof loader>();
  const t = useT();
  const role = useRootData()?.user?.role;
  const isStaff = role !== undefined && role !== "partner";
  const { work, version, provisions } = view;
  const keys = new Set(provisions.map((p) => p.key));
  const exists = (k: string) => keys.has(k);
  const hrefFor = (k: string) => `#${k}`;
  const blocks = toBlocks(provisions);
  const toc = provisions.filter((p) => STRUCTURE.has(p.kind));
  const base = `/works/${encodeURIComponent(work.slug)}/${version.versionDate}`;
  return (
    <div className="version-page">
      <nav aria-label={t("corpus.breadcrumb")} className="breadcrumb">
        <Link to="/works">{t("nav.works")}</Link> › <Link to={`/works/${encodeURIComponent(work.slug)}`}>{work.shortTitle ?? work.titleZh}</Link> ›{" "}
        {version.versionDate}
      </nav>
      <h1>{version.title}</h1>
      <p className="version-meta">
        <StatusBadge status={version.status} /> <ChangeKind kind={version.changeKind} /> {version.versionDate}
        {version.effectiveDate ? ` · ${t("corpus.effective")} ${version.effectiveDate}` : ` · ${t("corpus.effectiveUnknown")}`}
        {" · "}
        {t("corpus.articleCount", { n: version.articleCount || version.unitCount })}
        {version.draftStage ? ` · ${version.draftLabel ?? ""}（${t(`corpus.draftStage.${version.draftStage}`)}）` : null}
      </p>
      {at ? (
        <p className="notice" role="note" data-testid="point-in-time">
          {t("corpus.atNotice", { at, date: version.versionDate, effective: version.effectiveDate ?? version.versionDate })}
        </p>
      ) : null}
      {version.status === "superseded" && work.inForce ? (
        <p className="warning">
          {t("corpus.supersededNotice")}{" "}
          <Link to={`/works/${encodeURIComponent(work.slug)}/${work.inForce.versionDate}`}>{t("corpus.goToInForce", { date: work.inForce.versionDate })}</Link>
        </p>
      ) : null}
      {version.history.length ? (
        <details className="history-lines">
          <summary>{t("corpus.historyLines")}</summary>
          <ul>
            {version.history.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {version.explanation ? (
        <details className="draft-explanation" data-testid="draft-explanation">
          <summary>{t("corpus.explanation")}</summary>
          <div className="statute" lang="zh-CN">
            {version.explanation.split("\n").map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </details>
      ) : null}
      {/* Parser notes help staff check an import; readers of the law have no use for them. */}
      {isStaff && version.warnings.length ? (
        <details className="parse-warnings">
          <summary>{t("corpus.warnings", { n: version.warnings.length })}</summary>
          <ul>
            {version.warnings.map((w, i) => (
              <li key={i}>
                {t("corpus.import.warningAt", { line: w.line })} {t(`corpus.warning.${w.kind}`)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="version-layout">
        {toc.length ? (
          <nav className="toc" aria-label={t("corpus.toc")}>
            <h2>{t("corpus.toc")}</h2>
            <ol>
              {toc.map((p) => (
                <li key={p.key} className={`toc-${p.kind}`} style={{ marginLeft: `${Math.max(0, p.depth) * 0.9}em` }}>
                  <a href={`#${p.key}`}>{p.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div className="statute" lang="zh-CN">
          {blocks.map((b) => {
            if (b.type === "structure") {
              const level = Math.min(6, 2 + Math.max(0, b.node.depth));
              const Tag = `h${level}` as "h2";
              return (
                <Tag key={b.node.key} id={b.node.key} className={`struct struct-${b.node.kind}`}>
                  {b.node.text}
                </Tag>
              );
            }
            if (b.type === "note") {
              return (
                <p key={b.node.key} id={b.node.key} className="prov prov-note">
                  {b.node.text}
                </p>
              );
            }
            const u = b.block.unit;
            const citation = formatCitation(work.titleZh, version, u.label);
            return (
              <article key={u.key} id={u.key} className="unit" aria-label={u.label ?? u.key}>
                <UnitBody block={b.block} exists={exists} hrefFor={hrefFor} />
                <p className="unit-tools">
                  <Link to={`${base}/${u.key}`} className="permalink" aria-label={t("corpus.permalinkOf", { label: u.label ?? u.key })}>
                    {t("corpus.permalink")}
                  </Link>
                  <CopyCitation citation={citation} />
                </p>
                <ProvisionRecommendations
                  items={recommendations.byUnit[u.key] ?? []}
                  versionId={version.id}
                  provisionKey={u.key}
                  canDraft={recommendations.canDraft}
                />
              </article>
            );
          })}
        </div>
      </div>
      <p className="source-line">
        {t("corpus.source")}: {version.sourceUrl ? <a href={version.sourceUrl}>{version.sourceUrl}</a> : t("corpus.sourceUpload")} · sha256{" "}
        <code>{version.sha256.slice(0, 12)}</code>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
