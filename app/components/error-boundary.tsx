import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/**
 * One error boundary for every route. Known statuses get a message a person can act on;
 * raw stack traces never reach the page.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  let message = t("error.generic");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    // The router's own responses (no route for this URL, no action here) carry developer text
    // such as 'Error: No route matches URL "/x"'; only messages written by our routes are shown.
    const internal = (error as { internal?: boolean }).internal === true;
    const detail = internal
      ? undefined
      : typeof error.data === "string"
        ? error.data
        : (error.data?.message as string | undefined);
    if (status === 404) message = detail && detail !== "Not Found" ? detail : t("error.notFound");
    else if (status === 403) message = t("error.forbidden");
    else if (status === 400 || status === 409 || status === 413 || status === 422)
      message = detail ? t("error.badRequest", { message: detail }) : t("error.generic");
  }
  return (
    <div className="error-page" role="alert">
      <h1>
        {t("error.title")} <span className="error-status">({status})</span>
      </h1>
      <p>{message}</p>
      <p>
        <a href="/">{t("common.back")}</a>
      </p>
    </div>
  );
}
