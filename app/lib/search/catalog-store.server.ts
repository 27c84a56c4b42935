/**
 * The search catalogue (works, versions) from whichever database is configured, for code outside
 * the engines (the search form's options). Cached per search_meta.generation like the engines' own.
 */
import type pg from "pg";
import { getPgPool } from "~/lib/db/postgres.server";
import { databaseUrl, isPostgresConfigured } from "~/lib/env.server";
import { buildCatalog, loadCatalog, type Catalog, type CatalogVersionRow, type CatalogWorkRow } from "./catalog.server";
import { getSearchReader } from "./reader.server";

/** The catalogue as a PostgreSQL connection sees it, at the generation it already read. */
export async function readPostgresCatalog(db: pg.PoolClient | pg.Pool, stamp: string): Promise<Catalog> {
  const works = await db.query<CatalogWorkRow>(`SELECT "id", "slug", "titleZh", "kind" FROM "Work"`);
  const versions = await db.query<CatalogVersionRow>(
    `SELECT "id", "workId", "versionDate", "effectiveDate", "changeKind" FROM "Version" ORDER BY "versionDate", "id"`,
  );
  return buildCatalog(stamp, works.rows, versions.rows);
}

let cached: { url: string; catalog: Catalog } | null = null;

export async function loadSearchCatalog(): Promise<Catalog> {
  if (!isPostgresConfigured()) return loadCatalog(getSearchReader());
  const url = databaseUrl();
  const pool = getPgPool(url);
  const stamp = String((await pool.query(`SELECT "generation" FROM "search_meta" WHERE "id" = 1`)).rows[0].generation);
  if (cached?.url === url && cached.catalog.stamp === stamp) return cached.catalog;
  const catalog = await readPostgresCatalog(pool, stamp);
  cached = { url, catalog };
  return catalog;
}
