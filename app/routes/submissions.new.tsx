import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CreateForm } from "~/components/form-field";
import { readSubmissionForm, SubmissionFields, type SubmissionValues } from "~/components/recommendations/submission-fields";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { submissionDefaults } from "~/lib/consultations/consultations.server";
import { failure, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import { createSubmission } from "~/lib/recommendations/submissions.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

const EMPTY: SubmissionValues = {
  title: "",
  targetBody: "",
  consultationTitle: "",
  consultationUrl: "",
  openingDate: "",
  deadline: "",
  channel: "online_form",
};

function consultationParam(value: string | null): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** Its own page (not a form on the list): a refused form stays at /submissions/new, never /submissions?index. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.manage");
  const consultationId = consultationParam(new URL(request.url).searchParams.get("consultation"));
  try {
    const defaults = consultationId ? await submissionDefaults(user, consultationId) : null;
    return json({ consultationId, values: defaults ? { ...EMPTY, ...defaults } : EMPTY });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "submission.manage");
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = readSubmissionForm(form);
  try {
    const { id } = await createSubmission(user, values, consultationParam(String(form.get("consultationId") ?? "")));
    return redirect(`/submissions/${id}`);
  } catch (error) {
    return failure(request, error, values);
  }
}

export default function NewSubmission() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<SubmissionValues> | undefined;
  const t = useT();
  return (
    <div className="rec-page">
      <h1>{t("recommendations.submissions.new")}</h1>
      <CreateForm failed={failed} submitLabel={t("recommendations.submissions.create")}>
        {data.consultationId ? <input type="hidden" name="consultationId" value={data.consultationId} /> : null}
        <SubmissionFields values={failed?.values ?? data.values} fieldErrors={failed?.fieldErrors ?? {}} />
      </CreateForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
