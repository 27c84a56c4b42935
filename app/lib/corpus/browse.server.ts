/** Read side of the corpus for the browse pages. */
import { WORK_KINDS } from "./metadata";
import { getPrisma } from "~/lib/db.server";
import { createReadCache } from "~/lib/read-cache.server";
import { todayInChina, versionInForceOn, versionStatus, type VersionStatus } from "./point-in-time";
import type { ParseWarning } from "./types";

export interface VersionSummary {
  id: number;
  versionDate: string;
  changeKind: string;
  effectiveDate: string | null;
  title: string;
  articleCount: number;
  unitCount: number;
  warningCount: number;
  status: VersionStatus;
}

export interface WorkSummary {
  id: number;
  slug: string;
  titleZh: string;
  shortTitle: string | null;
  titleEn: string | null;
  kind: string;
  issuingBody: string | null;
  versions: VersionSummary[];
  latest: VersionSummary | null;
  inForce: VersionSummary | null;
}

// Work summaries, version rows and same-number units: each was a Prisma query on every page.
const memoized = createReadCache(512);

async function loadWorks(where: { slug?: string } = {}, today = todayInChina()): Promise<WorkSummary[]> {
  const works = await getPrisma().work.findMany({
    where,
    orderBy: [{ kind: "asc" }, { titleZh: "asc" }],
    include: {
      versions: {
        orderBy: { versionDate: "asc" },
        select: {
          id: true,
          versionDate: true,
          changeKind: true,
          effectiveDate: true,
          title: true,
          articleCount: true,
          unitCount: true,
          warningsJson: true,
        },
      },
    },
  });
  return works.map((w) => {
    const versions: VersionSummary[] = w.versions.map((v) => ({
      id: v.id,
      versionDate: v.versionDate,
      changeKind: v.changeKind,
      effectiveDate: v.effectiveDate,
      title: v.title,
      articleCount: v.articleCount,
      unitCount: v.unitCount,
      warningCount: (JSON.parse(v.warningsJson) as unknown[]).length,
      status: versionStatus(v, w.versions, today),
    }));
    return {
      id: w.id,
      slug: w.slug,
      titleZh: w.titleZh,
      shortTitle: w.shortTitle,
      titleEn: w.titleEn,
      kind: w.kind,
      issuingBody: w.issuingBody,
      versions,
      latest: versions.filter((v) => v.changeKind !== "draft").at(-1) ?? versions.at(-1) ?? null,
      inForce: versionInForceOn(versions, today),
    };
  });
}

const byTitle = new Intl.Collator("zh-CN");

/**
 * Every work, laws first, then regulations, interpretations, action plans, decisions and amending
 * instruments (WORK_KINDS order), each kind by title in pinyin order (zh-CN collation; a plain string
 * sort orders Chinese by code point, which reads as random).
 */
export async function listWorks(): Promise<WorkSummary[]> {
  const rank = (kind: string) => {
    const i = (WORK_KINDS as readonly string[]).indexOf(kind);
    return i < 0 ? WORK_KINDS.length : i;
  };
  return (await loadWorks()).sort((a, b) => rank(a.kind) - rank(b.kind) || byTitle.compare(a.titleZh, b.titleZh));
}

export function getWork(slug: string): Promise<WorkSummary | null> {
  return memoized(`work:${slug}`, async () => (await loadWorks({ slug }))[0] ?? null);
}

export async function corpusIsEmpty(): Promise<boolean> {
  return (await getPrisma().version.count()) === 0;
}

export interface ProvisionView {
  key: string;
  kind: string;
  label: string | null;
  number: number | null;
  suffix: number;
  heading: string | null;
  text: string;
  isUnit: boolean;
  depth: number;
  parentKey: string | null;
  chapterKey: string;
  startLine: number;
}

export interface VersionView {
  work: WorkSummary;
  version: VersionSummary & {
    sourceUrl: string | null;
    sha256: string;
    history: string[];
    warnings: ParseWarning[];
    draftStage: string | null;
    draftLabel: string | null;
    explanation: string | null;
  };
  provisions: ProvisionView[];
}

const PROVISION_SELECT = {
  key: true,
  kind: true,
  label: true,
  number: true,
  suffix: true,
  heading: true,
  text: true,
  isUnit: true,
  depth: true,
  parentKey: true,
  chapterKey: true,
  startLine: true,
} as const;

export async function getVersionView(slug: string, versionDate: string): Promise<VersionView | null> {
  const work = await getWork(slug);
  const summary = work?.versions.find((v) => v.versionDate === versionDate);
  if (!work || !summary) return null;
  const prisma = getPrisma();
  const row = await memoized(`version:${summary.id}`, () =>
    prisma.version.findUniqueOrThrow({
      where: { id: summary.id },
      select: { sourceUrl: true, sha256: true, historyJson: true, warningsJson: true, draftStage: true, draftLabel: true, explanation: true },
    }),
  );
  const provisions = await provisionsOf(summary.id, row.sha256);
  return {
    work,
    version: {
      ...summary,
      sourceUrl: row.sourceUrl,
      sha256: row.sha256,
      history: JSON.parse(row.historyJson) as string[],
      warnings: JSON.parse(row.warningsJson) as ParseWarning[],
      draftStage: row.draftStage,
      draftLabel: row.draftLabel,
      explanation: row.explanation,
    },
    provisions,
  };
}

/**
 * The provisions of the versions read last, at most PROVISION_CACHE_VERSIONS of them (the Criminal
 * Law's are about 1 MB): every article page of a long law read all of its 1,700 rows through
 * Prisma, most of the page's cost under load (npm run bench:load, issue 10). Keyed by id and text
 * hash, so a replaced text is read afresh; a concurrent first read is shared. Callers never mutate.
 */
const PROVISION_CACHE_VERSIONS = 16;
const provisionCache = new Map<string, Promise<ProvisionView[]>>();

function provisionsOf(versionId: number, sha256: string): Promise<ProvisionView[]> {
  const key = `${versionId}:${sha256}`;
  let rows = provisionCache.get(key);
  if (rows) provisionCache.delete(key);
  else {
    rows = getPrisma().provision.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: PROVISION_SELECT });
    rows.catch(() => provisionCache.delete(key));
  }
  // Map order is recency order: the first key is the one read longest ago.
  provisionCache.set(key, rows);
  if (provisionCache.size > PROVISION_CACHE_VERSIONS) provisionCache.delete(provisionCache.keys().next().value!);
  return rows;
}

/** The unit with `key` plus its descendants (paragraphs, items), in order. */
export function unitWithChildren(provisions: ProvisionView[], key: string): ProvisionView[] {
  const index = provisions.findIndex((p) => p.key === key);
  if (index < 0) return [];
  const root = provisions[index];
  const out = [root];
  for (let i = index + 1; i < provisions.length; i++) {
    const p = provisions[i];
    if (!p.key.startsWith(root.key + "/")) break;
    out.push(p);
  }
  return out;
}
