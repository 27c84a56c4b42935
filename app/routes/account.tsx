import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordField } from "~/components/new-password-field";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { authErrorMessage, type FormMessage } from "~/lib/auth/form-errors.server";
import { formatMessage } from "~/lib/auth/format-message";
import { MIN_PASSWORD_LENGTH } from "~/lib/auth/password.server";
import { createUserSession, logout, logoutEverywhere, requireCsrf, requireUser } from "~/lib/auth/session.server";
import { changeOwnPassword } from "~/lib/auth/users.server";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: "我的账户 My account · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    user: { email: user.email, name: user.name, role: user.role },
    changed: new URL(request.url).searchParams.get("changed") === "1",
    minLength: MIN_PASSWORD_LENGTH,
  });
}

const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, "auth.error.currentPasswordWrong"),
  newPassword: z.string().max(1024),
  confirmPassword: z.string(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const intent = form.get("intent");
  if (intent === "logout-everywhere") {
    await logoutEverywhere(user.id);
    return logout(request, "/login?signedOut=all");
  }
  if (intent !== "change-password") throw new Response("Unknown intent", { status: 400 });
  const parsed = ChangePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const field = parsed.error.issues[0].path[0];
    const error: FormMessage =
      field === "currentPassword"
        ? { key: "auth.error.currentPasswordWrong" }
        : { key: "auth.error.tooLong", params: { max: 1024 }, fieldKey: "auth.account.newPassword" };
    return json({ error }, { status: 400 });
  }
  const { currentPassword, newPassword, confirmPassword } = parsed.data;
  if (newPassword !== confirmPassword)
    return json({ error: { key: "auth.error.passwordMismatch" } as FormMessage }, { status: 400 });
  try {
    await changeOwnPassword(user.id, currentPassword, newPassword);
  } catch (error) {
    const message = authErrorMessage(error, "auth.account.newPassword");
    if (!message) throw error;
    return json({ error: message }, { status: 400 });
  }
  // Every session (this one included) ended with the change; this browser gets a fresh one.
  return createUserSession(user.id, request, "/account?changed=1");
}

export default function AccountPage() {
  const { user, changed, minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const error = actionData?.error;
  const busy = navigation.state === "submitting";
  return (
    <div className="auth-page">
      <h1>{t("auth.account.title")}</h1>
      <dl>
        <dt>{t("auth.account.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("auth.account.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("auth.account.role")}</dt>
        <dd>{t(`auth.role.${user.role}`)}</dd>
      </dl>

      <section className="auth-section" aria-labelledby="change-password">
        <h2 id="change-password">{t("auth.account.changePassword")}</h2>
        {changed ? (
          <p className="notice" role="status">
            {t("auth.account.passwordChanged")}
          </p>
        ) : null}
        {error ? (
          <p className="auth-error" role="alert" id="password-error">
            {formatMessage(t, error)}
          </p>
        ) : null}
        <Form method="post" className="auth-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="change-password" />
          <div className="field">
            <label htmlFor="current-password">{t("auth.account.currentPassword")}</label>
            <input
              id="current-password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          <NewPasswordField id="new-password" name="newPassword" label={t("auth.account.newPassword")} minLength={minLength} required />
          <div className="field">
            <label htmlFor="confirm-password">{t("auth.account.confirmPassword")}</label>
            <input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t("auth.account.changePassword")}
          </button>
        </Form>
      </section>

      <section className="auth-section" aria-labelledby="logout-everywhere">
        <h2 id="logout-everywhere">{t("auth.account.logoutEverywhere")}</h2>
        <p className="field-hint">{t("auth.account.logoutEverywhereHint")}</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button type="submit" className="danger" disabled={busy}>
            {t("auth.account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
