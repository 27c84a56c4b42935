import { useRouteLoaderData } from "@remix-run/react";

/** The session's CSRF token as a hidden `csrf` field; every mutating form renders one. */
export function CsrfInput() {
  const data = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}
