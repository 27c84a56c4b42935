import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { can } from "~/lib/auth/permissions";
import { requirePermission } from "~/lib/auth/session.server";
import { listSubmissions } from "~/lib/recommendations/submissions.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission.read");
  return json({ submissions: await listSubmissions(user), canManage: can(user.role, "submission.manage") });
}

export default function Submissions() {
  const data = useLoaderData<typeof loader>();
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
        <p>
          <Link to="/submissions/new">{t("recommendations.submissions.new")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
