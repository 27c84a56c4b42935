import { useT } from "~/i18n/i18n";
import type { ProvisionRecommendationItem } from "~/lib/recommendations/views";
import { AnchorStateBadge, StatusBadge } from "./status";

/**
 * Under an article on the version page: the recommendations anchored there that the viewer may
 * see (the loader already filtered them by role: see getProvisionRecommendations), and for staff
 * and above a link to draft one on this article.
 */
export function ProvisionRecommendations({
  items,
  versionId,
  provisionKey,
  canDraft,
}: {
  items: ProvisionRecommendationItem[];
  versionId: number;
  provisionKey: string;
  canDraft: boolean;
}) {
  const t = useT();
  if (!items.length && !canDraft) return null;
  const draftHref = `/recommendations/new?${new URLSearchParams({ version: String(versionId), key: provisionKey })}`;
  return (
    <aside className="rec-provision" aria-label={t("recommendations.provision.heading")}>
      {items.length ? (
        <ul className="rec-provision-list">
          {items.map((r) => (
            <li key={r.id}>
              <a href={`/recommendations/${r.id}`}>{r.title}</a> <StatusBadge status={r.status} outcome={r.outcome} />{" "}
              {r.anchorState ? <AnchorStateBadge state={r.anchorState} /> : null}
              {r.carried ? <span className="rec-muted"> {t("recommendations.provision.carried")}</span> : null}
              {r.quote ? <q className="rec-quote">{r.quote}</q> : null}
              {r.ownerName ? <span className="rec-muted"> · {r.ownerName}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canDraft ? (
        <a className="rec-draft-link" href={draftHref}>
          {t("recommendations.provision.draft")}
        </a>
      ) : null}
    </aside>
  );
}
