import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WorkKind } from "~/components/corpus";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import { useRootData } from "~/root";
import { isIsoDate, todayInChina } from "~/lib/corpus/point-in-time";
import { getSearchEngine } from "~/lib/search/engine.server";
import { SearchQueryError, SearchUnavailableError } from "~/lib/search/errors";
import { getSearchFilterOptions } from "~/lib/search/options.server";
import { hasSearch, parseSearchParams, searchHref, toSearchRequest, type SearchParams } from "~/lib/search/params";
import { toPublicSearchResponse, type PublicSearchResponse } from "~/lib/search/public";
import { requirePageInRange, requirePageParam } from "~/lib/search/paging";
import { markedSegments } from "~/lib/search/segments";
import { AGENCY_ROLES, MAX_QUERY_LENGTH } from "~/lib/search/types";
import searchStyles from "~/styles/search.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.params.q ? `${data.params.q} · Redline` : "Search · Redline" },
];

type SearchErrorData = { code: string; params: Record<string, string | number> };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = parseSearchParams(url);
  const searchRequest = toSearchRequest(params);
  const day = searchRequest.status === "asof" && searchRequest.at && isIsoDate(searchRequest.at) ? searchRequest.at : todayInChina();
  const options = await getSearchFilterOptions(searchRequest.work ?? null, day);
  const base = { params, options, result: null as PublicSearchResponse | null, error: null as SearchErrorData | null };
  if (!hasSearch(params)) return json(base);
  try {
    requirePageParam(url);
    const result = await getSearchEngine().search(searchRequest);
    requirePageInRange(result);
    return json({ ...base, result: toPublicSearchResponse(result) });
  } catch (error) {
    if (error instanceof SearchQueryError) {
      return json({ ...base, error: { code: error.code, params: error.params } }, { status: 400 });
    }
    if (error instanceof SearchUnavailableError) {
      console.warn(`search unavailable: ${error.message}`);
      return json({ ...base, error: { code: "unavailable", params: {} } }, { status: 503 });
    }
    throw error;
  }
}

/** Search as you type: submit the form a moment after the last keystroke. */
function useDebouncedSubmit(delay = 400) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return (form: HTMLFormElement | null) => {
    if (!form) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true }), delay);
  };
}

const FORM_ID = "search-form";

/** The query row. The filters live beside the results (form="search-form"), after them in Tab order. */
function SearchForm({ params }: { params: SearchParams }) {
  const t = useT();
  const debounced = useDebouncedSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <Form method="get" action="/search" id={FORM_ID} ref={formRef} className="search-form" role="search" aria-label={t("search.title")}>
      <div className="search-query">
        <label htmlFor="search-q">{t("search.form.q")}</label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={params.q}
          // The route changes the value when another link (facet, pagination) is followed.
          key={params.q}
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          aria-describedby="search-help"
          onChange={(e) => {
            if (e.currentTarget.value.trim()) debounced(formRef.current);
          }}
        />
        <button type="submit">{t("search.form.submit")}</button>
      </div>
      <p id="search-help" className="search-help">
        {t("search.form.help")}
      </p>
    </Form>
  );
}

