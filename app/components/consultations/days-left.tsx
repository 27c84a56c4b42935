import { useT } from "~/i18n/i18n";

/** Days to a consultation's deadline (China calendar days, counted on the server). */
export function DaysLeft({ days }: { days: number | null }) {
  const t = useT();
  if (days === null) return <span className="hint">{t("consultations.noDeadline")}</span>;
  if (days < 0) return <span className="hint">{t("consultations.closed", { n: -days })}</span>;
  return (
    <strong className={days <= 7 ? "deadline-near" : undefined} data-testid="days-left">
      {days === 0 ? t("consultations.dueToday") : t("consultations.daysLeft", { n: days })}
    </strong>
  );
}
