import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { compareVersionsPage } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { CompareQueryError, readCompareQuery } from "~/lib/compare/query";

/**
 * The compare page's rows after its first screen, as JSON: /compare/rows?work=&from=&to=&offset=&limit=
 * plus the page's filters (docs/decisions/0013-compare-first-screen.md). A resource route fetched with
 * plain fetch(): a Remix fetcher started while the page hydrates could finish without its data ever
 * reaching the component (seen in the browser tests under load).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const q = readCompareQuery(new URL(request.url).searchParams);
    if (!q.work || !q.from || !q.to) throw new Response("Give work, from and to (YYYY-MM-DD).", { status: 400 });
    const page = await compareVersionsPage({ ...q, work: q.work, from: q.from, to: q.to });
    return json({ rows: page.rows, matching: page.matching }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
    if (error instanceof CompareQueryError) throw new Response(error.message, { status: 400 });
    throw error;
  }
}
