import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Facets } from "~/components/search/facets";
import { Filters } from "~/components/search/filters";
import { RelatedTerms } from "~/components/search/related-terms";
import { Results, SkipToResults } from "~/components/search/results";
import { SearchForm } from "~/components/search/search-form";
import { useT } from "~/i18n/i18n";
import { loadSearchPage } from "~/lib/search/page.server";
import searchStyles from "~/styles/search.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.params.q ? `${data.params.q} · Redline` : "Search · Redline" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { data, status } = await loadSearchPage(new URL(request.url));
  return status === 200 ? json(data) : json(data, { status });
}

export default function SearchPage() {
  const { params, options, result, error } = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.location?.pathname === "/search";
  return (
    <div className="search-page" aria-busy={busy}>
      {result && result.results.length > 0 ? <SkipToResults /> : null}
      <h1>{t("search.title")}</h1>
      <p className="search-intro">{t("search.intro")}</p>
      <SearchForm params={params} />
      {error ? (
        <div className="search-error" role="alert">
          <strong>{t("search.error.title")}</strong> {t(`search.error.${error.code}`, error.params)}
        </div>
      ) : null}
      <div className="search-layout">
        {result ? <Results result={result} params={params} /> : <div />}
        <aside className="search-side" aria-label={t("search.form.filters")}>
          <Filters params={params} options={options} />
          {result ? <RelatedTerms result={result} params={params} /> : null}
          {result && result.total > 0 ? <Facets result={result} params={params} /> : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
