import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { useT } from "~/i18n/i18n";

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="rec-field-error" id={id} role="alert">
      {message}
    </p>
  );
}

/** The label of a field, marked (visibly and for screen readers) when it must be filled in. */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean }) {
  const t = useT();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? (
        <span className="required-mark" title={t("common.required")}>
          {" "}*<span className="visually-hidden">{t("common.required")}</span>
        </span>
      ) : null}
    </label>
  );
}

/** A labelled text-like input with its error below it; the error's id is `err-<id>`, which the input names while it is invalid. */
export function TextField({
  id,
  name,
  label,
  type = "text",
  defaultValue,
  required,
  error,
}: {
  id: string;
  name: string;
  label: string;
  type?: string;
  defaultValue: string;
  required: boolean;
  error?: string;
}) {
  return (
    <>
      <FieldLabel htmlFor={id} label={label} required={required} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `err-${id}` : undefined}
      />
      <FieldError id={`err-${id}`} message={error} />
    </>
  );
}

/**
 * A record's create form on its own page: why the last attempt was refused, the required-fields
 * hint, then the fields. noValidate: the form is sent even with required fields empty, so the
 * server's per-field messages (in the reader's language) answer rather than the browser's.
 */
export function CreateForm({ failed, submitLabel, children }: { failed?: { message: string }; submitLabel: string; children: ReactNode }) {
  const t = useT();
  return (
    <>
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}
      <p className="hint">{t("common.requiredHint")}</p>
      <Form method="post" className="rec-form" noValidate>
        <CsrfInput />
        {children}
        <p>
          <button type="submit">{submitLabel}</button>
        </p>
      </Form>
    </>
  );
}

/** A form on one line (add a draft, save a view): its fields, the button, and why it was refused, beside them. */
export function InlineForm({ failed, submitLabel, children }: { failed?: { message: string }; submitLabel: string; children: ReactNode }) {
  return (
    <Form method="post" className="rec-inline-form">
      <CsrfInput />
      {children}
      <button type="submit">{submitLabel}</button>
      {failed ? (
        <span className="rec-field-error" role="alert">
          {failed.message}
        </span>
      ) : null}
    </Form>
  );
}
