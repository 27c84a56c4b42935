import { MAX_SOURCE_BYTES } from "~/lib/corpus/decode.server";
import { bodyLimitFor, FORM_BODY_LIMIT, formatBytes, IMPORT_BODY_LIMIT } from "~/lib/http/body-limit.server";

describe("bodyLimitFor", () => {
  it("gives the import its file limit plus room for the form, and every other route 1 MiB", () => {
    expect(bodyLimitFor("/import")).toBe(IMPORT_BODY_LIMIT);
    expect(IMPORT_BODY_LIMIT).toBeGreaterThan(MAX_SOURCE_BYTES);
    for (const path of ["/login", "/recommendations/new", "/import/x", "/imports", "/%69mport"]) expect(bodyLimitFor(path)).toBe(FORM_BODY_LIMIT);
  });

  it("fits the largest recommendation form: 110,000 Chinese characters percent-encoded", () => {
    expect(encodeURIComponent("监".repeat(110_000)).length).toBeLessThan(FORM_BODY_LIMIT);
  });

  it("says the limit in the unit a person reads", () => {
    expect([formatBytes(FORM_BODY_LIMIT), formatBytes(IMPORT_BODY_LIMIT), formatBytes(64 * 1024)]).toEqual(["1 MB", "21 MB", "64 KB"]);
  });
});
