import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { CompareChooser } from "~/components/compare/chooser";
import { CompareTable } from "~/components/compare/compare-table";
import { CompareTools, Pager } from "~/components/compare/compare-tools";
import { OverrideEditor, type OverrideRef } from "~/components/compare/override-editor";
import { CompareSummary, DirectionNotice, SameVersionNotice } from "~/components/compare/summary";
import { useChangeNavigation } from "~/components/compare/use-change-navigation";
import { useRemainingRows } from "~/components/compare/use-remaining-rows";
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
import {
  compareHref,
  CompareQueryError,
  MAX_ROWS_PER_REQUEST,
  OverrideFormSchema,
  readCompareQuery,
  rowsHref,
  tableHrefs,
} from "~/lib/compare/query";
import { isPlanPair } from "~/lib/plans/plan-compare.server";
import { planCompareHref } from "~/lib/plans/query";
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
    const empty = { works, query, isAdmin, page: null, sameVersion: false, versions: [] as string[], overrides: [] as OverrideRef[], plans: false };
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
    return json({ ...empty, page, versions, overrides, plans: await isPlanPair(from.id, to.id) });
  } catch (error) {
    if (error instanceof Response) throw error;
    asResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const createdBy = await requireAlignmentAdmin(request, formData, clientIp(context));
  const parsed = OverrideFormSchema.safeParse(Object.fromEntries(formData));
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

export default function ComparePage() {
  const { works, query, page, isAdmin, overrides, sameVersion, versions, plans } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const restHref = page ? rowsHref(query, { offset: page.offset + page.rows.length, limit: MAX_ROWS_PER_REQUEST }) : null;
  const missing = page ? page.offset + page.rows.length < page.matching : false;
  const { rows, loading, failed, retry } = useRemainingRows(page?.rows ?? [], missing, restHref);
  const changeIds = useMemo(() => rows.filter((r) => r.changed).map((r) => r.id), [rows]);
  const { current, go } = useChangeNavigation(changeIds, restHref ?? "");

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
          {plans ? (
            <p className="notice" data-testid="plan-offer">
              {t("plans.compare.offer")}
              <Link to={planCompareHref({ work: page.work.slug, from: page.from.versionDate, to: page.to.versionDate })}>{t("plans.compare.offerLink")}</Link>
            </p>
          ) : null}
          <CompareSummary page={page} query={query} t={t} />
          <CompareTools query={query} page={page} changes={changeIds.length} current={current} go={go} t={t} />

          {actionData ? (
            <p className={actionData.ok ? "notice" : "warning"} role="status">
              {actionData.ok ? t(actionData.message === "removed" ? "compare.override.removed" : "compare.override.saved") : actionData.message}
            </p>
          ) : null}

          <p className="shown" aria-live="polite" data-testid="rows-shown">
            {t("compare.shown", { n: page.matching, total: page.summary.total })}
            {navigation.state === "loading" || loading ? ` · ${t("compare.loadingRows", { n: rows.length, total: page.matching })}` : ""}
          </p>
          {failed ? (
            <p className="warning" role="alert">
              {t("compare.rowsFailed", { n: rows.length, total: page.matching })}{" "}
              <button type="button" onClick={retry}>
                {t("compare.retry")}
              </button>
            </p>
          ) : null}
          {!page.matching ? <p>{t("compare.none")}</p> : null}
          <CompareTable
            rows={rows}
            view={query.view}
            heads={{ old: `${t("compare.old")}（${page.from.versionDate}）`, new: `${t("compare.new")}（${page.to.versionDate}）` }}
            currentId={current >= 0 ? changeIds[current] : null}
            links={tableHrefs(query)}
            editor={(r) => (isAdmin ? <OverrideEditor row={r} scope={scope} overrides={overrides} t={t} /> : null)}
            t={t}
          />
          <Pager query={query} page={page} t={t} />
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
