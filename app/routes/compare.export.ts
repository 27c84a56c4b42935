import type { LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale, translator } from "~/i18n/i18n";
import { compareVersions, selectRows } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { exportComparison } from "~/lib/compare/export.server";
import { CompareQueryError, EXPORT_FORMATS, readCompareQuery } from "~/lib/compare/query";
import { readCookie } from "~/lib/http.server";

const USAGE = "Give work, from and to (YYYY-MM-DD) and format (docx, csv or md).";

/**
 * 新旧对照表 download: /compare/export?work=&from=&to=&format=docx|csv|md plus the page's filters
 * (type, chapter, changes, typo), so that the file holds exactly the rows the page shows.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const format = EXPORT_FORMATS.find((f) => f === params.get("format"));
  if (!format) throw new Response(USAGE, { status: 400 });
  const t = translator(negotiateLocale(readCookie(request, "lang"), request.headers.get("accept-language")));
  try {
    const q = readCompareQuery(params);
    if (!q.work || !q.from || !q.to) throw new Response(USAGE, { status: 400 });
    const comparison = await compareVersions(q.work, q.from, q.to, { showTypography: Boolean(q.typo) });
    const file = await exportComparison(comparison, format, t, selectRows(comparison.rows, q));
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
    if (error instanceof CompareQueryError) throw new Response(`${error.message} ${USAGE}`, { status: 400 });
    throw error;
  }
}
