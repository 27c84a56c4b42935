/** What the search form offers: works, kinds, the chapters of the chosen work, and the plans' agencies. */
import { agenciesOf } from "~/lib/corpus/parser/agencies";
import { getPrisma } from "~/lib/db.server";
import { versionInForceOn } from "~/lib/corpus/point-in-time";
import { loadSearchCatalog } from "./catalog-store.server";

export interface SearchFilterOptions {
  works: { slug: string; title: string; kind: string }[];
  kinds: string[];
  /** Chapters of the chosen work's version in force on `date` (else its latest version). */
  chapters: { key: string; label: string }[];
  /** Every agency the action plans' measures name (lead or supporting), for the agency filter; empty without plans. */
  agencies: string[];
}

const PLAN_KINDS = ["plan1", "plan2", "plan3", "plan4"];

async function planAgencies(): Promise<string[]> {
  const rows = await getPrisma().provision.findMany({ where: { kind: { in: PLAN_KINDS } }, select: { text: true } });
  const names = new Set<string>();
  for (const r of rows) {
    const a = agenciesOf(r.text);
    if (a) for (const n of [...a.lead, ...a.supporting]) names.add(n);
  }
  return [...names].sort((a, b) => a.localeCompare(b, "zh-CN"));
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
  return { works, kinds, chapters, agencies: await planAgencies() };
}
