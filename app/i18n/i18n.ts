/**
 * Bilingual UI (简体中文 / English). Each domain keeps its own catalogue in app/i18n/messages/<domain>.ts
 * exporting `{ "zh-CN": {...}, en: {...} }` with the same keys; this module merges them.
 * Messages may contain {name} placeholders.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { catalogues } from "./messages";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

type Catalogue = Record<string, string>;
const merged: Record<Locale, Catalogue> = { "zh-CN": {}, en: {} };
for (const c of catalogues) {
  Object.assign(merged["zh-CN"], c["zh-CN"]);
  Object.assign(merged.en, c.en);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Pick the locale from an explicit choice (cookie) or else the browser's Accept-Language. */
export function negotiateLocale(cookieValue: string | null | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const cat = merged[locale];
  return (key, params) => {
    const template = cat[key] ?? merged[DEFAULT_LOCALE][key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) =>
      params[name] === undefined ? m : String(params[name]),
    );
  };
}

/** Locale of the current request, from the root loader. */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

/** Every key present in one locale must be present in the other (checked by a unit test). */
export function missingKeys(): { locale: Locale; key: string }[] {
  const out: { locale: Locale; key: string }[] = [];
  for (const key of Object.keys(merged["zh-CN"])) if (!(key in merged.en)) out.push({ locale: "en", key });
  for (const key of Object.keys(merged.en)) if (!(key in merged["zh-CN"])) out.push({ locale: "zh-CN", key });
  return out;
}
