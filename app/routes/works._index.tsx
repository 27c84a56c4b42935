import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WorksTable } from "~/components/works-table";
import { useT } from "~/i18n/i18n";
import { listWorks } from "~/lib/corpus/browse.server";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];
export const meta: MetaFunction = () => [{ title: "Laws · Redline" }];

export async function loader() {
  return json({ works: await listWorks() });
}

export default function WorksPage() {
  const { works } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("corpus.worksTitle")}</h1>
      {works.length ? <WorksTable works={works} /> : <p>{t("corpus.noWorks")} <Link to="/">{t("corpus.firstRunLink")}</Link></p>}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
