-- Search index for the embedded engine (docs/decisions/0004-search.md).
--
-- search_fts is contentless: the exact text lives in "Provision"; the index holds only tokens
-- derived from the folded text, keyed by rowid = "Provision"."id". Every token is plain ASCII
-- (hex code points), so the unicode61 tokenizer never splits or alters them and no user text
-- ever reaches MATCH syntax.
--   heading: character bigrams of the unit's chapter/section headings and own heading
--   body:    character bigrams of the unit text (plus one end-of-text token, see grams.ts)
--   words:   jieba cutForSearch words of the unit text (ranking only: a whole-word match scores higher)
CREATE VIRTUAL TABLE "search_fts" USING fts5(
    heading,
    body,
    words,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- One row per indexed unit: what filtering, grouping and facets need without touching the
-- wide "Provision" rows. groupHash identifies "the same article with the same text" across the
-- versions of a work, so identical articles collapse into one result with several version badges.
CREATE TABLE "search_unit" (
    "provisionId" INTEGER NOT NULL PRIMARY KEY,
    "versionId" INTEGER NOT NULL,
    "workId" INTEGER NOT NULL,
    "chapterKey" TEXT NOT NULL,
    "groupHash" INTEGER NOT NULL
);
CREATE INDEX "search_unit_versionId_idx" ON "search_unit"("versionId");

-- Ingest removes a version's index rows explicitly (removeVersionInTransaction); this trigger
-- keeps the index honest when a version disappears by any other path (cascade from Work, scripts).
CREATE TRIGGER "search_version_deleted" AFTER DELETE ON "Version" BEGIN
    DELETE FROM "search_fts" WHERE rowid IN (SELECT "provisionId" FROM "search_unit" WHERE "versionId" = OLD."id");
    DELETE FROM "search_unit" WHERE "versionId" = OLD."id";
END;

-- A generation number bumped by every change to works and versions, so the search catalogue
-- cache (slugs, titles, kinds, dates) can be validated per query by reading one row: a scan of
-- "Version" would read its full source texts.
CREATE TABLE "search_meta" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "generation" INTEGER NOT NULL
);
INSERT INTO "search_meta" ("id", "generation") VALUES (1, 0);
CREATE TRIGGER "search_meta_version_insert" AFTER INSERT ON "Version" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "search_meta_version_update" AFTER UPDATE OF "workId", "versionDate", "effectiveDate", "changeKind" ON "Version" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "search_meta_version_delete" AFTER DELETE ON "Version" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "search_meta_work_insert" AFTER INSERT ON "Work" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "search_meta_work_update" AFTER UPDATE OF "slug", "titleZh", "kind" ON "Work" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "search_meta_work_delete" AFTER DELETE ON "Work" BEGIN
    UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1;
END;
