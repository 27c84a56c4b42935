import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { searchHref, type SearchParams } from "~/lib/search/params";
import { useRootData } from "~/root";
import type { Result } from "./hit-item";

export function RelatedTerms({ result, params }: { result: Result; params: SearchParams }) {
  const t = useT();
  // Admins own the thesaurus: from the words the laws use with a query to an entry is one step.
  const admin = useRootData()?.user?.role === "admin";
  if (result.relatedTerms.length === 0 && !admin) return null;
  return (
    <section className="search-related" aria-labelledby="search-related-heading">
      <h2 id="search-related-heading">{t("search.related.title")}</h2>
      {result.relatedTerms.length > 0 ? (
        <ul>
          {result.relatedTerms.map((term) => (
            <li key={term}>
              <Link to={searchHref(params, { q: term })}>{term}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {admin ? (
        <p className="search-admin-link">
          <Link to={`/admin/thesaurus?${new URLSearchParams({ related: result.query.terms[0] ?? "" })}#related-heading`}>
            {t("search.thesaurus.editLink")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
