import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/i18n";
import { safeRedirectTo } from "~/lib/auth/redirect";
import { requireCsrf } from "~/lib/auth/session.server";

/** Switch the UI language: sets a preference cookie and returns to the page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  // A preference cookie only, but still refused from other sites.
  requireCsrf(request, form, null);
  const locale = form.get("locale");
  const to = safeRedirectTo(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, {
    headers: { "Set-Cookie": `lang=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export function loader() {
  return redirect("/");
}
