import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Translate } from "~/i18n/i18n";
import type { tableHrefs } from "~/lib/compare/query";
import type { RowView, RowViewUnit } from "~/lib/compare/rows";
import type { Signal } from "~/lib/compare/signals";
import { Segments } from "./segments";

type TableLinks = ReturnType<typeof tableHrefs>;

function SideCell({ units, href, t }: { units: RowViewUnit[]; href: (key: string) => string; t: Translate }) {
  if (!units.length) return <p className="absent">{t("compare.absent")}</p>;
  return (
    <>
      {units.map((u) => (
        <p key={u.key} className="statute-text" data-key={u.key}>
          <a href={href(u.key)} className="unit-head" title={t("compare.permalink", { label: u.label ?? u.key })}>
            {u.head.trimEnd() || u.label || u.key}
          </a>
          {u.head.slice(u.head.trimEnd().length)}
          <Segments segments={u.segments} />
        </p>
      ))}
    </>
  );
}

function SignalBadge({ s, t }: { s: Signal; t: Translate }) {
  const what = s.change === "changed" ? `${s.before} → ${s.after}` : `${s.change === "added" ? "+" : "−"}${s.after ?? s.before}`;
  return (
    <span className={`badge signal signal-${s.kind}${s.direction ? ` signal-${s.direction}` : ""}`}>
      {t(`compare.signal.${s.kind}`)}: {what}
      {s.direction ? ` (${t(`compare.signal.${s.direction}`)})` : ""}
    </span>
  );
}

const labels = (units: RowViewUnit[]) => units.map((u) => u.label ?? u.key).join("、");

/** A group of more than two articles names all of them: a split into three is one row naming three. */
export function groupCaption(row: RowView, t: Translate): string | null {
  if (row.old.length + row.new.length <= 2) return null;
  return t("compare.group", { old: labels(row.old), new: labels(row.new), nOld: row.old.length, nNew: row.new.length });
}

function Notes({ row, t, children }: { row: RowView; t: Translate; children: ReactNode }) {
  const caption = groupCaption(row, t);
  return (
    <div className="row-notes">
      <span className={`badge label label-${row.kind}`}>{t(`compare.kind.${row.kind}`)}</span>
      {row.flags.map((f) => (
        <span key={f} className={`badge ${f === "manual" ? "manual" : "flag"}`}>
          {t(`compare.flag.${f}`)}
        </span>
      ))}
      {row.from.length && row.to.length && row.kind !== "unchanged" ? (
        <span className="score">{t("compare.score", { score: Math.round(row.score * 100) })}</span>
      ) : null}
      {caption ? (
        <p className="group-caption" data-testid="group-caption">
          {caption}
        </p>
      ) : null}
      {row.signals.map((s, i) => (
        <SignalBadge key={i} s={s} t={t} />
      ))}
      <GroupLinks row={row} t={t} />
      {children}
    </div>
  );
}

/** Inside a group: which 款 went where, and what the new text also draws on. */
function GroupLinks({ row, t }: { row: RowView; t: Translate }) {
  if (!row.links.length && !row.alsoDrawsOn.length) return null;
  return (
    <div className="group-links">
      {row.links.length ? (
        <>
          <p className="links-head">{t("compare.links.title")}</p>
          <ul data-testid="paragraph-links">
            {row.links.map((l, i) => (
              <li key={i} data-link-kind={l.kind}>
                {l.from} → {l.to} <span className="link-kind">{t(`compare.linkKind.${l.kind}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {row.alsoDrawsOn.length ? (
        <>
          <p className="links-head">{t("compare.links.also")}</p>
          <ul className="also-draws-on" data-testid="also-draws-on">
            {row.alsoDrawsOn.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Same article numbers on both sides: the old label is not a deletion. */
const sameLabels = (r: RowView) => r.old.length === r.new.length && r.old.every((u, i) => u.label === r.new[i].label);

function InlineHeads({ row, links }: { row: RowView; links: TableLinks }) {
  const same = sameLabels(row);
  return (
    <p className="inline-heads">
      {same
        ? null
        : row.old.map((u, i) => (
            <span key={u.key}>
              {i ? " + " : null}
              <a href={links.oldArticle(u.key)}>
                <del>{u.label ?? u.key}</del>
              </a>
            </span>
          ))}
      {row.old.length && row.new.length && !same ? " → " : null}
      {row.new.map((u, i) => (
        <span key={u.key}>
          {i ? " + " : null}
          <a href={links.newArticle(u.key)}>{u.label ?? u.key}</a>
        </span>
      ))}
    </p>
  );
}

/**
 * The 新旧对照 table: one row per group (every old and every new article of it), side by side or as
 * one redline; each row links to the article history and, for admins, to the correction editor.
 */
export function CompareTable(props: {
  rows: RowView[];
  view: "side" | "inline";
  heads: { old: string; new: string };
  currentId: string | null;
  links: TableLinks;
  editor: (row: RowView) => ReactNode;
  t: Translate;
}) {
  const { rows, view, heads, currentId, links, editor, t } = props;
  return (
    <div className={`compare-table view-${view}`} role="table" aria-label={t("compare.title")}>
      {view === "side" ? (
        <div className="compare-head" role="row">
          <div role="columnheader">{heads.old}</div>
          <div role="columnheader">{heads.new}</div>
          <div role="columnheader">{t("compare.notes")}</div>
        </div>
      ) : null}
      {rows.map((r, i) => {
        const notes = (
          <Notes row={r} t={t}>
            <div className="row-links">
              <Link to={links.history(r)}>{t("compare.history")}</Link>
              {editor(r)}
            </div>
          </Notes>
        );
        return (
          <div
            key={r.id}
            id={r.id}
            role="row"
            tabIndex={-1}
            data-kind={r.kind}
            data-changed={r.changed ? "true" : "false"}
            className={`compare-row label-${r.kind}${view === "inline" ? " inline" : ""}${r.id === currentId ? " current" : ""}${i % 2 ? " odd" : ""}`}
          >
            {view === "side" ? (
              <>
                <div role="cell" className="side old">
                  <SideCell units={r.old} href={links.oldArticle} t={t} />
                </div>
                <div role="cell" className="side new">
                  <SideCell units={r.new} href={links.newArticle} t={t} />
                </div>
              </>
            ) : (
              <div role="cell" className="side inline">
                <InlineHeads row={r} links={links} />
                <p className="statute-text">
                  <Segments segments={r.inline ?? []} />
                </p>
              </div>
            )}
            <div role="cell" className="notes">
              {notes}
            </div>
          </div>
        );
      })}
    </div>
  );
}
