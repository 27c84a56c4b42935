import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";

/**
 * A form that is one button, as a row's delete is: it posts its hidden fields (the intent, the
 * record, its revision) with the CSRF token. Fields are written in the order given.
 */
export function ActionButton({
  id,
  fields,
  formClassName,
  className,
  "aria-label": ariaLabel,
  children,
}: {
  /** For inputs elsewhere on the page (a table row's cells) to join the form with form="…". */
  id?: string;
  fields: Record<string, string | number>;
  formClassName?: string;
  className?: string;
  "aria-label"?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" id={id} className={formClassName}>
      <CsrfInput />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} aria-label={ariaLabel}>
        {children}
      </button>
    </Form>
  );
}
