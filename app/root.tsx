import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HeaderSearch } from "~/components/search/header-search";
import { negotiateLocale, translator, useT, type Locale } from "~/i18n/i18n";
import { can } from "~/lib/auth/permissions";
import { getUser } from "~/lib/auth/session.server";
import { readCookie } from "~/lib/http.server";
import { unreadCount } from "~/lib/notifications/notifications.server";
import appStyles from "~/styles/app.css";
import headerSearchStyles from "~/styles/header-search.css";

const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#9b1c1c"/><path d="M8 22h16" stroke="#fff" stroke-width="3"/><path d="M9 10h14" stroke="#fff" stroke-width="2"/></svg>',
  );

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "stylesheet", href: headerSearchStyles },
  { rel: "icon", href: FAVICON, type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = negotiateLocale(readCookie(request, "lang"), request.headers.get("accept-language"));
  const user = await getUser(request);
  return json({
    locale,
    user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null,
    csrfToken: user?.csrfToken ?? null,
    unreadNotifications: user ? await unreadCount(user) : 0,
  });
}

export type RootData = {
  locale: Locale;
  user: { id: number; name: string; email: string; role: "partner" | "staff" | "lead" | "admin" } | null;
  csrfToken: string | null;
  unreadNotifications: number;
};

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}

function Header() {
  const t = useT();
  const data = useRootData();
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  const isStaff = user && user.role !== "partner";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="brand">
        <a href="/" className="brand-name">
          Redline
        </a>
        <span className="brand-tagline">{t("app.tagline")}</span>
      </div>
      <nav aria-label="main">
        <NavLink to="/works">{t("nav.works")}</NavLink>
        <NavLink to="/search">{t("nav.search")}</NavLink>
        <NavLink to="/compare">{t("nav.compare")}</NavLink>
        {user ? <NavLink to="/recommendations">{t("nav.recommendations")}</NavLink> : null}
        {isStaff ? <NavLink to="/consultations">{t("nav.consultations")}</NavLink> : null}
        {isStaff ? <NavLink to="/submissions">{t("nav.submissions")}</NavLink> : null}
        {isStaff ? <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink> : null}
        {user && can(user.role, "corpus.import") ? <NavLink to="/import">{t("nav.import")}</NavLink> : null}
        {user?.role === "admin" ? <NavLink to="/admin/users">{t("nav.admin")}</NavLink> : null}
        {user ? (
          <NavLink to="/notifications">
            {data!.unreadNotifications ? t("nav.notificationsUnread", { count: data!.unreadNotifications }) : t("nav.notifications")}
          </NavLink>
        ) : null}
      </nav>
      <HeaderSearch />
      <div className="header-account">
        <Form method="post" action="/lang" className="lang-switch">
          <input type="hidden" name="locale" value={data?.locale === "en" ? "zh-CN" : "en"} />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" lang={data?.locale === "en" ? "zh-CN" : "en"} aria-label={t("lang.label")}>
            {t("lang.switch")}
          </button>
        </Form>
        {user ? (
          <>
            <a href="/account" className="account-name">
              {user.name}
            </a>
            <Form method="post" action="/logout">
              <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />
              <button type="submit">{t("nav.logout")}</button>
            </Form>
          </>
        ) : (
          <a href={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</a>
        )}
      </div>
    </header>
  );
}

function GlobalProgress() {
  const navigation = useNavigation();
  const t = useT();
  if (navigation.state === "idle") return null;
  return (
    <div className="global-progress" role="status" aria-live="polite">
      {t("common.loading")}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? "zh-CN";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <GlobalProgress />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{translator(locale)("app.name")}</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
