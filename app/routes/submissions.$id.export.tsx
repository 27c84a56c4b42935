import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/lib/auth/session.server";
import { idParam, throwAsResponse } from "~/lib/recommendations/http.server";
import { buildPack, contentDisposition, packToCsv, packToDocx, packToMarkdown } from "~/lib/recommendations/export.server";

const FORMATS = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
} as const;

/** Resource route: the submission pack as a file (?format=docx|md|csv). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.export");
  const id = idParam(params.id);
  const format = new URL(request.url).searchParams.get("format") ?? "docx";
  if (!(format in FORMATS)) throw new Response("format must be docx, md or csv", { status: 400 });
  try {
    const pack = await buildPack(user, id);
    const body =
      format === "docx" ? new Uint8Array(await packToDocx(pack)) : format === "md" ? packToMarkdown(pack) : packToCsv(pack);
    const name = `${pack.title}.${format}`;
    return new Response(body, {
      headers: {
        "Content-Type": FORMATS[format as keyof typeof FORMATS],
        "Content-Disposition": contentDisposition(name),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    throwAsResponse(request, error);
  }
}
