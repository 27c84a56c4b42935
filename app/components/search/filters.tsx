import { useSubmit } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { SearchFilterOptions } from "~/lib/search/options.server";
import type { SearchParams } from "~/lib/search/params";
import { AGENCY_ROLES } from "~/lib/search/types";
import { FORM_ID } from "./search-form";

export function Filters({ params, options }: { params: SearchParams; options: SearchFilterOptions }) {
  const t = useT();
  const submit = useSubmit();
  const status = params.status ?? (params.at ? "asof" : "current");
  const submitNow: SubmitNow = (e) => {
    const form = e.currentTarget.form;
    if (form) submit(form, { replace: true });
  };
  return (
    <fieldset className="search-filters">
      <legend>{t("search.form.filters")}</legend>
      <fieldset className="search-status">
        <legend>{t("search.form.status")}</legend>
        {(["current", "all", "asof"] as const).map((s) => (
          <label key={s}>
            <input type="radio" form={FORM_ID} name="status" value={s} defaultChecked={status === s} onChange={submitNow} /> {t(`search.status.${s}`)}
          </label>
        ))}
        <label className="search-at">
          {t("search.form.at")}{" "}
          <input
            type="date"
            form={FORM_ID}
            name="at"
            defaultValue={params.at ?? ""}
            onChange={(e) => {
              const form = e.currentTarget.form;
              const asof = form?.querySelector<HTMLInputElement>('input[name="status"][value="asof"]') ??
                document.querySelector<HTMLInputElement>(`input[form="${FORM_ID}"][name="status"][value="asof"]`);
              if (asof && e.currentTarget.value) asof.checked = true;
            }}
          />
        </label>
        <button type="submit" form={FORM_ID} className="search-apply">
          {t("search.form.apply")}
        </button>
      </fieldset>
      <FilterSelect
        label={t("search.form.work")}
        name="work"
        value={params.work}
        any={t("search.form.anyWork")}
        choices={options.works.map((w) => ({ value: w.slug, label: w.title }))}
        submitNow={submitNow}
      />
      <FilterSelect
        label={t("search.form.kind")}
        name="kind"
        value={params.kind}
        any={t("search.form.anyKind")}
        choices={options.kinds.map((k) => ({ value: k, label: t(`corpus.kind.${k}`) }))}
        submitNow={submitNow}
      />
      {options.chapters.length > 0 ? (
        <FilterSelect
          label={t("search.form.chapter")}
          name="chapter"
          value={params.chapter}
          any={t("search.form.anyChapter")}
          choices={options.chapters.map((c) => ({ value: c.key, label: c.label }))}
          submitNow={submitNow}
        />
      ) : null}
      {options.agencies.length > 0 || params.agency ? <AgencyFilter params={params} agencies={options.agencies} submitNow={submitNow} /> : null}
    </fieldset>
  );
}

type SubmitNow = (e: { currentTarget: { form: HTMLFormElement | null } }) => void;

/** A filter that is either "any" (empty value) or one of `choices`; choosing one searches at once. */
function FilterSelect(props: {
  label: string;
  name: string;
  value: string | undefined;
  any: string;
  choices: { value: string; label: string }[];
  submitNow: SubmitNow;
}) {
  return (
    <label>
      {props.label}{" "}
      <select form={FORM_ID} name={props.name} defaultValue={props.value ?? ""} onChange={props.submitNow}>
        <option value="">{props.any}</option>
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * "Which measures is 民政部 responsible for": an agency named in the plans' closing parentheses, as
 * lead, supporting or either. Picking a name from the list searches at once; a typed one on Enter.
 */
function AgencyFilter(props: {
  params: SearchParams;
  agencies: string[];
  submitNow: SubmitNow;
}) {
  const { params, agencies, submitNow } = props;
  const t = useT();
  return (
    <fieldset className="search-agency">
      <legend>{t("search.form.agency")}</legend>
      <label>
        {t("search.form.agencyName")}{" "}
        <input
          form={FORM_ID}
          name="agency"
          type="text"
          list="search-agencies"
          defaultValue={params.agency ?? ""}
          key={params.agency ?? ""}
          maxLength={100}
          aria-describedby="search-agency-hint"
          onChange={(e) => {
            if (agencies.includes(e.currentTarget.value)) submitNow(e);
          }}
        />
      </label>
      <datalist id="search-agencies">
        {agencies.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <label>
        {t("search.form.agencyRole")}{" "}
        <select form={FORM_ID} name="role" defaultValue={params.role ?? "any"} key={params.role ?? "any"} onChange={submitNow}>
          {AGENCY_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`search.form.agencyRole.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <p id="search-agency-hint" className="search-help">
        {t("search.form.agencyHint")}
      </p>
    </fieldset>
  );
}
