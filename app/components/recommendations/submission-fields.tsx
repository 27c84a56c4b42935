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

/** The consultation's fields, shared by the create and edit forms. */
export function SubmissionFields({ values, fieldErrors }: { values: SubmissionValues; fieldErrors: Record<string, string> }) {
  const t = useT();
  const text = (name: keyof SubmissionValues, type = "text") => (
    <>
      <label htmlFor={`sub-${name}`}>{t(`recommendations.field.${name}`)}</label>
      <input
        id={`sub-${name}`}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
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
