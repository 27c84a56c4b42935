import { Link } from "@remix-run/react";
import { StatusBadge, WorkKind } from "~/components/corpus";
import { useT } from "~/i18n/i18n";

interface WorkRow {
  slug: string;
  titleZh: string;
  titleEn: string | null;
  kind: string;
  versions: unknown[];
  latest: { versionDate: string; status: string } | null;
  inForce: { versionDate: string } | null;
}

export function WorksTable({ works }: { works: WorkRow[] }) {
  const t = useT();
  return (
    <table className="works-table">
      <caption className="visually-hidden">{t("corpus.worksTitle")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("corpus.col.title")}</th>
          <th scope="col">{t("corpus.col.kind")}</th>
          <th scope="col">{t("corpus.col.versions")}</th>
          <th scope="col">{t("corpus.col.latest")}</th>
          <th scope="col">{t("corpus.col.inForce")}</th>
        </tr>
      </thead>
      <tbody>
        {works.map((w) => (
          <tr key={w.slug}>
            <td>
              <Link to={`/works/${encodeURIComponent(w.slug)}`}>{w.titleZh}</Link>
              {w.titleEn ? (
                <div className="title-en" lang="en">
                  {w.titleEn}
                </div>
              ) : null}
            </td>
            <td>
              <WorkKind kind={w.kind} />
            </td>
            <td>{w.versions.length}</td>
            <td>{w.latest ? <>{w.latest.versionDate} <StatusBadge status={w.latest.status} /></> : "—"}</td>
            <td>{w.inForce ? t("corpus.inForceYes", { date: w.inForce.versionDate }) : t("corpus.inForceNo")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
