import { Form, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/i18n";
import type { SearchParams } from "~/lib/search/params";
import { MAX_QUERY_LENGTH } from "~/lib/search/types";

/** Search as you type: submit the form a moment after the last keystroke. */
function useDebouncedSubmit(delay = 400) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return (form: HTMLFormElement | null) => {
    if (!form) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true }), delay);
  };
}

export const FORM_ID = "search-form";

/** The query row. The filters live beside the results (form="search-form"), after them in Tab order. */
export function SearchForm({ params }: { params: SearchParams }) {
  const t = useT();
  const debounced = useDebouncedSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <Form method="get" action="/search" id={FORM_ID} ref={formRef} className="search-form" role="search" aria-label={t("search.title")}>
      <div className="search-query">
        <label htmlFor="search-q">{t("search.form.q")}</label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={params.q}
          // The route changes the value when another link (facet, pagination) is followed.
          key={params.q}
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          aria-describedby="search-help"
          onChange={(e) => {
            if (e.currentTarget.value.trim()) debounced(formRef.current);
          }}
        />
        <button type="submit">{t("search.form.submit")}</button>
      </div>
      <p id="search-help" className="search-help">
        {t("search.form.help")}
      </p>
    </Form>
  );
}
