import { missingKeys, negotiateLocale, translator } from "~/i18n/i18n";

describe("i18n", () => {
  it("has every message in both 简体中文 and English", () => {
    expect(missingKeys()).toEqual([]);
  });

  it("picks the explicit choice first, then the browser's language", () => {
    expect(negotiateLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(negotiateLocale(null, "en-US,en;q=0.9,zh;q=0.5")).toBe("en");
    expect(negotiateLocale(null, "zh-TW;q=0.8,fr;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale(undefined, null)).toBe("zh-CN");
  });

  it("fills placeholders", () => {
    expect(translator("en")("missing.key.{n}", { n: 3 })).toBe("missing.key.3");
  });
});
