import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { can } from "~/lib/auth/permissions";
import { getUser, requireCsrf } from "~/lib/auth/session.server";
import { corpusIsEmpty } from "~/lib/corpus/browse.server";
import { getSyncJob, startSyncJob } from "~/lib/corpus/sync-job.server";
import { getPrisma } from "~/lib/db.server";

/** Progress of the browser-started corpus sync (polled by the first-run page). */
export async function loader() {
  return json({ job: await getSyncJob() });
}

/**
 * Start the sync. Staff may always load the catalogue; on a brand-new installation (no users and no
 * texts yet) anyone at the console may, since it only loads the catalogue's verified public texts.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const user = await getUser(request);
  requireCsrf(request, form, user);
  const firstRun = (await corpusIsEmpty()) && (await getPrisma().user.count()) === 0;
  if (!firstRun && !(user && can(user.role, "corpus.import"))) {
    throw new Response("Forbidden", { status: 403 });
  }
  const job = await startSyncJob();
  // A plain form post (the page's scripts not loaded yet) goes back to the page, which shows the progress.
  if (request.headers.get("sec-fetch-mode") === "navigate") return redirect("/");
  return json({ job });
}
