import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "~/lib/consultations/calendar.server";

/** Resource route: a person's iCalendar feed. The token in the URL is the credential (calendar apps send no cookies). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const body = await calendarFeed(params.token ?? "", new URL(request.url).origin);
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
