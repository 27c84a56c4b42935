import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { searchHref, type SearchParams } from "~/lib/search/params";
import type { Result } from "./hit-item";

export function Pagination({ result, params }: { result: Result; params: SearchParams }) {
  const t = useT();
  if (result.pageCount <= 1) return null;
  return (
    <nav className="search-pagination" aria-label={t("search.pagination.label")}>
      {result.page > 1 ? (
        <Link to={searchHref(params, { page: result.page - 1 })} rel="prev">
          {t("search.pagination.prev")}
        </Link>
      ) : null}
      <span>{t("search.pagination.page", { page: result.page, pageCount: result.pageCount })}</span>
      {result.page < result.pageCount ? (
        <Link to={searchHref(params, { page: result.page + 1 })} rel="next">
          {t("search.pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
