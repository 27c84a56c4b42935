import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AnchorNoteText, AnchorStateBadge } from "~/components/recommendations/status";
import { useT } from "~/i18n/i18n";
import { requirePermission } from "~/lib/auth/session.server";
import { getDashboard, type DashboardRec, type OutcomeCounts } from "~/lib/recommendations/dashboard.server";
import { OUTCOMES } from "~/lib/recommendations/workflow";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  return json({ dashboard: await getDashboard(user) });
}

function RecList({ items, empty, children }: { items: DashboardRec[]; empty: string; children?: (r: DashboardRec) => React.ReactNode }) {
  if (!items.length) return <p className="rec-muted">{empty}</p>;
  return (
    <ul>
      {items.map((r) => (
        <li key={r.id}>
          <a href={`/recommendations/${r.id}`}>{r.title}</a> <span className="rec-muted">· {r.ownerName}</span> {children?.(r)}
        </li>
      ))}
    </ul>
  );
}

function CountsTable({ rows, caption }: { rows: OutcomeCounts[]; caption: string }) {
  const t = useT();
  if (!rows.length) return null;
  return (
    <table className="rec-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          {OUTCOMES.map((o) => (
            <th scope="col" key={o}>
              {t(`recommendations.outcome.${o}`)}
            </th>
          ))}
          <th scope="col">{t("recommendations.dashboard.total")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {OUTCOMES.map((o) => (
              <td key={o}>{r.counts[o] ?? 0}</td>
            ))}
            <td>{r.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function DashboardPage() {
  const { dashboard: d } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="rec-page rec-wide rec-dashboard">
      <h1>{t("recommendations.dashboard.heading")}</h1>
      <section aria-labelledby="dl-heading">
        <h2 id="dl-heading">{t("recommendations.dashboard.deadlines")}</h2>
        {d.deadlines.length ? (
          <ul>
            {d.deadlines.map((s) => (
              <li key={s.id}>
                <a href={`/submissions/${s.id}`}>{s.title}</a> · {s.consultationTitle} · {s.deadline}（
                {t("recommendations.dashboard.daysLeft", { n: s.daysLeft })}）
              </li>
            ))}
          </ul>
        ) : (
          <p className="rec-muted">{t("recommendations.dashboard.noDeadlines")}</p>
        )}
      </section>
      <section aria-labelledby="rv-heading">
        <h2 id="rv-heading">{t("recommendations.dashboard.review")}</h2>
        <RecList items={d.awaitingReview} empty={t("recommendations.dashboard.noReview")} />
      </section>
      <section aria-labelledby="resp-heading">
        <h2 id="resp-heading">{t("recommendations.dashboard.response")}</h2>
        {d.awaitingResponse.length ? (
          <ul>
            {d.awaitingResponse.map((s) => (
              <li key={s.id}>
                <a href={`/submissions/${s.id}`}>{s.title}</a> · {s.targetBody} · {s.submittedAt ?? "—"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="rec-muted">{t("recommendations.dashboard.noResponse")}</p>
        )}
      </section>
      <section aria-labelledby="anchor-heading">
        <h2 id="anchor-heading">{t("recommendations.dashboard.anchors")}</h2>
        <RecList items={d.anchorChanges} empty={t("recommendations.dashboard.noAnchors")}>
          {(r) => (
            <>
              <AnchorStateBadge state={r.anchorState} /> {r.mine ? <strong>{t("recommendations.dashboard.mine")}</strong> : null}{" "}
              <AnchorNoteText note={r.anchorNote} /> {r.carriedHref ? <a href={r.carriedHref}>{t("recommendations.dashboard.viewNew")}</a> : null}
            </>
          )}
        </RecList>
      </section>
      <section aria-labelledby="sug-heading">
        <h2 id="sug-heading">{t("recommendations.dashboard.suggestions")}</h2>
        <RecList items={d.outcomeSuggestions} empty={t("recommendations.dashboard.noSuggestions")}>
          {(r) => (
            <span>
              {t("recommendations.suggestion.text", {
                outcome: t(`recommendations.outcome.${r.suggestedOutcome}`),
                score: Math.round((r.suggestedScore ?? 0) * 100),
              })}
            </span>
          )}
        </RecList>
      </section>
      <section aria-labelledby="out-heading">
        <h2 id="out-heading">{t("recommendations.dashboard.outcomes")}</h2>
        {d.byInstrument.length || d.byTheme.length ? null : (
          <p className="rec-muted">{t("recommendations.dashboard.noOutcomes")}</p>
        )}
        <CountsTable rows={d.byInstrument} caption={t("recommendations.dashboard.byInstrument")} />
        <CountsTable rows={d.byTheme} caption={t("recommendations.dashboard.byTheme")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
