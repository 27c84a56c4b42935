import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldError } from "~/components/form-field";
import { RecommendationForm } from "~/components/recommendations/recommendation-form";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { failure, requestTranslator, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import { createRecommendation } from "~/lib/recommendations/commands.server";
import { getDraftingContext, listAssignableOwners } from "~/lib/recommendations/queries.server";
import { listThemes } from "~/lib/recommendations/themes.server";
import { readRecommendationForm } from "~/lib/recommendations/schema";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

function anchorParams(url: URL) {
  const versionId = Number(url.searchParams.get("version"));
  const key = url.searchParams.get("key") ?? "";
  return { versionId, key };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "recommendation.create");
  const { versionId, key } = anchorParams(new URL(request.url));
  try {
    if (!Number.isInteger(versionId) || versionId <= 0 || !key)
      throw json({ message: requestTranslator(request)("recommendations.new.noAnchor") }, { status: 400 });
    const context = await getDraftingContext(user, versionId, key);
    const [themes, owners] = await Promise.all([listThemes(), listAssignableOwners(user)]);
    return json({ ...context, themes, owners, userId: user.id });
  } catch (error) {
    if (error instanceof Response) throw error;
    throwAsResponse(request, error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "recommendation.create");
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = readRecommendationForm(form);
  const { versionId, key } = anchorParams(new URL(request.url));
  try {
    const { id } = await createRecommendation(
      user,
      { versionId, provisionKey: key, quote: values.quote, quoteStart: values.quoteStart ? Number(values.quoteStart) : undefined },
      values,
    );
    return redirect(`/recommendations/${id}`);
  } catch (error) {
    return failure(request, error, values);
  }
}

export default function NewRecommendation() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<ReturnType<typeof readRecommendationForm>> | undefined;
  const t = useT();
  const { anchor } = data;
  const values = failed?.values ?? {
    title: "",
    proposedText: anchor.text ?? "",
    rationale: "",
    evidence: "",
    themes: [],
    priority: "medium",
    sharedWithPartners: false,
    ownerId: data.userId,
    quote: "",
    quoteStart: "",
  };
  return (
    <div className="rec-page">
      <h1>{t("recommendations.new.heading")}</h1>
      <p>
        {t("recommendations.anchor.on")}{" "}
        <a href={anchor.href}>
          {anchor.workTitle}（{anchor.versionDate}）{anchor.label}
        </a>
      </p>
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}
      <FieldError id="err-form" message={failed?.fieldErrors.versionId ?? failed?.fieldErrors.provisionKey} />
      <RecommendationForm
        currentText={anchor.text ?? ""}
        values={values}
        themes={data.themes}
        owners={data.owners}
        fieldErrors={failed?.fieldErrors ?? {}}
        withQuote
        submitLabel={t("recommendations.new.submit")}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
