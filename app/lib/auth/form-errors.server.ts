import { MIN_PASSWORD_LENGTH, WeakPasswordError, type WeakPasswordCode } from "./password.server";
import { EmailTakenError, InvalidUserInputError, LastAdminError, ORGANISATION_MAX_CHARS, WrongPasswordError } from "./users.server";

/**
 * A message for the page: a catalogue key (app/i18n/messages/auth.ts), its parameters, and the key of
 * the field's label so the text names the field ("New password: at least 10 characters").
 */
export interface FormMessage {
  key: string;
  params?: Record<string, string | number>;
  fieldKey?: string;
}

const WEAK_PASSWORD_KEYS: Record<WeakPasswordCode, string> = {
  blank: "auth.error.passwordBlank",
  "too-short": "auth.error.passwordTooShort",
  "equals-email": "auth.error.passwordEqualsEmail",
  unchanged: "auth.error.passwordUnchanged",
};

/** The user-facing message for an account error, or null when the error is not one of ours. */
export function authErrorMessage(error: unknown, passwordFieldKey: string): FormMessage | null {
  if (error instanceof WeakPasswordError)
    return {
      key: WEAK_PASSWORD_KEYS[error.code],
      params: { min: MIN_PASSWORD_LENGTH },
      fieldKey: passwordFieldKey,
    };
  if (error instanceof EmailTakenError) return { key: "auth.error.emailTaken", params: { email: error.email } };
  if (error instanceof LastAdminError) return { key: "auth.error.lastAdmin" };
  if (error instanceof WrongPasswordError) return { key: "auth.error.currentPasswordWrong" };
  if (error instanceof InvalidUserInputError && error.field === "organisation")
    return { key: "auth.error.tooLong", params: { max: ORGANISATION_MAX_CHARS }, fieldKey: "auth.admin.organisation" };
  if (error instanceof InvalidUserInputError)
    return {
      key:
        error.field === "email"
          ? "auth.error.emailInvalid"
          : error.field === "name"
          ? "auth.error.nameRequired"
          : "auth.error.roleInvalid",
      params: { value: "" },
    };
  return null;
}
