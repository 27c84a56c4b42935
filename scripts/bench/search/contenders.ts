/**
 * What the embedded engine is measured against: a LIKE '%q%' scan (the database's own ground
 * truth), a scan of the folded text (the strongest ground truth: typography, traditional
 * characters, stray spaces) and an in-process MiniSearch index over jieba words. Each returns the
 * ids of the matching articles under the query's version and work filters.
 */
import type MiniSearch from "minisearch";
import type { getPrisma } from "~/lib/db.server";
import type { Catalog } from "~/lib/search/catalog.server";
import { parseQuery } from "~/lib/search/query";
import type { BenchQuery } from "./queries";

export interface FoldedUnit {
  id: number;
  versionId: number;
  workId: number;
  folded: string;
}

export function createContenders(deps: {
  prisma: ReturnType<typeof getPrisma>;
  catalog: Catalog;
  today: string;
  mini: MiniSearch<{ id: number; text: string }>;
  foldedUnits: FoldedUnit[];
}) {
  const { prisma, catalog, today, mini, foldedUnits } = deps;

  function versionFilter(query: BenchQuery): Set<number> | null {
    const status = query.status ?? "all";
    if (status === "all") return null;
    return catalog.inForceOn(status === "asof" && query.at ? query.at : today);
  }
  function workFilter(query: BenchQuery): Set<number> | null {
    if (query.work) return new Set([catalog.worksBySlug.get(query.work)!.id]);
    if (query.kind) return new Set([...catalog.works.values()].filter((w) => w.kind === query.kind).map((w) => w.id));
    return null;
  }

  async function likeIds(query: BenchQuery): Promise<number[]> {
    const parsed = parseQuery(query.q);
    const where: string[] = [`p."isUnit" = 1`];
    const params: unknown[] = [];
    for (const t of parsed.terms) {
      where.push(`p."text" LIKE ?`);
      params.push(`%${t.folded}%`);
    }
    for (const t of parsed.excluded) {
      where.push(`p."text" NOT LIKE ?`);
      params.push(`%${t.folded}%`);
    }
    const versions = versionFilter(query);
    if (versions) {
      where.push(`p."versionId" IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify([...versions]));
    }
    const works = workFilter(query);
    if (works) {
      where.push(`v."workId" IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify([...works]));
    }
    const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT p."id" FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId" WHERE ${where.join(" AND ")}`,
      ...params,
    );
    return rows.map((r) => Number(r.id));
  }

  function foldedScanIds(query: BenchQuery): number[] {
    const parsed = parseQuery(query.q);
    const versions = versionFilter(query);
    const works = workFilter(query);
    return foldedUnits
      .filter(
        (u) =>
          (!versions || versions.has(u.versionId)) &&
          (!works || works.has(u.workId)) &&
          parsed.terms.every((t) => u.folded.includes(t.folded)) &&
          !parsed.excluded.some((t) => u.folded.includes(t.folded)),
      )
      .map((u) => u.id);
  }

  function miniSearch(query: BenchQuery): number[] {
    const parsed = parseQuery(query.q);
    const positive = parsed.terms.map((t) => t.folded).join(" ");
    let ids = mini.search(positive, { combineWith: "AND" }).map((r) => Number(r.id));
    if (parsed.excluded.length) {
      const excluded = new Set(mini.search(parsed.excluded.map((t) => t.folded).join(" ")).map((r) => Number(r.id)));
      ids = ids.filter((id) => !excluded.has(id));
    }
    return ids;
  }

  return { likeIds, foldedScanIds, miniSearch };
}
