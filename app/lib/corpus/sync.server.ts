/**
 * Corpus sync: fetch every version the catalogue lists (from its public source URL, or from a local
 * mirror with `from`), verify its sha256, ingest it. Already-stored identical versions are no-ops.
 */
import fs from "node:fs";
import path from "node:path";
import { loadCatalogue, type Catalogue, type CatalogueVersion, type CatalogueWork } from "./catalogue.server";
import { sha256Hex } from "./decode.server";
import { SyncError } from "./errors";
import { prepareVersion, storeVersion, type IngestResult } from "./ingest.server";

export interface SyncOptions {
  /** Local mirror folder: files are read by their catalogue path instead of being downloaded. */
  from?: string | null;
  catalogue?: Catalogue;
  replace?: boolean;
  /** Only these work slugs. */
  works?: string[];
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export type SyncEvent =
  | { type: "start"; total: number }
  | { type: "fetching"; index: number; total: number; label: string }
  | { type: "done"; index: number; total: number; label: string; result: IngestResult }
  | { type: "failed"; index: number; total: number; label: string; message: string };

export interface SyncSummary {
  total: number;
  created: number;
  unchanged: number;
  replaced: number;
  failed: { label: string; message: string }[];
}

async function readSource(
  work: CatalogueWork,
  version: CatalogueVersion,
  options: SyncOptions,
): Promise<{ bytes: Uint8Array; relative: string }> {
  if (options.from) {
    const file = path.resolve(options.from, version.path);
    if (!fs.existsSync(file)) {
      throw new SyncError(`${file}: not found in the mirror (catalogue path ${version.path})`);
    }
    const bytes = fs.readFileSync(file);
    const actual = sha256Hex(bytes);
    if (actual !== version.sha256) {
      throw new SyncError(`${file}: sha256 is ${actual}, the catalogue expects ${version.sha256}; the file was changed`);
    }
    return { bytes, relative: version.path };
  }
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(version.sourceUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new SyncError(
      `cannot download ${version.sourceUrl} (${cause}). Without network access, sync from a local copy: ` +
        `npm run corpus:sync -- --from <folder with ${work.slug}/${version.date}.md>`,
    );
  }
  if (!response.ok) {
    throw new SyncError(
      `cannot download ${version.sourceUrl}: HTTP ${response.status}. Try again later or use --from <local mirror>`,
    );
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const expected = version.sourceSha256 ?? version.sha256;
  const actual = sha256Hex(bytes);
  if (actual !== expected) {
    throw new SyncError(`${version.sourceUrl}: sha256 is ${actual}, the catalogue expects ${expected}; not ingested`);
  }
  return { bytes, relative: version.path };
}

export async function syncCorpus(options: SyncOptions = {}, onEvent: (e: SyncEvent) => void = () => {}): Promise<SyncSummary> {
  const catalogue = options.catalogue ?? loadCatalogue();
  const jobs = catalogue.works
    .filter((w) => !options.works?.length || options.works.includes(w.slug))
    .flatMap((work) => work.versions.map((version) => ({ work, version })));
  const summary: SyncSummary = { total: jobs.length, created: 0, unchanged: 0, replaced: 0, failed: [] };
  onEvent({ type: "start", total: jobs.length });
  for (let index = 0; index < jobs.length; index++) {
    const { work, version } = jobs[index];
    const label = `${work.slug}/${version.date}`;
    onEvent({ type: "fetching", index, total: jobs.length, label });
    try {
      const { bytes, relative } = await readSource(work, version, options);
      const prepared = await prepareVersion(bytes, relative, {
        catalogue,
        sourceUrl: version.sourceUrl,
      });
      const result = await storeVersion(prepared, { replace: options.replace });
      summary[result.status] += 1;
      onEvent({ type: "done", index, total: jobs.length, label, result });
    } catch (error) {
      const message = (error as Error).message;
      summary.failed.push({ label, message });
      onEvent({ type: "failed", index, total: jobs.length, label, message });
    }
  }
  return summary;
}

/** The mirror the web app offers when it runs beside ../shared (REDLINE_CORPUS_MIRROR overrides). */
export function defaultMirror(): string | null {
  const configured = process.env.REDLINE_CORPUS_MIRROR;
  if (configured) return fs.existsSync(configured) ? configured : null;
  const sibling = path.resolve(process.cwd(), "..", "shared", "corpus");
  return fs.existsSync(path.join(sibling, "manifest.json")) ? sibling : null;
}
