import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/i18n";
import { safeRedirectPath } from "~/lib/http.server";

/** Switch the UI language. A preference cookie only; no data changes, so no CSRF token is needed. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, {
    headers: { "Set-Cookie": `lang=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export function loader() {
  return redirect("/");
}
