import { Link } from "@remix-run/react";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import type { PublicSearchResponse } from "~/lib/search/public";
import { markedSegments } from "~/lib/search/segments";

export type Result = PublicSearchResponse;
export type Hit = Result["results"][number];

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
export function quoted(locale: Locale, terms: string[]): string {
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

export function HitItem({ hit, status, first }: { hit: Hit; status: Result["status"]; first: boolean }) {
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
