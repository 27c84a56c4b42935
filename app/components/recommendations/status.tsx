import { useT, type Translate } from "~/i18n/i18n";
import { keyLabel } from "~/lib/recommendations/keys";

/** Note parameters naming provisions are shown as citations (第九条), not keys. */
const KEY_PARAMS = new Set(["key", "keys", "from", "to"]);

export function StatusBadge({ status, outcome }: { status: string; outcome?: string | null }) {
  const t = useT();
  return (
    <span className={`rec-status rec-status-${status}`}>
      {t(`recommendations.status.${status}`)}
      {outcome ? ` · ${t(`recommendations.outcome.${outcome}`)}` : null}
    </span>
  );
}

export function AnchorStateBadge({ state }: { state: string }) {
  const t = useT();
  if (state === "current") return null;
  return <span className={`rec-anchor-state rec-anchor-${state}`}>{t(`recommendations.anchorState.${state}`)}</span>;
}

/** The carry-forward note stored as JSON {key, params}, worded in the reader's language. */
export function formatAnchorNote(t: Translate, note: string): string {
  try {
    const parsed = JSON.parse(note) as { key?: string; params?: Record<string, string | number> };
    if (!parsed.key) return note;
    const params = Object.fromEntries(
      Object.entries(parsed.params ?? {}).map(([k, v]) => [
        k,
        KEY_PARAMS.has(k) ? String(v).split(", ").map(keyLabel).join("、") : v,
      ]),
    );
    return t(parsed.key, params);
  } catch {
    // An older plain-text note is shown as it is.
    return note;
  }
}

export function AnchorNoteText({ note }: { note: string | null }) {
  const t = useT();
  if (!note) return null;
  return <span className="rec-anchor-note">{formatAnchorNote(t, note)}</span>;
}
