import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";
import { failure, type ActionFailure } from "~/lib/recommendations/http.server";
import { canManageThemes, deleteTheme, listThemes, saveTheme } from "~/lib/recommendations/themes.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

async function requireThemeManager(request: Request) {
  const user = await requireUser(request);
  if (!canManageThemes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireThemeManager(request);
  return json({ themes: await listThemes() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireThemeManager(request);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = {
    id: form.get("id") ? Number(form.get("id")) : undefined,
    slug: String(form.get("slug") ?? ""),
    nameZh: String(form.get("nameZh") ?? ""),
    nameEn: String(form.get("nameEn") ?? ""),
  };
  try {
    if (form.get("intent") === "delete") await deleteTheme(user, Number(values.id));
    else await saveTheme(user, values);
    return redirect("/recommendations/themes");
  } catch (error) {
    return failure(request, error, values);
  }
}

export default function Themes() {
  const { themes } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<{ id?: number; slug: string; nameZh: string; nameEn: string }> | undefined;
  const t = useT();
  const editingId = failed?.values.id;
  return (
    <div className="rec-page">
      <h1>{t("recommendations.themes.heading")}</h1>
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}
      <table className="rec-table">
        <thead>
          <tr>
            <th scope="col">{t("recommendations.field.slug")}</th>
            <th scope="col">{t("recommendations.field.nameZh")}</th>
            <th scope="col">{t("recommendations.field.nameEn")}</th>
            <th scope="col">{t("recommendations.themes.count")}</th>
            <th scope="col">{t("recommendations.themes.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((th) => {
            const v = editingId === th.id ? failed!.values : th;
            const formId = `theme-${th.id}`;
            return (
              <tr key={th.id}>
                <td>
                  <input form={formId} name="slug" defaultValue={v.slug} aria-label={t("recommendations.field.slug")} />
                </td>
                <td>
                  <input form={formId} name="nameZh" defaultValue={v.nameZh} aria-label={t("recommendations.field.nameZh")} />
                </td>
                <td>
                  <input form={formId} name="nameEn" defaultValue={v.nameEn} aria-label={t("recommendations.field.nameEn")} />
                </td>
                <td>{th.count}</td>
                <td>
                  <ActionButton id={formId} fields={{ id: th.id }} formClassName="rec-inline-form">
                    {t("common.save")}
                  </ActionButton>
                  <ActionButton fields={{ id: th.id, intent: "delete" }} formClassName="rec-inline-form" className="rec-secondary">
                    {t("recommendations.themes.delete")}
                  </ActionButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t("recommendations.themes.new")}</h2>
      <Form method="post" className="rec-form">
        <CsrfInput />
        <label htmlFor="new-slug">{t("recommendations.field.slug")}</label>
        <input id="new-slug" name="slug" defaultValue={editingId ? "" : (failed?.values.slug ?? "")} />
        <label htmlFor="new-zh">{t("recommendations.field.nameZh")}</label>
        <input id="new-zh" name="nameZh" defaultValue={editingId ? "" : (failed?.values.nameZh ?? "")} />
        <label htmlFor="new-en">{t("recommendations.field.nameEn")}</label>
        <input id="new-en" name="nameEn" defaultValue={editingId ? "" : (failed?.values.nameEn ?? "")} />
        <p>
          <button type="submit">{t("recommendations.themes.add")}</button>
        </p>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
