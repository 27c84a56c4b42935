/**
 * What a person picks from when settling a carried anchor: the aligned candidates first (the
 * alignment's best guesses), then every citable unit of the new version, in document order, each
 * with its label and the start of its text — never an internal key to type.
 */
import { getPrisma } from "~/lib/db.server";

export interface ReanchorOption {
  key: string;
  label: string;
  excerpt: string;
}

export async function reanchorOptions(
  versionId: number,
  candidates: string[],
): Promise<{ candidates: ReanchorOption[]; others: ReanchorOption[] }> {
  const units = await getPrisma().provision.findMany({
    where: { versionId, isUnit: true },
    orderBy: { position: "asc" },
    select: { key: true, label: true, text: true },
  });
  const options = units.map((u) => ({ key: u.key, label: u.label ?? u.key, excerpt: [...u.text].slice(0, 30).join("") }));
  const wanted = new Set(candidates.map((k) => k.split("/")[0]));
  return { candidates: options.filter((o) => wanted.has(o.key)), others: options.filter((o) => !wanted.has(o.key)) };
}
