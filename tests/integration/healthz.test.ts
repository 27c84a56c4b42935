import { loader } from "~/routes/healthz";
import { isPostgresConfigured } from "~/lib/env.server";
import { seedSearchFixture } from "../fixtures/search/seed";
import { getSearchEngine } from "~/lib/search/engine.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

describe("health check", () => {
  it("names the database and search engine and reports the corpus generation, which an ingest raises", async () => {
    const before = await (await loader()).json();
    const database = isPostgresConfigured() ? "postgresql" : "sqlite";
    expect(before).toMatchObject({ ok: true, database, search: { ok: true, engine: database } });
    await seedSearchFixture(db.prisma(), getSearchEngine());
    const after = await (await loader()).json();
    expect(after.corpus.generation).toBeGreaterThan(before.corpus.generation);
  });
});
