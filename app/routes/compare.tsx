import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT, type Translate } from "~/i18n/i18n";
import { clientIp } from "~/lib/auth/login.server";
import { getUser } from "~/lib/auth/session.server";
import { requireAlignmentAdmin } from "~/lib/compare/admin.server";
import { compareVersions, findVersion, getWorkVersions, listOverrides, removeOverride, setOverride } from "~/lib/compare/compare.server";
import { newSide, oldSide, PAIR_LABELS, segmentsPerUnit, type DiffSegment } from "~/lib/compare/segments";
import { CompareError } from "~/lib/compare/errors";
import type { CompareRow, RowUnit } from "~/lib/compare/rows";
import type { Signal } from "~/lib/compare/signals";
import type { PairLabel } from "~/lib/compare/types";
import { listWorks } from "~/lib/corpus/browse.server";
import compareStyles from "~/styles/compare.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: compareStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title:
      data && "comparison" in data && data.comparison
        ? `${data.comparison.work.titleZh} ${data.comparison.from.versionDate} → ${data.comparison.to.versionDate} · Redline`
        : "Redline",
  },
];

const Query = z.object({
  work: z.string().min(1).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  view: z.enum(["side", "inline"]).catch("side"),
  type: z.enum(PAIR_LABELS as [PairLabel, ...PairLabel[]]).optional().catch(undefined),
  chapter: z.string().optional(),
  typo: z.literal("1").optional().catch(undefined),
});

function readQuery(url: URL) {
  const p = url.searchParams;
  const raw = Object.fromEntries([...p.keys()].map((k) => [k, p.getAll(k).at(-1) || undefined]));
  const parsed = Query.safeParse(raw);
  if (!parsed.success) throw new Response("Use dates in the form YYYY-MM-DD.", { status: 400 });
  // "changes" is a hidden "all" plus a checkbox "only": the last value wins, absence means "only".
  const changes = p.getAll("changes");
  return { ...parsed.data, changesOnly: changes.length === 0 || changes.at(-1) === "only" };
}

interface OverrideRef {
  id: number;
  fromKey: string | null;
  toKey: string | null;
}

