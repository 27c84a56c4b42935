import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/lib/auth/session.server";
import { idParam, throwAsResponse } from "~/lib/recommendations/http.server";
import { redirect } from "@remix-run/node";
import { can } from "~/lib/auth/permissions";
import { buildPack, contentDisposition, packToCsv, packToDocx, packToMarkdown, packToNpcText } from "~/lib/recommendations/export.server";

const FORMATS = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
} as const;

/**
 * Resource route: the submission pack as a file (?format=docx|md|csv|txt; txt is the NPC online
 * comment form's text). An admin exporting while the organisation's name is blank is offered the
 * settings page first (`blank=1` exports anyway): a cover without a sender is the usual first mistake.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.export");
  const id = idParam(params.id);
  const format = new URL(request.url).searchParams.get("format") ?? "docx";
  if (!(format in FORMATS)) throw new Response("format must be docx, md, csv or txt", { status: 400 });
  try {
    const pack = await buildPack(user, id);
    const url = new URL(request.url);
    if (!pack.orgName && can(user.role, "settings.manage") && url.searchParams.get("blank") !== "1") {
      throw redirect(`/admin/settings?export=${encodeURIComponent(url.pathname + url.search)}`);
    }
    const body =
      format === "docx"
        ? new Uint8Array(await packToDocx(pack))
        : format === "md"
          ? packToMarkdown(pack)
          : format === "txt"
            ? packToNpcText(pack)
            : packToCsv(pack);
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
