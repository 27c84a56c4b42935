/**
 * prisma/postgres/schema.prisma is derived from prisma/schema.prisma, never edited by hand: the
 * models are written once, and only the provider, the placeholder url and the generated client's
 * folder differ (docs/decisions/0012-postgresql.md). Pure.
 */

export const POSTGRES_SCHEMA_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:postgres:sync`: do not edit.\n";

const REPLACEMENTS: [RegExp, string, string][] = [
  [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"', 'datasource provider = "sqlite"'],
  [/^(\s*url\s*=\s*)"file:[^"]*"/m, '$1"postgresql://localhost/redline"', 'datasource url = "file:…"'],
  [/^(\s*output\s*=\s*)"\.\.\/app\/generated\/prisma"/m, '$1"../../app/generated/prisma-postgres"', 'generator output = "../app/generated/prisma"'],
];

/** The PostgreSQL schema for a SQLite schema's text; throws naming the line it could not find. */
export function derivePostgresSchema(sqliteSchema: string): string {
  let out = sqliteSchema;
  for (const [pattern, replacement, what] of REPLACEMENTS) {
    if (!pattern.test(out)) throw new Error(`prisma/schema.prisma: expected the line ${what}`);
    out = out.replace(pattern, replacement);
  }
  return POSTGRES_SCHEMA_HEADER + out;
}
