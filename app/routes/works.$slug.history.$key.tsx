import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT, type Translate } from "~/i18n/i18n";
import { articleHistory, findVersion, getWorkVersions, type HistoryStep } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import compareStyles from "~/styles/compare.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: compareStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.label} · ${data.work.titleZh} · Redline` : "Redline" },
];

const Params = z.object({ slug: z.string().min(1), key: z.string().min(1).max(100) });

/** /works/<slug>/history/<key>?from=<versionDate>: the article's lineage through every version. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const p = Params.safeParse(params);
  if (!p.success) throw new Response("No such article.", { status: 404 });
  const fromParam = new URL(request.url).searchParams.get("from");
  if (fromParam !== null && !IsoDateSchema.safeParse(fromParam).success)
    throw new Response(`"${fromParam}" is not a date; use YYYY-MM-DD.`, { status: 400 });
  try {
    const { work, versions } = await getWorkVersions(p.data.slug);
    const version = fromParam ? findVersion(versions, fromParam) : versions[versions.length - 1];
    const steps = await articleHistory(work.id, p.data.key, version.id);
    const start = steps.find((s) => s.version.id === version.id)?.units.find((u) => u.key === p.data.key);
    return json({ work, version, key: p.data.key, label: start?.label ?? p.data.key, steps });
  } catch (error) {
    if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export default function ArticleHistoryPage() {
  const { work, key, label, steps } = useLoaderData<typeof loader>();
  const t = useT();
  const slug = encodeURIComponent(work.slug);
  return (
    <div className="history-page">
      <nav aria-label={t("compare.breadcrumb")} className="breadcrumb">
        <Link to={`/works/${slug}`}>{work.shortTitle ?? work.titleZh}</Link> › {t("compare.history")}
      </nav>
      <h1>{t("compare.history.title", { label })}</h1>
      <p className="intro">{t("compare.history.intro")}</p>
      <ol className="lineage">
        {steps.map((s, i) => {
          const prev = i > 0 ? steps[i - 1] : null;
          return (
            <li key={s.version.id} className="lineage-step" data-version={s.version.versionDate}>
              <h2>
                <Link to={`/works/${slug}/${s.version.versionDate}${s.units[0] ? `#${s.units[0].key}` : ""}`}>
                  {s.version.versionDate}
                </Link>{" "}
                {s.units.map((u) => u.label ?? u.key).join(" + ")}{" "}
                {s.kind ? (
                  <span className={`badge label label-${s.kind}`}>{t(`compare.kind.${s.kind}`)}</span>
                ) : (
                  <span className="badge">{t("compare.history.first")}</span>
                )}
                {s.manual ? <span className="badge manual">{t("compare.manual")}</span> : null}
              </h2>
              {prev ? (
                <p className="step-compare">
                  <Link
                    to={`/compare?${new URLSearchParams({ work: work.slug, from: prev.version.versionDate, to: s.version.versionDate })}`}
                  >
                    {t("compare.history.compare")}
                  </Link>
                </p>
              ) : null}
              {prev ? <ParagraphOrigins origins={s.origins} from={prev.version.versionDate} t={t} /> : null}
              {!s.units.length ? (
                <p className="absent">{t("compare.history.notPresent")}</p>
              ) : s.segments ? (
                <p className="statute-text" data-key={key}>
                  {s.segments.map((seg, j) =>
                    seg.kind === "insert" ? <ins key={j}>{seg.text}</ins> : seg.kind === "delete" ? <del key={j}>{seg.text}</del> : <span key={j}>{seg.text}</span>,
                  )}
                </p>
              ) : (
                <p className="statute-text">{s.units.map((u) => u.text).join("\n")}</p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** "第一款 came from 2012-10-26 第六条第二款" for each 款 of the step's article(s). */
function ParagraphOrigins({ origins, from, t }: { origins: HistoryStep["origins"]; from: string; t: Translate }) {
  const shown = origins.filter((o) => o.paragraphs.length > 1 || o.paragraphs.some((p) => p.from.length !== 1));
  if (!shown.length) return null;
  return (
    <ul className="paragraph-origins" data-testid="paragraph-origins">
      {shown.flatMap((o) =>
        o.paragraphs.map((p) => (
          <li key={`${o.key}-${p.paragraph}`}>
            {origins.length > 1 ? `${o.label ?? o.key}` : ""}
            {p.paragraph}{" "}
            {p.from.length
              ? t("compare.history.paragraphFrom", {
                  date: from,
                  from: p.from.filter((f) => f.primary).map((f) => f.text).join("、") || p.from.map((f) => f.text).join("、"),
                })
              : t("compare.history.paragraphNew")}
            {p.from.some((f) => !f.primary) && p.from.some((f) => f.primary)
              ? ` ${t("compare.links.also")}${p.from.filter((f) => !f.primary).map((f) => f.text).join("、")}`
              : null}
          </li>
        )),
      )}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
