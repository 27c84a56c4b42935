import { useT } from "~/i18n/i18n";
import { CHANNELS } from "~/lib/recommendations/schema";
import { FieldError } from "./recommendation-form";

export interface SubmissionValues {
  title: string;
  targetBody: string;
  consultationTitle: string;
  consultationUrl: string | null;
  openingDate: string | null;
  deadline: string | null;
  channel: string;
}

const REQUIRED = new Set<keyof SubmissionValues>(["title", "targetBody", "consultationTitle"]);

/** The label of a field, marked (visibly and for screen readers) when it must be filled in. */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean }) {
  const t = useT();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? (
        <span className="required-mark" title={t("common.required")}>
          {" "}*<span className="visually-hidden">{t("common.required")}</span>
        </span>
      ) : null}
    </label>
  );
}

/** The consultation's fields, shared by the create and edit forms. Required ones are marked before submitting. */
export function SubmissionFields({ values, fieldErrors }: { values: SubmissionValues; fieldErrors: Record<string, string> }) {
  const t = useT();
  const text = (name: keyof SubmissionValues, type = "text") => (
    <>
      <FieldLabel htmlFor={`sub-${name}`} label={t(`recommendations.field.${name}`)} required={REQUIRED.has(name)} />
      <input
        id={`sub-${name}`}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
        required={REQUIRED.has(name) || undefined}
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `err-sub-${name}` : undefined}
      />
      <FieldError id={`err-sub-${name}`} message={fieldErrors[name]} />
    </>
  );
  return (
    <>
      {text("title")}
      {text("targetBody")}
      {text("consultationTitle")}
      {text("consultationUrl", "url")}
      {text("openingDate", "date")}
      {text("deadline", "date")}
      <label htmlFor="sub-channel">{t("recommendations.field.channel")}</label>
      <select id="sub-channel" name="channel" defaultValue={values.channel}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`recommendations.channel.${c}`)}
          </option>
        ))}
      </select>
    </>
  );
}

export function readSubmissionForm(form: FormData): SubmissionValues {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    title: s("title"),
    targetBody: s("targetBody"),
    consultationTitle: s("consultationTitle"),
    consultationUrl: s("consultationUrl"),
    openingDate: s("openingDate"),
    deadline: s("deadline"),
    channel: s("channel") || "online_form",
  };
}
