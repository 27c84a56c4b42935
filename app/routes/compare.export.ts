import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { negotiateLocale, translator } from "~/i18n/i18n";
import { compareVersions } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { exportComparison } from "~/lib/compare/export.server";
import { readCookie } from "~/lib/http.server";

const Query = z.object({
  work: z.string().min(1),
  from: IsoDateSchema,
  to: IsoDateSchema,
  format: z.enum(["docx", "csv", "md"]),
  typo: z.literal("1").optional(),
});

/** 新旧对照表 download: /compare/export?work=&from=&to=&format=docx|csv|md */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    throw new Response("Give work, from and to (YYYY-MM-DD) and format (docx, csv or md).", { status: 400 });
  const q = parsed.data;
  const t = translator(negotiateLocale(readCookie(request, "lang"), request.headers.get("accept-language")));
  try {
    const comparison = await compareVersions(q.work, q.from, q.to, { showTypography: Boolean(q.typo) });
    const file = await exportComparison(comparison, q.format, t);
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
