import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "~/lib/db/postgres-schema";

const root = path.resolve(__dirname, "..", "..");

describe("PostgreSQL schema", () => {
  it("is the SQLite schema with only the provider, url and client folder changed", () => {
    const derived = derivePostgresSchema(fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('"sqlite"');
  });

  it("has not drifted from prisma/schema.prisma (run npm run db:postgres:sync after a schema change)", () => {
    const derived = derivePostgresSchema(fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
    const committed = fs.readFileSync(path.join(root, "prisma", "postgres", "schema.prisma"), "utf8");
    expect(committed).toBe(derived);
  });

  it("names the line it cannot find", () => {
    expect(() => derivePostgresSchema("model A { id Int @id }")).toThrow(/datasource provider/);
  });
});