function Filters({ params, options }: { params: SearchParams; options: ReturnType<typeof useLoaderData<typeof loader>>["options"] }) {
  const t = useT();
  const submit = useSubmit();
  const status = params.status ?? (params.at ? "asof" : "current");
  const submitNow = (e: { currentTarget: { form: HTMLFormElement | null } }) => {
    const form = e.currentTarget.form;
    if (form) submit(form, { replace: true });
  };
  return (
    <fieldset className="search-filters">
      <legend>{t("search.form.filters")}</legend>
      <fieldset className="search-status">
        <legend>{t("search.form.status")}</legend>
        {(["current", "all", "asof"] as const).map((s) => (
          <label key={s}>
            <input type="radio" form={FORM_ID} name="status" value={s} defaultChecked={status === s} onChange={submitNow} /> {t(`search.status.${s}`)}
          </label>
        ))}
        <label className="search-at">
          {t("search.form.at")}{" "}
          <input
            type="date"
            form={FORM_ID}
            name="at"
            defaultValue={params.at ?? ""}
            onChange={(e) => {
              const form = e.currentTarget.form;
              const asof = form?.querySelector<HTMLInputElement>('input[name="status"][value="asof"]') ??
                document.querySelector<HTMLInputElement>(`input[form="${FORM_ID}"][name="status"][value="asof"]`);
              if (asof && e.currentTarget.value) asof.checked = true;
            }}
          />
        </label>
        <button type="submit" form={FORM_ID} className="search-apply">
          {t("search.form.apply")}
        </button>
      </fieldset>
      <label>
        {t("search.form.work")}{" "}
        <select form={FORM_ID} name="work" defaultValue={params.work ?? ""} onChange={submitNow}>
          <option value="">{t("search.form.anyWork")}</option>
          {options.works.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("search.form.kind")}{" "}
        <select form={FORM_ID} name="kind" defaultValue={params.kind ?? ""} onChange={submitNow}>
          <option value="">{t("search.form.anyKind")}</option>
          {options.kinds.map((k) => (
            <option key={k} value={k}>
              {t(`corpus.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {options.chapters.length > 0 ? (
        <label>
          {t("search.form.chapter")}{" "}
          <select form={FORM_ID} name="chapter" defaultValue={params.chapter ?? ""} onChange={submitNow}>
            <option value="">{t("search.form.anyChapter")}</option>
            {options.chapters.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {options.agencies.length > 0 || params.agency ? <AgencyFilter params={params} agencies={options.agencies} submitNow={submitNow} /> : null}
    </fieldset>
  );
}

/**
 * "Which measures is 民政部 responsible for": an agency named in the plans' closing parentheses, as
 * lead, supporting or either. Picking a name from the list searches at once; a typed one on Enter.
 */
function AgencyFilter(props: {
  params: SearchParams;
  agencies: string[];
  submitNow: (e: { currentTarget: { form: HTMLFormElement | null } }) => void;
}) {
  const { params, agencies, submitNow } = props;
  const t = useT();
  return (
    <fieldset className="search-agency">
      <legend>{t("search.form.agency")}</legend>
      <label>
        {t("search.form.agencyName")}{" "}
        <input
          form={FORM_ID}
          name="agency"
          type="text"
          list="search-agencies"
          defaultValue={params.agency ?? ""}
          key={params.agency ?? ""}
          maxLength={100}
          aria-describedby="search-agency-hint"
          onChange={(e) => {
            if (agencies.includes(e.currentTarget.value)) submitNow(e);
          }}
        />
      </label>
      <datalist id="search-agencies">
        {agencies.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <label>
        {t("search.form.agencyRole")}{" "}
        <select form={FORM_ID} name="role" defaultValue={params.role ?? "any"} key={params.role ?? "any"} onChange={submitNow}>
          {AGENCY_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`search.form.agencyRole.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <p id="search-agency-hint" className="search-help">
        {t("search.form.agencyHint")}
      </p>
    </fieldset>
  );
}

type Result = PublicSearchResponse;
type Hit = Result["results"][number];

function Snippet({ snippet, lead = false }: { snippet: Pick<Hit["snippet"], "text" | "highlights" | "truncatedStart" | "truncatedEnd">; lead?: boolean }) {
  return (
    <p className={lead ? "search-snippet search-lead statute-text" : "search-snippet statute-text"}>
      {snippet.truncatedStart ? "…" : null}
      {markedSegments(snippet).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
      {snippet.truncatedEnd ? "…" : null}
    </p>
  );
}

/** 「未成年人」「文身」 / “未成年人”, “文身”: terms quoted the way each language quotes. */
function quoted(locale: Locale, terms: string[]): string {
  return locale === "en" ? terms.map((x) => `“${x}”`).join(", ") : terms.map((x) => `「${x}」`).join("");
}

function MatchBadge({ hit }: { hit: Hit }) {
  const t = useT();
  const locale = useLocale();
  if (hit.match === "exact") return null;
  const label =
    hit.match === "synonym"
      ? t("search.hit.viaSynonym", { terms: quoted(locale, hit.viaSynonyms ?? []) })
      : t(`search.hit.match.${hit.match}`);
  return <span className={`badge match-badge match-${hit.match}`}>{label}</span>;
}

function HitItem({ hit, status, first }: { hit: Hit; status: Result["status"]; first: boolean }) {
  const t = useT();
  // "现行" only means today; an as-of search is about another day.
  const inForceLabel = status === "asof" ? t("search.hit.inForceOn") : t("search.hit.inForce");
  return (
    <li className="search-hit">
      <h3 className="search-hit-title">
        <Link to={hit.url} id={first ? "first-result" : undefined}>
          {hit.label ?? hit.key}
        </Link>
        {hit.heading ? <span className="search-hit-heading"> {hit.heading}</span> : null}
        {hit.chapterPath.length ? <span className="search-hit-path"> · {hit.chapterPath.join(" / ")}</span> : null}{" "}
        <MatchBadge hit={hit} />
      </h3>
      {hit.snippet.lead ? <Snippet snippet={{ ...hit.snippet.lead, truncatedStart: false }} lead /> : null}
      <Snippet snippet={hit.snippet} />
      <p className="search-versions">
        <span className="visually-hidden">{t("search.hit.versions")}: </span>
        {hit.versions.map((v) => (
          <Link
            key={v.date}
            to={`/works/${encodeURIComponent(hit.work.slug)}/${v.date}#${hit.key}`}
            className={`badge version-badge${v.inForce ? " in-force" : ""}`}
          >
            {t("search.hit.version", { date: v.date })}
            {v.inForce ? ` · ${inForceLabel}` : ""}
          </Link>
        ))}
      </p>
    </li>
  );
}

/** "没有找到完整短语「未成年人文身」；显示同时包含「未成年人」「文身」的条文": one sentence per step. */
function Explanation({ result }: { result: Result }) {
  const t = useT();
  const locale = useLocale();
  if (result.relaxation.steps.length === 0) return null;
  return (
    <div className="search-explanation" role="note">
      {result.relaxation.steps.map((step, i) => (
        <p key={i}>
          {t(`search.relax.${step.kind}`, { term: quoted(locale, [step.term]), into: quoted(locale, step.into) })}
        </p>
      ))}
    </div>
  );
}

/** Never a dead end: what to try instead, and a way out of the filters. */
function Suggestions({ result, params }: { result: Result; params: SearchParams }) {
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

function RelatedTerms({ result, params }: { result: Result; params: SearchParams }) {
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

function Facets({ result, params }: { result: Result; params: SearchParams }) {
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

function Pagination({ result, params }: { result: Result; params: SearchParams }) {
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

function Results({ result, params }: { result: Result; params: SearchParams }) {
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
function SkipToResults() {
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
