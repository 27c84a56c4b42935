import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Redline } from "~/components/recommendations/redline";
import { formatAnchorNote } from "~/components/recommendations/status";
import { useLocale, useT } from "~/i18n/i18n";
import { requireUser } from "~/lib/auth/session.server";
import { idParam, throwAsResponse } from "~/lib/recommendations/http.server";
import { keyLabel } from "~/lib/recommendations/keys";
import { getHistory } from "~/lib/recommendations/queries.server";
import { listThemes } from "~/lib/recommendations/themes.server";
import type { HistoryEntry } from "~/lib/recommendations/views";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params.id);
  try {
    const [history, themes] = await Promise.all([getHistory(user, id), listThemes()]);
    return json({ id, ...history, themes: themes.map(({ slug, nameZh, nameEn }) => ({ slug, nameZh, nameEn })) });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

/** Wording people wrote: shown as a redline between before and after. */
const TEXT_FIELDS = new Set(["title", "quote", "proposedText", "rationale", "evidence", "outcomeNote"]);

function display(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value
      .map((v) => (typeof v === "object" && v && "ref" in v ? `${(v as { ref: string }).ref} ${(v as { label?: string }).label ?? ""}`.trim() : String(v)))
      .join("\n");
  return JSON.stringify(value);
}

/** Everything else: a coded value worded in the reader's language. */
function useFormatValue(data: {
  userNames: Record<string, string>;
  versionLabels: Record<string, string>;
  themes: { slug: string; nameZh: string; nameEn: string }[];
}) {
  const locale = useLocale();
  // Themes are stored by slug; people know them by name (a deleted theme keeps its slug).
  const themeName = (slug: string) => {
    const theme = data.themes.find((th) => th.slug === slug);
    return theme ? (locale === "en" ? theme.nameEn : theme.nameZh) : slug;
  };
  const t = useT();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    switch (field) {
      case "status":
        return t(`recommendations.status.${value}`);
      case "outcome":
      case "suggestedOutcome":
        return t(`recommendations.outcome.${value}`);
      case "priority":
        return t(`recommendations.priority.${value}`);
      case "anchorState":
        return t(`recommendations.anchorState.${value}`);
      case "sharedWithPartners":
        return value ? t("recommendations.yes") : t("recommendations.no");
      case "provisionKey":
      case "carriedProvisionKey":
        return keyLabel(String(value));
      case "ownerId":
        return data.userNames[String(value)] ?? String(value);
      case "carriedVersionId":
        return data.versionLabels[String(value)] ?? String(value);
      case "suggestedScore":
        return `${Math.round(Number(value) * 100)}%`;
      case "themes":
        return (value as string[]).map(themeName).join(locale === "en" ? ", " : "、");
      case "anchorNote":
        return formatAnchorNote(t, String(value));
      case "suggestion": {
        const s = value as { outcome: string; score: number };
        return `${t(`recommendations.outcome.${s.outcome}`)} (${Math.round(s.score * 100)}%)`;
      }
      default:
        return display(value);
    }
  };
}

/** Fields that differ between the before and after snapshots. */
function Changes({ entry, format }: { entry: HistoryEntry; format: (field: string, value: unknown) => string }) {
  const t = useT();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => display(before[f]) !== display(after[f]),
  );
  if (!fields.length) return null;
  return (
    <dl className="rec-history-changes">
      {fields.map((f) => (
        <div key={f}>
          <dt>{t(`recommendations.field.${f}`)}</dt>
          <dd>
            {TEXT_FIELDS.has(f) ? (
              <Redline before={display(before[f])} after={display(after[f])} />
            ) : (
              <span className="rec-history-value">
                {entry.before ? (
                  <>
                    <del>{format(f, before[f])}</del> →{" "}
                  </>
                ) : null}
                <ins>{format(f, after[f])}</ins>
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function RecommendationHistory() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatValue(data);
  return (
    <div className="rec-page">
      <p>
        <a href={`/recommendations/${data.id}`}>{t("recommendations.edit.back")}</a>
      </p>
      <h1>{t("recommendations.history.heading", { title: data.title })}</h1>
      <ol className="rec-history">
        {data.events.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{t(`recommendations.event.${e.action}`)}</strong> · {e.userName ?? t("recommendations.history.system")} ·{" "}
              <time dateTime={e.createdAt}>{e.createdAt.slice(0, 16).replace("T", " ")}</time>
            </p>
            <Changes entry={e} format={format} />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
