import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useMemo } from "react";
import { useChangeNavigation } from "~/components/compare/use-change-navigation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { changeId, MeasureChangeList } from "~/components/plans/measure-changes";
import { useT } from "~/i18n/i18n";
import { defaultPair, getWorkVersions } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { comparePlanVersions } from "~/lib/plans/plan-compare.server";
import {
  articleCompareHref,
  MEASURE_CHANGE_KINDS,
  MEASURE_FILTERS,
  planCompareHref,
  PlanQueryError,
  readPlanQuery,
} from "~/lib/plans/query";
import compareStyles from "~/styles/compare.css";
import planStyles from "~/styles/plans.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: compareStyles },
  { rel: "stylesheet", href: planStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.plan.work.titleZh} ${data.plan.from.versionDate} → ${data.plan.to.versionDate} · Redline` : "Redline" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  try {
    const work = params.get("work");
    // A plan alone: its two latest versions, as on /compare.
    if (work && (!params.get("from") || !params.get("to"))) {
      const dates = (await getWorkVersions(work)).versions.map((v) => v.versionDate);
      if (dates.length < 2) throw new Response("This plan has only one version.", { status: 404 });
      const pair = defaultPair(dates, { from: params.get("from") || undefined, to: params.get("to") || undefined });
      throw redirect(planCompareHref({ work, ...pair }));
    }
    const query = readPlanQuery(params);
    return json({ query, plan: await comparePlanVersions(query) });
  } catch (error) {
    if (error instanceof PlanQueryError) throw new Response(error.message, { status: 400 });
    if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export default function PlanComparePage() {
  const { query, plan } = useLoaderData<typeof loader>();
  const t = useT();
  const submit = useSubmit();
  const changeIds = useMemo(() => plan.changes.filter((c) => c.kind !== "kept" || c.agencies).map(changeId), [plan.changes]);
  const { current, go } = useChangeNavigation(changeIds, planCompareHref(query));
  const slug = encodeURIComponent(query.work);
  const hrefs = {
    old: (key: string) => `/works/${slug}/${query.from}#${key}`,
    new: (key: string) => `/works/${slug}/${query.to}#${key}`,
  };
  const { counts } = plan;

  return (
    <div className="compare-page plan-compare-page">
      <h1>{t("plans.compare.pageTitle", { title: plan.work.titleZh, from: plan.from.versionDate, to: plan.to.versionDate })}</h1>
      <p className="intro">{t("plans.compare.intro")}</p>
      <p>
        <Link to={articleCompareHref(query)}>{t("plans.compare.byArticle")}</Link>
      </p>

      <Form method="get" className="compare-choose" onChange={(e) => submit(e.currentTarget)}>
        <input type="hidden" name="work" value={query.work} />
        {(["from", "to"] as const).map((side) => (
          <label key={side}>
            {t(`plans.compare.${side}`)}
            <select name={side} defaultValue={query[side]} key={query[side]}>
              {plan.versions.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t("plans.compare.filter")}
          <select name="type" defaultValue={query.type ?? ""} key={`type-${query.type ?? ""}`}>
            <option value="">{t("plans.compare.filterAll")}</option>
            {MEASURE_FILTERS.map((k) => (
              <option key={k} value={k}>
                {t(`plans.compare.kind.${k}`)} ({counts[k]})
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit">{t("plans.compare.submit")}</button>
        </noscript>
      </Form>

      <section aria-labelledby="plan-summary-h" className="compare-summary">
        <h2 id="plan-summary-h">{t("plans.compare.summary")}</h2>
        <p data-testid="plan-total">
          {t("plans.compare.total", { old: counts.kept + counts.reworded + counts.dropped, new: counts.kept + counts.reworded + counts.new })}
        </p>
        <ul className="counts">
          {[...MEASURE_CHANGE_KINDS, "agencies" as const].map((k) => (
            <li key={k} className={`count label-${k}`}>
              <Link to={planCompareHref(query, { type: query.type === k ? null : k })} aria-current={query.type === k ? "true" : undefined} data-kind={k}>
                <span className="n">{counts[k]}</span> {t(`plans.compare.kind.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="compare-tools">
        <div className="nav-changes">
          <button type="button" onClick={() => go(-1)} disabled={!changeIds.length}>
            ↑ {t("plans.compare.prev")}
          </button>
          <button type="button" onClick={() => go(1)} disabled={!changeIds.length}>
            ↓ {t("plans.compare.next")}
          </button>
          <span className="hint" aria-live="polite">
            {current >= 0 ? `${t("plans.compare.position", { n: current + 1, total: changeIds.length })} · ` : null}
            {t("plans.compare.keysHint")}
          </span>
        </div>
      </div>

      <p className="shown" aria-live="polite" data-testid="measures-shown">
        {t("plans.compare.shown", { n: plan.changes.length })}
      </p>
      {plan.changes.length ? (
        <MeasureChangeList changes={plan.changes} currentId={current >= 0 ? changeIds[current] : null} hrefs={hrefs} t={t} />
      ) : (
        <p>{t("plans.compare.none")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