function asResponse(error: unknown): never {
  if (error instanceof CompareError) throw new Response(error.message, { status: error.status });
  throw error;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = readQuery(url);
  const user = await getUser(request);
  const isAdmin = user?.role === "admin";
  const works = (await listWorks())
    .filter((w) => w.versions.length >= 2)
    .map((w) => ({ slug: w.slug, title: w.shortTitle ?? w.titleZh, versions: w.versions.map((v) => v.versionDate) }));
  const noOverrides: OverrideRef[] = [];
  if (!q.work) return json({ works, query: q, comparison: null, isAdmin, overrides: noOverrides });

  try {
    const wv = await getWorkVersions(q.work);
    if (wv.versions.length < 2) throw new Response("This law has only one version.", { status: 404 });
    if (!q.from || !q.to) {
      const dates = wv.versions.map((v) => v.versionDate);
      const next = new URLSearchParams(url.searchParams);
      next.set("from", q.from ?? dates[dates.length - 2]);
      next.set("to", q.to ?? dates[dates.length - 1]);
      throw redirect(`/compare?${next}`);
    }
    const comparison = await compareVersions(q.work, q.from, q.to, { showTypography: Boolean(q.typo) });
    const overrides: OverrideRef[] = isAdmin
      ? (await listOverrides(comparison.from.id, comparison.to.id)).map((o) => ({
          id: o.id,
          fromKey: o.fromKey,
          toKey: o.toKey,
        }))
      : noOverrides;
    return json({ works, query: q, comparison, isAdmin, overrides });
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
    const from = findVersion(wv.versions, d.from);
    const to = findVersion(wv.versions, d.to);
    await setOverride({
      fromVersionId: from.id,
      toVersionId: to.id,
      fromKey: d.fromKey,
      toKey: d.toKey,
      note: d.note,
      createdBy,
    });
    return json({ ok: true as const, message: "saved" });
  } catch (error) {
    if (error instanceof CompareError) return json({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
}

function Segments({ segments, typo }: { segments: DiffSegment[]; typo?: boolean }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === "insert" ? (
          <ins key={i} className={typo ? "typo" : undefined}>
            {s.text}
          </ins>
        ) : s.kind === "delete" ? (
          <del key={i}>{s.text}</del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function SideCell({
  units,
  segments,
  href,
  t,
}: {
  units: RowUnit[];
  segments: DiffSegment[];
  href: (key: string) => string;
  t: Translate;
}) {
  if (!units.length) return <p className="absent">{t("compare.absent")}</p>;
  const parts = segmentsPerUnit(units, segments);
  return (
    <>
      {units.map((u, i) => (
        <p key={u.key} className="statute-text">
          <a href={href(u.key)} className="unit-head" title={t("compare.permalink", { label: u.label ?? u.key })}>
            {u.head.trimEnd() || u.label || u.key}
          </a>
          {u.head.slice(u.head.trimEnd().length)}
          <Segments segments={parts[i]} />
        </p>
      ))}
    </>
  );
}

/** Same article numbers on both sides: the old label is not a deletion. */
const sameLabels = (r: CompareRow) =>
  r.old.length === r.new.length && r.old.every((u, i) => u.label === r.new[i].label);

function SignalBadge({ s, t }: { s: Signal; t: Translate }) {
  const what = s.change === "changed" ? `${s.before} → ${s.after}` : `${s.change === "added" ? "+" : "−"}${s.after ?? s.before}`;
  return (
    <span className={`badge signal signal-${s.kind}${s.direction ? ` signal-${s.direction}` : ""}`}>
      {t(`compare.signal.${s.kind}`)}: {what}
      {s.direction ? ` (${t(`compare.signal.${s.direction}`)})` : ""}
    </span>
  );
}

function Notes({ row, t, extra }: { row: CompareRow; t: Translate; extra: ReactNode }) {
  const p = row.pair;
  return (
    <div className="row-notes">
      <span className={`badge label label-${p.label}`}>{t(`compare.label.${p.label}`)}</span>
      {p.label !== "renumbered" && p.renumbered ? <span className="badge flag">{t("compare.flag.renumbered")}</span> : null}
      {p.label !== "moved" && p.moved ? <span className="badge flag">{t("compare.flag.moved")}</span> : null}
      {p.manual ? <span className="badge manual">{t("compare.manual")}</span> : null}
      {p.from.length && p.to.length && p.label !== "unchanged" ? (
        <span className="score">{t("compare.score", { score: Math.round(p.score * 100) })}</span>
      ) : null}
      {row.signals.map((s, i) => (
        <SignalBadge key={i} s={s} t={t} />
      ))}
      {extra}
    </div>
  );
}

function ExportLink({ href, label, busyLabel }: { href: string; label: string; busyLabel: string }) {
  const [busy, setBusy] = useState(false);
  const onClick = async (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const res = await fetch(href);
      if (!res.ok) throw new Error(await res.text());
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "redline-export";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      window.location.href = href;
    } finally {
      setBusy(false);
    }
  };
  return (
    <a href={href} className="button export" onClick={onClick} aria-busy={busy} data-busy={busy ? "true" : undefined}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" /> {busyLabel}
        </>
      ) : (
        label
      )}
    </a>
  );
}

export default function ComparePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const { works, query, comparison, isAdmin, overrides } = data;
  const [current, setCurrent] = useState(-1);
  const tableRef = useRef<HTMLDivElement>(null);

  const selectedWork = works.find((w) => w.slug === query.work);
  const rows = comparison
    ? comparison.rows.filter(
        (r) =>
          (!query.changesOnly || r.changed) &&
          (!query.type || r.pair.label === query.type) &&
          (!query.chapter || r.chapterLabel === query.chapter),
      )
    : [];
  const changeIds = rows.filter((r) => r.changed).map((r) => r.id);

  const go = useCallback(
    (delta: number) => {
      if (!changeIds.length) return;
      const next = current < 0 ? (delta > 0 ? 0 : changeIds.length - 1) : Math.min(changeIds.length - 1, Math.max(0, current + delta));
      setCurrent(next);
      const el = document.getElementById(changeIds[next]);
      el?.focus();
      el?.scrollIntoView({ block: "center" });
    },
    [changeIds, current],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      if (e.key === "j" || e.key === "n") {
        e.preventDefault();
        go(1);
      } else if (e.key === "k" || e.key === "p") {
        e.preventDefault();
        go(-1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go]);

  useEffect(() => setCurrent(-1), [comparison?.from.id, comparison?.to.id, query.type, query.chapter, query.changesOnly]);

  const slug = comparison ? encodeURIComponent(comparison.work.slug) : "";
  const oldHref = (key: string) => `/works/${slug}/${comparison?.from.versionDate}#${key}`;
  const newHref = (key: string) => `/works/${slug}/${comparison?.to.versionDate}#${key}`;
  const historyHref = (r: CompareRow) =>
    r.new.length
      ? `/works/${slug}/history/${r.new[0].key}?from=${comparison?.to.versionDate}`
      : `/works/${slug}/history/${r.old[0].key}?from=${comparison?.from.versionDate}`;
  const filterHref = (type: PairLabel | null) => {
    const p = new URLSearchParams();
    if (!comparison) return "/compare";
    p.set("work", comparison.work.slug);
    p.set("from", comparison.from.versionDate);
    p.set("to", comparison.to.versionDate);
    p.set("view", query.view);
    if (type) p.set("type", type);
    if (type === "unchanged") p.append("changes", "all");
    if (query.typo) p.set("typo", "1");
    return `/compare?${p}`;
  };
  const exportHref = (format: string) =>
    comparison
      ? `/compare/export?${new URLSearchParams({ work: comparison.work.slug, from: comparison.from.versionDate, to: comparison.to.versionDate, format, ...(query.typo ? { typo: "1" } : {}) })}`
      : "#";
  const chapters = comparison ? [...new Set(comparison.rows.map((r) => r.chapterLabel).filter(Boolean))] : [];
  const overridesFor = (r: CompareRow) =>
    overrides.filter((o) => (o.fromKey !== null && r.pair.from.includes(o.fromKey)) || (o.toKey !== null && r.pair.to.includes(o.toKey)));

  const overrideForm = (r: CompareRow) =>
    isAdmin && comparison ? (
      <details className="override">
        <summary>{t("compare.override.title")}</summary>
        <Form method="post" className="override-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="work" value={comparison.work.slug} />
          <input type="hidden" name="from" value={comparison.from.versionDate} />
          <input type="hidden" name="to" value={comparison.to.versionDate} />
          <label>
            {t("compare.override.old")}
            <input name="fromKey" defaultValue={r.pair.from[0] ?? ""} />
          </label>
          <label>
            {t("compare.override.new")}
            <input name="toKey" defaultValue={r.pair.to[0] ?? ""} />
          </label>
          <label>
            {t("compare.override.note")}
            <input name="note" />
          </label>
          <button type="submit">{t("compare.override.save")}</button>
        </Form>
        {overridesFor(r).map((o) => (
          <Form method="post" key={o.id}>
            <CsrfInput />
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="id" value={o.id} />
            <button type="submit">
              {t("compare.override.remove")} ({o.fromKey ?? "—"} → {o.toKey ?? "—"})
            </button>
          </Form>
        ))}
      </details>
    ) : null;

  return (
    <div className="compare-page">
      <h1>{comparison ? t("compare.pageTitle", { title: comparison.work.titleZh, from: comparison.from.versionDate, to: comparison.to.versionDate }) : t("compare.title")}</h1>
      <p className="intro">{t("compare.intro")}</p>

      <Form method="get" className="compare-choose" onChange={(e) => submit(e.currentTarget)}>
        <label>
          {t("compare.work")}
          <select name="work" defaultValue={query.work ?? ""} key={query.work ?? ""}>
            <option value="">—</option>
            {works.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.title}
              </option>
            ))}
          </select>
        </label>
        {selectedWork && comparison ? (
          <>
            <ValueSelect name="from" label={t("compare.from")} values={selectedWork.versions} value={comparison.from.versionDate} />
            <ValueSelect name="to" label={t("compare.to")} values={selectedWork.versions} value={comparison.to.versionDate} />
            <fieldset className="view-switch">
              <legend>{t("compare.view")}</legend>
              <label>
                <input type="radio" name="view" value="side" defaultChecked={query.view === "side"} /> {t("compare.view.side")}
              </label>
              <label>
                <input type="radio" name="view" value="inline" defaultChecked={query.view === "inline"} /> {t("compare.view.inline")}
              </label>
            </fieldset>
            <label>
              {t("compare.filterLabel")}
              <select name="type" defaultValue={query.type ?? ""} key={`ty${query.type ?? ""}`}>
                <option value="">{t("compare.filterAll")}</option>
                {PAIR_LABELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`compare.label.${l}`)} ({comparison.counts[l]})
                  </option>
                ))}
              </select>
            </label>
            <ValueSelect
              name="chapter"
              label={t("compare.chapter")}
              values={chapters}
              value={query.chapter ?? ""}
              allLabel={t("compare.chapterAll")}
            />
            <input type="hidden" name="changes" value="all" />
            <label className="check">
              <input type="checkbox" name="changes" value="only" defaultChecked={query.changesOnly} key={`c${query.changesOnly}`} />{" "}
              {t("compare.changesOnly")}
            </label>
            <label className="check">
              <input type="checkbox" name="typo" value="1" defaultChecked={Boolean(query.typo)} key={`typo${query.typo}`} /> {t("compare.typography")}
            </label>
          </>
        ) : null}
        <noscript>
          <button type="submit">{t("compare.submit")}</button>
        </noscript>
      </Form>

      {!works.length ? <p>{t("compare.noWorks")}</p> : !comparison ? <p>{t("compare.chooseWork")}</p> : null}

      {comparison ? (
        <>
          <section aria-labelledby="summary-h" className="compare-summary">
            <h2 id="summary-h">{t("compare.summary")}</h2>
            <ul className="counts">
              {PAIR_LABELS.map((l) => (
                <li key={l} className={`count label-${l}`}>
                  <Link to={filterHref(l)} aria-current={query.type === l ? "true" : undefined} data-label={l}>
                    <span className="n">{comparison.counts[l]}</span> {t(`compare.label.${l}`)}
                  </Link>
                </li>
              ))}
            </ul>
            {comparison.alsoRenumbered || comparison.alsoMoved ? (
              <p className="also" data-testid="summary-also">
                {t("compare.summary.also", { renumbered: comparison.alsoRenumbered, moved: comparison.alsoMoved })}
              </p>
            ) : null}
          </section>

          <div className="compare-tools">
            <div className="nav-changes">
              <button type="button" onClick={() => go(-1)} disabled={!changeIds.length}>
                ↑ {t("compare.prev")}
              </button>
              <button type="button" onClick={() => go(1)} disabled={!changeIds.length}>
                ↓ {t("compare.next")}
              </button>
              <span className="hint" aria-live="polite">
                {current >= 0 ? `${t("compare.position", { n: current + 1, total: changeIds.length })} · ` : null}
                {t("compare.keysHint")}
              </span>
            </div>
            <div className="exports" role="group" aria-label={t("compare.export")}>
              <span>{t("compare.export")}:</span>
              {(["docx", "csv", "md"] as const).map((f) => (
                <ExportLink key={f} href={exportHref(f)} label={t(`compare.export.${f}`)} busyLabel={t("compare.exporting")} />
              ))}
            </div>
          </div>

          {actionData ? (
            <p className={actionData.ok ? "notice" : "warning"} role="status">
              {actionData.ok ? t(actionData.message === "removed" ? "compare.override.removed" : "compare.override.saved") : actionData.message}
            </p>
          ) : null}

          <p className="shown" aria-live="polite">
            {t("compare.shown", { n: rows.length, total: comparison.rows.length })}
            {navigation.state === "loading" ? " …" : ""}
          </p>
          {!rows.length ? <p>{t("compare.none")}</p> : null}

          <div ref={tableRef} className={`compare-table view-${query.view}`} role="table" aria-label={t("compare.title")}>
            {query.view === "side" ? (
              <div className="compare-head" role="row">
                <div role="columnheader">
                  {t("compare.old")}（{comparison.from.versionDate}）
                </div>
                <div role="columnheader">
                  {t("compare.new")}（{comparison.to.versionDate}）
                </div>
                <div role="columnheader">{t("compare.notes")}</div>
              </div>
            ) : null}
            {rows.map((r, i) => {
              const extra = (
                <div className="row-links">
                  <Link to={historyHref(r)}>{t("compare.history")}</Link>
                  {overrideForm(r)}
                </div>
              );
              const isCurrent = current >= 0 && changeIds[current] === r.id;
              return query.view === "side" ? (
                <div
                  key={r.id}
                  id={r.id}
                  role="row"
                  tabIndex={-1}
                  data-label={r.pair.label}
                  data-changed={r.changed ? "true" : "false"}
                  className={`compare-row label-${r.pair.label}${isCurrent ? " current" : ""}${i % 2 ? " odd" : ""}`}
                >
                  <div role="cell" className="side old">
                    <SideCell units={r.old} segments={oldSide(r.segments)} href={oldHref} t={t} />
                  </div>
                  <div role="cell" className="side new">
                    <SideCell units={r.new} segments={newSide(r.segments)} href={newHref} t={t} />
                  </div>
                  <div role="cell" className="notes">
                    <Notes row={r} t={t} extra={extra} />
                  </div>
                </div>
              ) : (
                <div
                  key={r.id}
                  id={r.id}
                  role="row"
                  tabIndex={-1}
                  data-label={r.pair.label}
                  data-changed={r.changed ? "true" : "false"}
                  className={`compare-row inline label-${r.pair.label}${isCurrent ? " current" : ""}`}
                >
                  <div role="cell" className="side inline">
                    <p className="inline-heads">
                      {sameLabels(r)
                        ? null
                        : r.old.map((u, i) => (
                            <span key={u.key}>
                              {i ? " + " : null}
                              <a href={oldHref(u.key)}>
                                <del>{u.label ?? u.key}</del>
                              </a>
                            </span>
                          ))}
                      {r.old.length && r.new.length && !sameLabels(r) ? " → " : null}
                      {r.new.map((u, i) => (
                        <span key={u.key}>
                          {i ? " + " : null}
                          <a href={newHref(u.key)}>{u.label ?? u.key}</a>
                        </span>
                      ))}
                    </p>
                    <p className="statute-text">
                      <Segments segments={r.segments} />
                    </p>
                  </div>
                  <div role="cell" className="notes">
                    <Notes row={r} t={t} extra={extra} />
                  </div>
                </div>
              );
            })}
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * A select of plain values shown as themselves (version dates, chapter headings), with an optional
 * "all" choice (value ""); keyed by its value so a navigation resets it.
 */
function ValueSelect(props: { name: string; label: string; values: string[]; value: string; allLabel?: string }) {
  const { name, label, values, value, allLabel } = props;
  return (
    <label>
      {label}
      <select name={name} defaultValue={value} key={`${name}${value}`}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
