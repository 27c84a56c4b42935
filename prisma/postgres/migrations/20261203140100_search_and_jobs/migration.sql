-- Hand-written (not derivable from schema.prisma): the PostgreSQL search index and the corpus
-- generation every app server checks (docs/decisions/0012-postgresql.md).

-- The corpus generation: bumped in the same transaction as any change to works, versions or the
-- search index, so every app server's caches (search catalogue, unit table, texts) see a version
-- ingested through another server at their next request (one primary-key read per search).
CREATE TABLE "search_meta" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "generation" BIGINT NOT NULL
);
INSERT INTO "search_meta" ("id", "generation") VALUES (1, 0);

CREATE FUNCTION "redline_bump_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER "search_meta_version" AFTER INSERT OR DELETE OR UPDATE OF "workId", "versionDate", "effectiveDate", "changeKind"
    ON "Version" FOR EACH STATEMENT EXECUTE FUNCTION "redline_bump_generation"();
CREATE TRIGGER "search_meta_work" AFTER INSERT OR DELETE OR UPDATE OF "slug", "titleZh", "kind"
    ON "Work" FOR EACH STATEMENT EXECUTE FUNCTION "redline_bump_generation"();

-- One row per indexed unit (article, decision item, plan item), written inside the version's
-- ingest transaction:
--   heading, body: the folded texts matched literally (paragraphs and headings joined by "\n", so a
--                  term, which never holds a newline, cannot match across two of them)
--   grams:         the distinct folded characters and character bigrams of those texts (never
--                  across a paragraph end); GIN over it finds the candidates of every term,
--                  including 1- and 2-character ones, and strpos() then checks the exact substring
--   words:         jieba words (ranking only: a whole-word match scores higher)
CREATE TABLE "search_unit" (
    "provisionId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Provision"("id") ON DELETE CASCADE,
    "versionId" INTEGER NOT NULL,
    "workId" INTEGER NOT NULL,
    "chapterKey" TEXT NOT NULL,
    "groupHash" BIGINT NOT NULL,
    "heading" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "grams" TEXT[] NOT NULL,
    "words" TEXT[] NOT NULL
);
CREATE INDEX "search_unit_versionId_idx" ON "search_unit"("versionId");
CREATE INDEX "search_unit_grams_idx" ON "search_unit" USING GIN ("grams");
CREATE INDEX "search_unit_words_idx" ON "search_unit" USING GIN ("words");
