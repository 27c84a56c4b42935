/** A person's saved views of the recommendation list: named filter queries. */
import { getPrisma } from "~/lib/db.server";
import { ValidationError, notFound } from "./errors";
import { LIMITS } from "./schema";

export async function listSavedViews(userId: number) {
  const prisma = getPrisma();
  return prisma.savedView.findMany({ where: { userId }, select: { id: true, name: true, query: true }, orderBy: { name: "asc" } });
}

const VIEW_PARAMS = ["work", "theme", "status", "owner", "submission"] as const;

/** Only the list's own filter parameters are kept, so a saved view is always a valid list URL. */
export function normaliseViewQuery(query: string): string {
  const input = new URLSearchParams(query.replace(/^\?/, ""));
  const out = new URLSearchParams();
  for (const p of VIEW_PARAMS) {
    const v = input.get(p);
    if (v) out.set(p, v);
  }
  return out.toString();
}

export async function saveView(userId: number, name: string, query: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new ValidationError([{ field: "name", key: "recommendations.error.required", params: {} }]);
  if (trimmed.length > LIMITS.viewName)
    throw new ValidationError([{ field: "name", key: "recommendations.error.tooLong", params: { max: LIMITS.viewName } }]);
  const prisma = getPrisma();
  await prisma.savedView.create({ data: { userId, name: trimmed, query: normaliseViewQuery(query) } });
}

export async function deleteView(userId: number, id: number): Promise<void> {
  const prisma = getPrisma();
  const deleted = await prisma.savedView.deleteMany({ where: { id, userId } });
  if (deleted.count === 0) throw notFound();
}
