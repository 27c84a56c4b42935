/**
 * The header search box with search-as-you-type suggestions (/api/suggest): laws, articles by
 * citation, frequent terms. An ARIA 1.2 combobox with a listbox popup: ArrowDown/ArrowUp move
 * through the options (focus stays in the box, aria-activedescendant names the option), Enter on an
 * option opens it, Enter otherwise runs the full search, Escape closes the list (a second Escape
 * clears the box, as a search input does). Requests are debounced and the previous one aborted; the input is bounded.
 */
import { Form, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/i18n";
import type { Suggestion } from "~/lib/search/suggest";
import { MAX_QUERY_LENGTH } from "~/lib/search/types";

const DEBOUNCE_MS = 150;
const LIST_ID = "header-suggestions";
const optionId = (i: number) => `header-suggestion-${i}`;

export function HeaderSearch() {
  const t = useT();
  const navigate = useNavigate();
  const [value, setValue] = useState("");
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function requestSuggestions(q: string) {
    if (timer.current) clearTimeout(timer.current);
    pending.current?.abort();
    if (!q.trim()) {
      setOptions([]);
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      pending.current = controller;
      try {
        const res = await fetch(`/api/suggest?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = (await res.json()) as { suggestions: Suggestion[] };
        setOptions(body.suggestions);
        setOpen(body.suggestions.length > 0);
        setActive(-1);
      } catch (error) {
        // A newer keystroke aborted this request, or the network is down: the box still searches.
        if ((error as Error).name !== "AbortError") setOptions([]);
      }
    }, DEBOUNCE_MS);
  }

  function choose(s: Suggestion) {
    close();
    if (s.kind === "term") setValue(s.label);
    navigate(s.href);
  }

  const expanded = open && options.length > 0;

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const n = options.length;
    if (e.key === "ArrowDown" && n > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % n);
    } else if (e.key === "ArrowUp" && n > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === "Enter" && open && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape" && expanded) {
      // Only close: the search input's own Escape (clearing the box) is for a second press.
      e.preventDefault();
      close();
    }
  }

  return (
    <Form method="get" action="/search" className="header-search" role="search" onSubmit={close}>
      <label htmlFor="header-q" className="visually-hidden">
        {t("nav.search")}
      </label>
      <div className="header-combobox">
        <input
          id="header-q"
          name="q"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={LIST_ID}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t("search.box.placeholder")}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            requestSuggestions(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <ul id={LIST_ID} role="listbox" aria-label={t("search.box.suggestions")} className="header-suggestions" hidden={!expanded}>
          {options.map((s, i) => (
            <li
              key={`${s.kind}:${s.href}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`suggestion suggestion-${s.kind}`}
              // Keep focus in the box: a click must not blur it (which closes the list) first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s)}
            >
              <span className="suggestion-kind">{t(`search.box.kind.${s.kind}`)}</span>{" "}
              <span className="suggestion-label">{s.label}</span>
              {s.detail ? <span className="suggestion-detail"> {s.detail}</span> : null}
              {s.count ? <span className="suggestion-detail"> {t("search.box.count", { count: s.count })}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <span className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t("search.box.available", { count: options.length }) : ""}
      </span>
      <button type="submit">{t("search.box.submit")}</button>
    </Form>
  );
}
