import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser, logout, requireCsrf } from "~/lib/auth/session.server";

/** POST only: a logout link would let any page log a user out by embedding it. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  requireCsrf(request, form, await getUser(request));
  return logout(request);
}

export function loader() {
  return redirect("/");
}
