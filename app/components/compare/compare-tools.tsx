import type { Translate } from "~/i18n/i18n";
import type { ComparisonPage } from "~/lib/compare/compare.server";
import { compareHref, EXPORT_FORMATS, exportHref, type CompareQuery } from "~/lib/compare/query";
import { ExportLink } from "./export-link";

/** Previous / next change (with the keys' hint and the position) and the exports of the rows shown. */
export function CompareTools(props: {
  query: CompareQuery;
  page: ComparisonPage;
  changes: number;
  current: number;
  go: (delta: number) => void;
  t: Translate;
}) {
  const { query, page, changes, current, go, t } = props;
  return (
    <div className="compare-tools">
      <div className="nav-changes">
        <button type="button" onClick={() => go(-1)} disabled={!changes}>
          ↑ {t("compare.prev")}
        </button>
        <button type="button" onClick={() => go(1)} disabled={!changes}>
          ↓ {t("compare.next")}
        </button>
        <span className="hint" aria-live="polite">
          {current >= 0 ? `${t("compare.position", { n: current + 1, total: page.matchingChanges })} · ` : null}
          {t("compare.keysHint")}
        </span>
      </div>
      <div className="exports" role="group" aria-label={t("compare.export")}>
        <span>{t("compare.exportShown", { n: page.matching })}:</span>
        {EXPORT_FORMATS.map((f) => (
          <ExportLink key={f} href={exportHref(query, f)} label={t(`compare.export.${f}`)} busyLabel={t("compare.exporting")} />
        ))}
      </div>
    </div>
  );
}

/** Without JavaScript the rows after the first screen are reached page by page. */
export function Pager({ query, page, t }: { query: CompareQuery; page: ComparisonPage; t: Translate }) {
  return (
    <noscript>
      <p className="pager">
        {page.offset > 0 ? <a href={compareHref(query, { offset: Math.max(0, page.offset - query.limit) })}>← {t("compare.pagePrev")}</a> : null}{" "}
        {page.offset + page.rows.length < page.matching ? (
          <a href={compareHref(query, { offset: page.offset + page.rows.length })}>{t("compare.pageNext")} →</a>
        ) : null}
      </p>
    </noscript>
  );
}
