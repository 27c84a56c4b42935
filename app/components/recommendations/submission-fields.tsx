import { TextField } from "~/components/form-field";
import { useT } from "~/i18n/i18n";
import { CHANNELS } from "~/lib/recommendations/schema";

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

/** The consultation's fields, shared by the create and edit forms. Required ones are marked before submitting. */
export function SubmissionFields({ values, fieldErrors }: { values: SubmissionValues; fieldErrors: Record<string, string> }) {
  const t = useT();
  const text = (name: keyof SubmissionValues, type = "text") => (
    <TextField
      id={`sub-${name}`}
      name={name}
      label={t(`recommendations.field.${name}`)}
      type={type}
      defaultValue={values[name] ?? ""}
      required={REQUIRED.has(name)}
      error={fieldErrors[name]}
    />
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
