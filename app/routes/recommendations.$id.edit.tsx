import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RecommendationForm } from "~/components/recommendations/recommendation-form";
import { Redline } from "~/components/recommendations/redline";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";
import { failure, idParam, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import { updateRecommendation } from "~/lib/recommendations/commands.server";
import { getEditable, getRecommendation, listAssignableOwners } from "~/lib/recommendations/queries.server";
import { listThemes } from "~/lib/recommendations/themes.server";
import type { EditableView } from "~/lib/recommendations/views";
import { readRecommendationForm } from "~/lib/recommendations/schema";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params.id);
  try {
    const [editable, rec, themes, owners] = await Promise.all([
      getEditable(user, id),
      getRecommendation(user, id),
      listThemes(),
      listAssignableOwners(user),
    ]);
    return json({ editable, anchor: rec.anchor, title: rec.title, themes, owners });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params.id);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const values = readRecommendationForm(form);
  const revision = Number(form.get("revision"));
  try {
    await updateRecommendation(user, id, revision, values);
    return redirect(`/recommendations/${id}`);
  } catch (error) {
    return failure(request, error, { ...values, revision });
  }
}

type EditFailure = ActionFailure<ReturnType<typeof readRecommendationForm> & { revision: number }, EditableView>;

export default function EditRecommendation() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as EditFailure | undefined;
  const t = useT();
  const saved = data.editable;
  const conflict = failed?.status === 409 ? failed.current : undefined;
  const values = failed?.values ?? { ...saved, quote: "", quoteStart: "" };
  // After a conflict the form carries the revision now saved: saving again is a deliberate
  // choice made with both versions on screen.
  const revision = conflict?.revision ?? saved.revision;
  return (
    <div className={conflict ? "rec-page rec-conflict-layout" : "rec-page"}>
      <p>
        <a href={`/recommendations/${saved.id}`}>{t("recommendations.edit.back")}</a>
      </p>
      <h1>{t("recommendations.edit.heading", { title: data.title })}</h1>
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}
      <div className="rec-conflict-columns">
        <div>
          {conflict ? <h2>{t("recommendations.conflict.yours")}</h2> : null}
          <RecommendationForm
            key={revision}
            currentText={data.anchor.text ?? ""}
            values={values}
            themes={data.themes}
            owners={data.owners}
            fieldErrors={failed?.fieldErrors ?? {}}
            withQuote={false}
            submitLabel={t("common.save")}
          >
            <input type="hidden" name="revision" value={revision} />
          </RecommendationForm>
        </div>
        {conflict ? (
          <section className="rec-conflict-current" aria-labelledby="current-heading">
            <h2 id="current-heading">{t("recommendations.conflict.current", { name: conflict.updatedBy ?? "—" })}</h2>
            <dl>
              <dt>{t("recommendations.field.title")}</dt>
              <dd>{conflict.title}</dd>
              <dt>{t("recommendations.field.proposedText")}</dt>
              <dd>
                <Redline before={values.proposedText} after={conflict.proposedText} label={t("recommendations.conflict.diff")} />
              </dd>
              <dt>{t("recommendations.field.rationale")}</dt>
              <dd className="rec-pre">{conflict.rationale}</dd>
              <dt>{t("recommendations.field.evidence")}</dt>
              <dd className="rec-pre">{conflict.evidence}</dd>
            </dl>
          </section>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
