import { useLocation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import type { RowView } from "~/lib/compare/rows";

/**
 * The first screen comes with the page; the rest of the matching rows follow in one request once the
 * page is interactive (docs/decisions/0013-compare-first-screen.md). Keyed by the location, so a new
 * filter never shows the previous filter's rows; a request for a location left behind is aborted.
 * Plain fetch() of a resource route rather than a Remix fetcher: a fetcher loaded from an effect while
 * the page hydrated sometimes finished (200) without its rows reaching the page.
 */
export function useRemainingRows(first: RowView[], missing: boolean, restHref: string | null) {
  const { key, hash } = useLocation();
  const [rest, setRest] = useState<{ key: string; rows: RowView[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!restHref || !missing) return;
    const controller = new AbortController();
    setFailed(null);
    fetch(restHref, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        return (await res.json()) as { rows: RowView[] };
      })
      .then((data) => setRest({ key, rows: data.rows }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [restHref, missing, key, attempt]);
  const extra = rest?.key === key ? rest.rows : null;
  const rows = useMemo(() => (extra ? [...first, ...extra] : first), [first, extra]);
  // A link to a row beyond the first screen (#row-art-72--art-131) names an element the browser could
  // not find on load: go to it once it has arrived.
  useEffect(() => {
    if (!extra || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && extra.some((r) => r.id === target.id)) target.scrollIntoView({ block: "start" });
  }, [extra, hash]);
  return { rows, loading: missing && !extra && !failed, failed: missing && !extra ? failed : null, retry: () => setAttempt((n) => n + 1) };
}
