import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RowView } from "~/lib/compare/rows";

/**
 * The first screen comes with the page; the rest of the matching rows follow in one request once the
 * page is interactive (keyed by the location, so a new filter never shows the previous filter's rows).
 */
export function useRemainingRows(first: RowView[], missing: boolean, restHref: string | null) {
  const fetcher = useFetcher<{ page: { rows: RowView[] } | null }>();
  const { key, hash } = useLocation();
  const pending = useRef<string | null>(null);
  const [rest, setRest] = useState<{ key: string; rows: RowView[] } | null>(null);
  useEffect(() => {
    if (!restHref || !missing || pending.current === key) return;
    pending.current = key;
    fetcher.load(restHref);
    // Not keyed on the fetcher object: it changes with every state change and would reload in a loop.
  }, [restHref, missing, key]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.page && pending.current) setRest({ key: pending.current, rows: fetcher.data.page.rows });
  }, [fetcher.state, fetcher.data]);
  const extra = rest?.key === key ? rest.rows : null;
  const rows = useMemo(() => (extra ? [...first, ...extra] : first), [first, extra]);
  // A link to a row beyond the first screen (#row-art-72--art-131) names an element the browser could
  // not find on load: go to it once it has arrived.
  useEffect(() => {
    if (!extra || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && extra.some((r) => r.id === target.id)) target.scrollIntoView({ block: "start" });
  }, [extra, hash]);
  return { rows, loading: missing && !extra };
}
