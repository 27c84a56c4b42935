import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { CHANGE_KINDS, WORK_KINDS } from "./metadata";

const sha = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in hex");

const CatalogueVersion = z.object({
  date: IsoDateSchema,
  changeKind: z.enum(CHANGE_KINDS),
  effectiveDate: IsoDateSchema.nullable(),
  effectiveDateNote: z.string().nullish(),
  /** Path of the file in a local mirror of the corpus (`--from`). */
  path: z.string().min(1),
  /** sha256 of the file at `path` in the mirror. */
  sha256: sha,
  /** Public source the file can be downloaded from. */
  sourceUrl: z.string().url(),
  /** sha256 of the file at sourceUrl when it differs from the mirror's (flk texts with front matter). */
  sourceSha256: sha.optional(),
  sourceNote: z.string().optional(),
});

const CatalogueWork = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  titleZh: z.string().min(1),
  shortTitle: z.string().nullish(),
  titleEn: z.string().nullish(),
  kind: z.enum(WORK_KINDS),
  issuingBody: z.string().nullish(),
  versions: z.array(CatalogueVersion).min(1),
});

export const Catalogue = z.object({
  description: z.string().optional(),
  works: z.array(CatalogueWork),
});
export type Catalogue = z.infer<typeof Catalogue>;
export type CatalogueWork = z.infer<typeof CatalogueWork>;
export type CatalogueVersion = z.infer<typeof CatalogueVersion>;

export const DEFAULT_CATALOGUE = path.resolve(process.cwd(), "corpus", "catalogue.json");

export function loadCatalogue(file = DEFAULT_CATALOGUE): Catalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the catalogue (${(error as Error).message})`);
  }
  const parsed = Catalogue.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: invalid catalogue at ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The catalogue entry a file belongs to, by its relative path in a mirror or by its sha256. */
export function findInCatalogue(
  catalogue: Catalogue,
  relativePath: string,
  sha256: string,
): { work: CatalogueWork; version: CatalogueVersion } | null {
  const normalised = relativePath.split(path.sep).join("/");
  for (const work of catalogue.works) {
    for (const version of work.versions) {
      if (version.sha256 === sha256 || version.sourceSha256 === sha256) return { work, version };
      if (normalised === version.path || normalised.endsWith("/" + version.path)) return { work, version };
    }
  }
  return null;
}
