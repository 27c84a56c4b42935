import { Link } from "@remix-run/react";
import { WorkKind } from "~/components/corpus";
import { useT } from "~/i18n/i18n";
import type { SearchParams } from "~/lib/search/params";
import { Explanation, Suggestions } from "./explanation";
import { HitItem, type Hit, type Result } from "./hit-item";
import { Pagination } from "./pagination";

export function Results({ result, params }: { result: Result; params: SearchParams }) {
  const t = useT();
  const groups = new Map<string, { work: Hit["work"]; hits: Hit[] }>();
  for (const hit of result.results) {
    const g = groups.get(hit.work.slug) ?? { work: hit.work, hits: [] };
    g.hits.push(hit);
    groups.set(hit.work.slug, g);
  }
  const scope =
    result.status === "all"
      ? t("search.results.all")
      : t(result.status === "asof" ? "search.results.asof" : "search.results.current", { date: result.date });
  const counts = new Map(result.facets.works.map((w) => [w.slug, w.count]));
  const first = result.results[0];
  return (
    <section className="search-results" aria-labelledby="search-results-heading">
      <h2 id="search-results-heading" className="search-summary" aria-live="polite">
        {t("search.results.count", { total: result.total })} <span className="search-scope">{scope}</span>
      </h2>
      <Explanation result={result} />
      {result.total === 0 ? <Suggestions result={result} params={params} /> : null}
      {[...groups.values()].map((g) => (
        <section key={g.work.slug} className="search-work">
          <h2>
            <Link to={`/works/${encodeURIComponent(g.work.slug)}`}>{g.work.title}</Link>{" "}
            <span className="search-work-meta">
              <WorkKind kind={g.work.kind} />
              {counts.has(g.work.slug) ? ` · ${t("search.results.inWork", { count: counts.get(g.work.slug)! })}` : null}
            </span>
          </h2>
          <ol className="search-hits">
            {g.hits.map((h) => (
              <HitItem key={`${h.key}@${h.version.date}`} hit={h} status={result.status} first={h === first} />
            ))}
          </ol>
        </section>
      ))}
      <Pagination result={result} params={params} />
    </section>
  );
}

/** First in the page's Tab order when there are results: one Enter from the header to the first result. */
export function SkipToResults() {
  const t = useT();
  return (
    <a
      href="#first-result"
      className="skip-link"
      onClick={(e) => {
        const target = document.getElementById("first-result");
        if (!target) return;
        e.preventDefault();
        target.focus();
      }}
    >
      {t("search.skipToResults")}
    </a>
  );
}
