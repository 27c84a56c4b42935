/** Provision keys and links (pure; used by server modules and components alike). */
import { numberToChinese } from "~/lib/corpus/numerals";

/** The longest unit key that is the key itself or an ancestor of it ("art-9" for "art-9/para-2"). */
export function unitKeyOf(unitKeys: Iterable<string>, key: string): string | null {
  let best: string | null = null;
  for (const unit of unitKeys) {
    if ((key === unit || key.startsWith(unit + "/")) && (!best || unit.length > best.length)) best = unit;
  }
  return best;
}

/** The version page's address of a provision (the lead's /works/<slug>/<versionDate>#<key>). */
export function provisionHref(workSlug: string, versionDate: string, key: string): string {
  return `/works/${encodeURIComponent(workSlug)}/${versionDate}#${key}`;
}

/**
 * A provision key as a citation, for messages about keys alone (carry-forward notes):
 * art-120-2/para-2/item-3 → 第一百二十条之二第二款第（三）项. Unknown shapes stay as keys.
 */
export function keyLabel(key: string): string {
  const out: string[] = [];
  for (const part of key.split("/")) {
    let m: RegExpExecArray | null;
    if ((m = /^art-(\d+)(?:-(\d+))?$/.exec(part)))
      out.push(`第${numberToChinese(Number(m[1]))}条${m[2] ? `之${numberToChinese(Number(m[2]))}` : ""}`);
    else if ((m = /^para-(\d+)$/.exec(part))) out.push(`第${numberToChinese(Number(m[1]))}款`);
    else if ((m = /^item-(\d+)$/.exec(part))) out.push(`第（${numberToChinese(Number(m[1]))}）项`);
    else return key;
  }
  return out.join("");
}
