import { json } from "@remix-run/node";
import { getPrisma } from "~/lib/db.server";

/** Liveness and database check for deployments and the browser-test harness. */
export async function loader() {
  await getPrisma().work.count();
  return json({ ok: true });
}
