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
  const submitNow = (e: { currentTarget: { form: HTMLFormElement | null } }) => {
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
      <label>
        {t("search.form.work")}{" "}
        <select form={FORM_ID} name="work" defaultValue={params.work ?? ""} onChange={submitNow}>
          <option value="">{t("search.form.anyWork")}</option>
          {options.works.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("search.form.kind")}{" "}
        <select form={FORM_ID} name="kind" defaultValue={params.kind ?? ""} onChange={submitNow}>
          <option value="">{t("search.form.anyKind")}</option>
          {options.kinds.map((k) => (
            <option key={k} value={k}>
              {t(`corpus.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {options.chapters.length > 0 ? (
        <label>
          {t("search.form.chapter")}{" "}
          <select form={FORM_ID} name="chapter" defaultValue={params.chapter ?? ""} onChange={submitNow}>
            <option value="">{t("search.form.anyChapter")}</option>
            {options.chapters.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {options.agencies.length > 0 || params.agency ? <AgencyFilter params={params} agencies={options.agencies} submitNow={submitNow} /> : null}
    </fieldset>
  );
}

/**
 * "Which measures is 民政部 responsible for": an agency named in the plans' closing parentheses, as
 * lead, supporting or either. Picking a name from the list searches at once; a typed one on Enter.
 */
function AgencyFilter(props: {
  params: SearchParams;
  agencies: string[];
  submitNow: (e: { currentTarget: { form: HTMLFormElement | null } }) => void;
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
