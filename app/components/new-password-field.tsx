import type { InputHTMLAttributes, ReactNode } from "react";
import { useT } from "~/i18n/i18n";

/**
 * A password field for setting a password: label, input and the policy hint (minimum length), with an
 * optional error that the input is described by. Used by the account page and the user admin pages.
 */
export function NewPasswordField({
  id,
  name,
  label,
  minLength,
  error,
  ...input
}: {
  id: string;
  name: string;
  label: string;
  minLength: number;
  /** Rendered after the hint; its element must have id `${id}-error`. */
  error?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type" | "minLength">) {
  const t = useT();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete="new-password"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${id}-error` : hintId}
        {...input}
      />
      <p className="field-hint" id={hintId}>
        {t("auth.account.passwordHint", { min: minLength })}
      </p>
      {error}
    </div>
  );
}
