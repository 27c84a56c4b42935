import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { articleHistory, findVersion, getWorkVersions } from "~/lib/compare/compare.server";
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
                {s.label ? (
                  <span className={`badge label label-${s.label}`}>{t(`compare.label.${s.label}`)}</span>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
