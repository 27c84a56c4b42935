/** Typed errors of the corpus domain. Routes turn them into 400/409 with the message; CLIs print it. */

/** A file could not be ingested; names the file and, where known, the line. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${reason}`);
    this.name = "IngestError";
  }
}

/** A different text already exists for this work and version date. */
export class VersionConflictError extends IngestError {
  constructor(file: string, workSlug: string, versionDate: string) {
    super(
      file,
      null,
      `a different text of ${workSlug} for ${versionDate} is already stored; use --replace (or the "replace" option) to replace it`,
    );
    this.name = "VersionConflictError";
  }
}

/**
 * Another process (a second app server, a CLI) stored the same work or version while this ingest
 * ran, and it kept doing so on the retry: the unique constraints refused a second copy.
 */
export class ConcurrentIngestError extends IngestError {
  constructor(file: string, workSlug: string, versionDate: string) {
    super(file, null, `${workSlug} ${versionDate} is being stored by another ingest at the same time; try again once it has finished`);
    this.name = "ConcurrentIngestError";
  }
}

/** Metadata a file did not carry and nobody supplied. */
export class MissingMetadataError extends IngestError {
  constructor(
    file: string,
    /** The form field / CLI flag it concerns, so a page can show the problem on that field. */
    readonly field: "title" | "versionDate",
    hint: string,
    /** The draft's stage marker when the text is a draft (its date is the publication date). */
    readonly draft: string | null = null,
  ) {
    super(file, null, `${field} could not be determined: ${hint}`);
    this.name = "MissingMetadataError";
  }
}

/** Corpus sync could not fetch or verify a catalogue entry. */
export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncError";
  }
}
