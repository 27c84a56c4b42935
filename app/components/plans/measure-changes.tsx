/** The plan comparison's list: one entry per measure change, agency changes shown as their own signal. */
import { Link } from "@remix-run/react";
import type { Translate } from "~/i18n/i18n";
import type { MeasureAgencies } from "~/lib/corpus/parser/agencies";
import type { MeasureChange, PlanMeasure } from "~/lib/plans/compare-plans";

export const changeId = (c: MeasureChange) => `m-${c.old?.key ?? ""}--${c.new?.key ?? ""}`;

function Names({ names, other, mark, t }: { names: string[]; other: string[]; mark: "del" | "ins"; t: Translate }) {
  if (!names.length) return <span className="nobody">{t("plans.compare.nobody")}</span>;
  return (
    <>
      {names.map((n, i) => {
        const Tag = other.includes(n) ? "span" : mark;
        return (
          <span key={n}>
            {i ? "、" : null}
            <Tag>{n}</Tag>
          </span>
        );
      })}
    </>
  );
}

/** 牵头：甲部 → 甲部、乙部 (names that left struck through, names that joined underlined). */
function AgencyChange({ before, after, t }: { before: MeasureAgencies | null; after: MeasureAgencies | null; t: Translate }) {
  const roles = [
    ["lead", before?.lead ?? [], after?.lead ?? []],
    ["supporting", before?.supporting ?? [], after?.supporting ?? []],
  ] as const;
  return (
    <div className="agency-change" data-testid="agency-change">
      <strong>{t("plans.compare.kind.agencies")}</strong>
      <dl>
        {roles.map(([role, was, now]) => {
          const same = was.length === now.length && was.every((n) => now.includes(n));
          return (
            <div key={role} className={same ? "role same" : "role changed"} data-role={role}>
              <dt>{t(`plans.compare.${role}`)}</dt>
              <dd>
                {same ? (
                  <>
                    <Names names={now} other={now} mark="ins" t={t} /> <span className="unchanged">（{t("plans.compare.unchangedRole")}）</span>
                  </>
                ) : (
                  <>
                    <span className="before">
                      <Names names={was} other={now} mark="del" t={t} />
                    </span>
                    {" → "}
                    <span className="after">
                      <Names names={now} other={was} mark="ins" t={t} />
                    </span>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

function Side({ measure, side, href, t }: { measure: PlanMeasure | null; side: "old" | "new"; href: (key: string) => string; t: Translate }) {
  return (
    <div className={`side ${side}`}>
      <span className="side-head">{t(`plans.compare.${side}`)}</span>
      {measure ? (
        <p className="statute-text">
          <Link to={href(measure.key)} aria-label={t("plans.compare.open", { label: measure.label ?? measure.key })} className="measure-label">
            {measure.label ?? measure.key}
          </Link>{" "}
          {measure.label && measure.text.startsWith(measure.label) ? measure.text.slice(measure.label.length) : measure.text}
        </p>
      ) : (
        <p className="absent">{t("plans.compare.absent")}</p>
      )}
    </div>
  );
}

export function MeasureChangeList(props: {
  changes: MeasureChange[];
  currentId: string | null;
  hrefs: { old: (key: string) => string; new: (key: string) => string };
  t: Translate;
}) {
  const { changes, currentId, hrefs, t } = props;
  return (
    <ol className="measure-changes">
      {changes.map((c) => {
        const id = changeId(c);
        return (
          <li
            key={id}
            id={id}
            tabIndex={-1}
            className={`measure-change kind-${c.kind}${c.agencies ? " agencies-changed" : ""}${id === currentId ? " current" : ""}`}
            data-kind={c.kind}
            data-agencies={c.agencies ? "changed" : undefined}
          >
            <p className="change-head">
              <span className={`badge label-${c.kind}`}>{t(`plans.compare.kind.${c.kind}`)}</span>
              {c.agencies ? <span className="badge label-agencies">{t("plans.compare.kind.agencies")}</span> : null}
              {c.old && c.new ? <span className="score">{t("plans.compare.similarity", { score: Math.round(c.similarity * 100) })}</span> : null}
            </p>
            <div className="sides">
              <Side measure={c.old} side="old" href={hrefs.old} t={t} />
              <Side measure={c.new} side="new" href={hrefs.new} t={t} />
            </div>
            {c.agencies ? <AgencyChange before={c.agencies.before} after={c.agencies.after} t={t} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
