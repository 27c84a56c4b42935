import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { DaysLeft } from "~/components/consultations/days-left";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { can } from "~/lib/auth/permissions";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { calendarToken, rotateCalendarToken } from "~/lib/consultations/calendar.server";
import { listConsultations } from "~/lib/consultations/consultations.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consultation.read");
  const feedUrl = `${new URL(request.url).origin}/calendar/${await calendarToken(user.id)}`;
  return json({ consultations: await listConsultations(user), canManage: can(user.role, "consultation.manage"), feedUrl });
}

/** Rotating the feed's secret: a leaked URL stops working. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "consultation.read");
  const form = await request.formData();
  requireCsrf(request, form, user);
  await rotateCalendarToken(user.id);
  return redirect("/consultations?rotated=1");
}

export default function Consultations() {
  const { consultations, canManage, feedUrl } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="rec-page rec-wide">
      <h1>{t("consultations.heading")}</h1>
      {canManage ? (
        <p>
          <Link to="/consultations/new">{t("consultations.new")}</Link>
        </p>
      ) : null}
      {consultations.length ? (
        <table className="rec-table">
          <thead>
            <tr>
              <th scope="col">{t("consultations.field.title")}</th>
              <th scope="col">{t("consultations.field.authority")}</th>
              <th scope="col">{t("consultations.field.stage")}</th>
              <th scope="col">{t("consultations.field.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {consultations.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/consultations/${c.id}`}>{c.title}</Link>
                  <div className="hint">{c.workTitle}</div>
                </td>
                <td>{c.authority}</td>
                <td>{c.stage ? t(`corpus.draftStage.${c.stage}`) : "—"}</td>
                <td>
                  {c.deadline ?? "—"} <DaysLeft days={c.daysLeft} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("consultations.empty")}</p>
      )}
      <section aria-labelledby="feed-heading">
        <h2 id="feed-heading">{t("consultations.feed.heading")}</h2>
        <p>{t("consultations.feed.intro")}</p>
        <p>
          <input readOnly value={feedUrl} aria-label={t("consultations.feed.heading")} size={60} data-testid="feed-url" />
        </p>
        <Form method="post">
          <CsrfInput />
          <button type="submit">{t("consultations.feed.rotate")}</button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
