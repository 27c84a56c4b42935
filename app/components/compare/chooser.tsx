import { Form, useSubmit } from "@remix-run/react";
import type { Translate } from "~/i18n/i18n";
import type { ComparableWork, ComparisonPage } from "~/lib/compare/compare.server";
import type { CompareQuery } from "~/lib/compare/query";
import { ROW_FLAGS, ROW_KINDS } from "~/lib/compare/row-kinds";
import { chapterOptionLabel } from "./summary";
import { plainOptions, ValueSelect } from "./value-select";

/** The law, the two versions, the view and the filters; every change navigates (a GET form). */
export function CompareChooser(props: {
  works: ComparableWork[];
  query: CompareQuery;
  page: ComparisonPage | null;
  t: Translate;
}) {
  const { works, query, page, t } = props;
  const submit = useSubmit();
  const work = works.find((w) => w.slug === query.work);
  return (
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
      {work && query.from && query.to ? (
        <>
          <ValueSelect name="from" label={t("compare.from")} options={plainOptions(work.versions)} value={query.from} />
          <ValueSelect name="to" label={t("compare.to")} options={plainOptions(work.versions)} value={query.to} />
        </>
      ) : null}
      {page ? (
        <>
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
              <optgroup label={t("compare.filterKinds")}>
                {ROW_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`compare.kind.${k}`)} ({page.summary.kinds[k]})
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("compare.filterFlags")}>
                {ROW_FLAGS.map((f) => (
                  <option key={f} value={f}>
                    {t(`compare.flag.${f}`)} ({page.summary.flags[f]})
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <ValueSelect
            name="chapter"
            label={t("compare.chapter")}
            options={page.chapters.map((c) => ({ value: c.key, label: chapterOptionLabel(c, t) }))}
            value={query.chapter ?? ""}
            allLabel={t("compare.chapterAll")}
          />
          <input type="hidden" name="changes" value="all" />
          <label className="check">
            <input type="checkbox" name="changes" value="only" defaultChecked={query.changesOnly} key={`c${query.changesOnly}`} />{" "}
            {t("compare.changesOnly")}
          </label>
          <label className="check">
            <input type="checkbox" name="typo" value="1" defaultChecked={Boolean(query.typo)} key={`typo${query.typo}`} />{" "}
            {t("compare.typography")}
          </label>
        </>
      ) : null}
      <noscript>
        <button type="submit">{t("compare.submit")}</button>
      </noscript>
    </Form>
  );
}
