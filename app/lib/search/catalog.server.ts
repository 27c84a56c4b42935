/**
 * Works and versions as search needs them (slugs, titles, kinds, dates), cached per process and
 * refreshed whenever search_meta.generation changes (bumped by triggers on Work and Version), so
 * a version added by another process (ingest CLI) is seen by the running server's next search.
 */
import { foldForMatch } from "~/lib/text/normalize";
import type { SearchReader } from "./reader.server";
import { versionInForceOn } from "~/lib/corpus/point-in-time";
import type { VersionBadge } from "./types";

export interface CatalogWork {
  id: number;
  slug: string;
  title: string;
  foldedTitle: string;
  kind: string;
}

export interface CatalogVersion {
  id: number;
  workId: number;
  versionDate: string;
  effectiveDate: string | null;
  changeKind: string;
}

export interface Catalog {
  /** search_meta.generation this catalogue was read at: other per-generation caches key on it. */
  stamp: string;
  works: Map<number, CatalogWork>;
  worksBySlug: Map<string, CatalogWork>;
  /** Position of each work in title order (zh-CN collation): facets sort by it without collating per search. */
  titleOrder: Map<number, number>;
  versions: Map<number, CatalogVersion>;
  versionsByWork: Map<number, CatalogVersion[]>;
  /** Ids of the versions in force on a day, one per work at most (memoised per day). */
  inForceOn(date: string): Set<number>;
  badge(versionId: number, inForce: Set<number>): VersionBadge;
}

let cached: { stamp: string; catalog: Catalog } | null = null;

export type CatalogWorkRow = { id: number; slug: string; titleZh: string; kind: string };
export type CatalogVersionRow = { id: number; workId: number; versionDate: string; effectiveDate: string | null; changeKind: string };

export function loadCatalog(db: SearchReader): Catalog {
  const stamp = String(db.all<{ generation: number }>(`SELECT "generation" FROM "search_meta" WHERE "id" = 1`)[0]?.generation);
  if (cached?.stamp === stamp) return cached.catalog;
  const workRows = db.all<CatalogWorkRow>(`SELECT "id", "slug", "titleZh", "kind" FROM "Work"`);
  // Only columns stored before "sourceText": reading them never touches the texts' overflow pages.
  const versionRows = db.all<CatalogVersionRow>(
    `SELECT "id", "workId", "versionDate", "effectiveDate", "changeKind" FROM "Version" ORDER BY "versionDate"`,
  );
  const catalog = buildCatalog(stamp, workRows, versionRows);
  cached = { stamp, catalog };
  return catalog;
}

/** The catalogue of the rows read at generation `stamp` (versions in versionDate order). */
export function buildCatalog(stamp: string, workRows: CatalogWorkRow[], versionRows: CatalogVersionRow[]): Catalog {
  const works = new Map<number, CatalogWork>();
  const worksBySlug = new Map<string, CatalogWork>();
  for (const r of workRows) {
    const w = { id: Number(r.id), slug: r.slug, title: r.titleZh, foldedTitle: foldForMatch(r.titleZh), kind: r.kind };
    works.set(w.id, w);
    worksBySlug.set(w.slug, w);
  }
  const collator = new Intl.Collator("zh-CN");
  const titleOrder = new Map(
    [...works.values()].sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id).map((w, i) => [w.id, i]),
  );
  const versions = new Map<number, CatalogVersion>();
  const versionsByWork = new Map<number, CatalogVersion[]>();
  for (const r of versionRows) {
    const v = {
      id: Number(r.id),
      workId: Number(r.workId),
      versionDate: r.versionDate,
      effectiveDate: r.effectiveDate,
      changeKind: r.changeKind,
    };
    versions.set(v.id, v);
    const list = versionsByWork.get(v.workId) ?? [];
    list.push(v);
    versionsByWork.set(v.workId, list);
  }
  const inForceMemo = new Map<string, Set<number>>();
  const catalog: Catalog = {
    stamp,
    works,
    worksBySlug,
    titleOrder,
    versions,
    versionsByWork,
    inForceOn(date) {
      let ids = inForceMemo.get(date);
      if (!ids) {
        ids = new Set<number>();
        for (const list of versionsByWork.values()) {
          const v = versionInForceOn(list, date);
          if (v) ids.add(v.id);
        }
        if (inForceMemo.size > 64) inForceMemo.clear();
        inForceMemo.set(date, ids);
      }
      return ids;
    },
    badge(versionId, inForce) {
      const v = versions.get(versionId);
      return {
        versionId,
        versionDate: v?.versionDate ?? "",
        effectiveDate: v?.effectiveDate ?? null,
        inForce: inForce.has(versionId),
      };
    },
  };
  return catalog;
}
