import { Link } from "@remix-run/react";
import type { Translate } from "~/i18n/i18n";
import type { ComparisonPage } from "~/lib/compare/compare.server";
import { compareHref, type CompareQuery } from "~/lib/compare/query";
import { ROW_FLAGS, ROW_KINDS } from "~/lib/compare/row-kinds";
import type { ChapterPair } from "~/lib/compare/rows";

/** A chapter filter entry: the new heading, and the old one(s) when the chapter was renamed or merged. */
export function chapterOptionLabel(c: ChapterPair, t: Translate): string {
  if (c.newLabel === null) return t("compare.chapters.gone", { old: c.oldLabels.join("、") });
  if (!c.renamed) return c.newLabel;
  return c.oldLabels.length
    ? t("compare.chapters.from", { label: c.newLabel, old: c.oldLabels.join("、") })
    : t("compare.chapters.new", { label: c.newLabel });
}

/** A later version compared with an earlier one, or one version with itself: say so and offer the fix. */
export function DirectionNotice({ page, query, t }: { page: ComparisonPage; query: CompareQuery; t: Translate }) {
  if (page.direction !== "reversed") return null;
  return (
    <p className="warning" role="note" data-testid="direction-notice">
      {t("compare.reversed", { from: page.from.versionDate, to: page.to.versionDate })}{" "}
      <Link to={compareHref(query, { from: page.to.versionDate, to: page.from.versionDate })}>
        {t("compare.swap", { from: page.to.versionDate, to: page.from.versionDate })}
      </Link>
    </p>
  );
}

export function SameVersionNotice(props: { query: CompareQuery; versions: string[]; t: Translate }) {
  const { query, versions, t } = props;
  const date = query.from!;
  const at = versions.indexOf(date);
  const earlier = versions[at - 1];
  const later = versions[at + 1];
  return (
    <div className="warning" role="note" data-testid="direction-notice">
      <p>{t("compare.same", { date })}</p>
      <ul>
        {earlier ? (
          <li>
            <Link to={compareHref(query, { from: earlier, to: date })}>{t("compare.same.earlier", { from: earlier, to: date })}</Link>
          </li>
        ) : null}
        {later ? (
          <li>
            <Link to={compareHref(query, { from: date, to: later })}>{t("compare.same.later", { from: date, to: later })}</Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * One consistent summary: the kinds add up to the rows of the comparison, renumbering and moving are
 * counted as attributes across all kinds, and the chapters are listed as old → new pairs.
 */
export function CompareSummary({ page, query, t }: { page: ComparisonPage; query: CompareQuery; t: Translate }) {
  const { summary } = page;
  const kinds = ROW_KINDS.filter((k) => summary.kinds[k] > 0 || k === "modified");
  return (
    <section aria-labelledby="summary-h" className="compare-summary">
      <h2 id="summary-h">{t("compare.summary")}</h2>
      <p className="summary-total" data-testid="summary-total">
        {t("compare.summary.total", { rows: summary.total, old: summary.oldArticles, new: summary.newArticles })}
      </p>
      <ul className="counts">
        {kinds.map((k) => (
          <li key={k} className={`count label-${k}`}>
            <Link
              to={compareHref(query, { type: k, changesOnly: k === "unchanged" ? false : query.changesOnly })}
              aria-current={query.type === k ? "true" : undefined}
              data-kind={k}
            >
              <span className="n">{summary.kinds[k]}</span> {t(`compare.kind.${k}`)}
            </Link>
          </li>
        ))}
      </ul>
      <p className="also" data-testid="summary-flags">
        {t("compare.summary.flagsLead")}{" "}
        {ROW_FLAGS.map((f, i) => (
          <span key={f}>
            {i ? t("compare.summary.sep") : null}
            <Link to={compareHref(query, { type: f, changesOnly: false })} data-flag={f} aria-current={query.type === f ? "true" : undefined}>
              {t(`compare.summary.flag.${f}`, { n: summary.flags[f] })}
            </Link>
          </span>
        ))}
      </p>
      {page.chapters.length ? (
        <details className="chapter-pairs" open={page.chapters.some((c) => c.renamed)}>
          <summary>{t("compare.chapters.title", { n: page.chapters.length })}</summary>
          <ol data-testid="chapter-pairs">
            {page.chapters.map((c) => (
              <li key={c.key} className={c.renamed ? "renamed" : undefined}>
                <span className="old">{c.oldLabels.length ? c.oldLabels.join(" + ") : t("compare.chapters.none")}</span>
                {" → "}
                <span className="new">{c.newLabel ?? t("compare.chapters.none")}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
