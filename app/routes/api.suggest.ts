/**
 * GET /api/suggest?q=…: suggestions for the header search box (laws, articles by citation, frequent
 * terms). Public like /api/search; the input is cut to SUGGEST_MAX_CHARS, so it is always bounded.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isPostgresUrl } from "~/lib/db/dialect";
import { databaseUrl } from "~/lib/env.server";
import { SUGGEST_MAX_CHARS } from "~/lib/search/suggest";
import { suggestFor } from "~/lib/search/suggest.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const q = [...(new URL(request.url).searchParams.get("q") ?? "")].slice(0, SUGGEST_MAX_CHARS).join("");
  // The suggestion index reads the embedded engine's FTS5 vocabulary; on PostgreSQL the box offers
  // nothing yet (issue 12) and Enter still runs the full search.
  const available = !isPostgresUrl(databaseUrl());
  return json(
    { q, available, suggestions: available && q.trim() ? suggestFor(q) : [] },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } },
  );
}
