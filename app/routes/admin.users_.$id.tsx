import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordField } from "~/components/new-password-field";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { authErrorMessage, type FormMessage } from "~/lib/auth/form-errors.server";
import { formatMessage } from "~/lib/auth/format-message";
import { MIN_PASSWORD_LENGTH } from "~/lib/auth/password.server";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { ROLES } from "~/lib/auth/types";
import { getUserById, ORGANISATION_MAX_CHARS, resetPassword, updateUser, UserNotFoundError } from "~/lib/auth/users.server";
import { invariantResponse } from "~/lib/http.server";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: "用户 User · Redline" }];

function parseId(raw: string | undefined): number {
  const id = Number(raw);
  invariantResponse(Number.isInteger(id) && id > 0, "Not found", { status: 404 });
  return id;
}

async function loadUser(id: number) {
  try {
    return await getUserById(id);
  } catch (error) {
    if (error instanceof UserNotFoundError) throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "users.manage");
  const user = await loadUser(parseId(params.id));
  return json({
    meId: me.id,
    minLength: MIN_PASSWORD_LENGTH,
    user: { ...user, createdAt: user.createdAt.toISOString(), lastLoginAt: user.lastLoginAt?.toISOString() ?? null },
  });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("update"),
    role: z.enum(ROLES, { error: "auth.error.roleInvalid" }),
    name: z.string().trim().min(1, "auth.error.nameRequired").max(200, "auth.error.tooLong"),
    organisation: z.string().trim().max(ORGANISATION_MAX_CHARS, "auth.error.tooLong").default(""),
  }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("reset-password"), password: z.string().max(1024, "auth.error.tooLong") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "users.manage");
  const form = await request.formData();
  requireCsrf(request, form, me);
  const id = parseId(params.id);
  await loadUser(id);
  const parsed = ActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === "intent") throw new Response("Unknown intent", { status: 400 });
    const fieldKey = issue.path[0] === "name" ? "auth.admin.name" : issue.path[0] === "organisation" ? "auth.admin.organisation" : "auth.admin.newPassword";
    return json({ error: { key: issue.message, params: { max: 200 }, fieldKey } as FormMessage }, { status: 400 });
  }
  const input = parsed.data;
  try {
    if (input.intent === "update") await updateUser(id, { role: input.role, name: input.name, organisation: input.organisation });
    else if (input.intent === "deactivate") await updateUser(id, { active: false });
    else if (input.intent === "reactivate") await updateUser(id, { active: true });
    else await resetPassword(id, input.password);
  } catch (error) {
    const message = authErrorMessage(error, "auth.admin.newPassword");
    if (!message) throw error;
    return json({ error: message }, { status: message.key === "auth.error.lastAdmin" ? 409 : 400 });
  }
  // An admin who just deactivated their own account has no session left: the next page asks them to log in.
  return redirect(`/admin/users/${id}?done=${input.intent}`);
}

export default function AdminUserPage() {
  const { user, meId, minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  return (
    <div className="auth-page">
      <p>
        <Link to="/admin/users">{t("auth.admin.backToUsers")}</Link>
      </p>
      <h1>
        {t("auth.admin.userTitle", { email: user.email })} {user.id === meId ? t("auth.admin.you") : null}
      </h1>
      <p>
        <span className={user.active ? "badge" : "badge inactive"}>
          {user.active ? t("auth.admin.active") : t("auth.admin.inactive")}
        </span>
      </p>
      {done ? (
        <p className="notice" role="status">
          {done === "reset-password" ? t("auth.admin.resetDone") : t("auth.admin.saved")}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="auth-error" role="alert">
          {formatMessage(t, actionData.error)}
        </p>
      ) : null}

      <Form method="post" className="auth-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="update" />
        <div className="field">
          <label htmlFor="user-name">{t("auth.admin.name")}</label>
          <input id="user-name" name="name" type="text" required defaultValue={user.name} />
        </div>
        <div className="field">
          <label htmlFor="user-organisation">{t("auth.admin.organisation")}</label>
          <input
            id="user-organisation"
            name="organisation"
            type="text"
            maxLength={ORGANISATION_MAX_CHARS}
            defaultValue={user.organisation ?? ""}
            aria-describedby="user-organisation-hint"
          />
          <p id="user-organisation-hint" className="field-hint">
            {t("auth.admin.organisationHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("auth.admin.role")}</label>
          <select id="user-role" name="role" defaultValue={user.role}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`auth.role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.admin.saveRole")}
        </button>
      </Form>

      <section className="auth-section" aria-labelledby="user-status">
        <h2 id="user-status">{t("auth.admin.status")}</h2>
        <Form method="post">
          <CsrfInput />
          {user.active ? (
            <>
              <p className="field-hint">{t("auth.admin.deactivateHint")}</p>
              <button type="submit" name="intent" value="deactivate" className="danger" disabled={busy}>
                {t("auth.admin.deactivate")}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="reactivate" disabled={busy}>
              {t("auth.admin.reactivate")}
            </button>
          )}
        </Form>
      </section>

      <section className="auth-section" aria-labelledby="reset-password">
        <h2 id="reset-password">{t("auth.admin.resetPassword")}</h2>
        <Form method="post" className="auth-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="reset-password" />
          <NewPasswordField
            id="reset-new-password"
            name="password"
            label={t("auth.admin.newPassword")}
            minLength={minLength}
            required
          />
          <button type="submit" disabled={busy}>
            {t("auth.admin.resetPassword")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
