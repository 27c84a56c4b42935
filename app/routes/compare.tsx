import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { CompareChooser } from "~/components/compare/chooser";
import { CompareTable, type TableLinks } from "~/components/compare/compare-table";
import { ExportLink } from "~/components/compare/export-link";
import { OverrideEditor, type OverrideRef } from "~/components/compare/override-editor";
import { CompareSummary, DirectionNotice, SameVersionNotice } from "~/components/compare/summary";
import { useChangeNavigation } from "~/components/compare/use-change-navigation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { clientIp } from "~/lib/auth/login.server";
import { getUser } from "~/lib/auth/session.server";
import { requireAlignmentAdmin } from "~/lib/compare/admin.server";
import {
  compareVersionsPage,
  defaultPair,
  findVersion,
  getWorkVersions,
  listComparableWorks,
  listOverrides,
  removeOverride,
  setOverride,
} from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { compareHref, EXPORT_FORMATS, exportHref, MAX_ROWS_PER_REQUEST, readCompareQuery, CompareQueryError } from "~/lib/compare/query";
import type { RowView } from "~/lib/compare/rows";
import { IsoDateSchema } from "~/lib/validation";
import compareStyles from "~/styles/compare.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: compareStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.page ? `${data.page.work.titleZh} ${data.page.from.versionDate} → ${data.page.to.versionDate} · Redline` : "Redline" },
];

function asResponse(error: unknown): never {
  if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
  if (error instanceof CompareQueryError) throw new Response(error.message, { status: 400 });
  throw error;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  try {
    const query = readCompareQuery(url.searchParams);
    const isAdmin = (await getUser(request))?.role === "admin";
    const works = await listComparableWorks();
    const empty = { works, query, isAdmin, page: null, sameVersion: false, versions: [] as string[], overrides: [] as OverrideRef[] };
    if (!query.work) return json(empty);
    const wv = await getWorkVersions(query.work);
    const versions = wv.versions.map((v) => v.versionDate);
    if (versions.length < 2) throw new Response("This law has only one version.", { status: 404 });
    if (!query.from || !query.to) throw redirect(compareHref(query, defaultPair(versions, query)));
    const [from, to] = [findVersion(wv.versions, query.from), findVersion(wv.versions, query.to)];
    if (from.id === to.id) return json({ ...empty, sameVersion: true, versions });
    const page = await compareVersionsPage({ ...query, work: query.work, from: query.from, to: query.to });
    const overrides: OverrideRef[] = isAdmin
      ? (await listOverrides(from.id, to.id)).map((o) => ({ id: o.id, fromKey: o.fromKey, toKey: o.toKey }))
      : [];
    return json({ ...empty, page, versions, overrides });
  } catch (error) {
    if (error instanceof Response) throw error;
    asResponse(error);
  }
}

const OverrideForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set"),
    work: z.string().min(1),
    from: IsoDateSchema,
    to: IsoDateSchema,
    fromKey: z.string().trim().max(100).optional().transform((v) => v || null),
    toKey: z.string().trim().max(100).optional().transform((v) => v || null),
    note: z.string().trim().max(1000).optional().transform((v) => v || null),
  }),
  z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const createdBy = await requireAlignmentAdmin(request, formData, clientIp(context));
  const parsed = OverrideForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ ok: false as const, message: "The correction form is incomplete." }, { status: 400 });
  try {
    if (parsed.data.intent === "remove") {
      await removeOverride(parsed.data.id);
      return json({ ok: true as const, message: "removed" });
    }
    const d = parsed.data;
    const wv = await getWorkVersions(d.work);
    const [from, to] = [findVersion(wv.versions, d.from), findVersion(wv.versions, d.to)];
    await setOverride({ fromVersionId: from.id, toVersionId: to.id, fromKey: d.fromKey, toKey: d.toKey, note: d.note, createdBy });
    return json({ ok: true as const, message: "saved" });
  } catch (error) {
    if (error instanceof CompareError) return json({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
}

/**
 * The first screen comes with the page; the rest of the matching rows follow in one request once the
 * page is interactive (keyed by the location, so a new filter never shows the previous filter's rows).
 */
function useRemainingRows(first: RowView[], missing: boolean, restHref: string | null) {
  const fetcher = useFetcher<typeof loader>();
  const { key } = useLocation();
  const pending = useRef<string | null>(null);
  const [rest, setRest] = useState<{ key: string; rows: RowView[] } | null>(null);
  useEffect(() => {
    if (!restHref || !missing || pending.current === key) return;
    pending.current = key;
    fetcher.load(restHref);
    // Not keyed on the fetcher object: it changes with every state change and would reload in a loop.
  }, [restHref, missing, key]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.page && pending.current) setRest({ key: pending.current, rows: fetcher.data.page.rows });
  }, [fetcher.state, fetcher.data]);
  const extra = rest?.key === key ? rest.rows : null;
  const rows = useMemo(() => (extra ? [...first, ...extra] : first), [first, extra]);
  return { rows, loading: missing && !extra };
}

