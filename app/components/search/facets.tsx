import { Link } from "@remix-run/react";
import { WorkKind } from "~/components/corpus";
import { useT } from "~/i18n/i18n";
import { searchHref, type SearchParams } from "~/lib/search/params";
import type { Result } from "./hit-item";

export function Facets({ result, params }: { result: Result; params: SearchParams }) {
  const t = useT();
  const filtered = params.work || params.kind || params.chapter;
  return (
    <section className="search-facets" aria-label={t("search.facets.label")}>
      <h2>{t("search.facets.kinds")}</h2>
      <ul>
        {result.facets.kinds.map((k) => (
          <li key={k.kind}>
            <Link
              to={searchHref(params, { kind: k.kind, work: undefined, chapter: undefined })}
              aria-current={params.kind === k.kind ? "true" : undefined}
            >
              <WorkKind kind={k.kind} /> <span className="count">{k.count}</span>
            </Link>
          </li>
        ))}
      </ul>
      <h2>{t("search.facets.works")}</h2>
      <ul>
        {result.facets.works.slice(0, 30).map((w) => (
          <li key={w.slug}>
            <Link
              to={searchHref(params, { work: w.slug, kind: undefined, chapter: undefined })}
              aria-current={params.work === w.slug ? "true" : undefined}
            >
              {w.title} <span className="count">{w.count}</span>
            </Link>
          </li>
        ))}
      </ul>
      {filtered ? (
        <p>
          <Link to={searchHref(params, { work: undefined, kind: undefined, chapter: undefined })}>{t("search.facets.clear")}</Link>
        </p>
      ) : null}
    </section>
  );
}
