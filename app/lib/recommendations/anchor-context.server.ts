/** Loading the provision a recommendation is anchored to, and the citable unit around it. */
import type { Tx } from "~/lib/db.server";
import { numberToChinese } from "~/lib/corpus/numerals";
import { provisionHref, unitKeyOf } from "./keys";

export interface AnchorView {
  versionId: number;
  workSlug: string;
  workTitle: string;
  versionDate: string;
  versionTitle: string;
  provisionKey: string;
  /** Key of the citable unit (article) holding the provision. */
  unitKey: string;
  /** 第九条 / 第九条第二款 as far as labels allow. */
  label: string;
  /** Exact text of the anchored provision; null when it no longer exists in that version. */
  text: string | null;
  href: string;
}

/**
 * Labels of the key's ancestors and itself, joined: 第九条 + 第二款 → 第九条第二款. Paragraphs carry
 * no label in the text (款 are not numbered there), so theirs is written the way citations do.
 */
function joinedLabel(rows: { key: string; label: string | null }[], key: string): string {
  const parts = key.split("/");
  const labels: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const k = parts.slice(0, i).join("/");
    const row = rows.find((r) => r.key === k);
    const para = /^para-(\d+)$/.exec(parts[i - 1]);
    if (row?.label) labels.push(row.label);
    else if (para) labels.push(`第${numberToChinese(Number(para[1]))}款`);
  }
  return labels.join("") || key;
}

export async function loadAnchor(db: Tx, versionId: number, provisionKey: string): Promise<AnchorView | null> {
  const version = await db.version.findUnique({
    where: { id: versionId },
    select: { id: true, versionDate: true, title: true, work: { select: { slug: true, titleZh: true } } },
  });
  if (!version) return null;
  const parts = provisionKey.split("/");
  const keys = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  const rows = await db.provision.findMany({
    where: { versionId, key: { in: keys } },
    select: { key: true, label: true, text: true, isUnit: true },
  });
  const own = rows.find((r) => r.key === provisionKey);
  const unitKey = unitKeyOf(
    rows.filter((r) => r.isUnit).map((r) => r.key),
    provisionKey,
  );
  return {
    versionId,
    workSlug: version.work.slug,
    workTitle: version.work.titleZh,
    versionDate: version.versionDate,
    versionTitle: version.title,
    provisionKey,
    unitKey: unitKey ?? parts[0],
    label: joinedLabel(rows, provisionKey),
    text: own ? own.text : null,
    href: provisionHref(version.work.slug, version.versionDate, provisionKey),
  };
}
