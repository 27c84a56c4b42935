import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState, type ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { FieldError } from "~/components/form-field";
import { readPreHydrationValue, useHydrated } from "~/components/pre-hydration-value";
import { useLocale, useT } from "~/i18n/i18n";
import { LIMITS } from "~/lib/recommendations/schema";
import type { EditableView } from "~/lib/recommendations/views";
import { PRIORITIES } from "~/lib/recommendations/workflow";
import { Redline } from "./redline";

/** What the form shows: the editable fields of a saved item (EditableView), or of a new one. */
export type FormValues = Pick<EditableView, "title" | "proposedText" | "rationale" | "evidence" | "themes" | "priority" | "sharedWithPartners"> & {
  ownerId?: number;
  quote?: string;
  quoteStart?: string;
};

/**
 * The recommendation form (new and edit). Proposed wording is shown as a live redline against
 * the provision's current text while the person types. On a new recommendation the person may
 * select a span of the provision to quote (or type it).
 */
export function RecommendationForm({
  currentText,
  values,
  themes,
  owners,
  fieldErrors,
  withQuote,
  submitLabel,
  children,
}: {
  currentText: string;
  values: FormValues;
  themes: { slug: string; nameZh: string; nameEn: string }[];
  owners: { id: number; name: string }[];
  fieldErrors: Record<string, string>;
  withQuote: boolean;
  submitLabel: string;
  children?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  // Text typed before hydration seeds the state, so React keeps it instead of resetting the field.
  const [typed] = useState(() => ({
    proposed: readPreHydrationValue(!hydrated, "rec-proposed", values.proposedText),
    quote: readPreHydrationValue(!hydrated, "rec-quote", values.quote ?? ""),
    rationale: readPreHydrationValue(!hydrated, "rec-rationale", values.rationale),
    evidence: readPreHydrationValue(!hydrated, "rec-evidence", values.evidence),
  }));
  const [proposed, setProposed] = useState(typed.proposed);
  const [quote, setQuote] = useState(typed.quote);
  // A quote typed before hydration was not a selection, so its offset is unknown.
  const [quoteStart, setQuoteStart] = useState(typed.quote === (values.quote ?? "") ? (values.quoteStart ?? "") : "");
  const [rationaleLength, setRationaleLength] = useState(typed.rationale.length);
  const sourceRef = useRef<HTMLSpanElement>(null);

  function captureSelection() {
    const selection = window.getSelection();
    const node = sourceRef.current;
    if (!selection || !node || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!node.contains(range.startContainer) || !node.contains(range.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(node);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const text = range.toString();
    if (!text) return;
    setQuote(text);
    setQuoteStart(String(start));
  }

  const err = (f: string) => fieldErrors[f];
  const described = (f: string) => (err(f) ? { "aria-invalid": true, "aria-describedby": `err-${f}` } : {});

  return (
    <Form method="post" className="rec-form" noValidate>
      <CsrfInput />
      {children}
      {withQuote ? (
        <fieldset className="rec-quote-field">
          <legend>{t("recommendations.form.currentText")}</legend>
          <p className="rec-hint">{t("recommendations.form.selectHint")}</p>
          <blockquote className="statute-text rec-source" onMouseUp={captureSelection} onKeyUp={captureSelection}>
            <span ref={sourceRef}>{currentText}</span>
          </blockquote>
          <label htmlFor="rec-quote">{t("recommendations.field.quote")}</label>
          <input
            id="rec-quote"
            name="quote"
            value={quote}
            maxLength={LIMITS.quote}
            onChange={(e) => {
              setQuote(e.target.value);
              setQuoteStart("");
            }}
            {...described("quote")}
          />
          <input type="hidden" name="quoteStart" value={quoteStart} />
          <FieldError id="err-quote" message={err("quote")} />
        </fieldset>
      ) : (
        <details className="rec-current">
          <summary>{t("recommendations.form.currentText")}</summary>
          <blockquote className="statute-text">{currentText}</blockquote>
        </details>
      )}

      <label htmlFor="rec-title">{t("recommendations.field.title")}</label>
      <input id="rec-title" name="title" defaultValue={values.title} required maxLength={LIMITS.title} {...described("title")} />
      <FieldError id="err-title" message={err("title")} />

      <label htmlFor="rec-proposed">{t("recommendations.field.proposedText")}</label>
      <textarea
        id="rec-proposed"
        name="proposedText"
        rows={6}
        value={proposed}
        onChange={(e) => setProposed(e.target.value)}
        className="statute-text"
        {...described("proposedText")}
      />
      <FieldError id="err-proposedText" message={err("proposedText")} />
      <div className="rec-live-redline">
        <p className="rec-hint">{t("recommendations.form.redlineHint")}</p>
        <Redline before={currentText} after={hydrated ? proposed : values.proposedText} />
      </div>

      <label htmlFor="rec-rationale">{t("recommendations.field.rationale")}</label>
      <textarea
        id="rec-rationale"
        name="rationale"
        rows={6}
        defaultValue={typed.rationale}
        onChange={(e) => setRationaleLength(e.target.value.length)}
        {...described("rationale")}
      />
      <p className={hydrated && rationaleLength > LIMITS.rationale ? "rec-field-error" : "rec-hint"}>
        {t("recommendations.form.count", {
          n: hydrated ? rationaleLength : values.rationale.length,
          max: LIMITS.rationale,
        })}
      </p>
      <FieldError id="err-rationale" message={err("rationale")} />

      <label htmlFor="rec-evidence">{t("recommendations.field.evidence")}</label>
      <textarea id="rec-evidence" name="evidence" rows={3} defaultValue={typed.evidence} {...described("evidence")} />
      <p className="rec-hint">{t("recommendations.form.evidenceHint")}</p>
      <FieldError id="err-evidence" message={err("evidence")} />

      <fieldset className="rec-themes">
        <legend>{t("recommendations.field.themes")}</legend>
        {themes.map((th) => (
          <label key={th.slug} className="rec-check">
            <input type="checkbox" name="themes" value={th.slug} defaultChecked={values.themes.includes(th.slug)} />{" "}
            {locale === "en" ? th.nameEn : th.nameZh}
          </label>
        ))}
        <FieldError id="err-themes" message={err("themes")} />
      </fieldset>

      <label htmlFor="rec-priority">{t("recommendations.field.priority")}</label>
      <select id="rec-priority" name="priority" defaultValue={values.priority}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`recommendations.priority.${p}`)}
          </option>
        ))}
      </select>

      {owners.length ? (
        <>
          <label htmlFor="rec-owner">{t("recommendations.field.ownerId")}</label>
          <select id="rec-owner" name="ownerId" defaultValue={values.ownerId ? String(values.ownerId) : undefined}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id="err-ownerId" message={err("ownerId")} />
        </>
      ) : null}

      <label className="rec-check">
        <input type="checkbox" name="sharedWithPartners" defaultChecked={values.sharedWithPartners} />{" "}
        {t("recommendations.field.sharedWithPartners")}
      </label>

      <p>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