export default function ComparePage() {
  const { works, query, page, isAdmin, overrides, sameVersion, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const restHref = page ? compareHref(query, { offset: page.offset + page.rows.length, limit: MAX_ROWS_PER_REQUEST }) : null;
  const missing = page ? page.offset + page.rows.length < page.matching : false;
  const { rows, loading } = useRemainingRows(page?.rows ?? [], missing, restHref);
  const changeIds = useMemo(() => rows.filter((r) => r.changed).map((r) => r.id), [rows]);
  const { current, go } = useChangeNavigation(changeIds, restHref ?? "");

  const slug = encodeURIComponent(query.work ?? "");
  const tableLinks: TableLinks = {
    oldArticle: (key) => `/works/${slug}/${query.from}#${key}`,
    newArticle: (key) => `/works/${slug}/${query.to}#${key}`,
    history: (r) => (r.new.length ? `/works/${slug}/history/${r.new[0].key}?from=${query.to}` : `/works/${slug}/history/${r.old[0].key}?from=${query.from}`),
  };
  const scope = { work: query.work ?? "", from: query.from ?? "", to: query.to ?? "" };

  return (
    <div className="compare-page">
      <h1>{page ? t("compare.pageTitle", { title: page.work.titleZh, from: page.from.versionDate, to: page.to.versionDate }) : t("compare.title")}</h1>
      <p className="intro">{t("compare.intro")}</p>
      <CompareChooser works={works} query={query} page={page} t={t} />
      {!works.length ? <p>{t("compare.noWorks")}</p> : !query.work ? <p>{t("compare.chooseWork")}</p> : null}
      {sameVersion ? <SameVersionNotice query={query} versions={versions} t={t} /> : null}

      {page ? (
        <>
          <DirectionNotice page={page} query={query} t={t} />
          <CompareSummary page={page} query={query} t={t} />
          <div className="compare-tools">
            <div className="nav-changes">
              <button type="button" onClick={() => go(-1)} disabled={!changeIds.length}>
                ↑ {t("compare.prev")}
              </button>
              <button type="button" onClick={() => go(1)} disabled={!changeIds.length}>
                ↓ {t("compare.next")}
              </button>
              <span className="hint" aria-live="polite">
                {current >= 0 ? `${t("compare.position", { n: current + 1, total: page.matchingChanges })} · ` : null}
                {t("compare.keysHint")}
              </span>
            </div>
            <div className="exports" role="group" aria-label={t("compare.export")}>
              <span>{t("compare.exportShown", { n: page.matching })}:</span>
              {EXPORT_FORMATS.map((f) => (
                <ExportLink key={f} href={exportHref(query, f)} label={t(`compare.export.${f}`)} busyLabel={t("compare.exporting")} />
              ))}
            </div>
          </div>

          {actionData ? (
            <p className={actionData.ok ? "notice" : "warning"} role="status">
              {actionData.ok ? t(actionData.message === "removed" ? "compare.override.removed" : "compare.override.saved") : actionData.message}
            </p>
          ) : null}

          <p className="shown" aria-live="polite" data-testid="rows-shown">
            {t("compare.shown", { n: page.matching, total: page.summary.total })}
            {navigation.state === "loading" || loading ? ` · ${t("compare.loadingRows", { n: rows.length, total: page.matching })}` : ""}
          </p>
          {!page.matching ? <p>{t("compare.none")}</p> : null}
          <CompareTable
            rows={rows}
            view={query.view}
            heads={{ old: `${t("compare.old")}（${page.from.versionDate}）`, new: `${t("compare.new")}（${page.to.versionDate}）` }}
            currentId={current >= 0 ? changeIds[current] : null}
            links={tableLinks}
            editor={(r) => (isAdmin ? <OverrideEditor row={r} scope={scope} overrides={overrides} t={t} /> : null)}
            t={t}
          />
          <noscript>
            <p className="pager">
              {page.offset > 0 ? <a href={compareHref(query, { offset: Math.max(0, page.offset - query.limit) })}>← {t("compare.pagePrev")}</a> : null}{" "}
              {page.offset + page.rows.length < page.matching ? (
                <a href={compareHref(query, { offset: page.offset + page.rows.length })}>{t("compare.pageNext")} →</a>
              ) : null}
            </p>
          </noscript>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
