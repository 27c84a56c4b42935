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
import { createUser, listUsers } from "~/lib/auth/users.server";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: "用户管理 Users · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "users.manage");
  const users = await listUsers();
  return json({
    meId: me.id,
    minLength: MIN_PASSWORD_LENGTH,
    users: users.map((u) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    })),
  });
}

const CreateUserSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "auth.error.emailRequired")
    .max(320, "auth.error.emailInvalid")
    .email("auth.error.emailInvalid"),
  name: z.string().trim().max(200, "auth.error.tooLong"),
  role: z.enum(ROLES, { error: "auth.error.roleInvalid" }),
  password: z.string().max(1024, "auth.error.tooLong"),
});
type Field = "email" | "name" | "role" | "password";
const FIELD_LABEL: Record<Field, string> = {
  email: "auth.admin.email",
  name: "auth.admin.name",
  role: "auth.admin.role",
  password: "auth.admin.initialPassword",
};

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "users.manage");
  const form = await request.formData();
  requireCsrf(request, form, me);
  if (form.get("intent") !== "create") throw new Response("Unknown intent", { status: 400 });
  const raw = {
    email: String(form.get("email") ?? ""),
    name: String(form.get("name") ?? ""),
    role: String(form.get("role") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const parsed = CreateUserSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Partial<Record<Field, FormMessage>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      errors[field] ??= {
        key: issue.message,
        params: { value: raw.email, max: field === "name" ? 200 : 1024 },
        fieldKey: FIELD_LABEL[field],
      };
    }
    return json({ errors, values: { ...raw, password: "" } }, { status: 400 });
  }
  try {
    const created = await createUser(parsed.data);
    return redirect(`/admin/users?${new URLSearchParams({ created: created.email })}`);
  } catch (error) {
    const message = authErrorMessage(error, FIELD_LABEL.password);
    if (!message) throw error;
    const field: Field = message.key === "auth.error.emailTaken" ? "email" : "password";
    return json(
      { errors: { [field]: message } as Partial<Record<Field, FormMessage>>, values: { ...raw, password: "" } },
      { status: field === "email" ? 409 : 400 }
    );
  }
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The same text on the server and in the browser: formatting with the viewer's time zone or ICU
 * data made hydration fail (the server runs in UTC). The organisation works in Beijing time.
 */
function formatBeijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

export default function AdminUsersPage() {
  const { users, meId, minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const created = params.get("created");
  const date = (iso: string | null) =>
    iso ? <time dateTime={iso}>{formatBeijingTime(iso)}</time> : t("auth.admin.never");
  const fieldProps = (field: Field) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `new-${field}-error` : undefined,
  });
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`new-${field}-error`}>
        {formatMessage(t, errors[field]!)}
      </p>
    ) : null;
  return (
    <div className="auth-page wide">
      <h1>{t("auth.admin.usersTitle")}</h1>
      <p>
        <Link to="/admin/settings">{t("auth.admin.settingsLink")}</Link>
      </p>
      {created ? (
        <p className="notice" role="status">
          {t("auth.admin.created", { email: created })}
        </p>
      ) : null}
      <table className="users-table">
        <thead>
          <tr>
            <th scope="col">{t("auth.admin.email")}</th>
            <th scope="col">{t("auth.admin.name")}</th>
            <th scope="col">{t("auth.admin.role")}</th>
            <th scope="col">{t("auth.admin.status")}</th>
            <th scope="col">{t("auth.admin.lastLogin")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("auth.admin.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.active ? undefined : "inactive"}>
              <td>
                {u.email} {u.id === meId ? t("auth.admin.you") : null}
              </td>
              <td>{u.name}</td>
              <td>{t(`auth.role.${u.role}`)}</td>
              <td>
                <span className={u.active ? "badge" : "badge inactive"}>
                  {u.active ? t("auth.admin.active") : t("auth.admin.inactive")}
                </span>
              </td>
              <td>{date(u.lastLoginAt)}</td>
              <td>
                <Link to={`/admin/users/${u.id}`} aria-label={`${t("auth.admin.edit")} ${u.email}`}>
                  {t("auth.admin.edit")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="auth-section" aria-labelledby="create-user">
        <h2 id="create-user">{t("auth.admin.createUser")}</h2>
        <Form method="post" className="auth-form" noValidate key={created ?? "form"}>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="new-email">{t("auth.admin.email")}</label>
            <input
              id="new-email"
              name="email"
              type="email"
              autoComplete="off"
              aria-required="true"
              defaultValue={values?.email}
              {...fieldProps("email")}
            />
            {fieldError("email")}
          </div>
          <div className="field">
            <label htmlFor="new-name">{t("auth.admin.name")}</label>
            <input
              id="new-name"
              name="name"
              type="text"
              autoComplete="off"
              defaultValue={values?.name}
              {...fieldProps("name")}
            />
            {fieldError("name")}
          </div>
          <div className="field">
            <label htmlFor="new-role">{t("auth.admin.role")}</label>
            <select id="new-role" name="role" defaultValue={values?.role ?? "staff"} {...fieldProps("role")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`auth.role.${role}`)}
                </option>
              ))}
            </select>
            {fieldError("role")}
          </div>
          <NewPasswordField
            id="new-password"
            name="password"
            label={t("auth.admin.initialPassword")}
            minLength={minLength}
            aria-required="true"
            error={fieldError("password")}
          />
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("auth.admin.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
