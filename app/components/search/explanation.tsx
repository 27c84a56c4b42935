import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/i18n";
import { searchHref, type SearchParams } from "~/lib/search/params";
import { quoted, type Result } from "./hit-item";

/** After a few literal matches the phrase was found: the sentence must not say it was not. */
function messageKey(step: Result["relaxation"]["steps"][number]) {
  const after = step.afterExact !== undefined && (step.kind === "split-words" || step.kind === "any-order");
  return after ? (`search.relax.${step.kind}.after` as const) : (`search.relax.${step.kind}` as const);
}

/** "没有找到完整短语「未成年人文身」；显示同时包含「未成年人」「文身」的条文": one sentence per step. */
export function Explanation({ result }: { result: Result }) {
  const t = useT();
  const locale = useLocale();
  if (result.relaxation.steps.length === 0) return null;
  return (
    <div className="search-explanation" role="note">
      {result.relaxation.steps.map((step, i) => (
        <p key={i}>
          {t(messageKey(step), { term: quoted(locale, [step.term]), into: quoted(locale, step.into), count: step.afterExact ?? 0 })}
        </p>
      ))}
    </div>
  );
}

/** Never a dead end: what to try instead, and a way out of the filters. */
export function Suggestions({ result, params }: { result: Result; params: SearchParams }) {
  const t = useT();
  const filtered = params.work || params.kind || params.chapter || params.agency || result.status !== "current";
  return (
    <div className="search-none">
      <p>{t("search.results.none", { q: params.q || params.agency || "" })}</p>
      {result.relaxation.suggestions.length > 0 ? (
        <p>
          {t("search.suggest.try")}{" "}
          {result.relaxation.suggestions.map((q, i) => (
            <span key={q}>
              {i > 0 ? t("search.suggest.or") : null}
              <Link to={searchHref(params, { q })}>{q}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <p>
        {filtered ? (
          <>
            <Link to={searchHref(params, { work: undefined, kind: undefined, chapter: undefined, agency: undefined, role: undefined, status: "all", at: undefined })}>
              {t("search.suggest.everywhere")}
            </Link>
            {" · "}
          </>
        ) : null}
        <Link to="/works">{t("search.suggest.browse")}</Link>
      </p>
    </div>
  );
}
