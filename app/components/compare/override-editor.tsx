import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { Translate } from "~/i18n/i18n";
import type { RowView, RowViewUnit } from "~/lib/compare/rows";

export interface OverrideRef {
  id: number;
  fromKey: string | null;
  toKey: string | null;
}

/** An article key field, prefilled with the group's first article and offering all of its articles. */
function KeyField(props: { name: string; label: string; units: RowViewUnit[]; listId: string }) {
  return (
    <>
      <label>
        {props.label}
        <input name={props.name} defaultValue={props.units[0]?.key ?? ""} list={props.listId} />
      </label>
      <datalist id={props.listId}>
        {props.units.map((u) => (
          <option key={u.key} value={u.key}>
            {u.label ?? u.key}
          </option>
        ))}
      </datalist>
    </>
  );
}

export interface OverrideScope {
  work: string;
  from: string;
  to: string;
}

/**
 * Admin correction of one group, article by article: pair an old article with a new one (several
 * pairs with the same old article make a split), or mark one as added / removed; undo a correction.
 */
export function OverrideEditor(props: { row: RowView; scope: OverrideScope; overrides: OverrideRef[]; t: Translate }) {
  const { row, scope, t } = props;
  const mine = props.overrides.filter(
    (o) => (o.fromKey !== null && row.from.includes(o.fromKey)) || (o.toKey !== null && row.to.includes(o.toKey)),
  );
  return (
    <details className="override">
      <summary>{t("compare.override.title")}</summary>
      <Form method="post" className="override-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="set" />
        <input type="hidden" name="work" value={scope.work} />
        <input type="hidden" name="from" value={scope.from} />
        <input type="hidden" name="to" value={scope.to} />
        <KeyField name="fromKey" label={t("compare.override.old")} units={row.old} listId={`${row.id}-old`} />
        <KeyField name="toKey" label={t("compare.override.new")} units={row.new} listId={`${row.id}-new`} />
        <label>
          {t("compare.override.note")}
          <input name="note" />
        </label>
        <button type="submit">{t("compare.override.save")}</button>
      </Form>
      {mine.map((o) => (
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
  );
}
