import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CreateForm, FieldError, FieldLabel, TextField } from "~/components/form-field";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { createConsultation, listDraftedWorks } from "~/lib/consultations/consultations.server";
import { AUTHORITY_KINDS, REQUIRED_FIELDS } from "~/lib/consultations/schema";
import { DRAFT_STAGES } from "~/lib/corpus/parser/draft-header";
import { failure, type ActionFailure } from "~/lib/recommendations/http.server";
import { CHANNELS } from "~/lib/recommendations/schema";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

const FIELDS = ["title", "authority", "authorityKind", "workSlug", "draftDate", "stage", "url", "openingDate", "deadline", "channel"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "consultation.manage");
  const url = new URL(request.url);
  return json({ works: await listDraftedWorks(), preset: { workSlug: url.searchParams.get("work") ?? "", draftDate: url.searchParams.get("draft") ?? "" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "consultation.manage");
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "")])) as Values;
  try {
    const { id } = await createConsultation(user, values);
    return redirect(`/consultations/${id}`);
  } catch (error) {
    return failure(request, error, values);
  }
}

export default function NewConsultation() {
  const { works, preset } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<Values> | undefined;
  const t = useT();
  const values: Partial<Values> = failed?.values ?? preset;
  const [workSlug, setWorkSlug] = useState(values.workSlug || works[0]?.slug || "");
  const drafts = works.find((w) => w.slug === workSlug)?.drafts ?? [];
  const err = (name: string) => failed?.fieldErrors[name];
  const required = new Set<string>(REQUIRED_FIELDS);
  const label = (name: string) => (
    <FieldLabel htmlFor={`con-${name}`} label={t(`consultations.field.${name}`)} required={required.has(name)} />
  );
  const input = (name: (typeof FIELDS)[number], type = "text") => (
    <TextField
      id={`con-${name}`}
      name={name}
      label={t(`consultations.field.${name}`)}
      type={type}
      defaultValue={values[name] ?? ""}
      required={required.has(name)}
      error={err(name)}
    />
  );
  if (!works.length) {
    return (
      <div className="rec-page">
        <h1>{t("consultations.new")}</h1>
        <p>{t("consultations.noDrafts")}</p>
        <p>
          <Link to="/import">{t("consultations.importDraft")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="rec-page">
      <h1>{t("consultations.new")}</h1>
      <p>{t("consultations.intro")}</p>
      <CreateForm failed={failed} submitLabel={t("consultations.create")}>
        {label("workSlug")}
        <select id="con-workSlug" name="workSlug" value={workSlug} onChange={(e) => setWorkSlug(e.target.value)} required>
          {works.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.titleZh}
            </option>
          ))}
        </select>
        {label("draftDate")}
        <select
          id="con-draftDate"
          name="draftDate"
          defaultValue={values.draftDate ?? ""}
          key={workSlug}
          required
          aria-invalid={err("draftDate") ? true : undefined}
          aria-describedby={err("draftDate") ? "err-con-draftDate" : undefined}
        >
          {drafts.map((d) => (
            <option key={d.versionDate} value={d.versionDate}>
              {d.versionDate} {d.title}
            </option>
          ))}
        </select>
        <FieldError id="err-con-draftDate" message={err("draftDate")} />
        {label("stage")}
        <select id="con-stage" name="stage" defaultValue={values.stage ?? ""}>
          <option value="">{t("consultations.stageAuto")}</option>
          {DRAFT_STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`corpus.draftStage.${s}`)}
            </option>
          ))}
        </select>
        {input("title")}
        {input("authority")}
        {label("authorityKind")}
        <select id="con-authorityKind" name="authorityKind" defaultValue={values.authorityKind || "npcsc"}>
          {AUTHORITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`consultations.authorityKind.${k}`)}
            </option>
          ))}
        </select>
        {input("url", "url")}
        {input("openingDate", "date")}
        {input("deadline", "date")}
        {label("channel")}
        <select id="con-channel" name="channel" defaultValue={values.channel || "online_form"}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`recommendations.channel.${c}`)}
            </option>
          ))}
        </select>
      </CreateForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
