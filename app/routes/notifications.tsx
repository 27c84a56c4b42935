import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";
import { listNotifications, markRead } from "~/lib/notifications/notifications.server";

export const meta: MetaFunction = () => [{ title: "通知 Notifications · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ notifications: await listNotifications(user) });
}

const MarkSchema = z.object({ id: z.coerce.number().int().positive().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const parsed = MarkSchema.safeParse({ id: form.get("id") || undefined });
  if (!parsed.success) throw new Response("Bad Request: field id", { status: 400 });
  await markRead(user, parsed.data.id ?? null);
  return redirect("/notifications");
}

export default function Notifications() {
  const t = useT();
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <div className="rec-page">
      <h1>{t("notifications.heading")}</h1>
      {notifications.some((n) => !n.read) ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit">{t("notifications.markAllRead")}</button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="notifications">
        {notifications.map((n) => (
          <li key={n.id} className={n.read ? "read" : "unread"}>
            {n.read ? null : <strong>{t("notifications.unread")} · </strong>}
            <Link to={n.href}>{t(`notifications.kind.${n.kind}`, { title: n.title, deadline: n.deadline ?? "", state: n.state ?? "" })}</Link>{" "}
            <time dateTime={n.createdAt}>{n.createdAt.slice(0, 10)}</time>
            {n.read ? null : (
              <Form method="post" className="inline">
                <CsrfInput />
                <input type="hidden" name="id" value={n.id} />
                <button type="submit">{t("notifications.markRead")}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
