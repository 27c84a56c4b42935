import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { createUserSession, requireCsrf } from "~/lib/auth/session.server";
import { createUser, EmailTakenError, InvalidUserInputError, WeakPasswordError } from "~/lib/auth/users.server";
import { getPrisma } from "~/lib/db.server";

/**
 * First run: create the administrator account from the browser. Accepted only while no user exists;
 * afterwards admins manage users at /admin/users (or `npm run user:create`).
 */
// Two first-run submissions at the same moment must not both create an administrator: the check and
// the creation run one at a time (the app is one Node process).
let setupQueue: Promise<unknown> = Promise.resolve();

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  requireCsrf(request, form, null);
  const run = setupQueue.then(() => createFirstAdmin(request, form));
  setupQueue = run.catch(() => undefined);
  return run;
}

async function createFirstAdmin(request: Request, form: FormData) {
  if ((await getPrisma().user.count()) > 0) {
    return json({ field: null, error: "setup.alreadyDone" }, { status: 409 });
  }
  const email = String(form.get("email") ?? "");
  const name = String(form.get("name") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    const user = await createUser({ email, name, password, role: "admin" });
    return createUserSession(user.id, request, "/");
  } catch (error) {
    if (error instanceof InvalidUserInputError) return json({ field: error.field, error: error.message }, { status: 400 });
    if (error instanceof WeakPasswordError) return json({ field: "password", error: error.message }, { status: 400 });
    if (error instanceof EmailTakenError) return json({ field: "email", error: error.message }, { status: 409 });
    throw error;
  }
}

export function loader() {
  return redirect("/");
}
