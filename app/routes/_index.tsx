import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WorksTable } from "~/components/works-table";
import { useT } from "~/i18n/i18n";
import { can } from "~/lib/auth/permissions";
import { getUser } from "~/lib/auth/session.server";
import { corpusIsEmpty, listWorks } from "~/lib/corpus/browse.server";
import { getSyncJob, type SyncJobState } from "~/lib/corpus/sync-job.server";
import { defaultMirror } from "~/lib/corpus/sync.server";
import { getPrisma } from "~/lib/db.server";
import { useRootData } from "~/root";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // While a sync runs, the first-run page (with its progress) stays, even though texts are arriving.
  const job = await getSyncJob();
  if ((await corpusIsEmpty()) || job?.state === "running") {
    const users = await getPrisma().user.count();
    return json({
      firstRun: true as const,
      needsAdmin: users === 0,
      canSync: users === 0 || Boolean(user && can(user.role, "corpus.import")),
      mirror: defaultMirror() !== null,
      job,
      works: [],
    });
  }
  return json({ firstRun: false as const, needsAdmin: false, canSync: false, mirror: false, job: null, works: await listWorks() });
}

/** Starting the sync must not swap the first-run page for the home page under the progress bar. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/corpus/sync" ? false : defaultShouldRevalidate;

function SyncPanel({ mirror, initialJob }: { mirror: boolean; initialJob: SyncJobState | null }) {
  const t = useT();
  const root = useRootData();
  const start = useFetcher<{ job: SyncJobState | null }>();
  const poll = useFetcher<{ job: SyncJobState | null }>();
  const revalidator = useRevalidator();
  const job = poll.data?.job ?? start.data?.job ?? initialJob;
  const running = job?.state === "running" || start.state !== "idle";
  useEffect(() => {
    if (job?.state !== "running") return;
    const timer = setInterval(() => {
      if (poll.state === "idle") poll.load("/corpus/sync");
    }, 600);
    return () => clearInterval(timer);
  }, [job?.state, poll]);
  return (
    <section className="first-run-step" aria-labelledby="sync-title">
      <h2 id="sync-title">{t("corpus.firstRun.syncTitle")}</h2>
      <p>{mirror ? t("corpus.firstRun.syncMirror") : t("corpus.firstRun.syncDownload")}</p>
      <start.Form method="post" action="/corpus/sync">
        <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />
        <button type="submit" className="primary" disabled={running}>
          {t("corpus.firstRun.syncButton")}
        </button>
      </start.Form>
      {job ? (
        <div className="sync-progress" role="status" aria-live="polite">
          <progress max={job.total || 1} value={job.done} aria-label={t("corpus.firstRun.progress")} />
          <p>
            {t("corpus.firstRun.progressText", { done: job.done, total: job.total })}
            {job.current ? ` · ${job.current}` : ""}
          </p>
          <ul className="sync-log">
            {job.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
          {job.state === "done" ? (
            <p>
              {t("corpus.firstRun.syncDone", {
                created: job.summary?.created ?? 0,
                failed: job.summary?.failed.length ?? 0,
              })}{" "}
              <button type="button" onClick={() => revalidator.revalidate()}>
                {t("corpus.firstRun.browse")}
              </button>
            </p>
          ) : null}
          {job.state === "failed" ? (
            <p className="field-error" role="alert">
              {job.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function CreateAdmin() {
  const t = useT();
  const setup = useFetcher<{ field: string | null; error: string }>();
  const err = setup.data;
  const fieldError = (field: string) =>
    err && err.field === field ? (
      <span className="field-error" id={`setup-${field}-error`}>
        {err.error}
      </span>
    ) : null;
  return (
    <section className="first-run-step" aria-labelledby="admin-title">
      <h2 id="admin-title">{t("corpus.firstRun.adminTitle")}</h2>
      <p>{t("corpus.firstRun.adminText")}</p>
      <setup.Form method="post" action="/setup" className="setup-form">
        <div className="field">
          <label htmlFor="setup-email">{t("corpus.firstRun.email")}</label>
          <input id="setup-email" name="email" type="email" required autoComplete="username" aria-describedby="setup-email-error" />
          {fieldError("email")}
        </div>
        <div className="field">
          <label htmlFor="setup-name">{t("corpus.firstRun.name")}</label>
          <input id="setup-name" name="name" type="text" autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor="setup-password">{t("corpus.firstRun.password")}</label>
          <input id="setup-password" name="password" type="password" required minLength={10} autoComplete="new-password" aria-describedby="setup-password-error" />
          {fieldError("password")}
        </div>
        {err && !err.field ? <p className="field-error">{t(err.error)}</p> : null}
        <button type="submit" disabled={setup.state !== "idle"}>
          {t("corpus.firstRun.adminButton")}
        </button>
      </setup.Form>
    </section>
  );
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const root = useRootData();
  if (data.firstRun) {
    return (
      <div className="first-run">
        <h1>{t("corpus.firstRun.title")}</h1>
        <p className="lead">{t("corpus.firstRun.intro")}</p>
        <ul className="first-run-features">
          <li>{t("corpus.firstRun.featureCompare")}</li>
          <li>{t("corpus.firstRun.featureSearch")}</li>
          <li>{t("corpus.firstRun.featureRecs")}</li>
        </ul>
        {data.needsAdmin && !root?.user ? <CreateAdmin /> : null}
        {/* Loading comes after the administrator exists, so that it runs in their session. */}
        {data.canSync && !(data.needsAdmin && !root?.user) ? (
          <SyncPanel mirror={data.mirror} initialJob={data.job as SyncJobState | null} />
        ) : data.needsAdmin ? null : (
          <p className="notice">{t("corpus.firstRun.loginToLoad")}</p>
        )}
        <section className="first-run-step" aria-labelledby="import-title">
          <h2 id="import-title">{t("corpus.firstRun.importTitle")}</h2>
          <p>{t("corpus.firstRun.importText")}</p>
          <Link to="/import" className="button">
            {t("corpus.firstRun.importButton")}
          </Link>
        </section>
      </div>
    );
  }
  return (
    <div className="home">
      <h1>{t("app.name")}</h1>
      <p className="lead">{t("corpus.home.intro")}</p>
      <WorksTable works={data.works} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
