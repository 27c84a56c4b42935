import { useMemo } from "react";
import { useT } from "~/i18n/i18n";
import { redline } from "~/lib/recommendations/redline";

/** Before → after as one text with deletions struck through and insertions underlined. */
export function Redline({ before, after, label }: { before: string; after: string; label?: string }) {
  const t = useT();
  const parts = useMemo(() => redline(before, after), [before, after]);
  return (
    <div className="rec-redline statute-text" aria-label={label ?? t("recommendations.redline.label")}>
      {parts.length === 0 ? <span className="rec-muted">{t("recommendations.redline.empty")}</span> : null}
      {parts.map((p, i) =>
        p.kind === "ins" ? (
          <ins key={i}>{p.text}</ins>
        ) : p.kind === "del" ? (
          <del key={i}>{p.text}</del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}
