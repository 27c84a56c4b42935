import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readSubmissionForm, SubmissionFields, type SubmissionValues } from "~/components/recommendations/submission-fields";
import { useT } from "~/i18n/i18n";
import { can } from "~/lib/auth/permissions";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { failure, type ActionFailure } from "~/lib/recommendations/http.server";
import { createSubmission, listSubmissions } from "~/lib/recommendations/submissions.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.read");
  return json({ submissions: await listSubmissions(user), canManage: can(user.role, "submission.manage") });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "submission.manage");
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = readSubmissionForm(form);
  try {
    const { id } = await createSubmission(user, values);
    return redirect(`/submissions/${id}`);
  } catch (error) {
    return failure(request, error, values);
  }
}

export default function Submissions() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<SubmissionValues> | undefined;
  const t = useT();
  return (
    <div className="rec-page rec-wide">
      <h1>{t("recommendations.submissions.heading")}</h1>
      {data.submissions.length ? (
        <table className="rec-table">
          <thead>
            <tr>
              <th scope="col">{t("recommendations.field.title")}</th>
              <th scope="col">{t("recommendations.field.targetBody")}</th>
              <th scope="col">{t("recommendations.field.deadline")}</th>
              <th scope="col">{t("recommendations.field.status")}</th>
              <th scope="col">{t("recommendations.submissions.items")}</th>
            </tr>
          </thead>
          <tbody>
            {data.submissions.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`/submissions/${s.id}`}>{s.title}</a>
                </td>
                <td>{s.targetBody}</td>
                <td>{s.deadline ?? "—"}</td>
                <td>{t(`recommendations.submissionStatus.${s.status}`)}</td>
                <td>{s.itemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("recommendations.submissions.empty")}</p>
      )}
      {data.canManage ? (
        <section aria-labelledby="new-submission">
          <h2 id="new-submission">{t("recommendations.submissions.new")}</h2>
          {failed ? (
            <div className="rec-alert" role="alert">
              {failed.message}
            </div>
          ) : null}
          <Form method="post" className="rec-form" noValidate>
            <CsrfInput />
            <SubmissionFields
              values={
                failed?.values ?? {
                  title: "",
                  targetBody: "",
                  consultationTitle: "",
                  consultationUrl: "",
                  openingDate: "",
                  deadline: "",
                  channel: "online_form",
                }
              }
              fieldErrors={failed?.fieldErrors ?? {}}
            />
            <p>
              <button type="submit">{t("recommendations.submissions.create")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
