import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InlineForm } from "~/components/form-field";
import { AnchorStateBadge, StatusBadge } from "~/components/recommendations/status";
import { useLocale, useT } from "~/i18n/i18n";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";
import { can } from "~/lib/auth/permissions";
import { failure, type ActionFailure } from "~/lib/recommendations/http.server";
import { listFilterOptions, listRecommendations } from "~/lib/recommendations/queries.server";
import { deleteView, listSavedViews, saveView } from "~/lib/recommendations/saved-views.server";
import { canManageThemes } from "~/lib/recommendations/themes.server";
import type { ListFilters } from "~/lib/recommendations/views";
import { STATUSES } from "~/lib/recommendations/workflow";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Redline" }];

function filtersFrom(url: URL): ListFilters {
  const num = (k: string) => {
    const n = Number(url.searchParams.get(k));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const status = url.searchParams.get("status") ?? undefined;
  return {
    work: url.searchParams.get("work") || undefined,
    theme: url.searchParams.get("theme") || undefined,
    status: status && (STATUSES as readonly string[]).includes(status) ? status : undefined,
    owner: num("owner"),
    submission: num("submission"),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = filtersFrom(new URL(request.url));
  const [items, options, views] = await Promise.all([
    listRecommendations(user, filters),
    listFilterOptions(user),
    listSavedViews(user.id),
  ]);
  return json({
    items,
    options,
    views,
    filters,
    internal: can(user.role, "recommendation.read-internal"),
    canManageThemes: canManageThemes(user.role),
    canDraft: can(user.role, "recommendation.create"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const intent = form.get("intent");
  const name = String(form.get("name") ?? "");
  const query = String(form.get("query") ?? "");
  try {
    if (intent === "save-view") {
      await saveView(user.id, name, query);
      return redirect(`/recommendations?${query.replace(/^\?/, "")}`);
    }
    if (intent === "delete-view") {
      await deleteView(user.id, Number(form.get("id")));
      return redirect("/recommendations");
    }
    throw json({ message: "unknown intent" }, { status: 400 });
  } catch (error) {
    if (error instanceof Response) throw error;
    return failure(request, error, { name, query });
  }
}

export default function RecommendationsList() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure<{ name: string }> | undefined;
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const { options, filters } = data;
  return (
    <div className="rec-page rec-wide">
      <h1>{t("recommendations.list.heading")}</h1>
      {data.canManageThemes ? (
        <p>
          <a href="/recommendations/themes">{t("recommendations.themes.link")}</a>
        </p>
      ) : null}
      <Form method="get" className="rec-filters" aria-label={t("recommendations.list.filters")}>
        <label>
          {t("recommendations.filter.work")}
          <select name="work" defaultValue={filters.work ?? ""}>
            <option value="">{t("recommendations.filter.all")}</option>
            {options.works.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.titleZh}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("recommendations.filter.theme")}
          <select name="theme" defaultValue={filters.theme ?? ""}>
            <option value="">{t("recommendations.filter.all")}</option>
            {options.themes.map((th) => (
              <option key={th.slug} value={th.slug}>
                {locale === "en" ? th.nameEn : th.nameZh}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("recommendations.filter.status")}
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("recommendations.filter.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`recommendations.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {data.internal ? (
          <>
            <label>
              {t("recommendations.filter.owner")}
              <select name="owner" defaultValue={filters.owner ? String(filters.owner) : ""}>
                <option value="">{t("recommendations.filter.all")}</option>
                {options.owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("recommendations.filter.submission")}
              <select name="submission" defaultValue={filters.submission ? String(filters.submission) : ""}>
                <option value="">{t("recommendations.filter.all")}</option>
                {options.submissions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <button type="submit">{t("recommendations.filter.apply")}</button>
      </Form>

      <section className="rec-views" aria-labelledby="views-heading">
        <h2 id="views-heading">{t("recommendations.views.heading")}</h2>
        {data.views.length ? (
          <ul>
            {data.views.map((v) => (
              <li key={v.id}>
                <a href={`/recommendations?${v.query}`}>{v.name}</a>{" "}
                <ActionButton
                  fields={{ intent: "delete-view", id: v.id }}
                  formClassName="rec-inline-form"
                  className="rec-link-button"
                  aria-label={t("recommendations.views.deleteNamed", { name: v.name })}
                >
                  {t("recommendations.views.delete")}
                </ActionButton>
              </li>
            ))}
          </ul>
        ) : (
          <p className="rec-muted">{t("recommendations.views.none")}</p>
        )}
        <InlineForm failed={failed} submitLabel={t("recommendations.views.save")}>
          <input type="hidden" name="intent" value="save-view" />
          <input type="hidden" name="query" value={location.search} />
          <label htmlFor="view-name">{t("recommendations.views.name")}</label>
          <input id="view-name" name="name" defaultValue={failed?.values.name ?? ""} maxLength={100} />
        </InlineForm>
      </section>

      {data.items.length ? (
        <table className="rec-table">
          <thead>
            <tr>
              <th scope="col">{t("recommendations.field.title")}</th>
              <th scope="col">{t("recommendations.anchor.heading")}</th>
              <th scope="col">{t("recommendations.field.status")}</th>
              <th scope="col">{t("recommendations.field.themes")}</th>
              {data.internal ? <th scope="col">{t("recommendations.field.ownerId")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/recommendations/${r.id}`}>{r.title}</a>
                </td>
                <td>
                  {r.anchor.href ? <a href={r.anchor.href}>{`${r.anchor.workTitle} ${r.anchor.versionDate} ${r.anchor.provisionKey}`}</a> : r.anchor.provisionKey}{" "}
                  {r.anchorState ? <AnchorStateBadge state={r.anchorState} /> : null}
                </td>
                <td>
                  <StatusBadge status={r.status} outcome={r.outcome} />
                </td>
                <td>{r.themes.map((th) => (locale === "en" ? th.nameEn : th.nameZh)).join("、")}</td>
                {data.internal ? <td>{r.ownerName}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="rec-empty">
          <p>{t("recommendations.list.empty")}</p>
          {data.canDraft ? (
            <p>
              {t("recommendations.list.howToDraft")} <a href="/works">{t("recommendations.list.openWorks")}</a>
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
