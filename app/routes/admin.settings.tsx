import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { getOrgSettings, ORG_CONTACT_MAX, ORG_NAME_MAX, updateOrgSettings } from "~/lib/auth/settings.server";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: "机构设置 Settings · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings.manage");
  return json({ settings: await getOrgSettings() });
}

/** Where to go on after the settings were offered on the way to an export; only a pack export URL. */
function exportTarget(value: string | null): string | null {
  return value && /^\/submissions\/\d+\/export(\?[\w=&%.-]*)?$/.test(value) ? value : null;
}

const SettingsSchema = z.object({
  name: z.string().max(ORG_NAME_MAX),
  contact: z.string().max(ORG_CONTACT_MAX),
});

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "settings.manage");
  const form = await request.formData();
  requireCsrf(request, form, me);
  const raw = { name: String(form.get("name") ?? ""), contact: String(form.get("contact") ?? "") };
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0].path[0] === "name" ? "name" : "contact";
    return json({ field, max: field === "name" ? ORG_NAME_MAX : ORG_CONTACT_MAX, values: raw }, { status: 400 });
  }
  await updateOrgSettings(parsed.data);
  const target = exportTarget(String(form.get("export") ?? ""));
  return redirect(target ? `/admin/settings?saved=1&export=${encodeURIComponent(target)}` : "/admin/settings?saved=1");
}

export default function AdminSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const values = actionData?.values ?? settings;
  const errorFor = (field: "name" | "contact") =>
    actionData?.field === field
      ? t("auth.error.tooLong", {
          field: t(field === "name" ? "auth.settings.orgName" : "auth.settings.orgContact"),
          max: actionData.max,
        })
      : null;
  return (
    <div className="auth-page">
      <p>
        <Link to="/admin/users">{t("auth.admin.backToUsers")}</Link>
      </p>
      <h1>{t("auth.settings.title")}</h1>
      <p className="auth-intro">{t("auth.settings.intro")}</p>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("auth.settings.saved")}
        </p>
      ) : null}
      {exportTarget(params.get("export")) ? (
        <p className="notice" role="note" data-testid="export-offer">
          {settings.name ? null : `${t("auth.settings.beforeExport")} `}
          {/* A download link: the export is a file, not a page of the app. */}
          <a href={`${exportTarget(params.get("export"))}${exportTarget(params.get("export"))!.includes("?") ? "&" : "?"}blank=1`}>
            {t("auth.settings.continueExport")}
          </a>
        </p>
      ) : null}
      <Form method="post" className="auth-form">
        <CsrfInput />
        {exportTarget(params.get("export")) ? <input type="hidden" name="export" value={exportTarget(params.get("export"))!} /> : null}
        <div className="field">
          <label htmlFor="org-name">{t("auth.settings.orgName")}</label>
          <input
            id="org-name"
            name="name"
            type="text"
            defaultValue={values.name}
            aria-invalid={errorFor("name") ? true : undefined}
            aria-describedby={errorFor("name") ? "org-name-error" : undefined}
          />
          {errorFor("name") ? (
            <p className="field-error" id="org-name-error" role="alert">
              {errorFor("name")}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="org-contact">{t("auth.settings.orgContact")}</label>
          <textarea
            id="org-contact"
            name="contact"
            rows={4}
            defaultValue={values.contact}
            aria-invalid={errorFor("contact") ? true : undefined}
            aria-describedby={errorFor("contact") ? "org-contact-hint org-contact-error" : "org-contact-hint"}
          />
          <p className="field-hint" id="org-contact-hint">
            {t("auth.settings.orgContactHint")}
          </p>
          {errorFor("contact") ? (
            <p className="field-error" id="org-contact-error" role="alert">
              {errorFor("contact")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
