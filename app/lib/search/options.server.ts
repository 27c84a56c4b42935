/** What the search form offers: works, kinds, and the chapters of the chosen work. */
import { getPrisma } from "~/lib/db.server";
import { versionInForceOn } from "~/lib/corpus/point-in-time";
import { loadSearchCatalog } from "./catalog-store.server";

export interface SearchFilterOptions {
  works: { slug: string; title: string; kind: string }[];
  kinds: string[];
  /** Chapters of the chosen work's version in force on `date` (else its latest version). */
  chapters: { key: string; label: string }[];
}

export async function getSearchFilterOptions(workSlug: string | null, date: string): Promise<SearchFilterOptions> {
  const prisma = getPrisma();
  const catalog = await loadSearchCatalog();
  const works = [...catalog.works.values()]
    .map((w) => ({ slug: w.slug, title: w.title, kind: w.kind }))
    .sort((a, b) => a.title.localeCompare(b.title, "zh-CN"));
  const kinds = [...new Set(works.map((w) => w.kind))].sort();
  let chapters: SearchFilterOptions["chapters"] = [];
  const work = workSlug ? catalog.worksBySlug.get(workSlug) : undefined;
  if (work) {
    const versions = catalog.versionsByWork.get(work.id) ?? [];
    const version = versionInForceOn(versions, date) ?? versions[versions.length - 1];
    if (version) {
      const rows = await prisma.provision.findMany({
        where: { versionId: version.id, kind: { in: ["part", "chapter", "section"] } },
        orderBy: { position: "asc" },
        select: { key: true, label: true, heading: true, text: true, depth: true },
      });
      chapters = rows.map((r) => ({
        key: r.key,
        label: `${"\u3000".repeat(r.depth)}${r.label && r.heading ? `${r.label} ${r.heading}` : (r.heading ?? r.text)}`,
      }));
    }
  }
  return { works, kinds, chapters };
}
