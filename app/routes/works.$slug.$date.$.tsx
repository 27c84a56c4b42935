import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChangeKind, CopyCitation, StatusBadge } from "~/components/corpus";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProvisionRecommendations } from "~/components/recommendations/provision-recommendations";
import { UnitBody } from "~/components/statute";
import { useT } from "~/i18n/i18n";
import { articleInOtherVersions } from "~/lib/compare/compare.server";
import { getVersionView, unitWithChildren } from "~/lib/corpus/browse.server";
import { formatCitation } from "~/lib/corpus/references";
import { getUser } from "~/lib/auth/session.server";
import { invariantResponse } from "~/lib/http.server";
import { getProvisionRecommendations } from "~/lib/recommendations/queries.server";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.citation} · Redline` : "Redline" }];

/** Article permalink: /works/<slug>/<versionDate>/<key>, e.g. /works/minors-protection-law/2020-10-17/art-15. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = await getVersionView(params.slug ?? "", params.date ?? "");
  invariantResponse(view, "No such law or version", { status: 404 });
  const requested = params["*"] ?? "";
  // A paragraph or item key shows its whole article, scrolled to the part.
  const unit = view.provisions.find((p) => p.isUnit && (requested === p.key || requested.startsWith(p.key + "/")));
  invariantResponse(unit, `No provision ${requested} in this version`, { status: 404 });
  const nodes = unitWithChildren(view.provisions, unit.key);
  const status = new Map(view.work.versions.map((v) => [v.versionDate, v.status]));
  const others = (await articleInOtherVersions(view.work.id, unit.key, view.version.id)).map((o) => ({
    ...o,
    status: status.get(o.versionDate)!,
  }));
  const keys = view.provisions.map((p) => p.key);
  const recommendations = await getProvisionRecommendations(await getUser(request), view.version.id);
  return json({
    recommendations: { items: recommendations.byUnit[unit.key] ?? [], canDraft: recommendations.canDraft },
    work: { slug: view.work.slug, titleZh: view.work.titleZh, shortTitle: view.work.shortTitle },
    version: {
      id: view.version.id,
      versionDate: view.version.versionDate,
      changeKind: view.version.changeKind,
      effectiveDate: view.version.effectiveDate,
      status: view.version.status,
      title: view.version.title,
    },
    unit,
    children: nodes.slice(1),
    focus: requested,
    others,
    keys,
    citation: formatCitation(view.work.titleZh, view.version, unit.label),
  });
}

export default function ProvisionPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { work, version, unit } = data;
  const keys = new Set(data.keys);
  const versionBase = `/works/${encodeURIComponent(work.slug)}/${version.versionDate}`;
  return (
    <div className="provision-page">
      <nav aria-label={t("corpus.breadcrumb")} className="breadcrumb">
        <Link to="/works">{t("nav.works")}</Link> › <Link to={`/works/${encodeURIComponent(work.slug)}`}>{work.shortTitle ?? work.titleZh}</Link> ›{" "}
        <Link to={versionBase}>{version.versionDate}</Link> › {unit.label ?? unit.key}
      </nav>
      <h1>
        {version.title} {unit.label}
      </h1>
      <p className="version-meta">
        <StatusBadge status={version.status} /> <ChangeKind kind={version.changeKind} /> {version.versionDate}
        {version.effectiveDate ? ` · ${t("corpus.effective")} ${version.effectiveDate}` : ""}
      </p>
      <article id={unit.key} className="unit unit-focus statute" lang="zh-CN">
        <UnitBody block={{ unit, children: data.children }} exists={(k) => keys.has(k)} hrefFor={(k) => `${versionBase}#${k}`} />
      </article>
      <p className="unit-tools">
        <CopyCitation citation={data.citation} /> · <Link to={`${versionBase}#${unit.key}`}>{t("corpus.inContext")}</Link> ·{" "}
        <Link to={`/works/${encodeURIComponent(work.slug)}/history/${unit.key}?from=${version.versionDate}`}>{t("corpus.history")}</Link>
      </p>
      <ProvisionRecommendations
        items={data.recommendations.items}
        versionId={version.id}
        provisionKey={data.focus.startsWith(unit.key + "/") ? data.focus : unit.key}
        canDraft={data.recommendations.canDraft}
      />
      <section aria-labelledby="other-versions">
        <h2 id="other-versions">{t("compare.otherVersions")}</h2>
        <p className="hint">{t("compare.otherVersions.hint")}</p>
        {data.others.length ? (
          <ul className="other-versions" data-testid="other-versions">
            {data.others.map((o) => (
              <li key={o.versionDate} data-version={o.versionDate}>
                {o.versionDate} <StatusBadge status={o.status} />{" "}
                {o.units.length ? (
                  o.units.map((u) => (
                    <span key={u.key}>
                      <Link to={`/works/${encodeURIComponent(work.slug)}/${o.versionDate}/${u.key}`}>{u.label ?? u.key}</Link>{" "}
                    </span>
                  ))
                ) : (
                  <span className="absent">{t("compare.otherVersions.absent")}</span>
                )}
                {o.units.map((u) => (
                  <p key={u.key} className="statute excerpt" lang="zh-CN">
                    {u.text.length > 140 ? u.text.slice(0, 140) + "…" : u.text}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("compare.otherVersions.none")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
