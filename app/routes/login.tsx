import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import {
  AccountDisabledError,
  clientIp,
  InvalidCredentialsError,
  LoginThrottledError,
  verifyLogin,
} from "~/lib/auth/login.server";
import { safeRedirectTo } from "~/lib/auth/redirect";
import { createUserSession, getUser, requireCsrf } from "~/lib/auth/session.server";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: "登录 Log in · Redline" }];

/** Never send a user back to the login page itself (the header's login link carries it). */
function afterLogin(value: unknown): string {
  const to = safeRedirectTo(value);
  return to === "/login" || to.startsWith("/login?") || to.startsWith("/logout") ? "/" : to;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = afterLogin(url.searchParams.get("redirectTo"));
  if (await getUser(request)) throw redirect(redirectTo);
  return json({ redirectTo, signedOutAll: url.searchParams.get("signedOut") === "all" });
}

const LoginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "auth.error.emailRequired")
    .max(320, "auth.error.emailInvalid")
    .regex(/^[^\s@]+@[^\s@]+$/, "auth.error.emailInvalid"),
  password: z.string().min(1, "auth.error.passwordRequired").max(1024, "auth.error.invalidCredentials"),
  redirectTo: z.string().optional(),
});

type Message = { key: string; params?: Record<string, string | number> };
type LoginErrors = { email?: Message; password?: Message; form?: Message };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  requireCsrf(request, form, null);
  const raw = {
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    redirectTo: String(form.get("redirectTo") ?? ""),
  };
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: LoginErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "password") && !errors[field])
        errors[field] = { key: issue.message, params: { value: raw.email } };
    }
    return json({ errors, email: raw.email }, { status: 400 });
  }
  const { email, password } = parsed.data;
  try {
    const user = await verifyLogin({ email, password, ip: clientIp(context) });
    return createUserSession(user.id, request, afterLogin(parsed.data.redirectTo));
  } catch (error) {
    if (error instanceof LoginThrottledError) {
      const minutes = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 60_000));
      return json(
        { errors: { form: { key: "auth.error.throttled", params: { minutes } } } as LoginErrors, email },
        { status: 429, headers: { "Retry-After": String(minutes * 60) } }
      );
    }
    if (error instanceof InvalidCredentialsError)
      return json(
        { errors: { form: { key: "auth.error.invalidCredentials" } } as LoginErrors, email },
        { status: 401 }
      );
    if (error instanceof AccountDisabledError)
      return json({ errors: { form: { key: "auth.error.disabled" } } as LoginErrors, email }, { status: 403 });
    throw error;
  }
}

export default function LoginPage() {
  const { redirectTo, signedOutAll } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors: LoginErrors = actionData?.errors ?? {};
  const summaryRef = useRef<HTMLDivElement>(null);
  const messages = [errors.form, errors.email, errors.password].filter((m): m is Message => Boolean(m));
  useEffect(() => {
    if (actionData) summaryRef.current?.focus();
  }, [actionData]);
  return (
    <div className="auth-page">
      <h1>{t("auth.login.title")}</h1>
      <p className="auth-intro">{t("auth.login.intro")}</p>
      {signedOutAll ? (
        <p className="notice" role="status">
          {t("auth.login.signedOutAll")}
        </p>
      ) : null}
      {messages.length ? (
        <div className="auth-error" role="alert" tabIndex={-1} ref={summaryRef} id="login-errors">
          <p>{t("auth.login.errorSummary")}</p>
          <ul>
            {messages.map((m) => (
              <li key={m.key}>{t(m.key, m.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="auth-form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor="login-email">{t("auth.login.email")}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            autoFocus={!actionData}
            aria-required="true"
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "login-email-error" : undefined}
            defaultValue={actionData?.email ?? ""}
          />
          {errors.email ? (
            <p className="field-error" id="login-email-error">
              {t(errors.email.key, errors.email.params)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="login-password">{t("auth.login.password")}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-required="true"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "login-password-error" : undefined}
          />
          {errors.password ? (
            <p className="field-error" id="login-password-error">
              {t(errors.password.key)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("auth.login.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
