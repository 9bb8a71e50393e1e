import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getAuth } from "~/auth/guard.server";
import { twoFactorRequiredFor } from "~/auth/two-factor-policy.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { navFor } from "~/components/navigation";
import { useNonce } from "~/components/nonce";
import { PageMeta } from "~/components/page-meta";
import styles from "~/styles/app.scss?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The heading of the page shown instead of the one asked for. */
function errorHeading(error: unknown): string {
  if (!isRouteErrorResponse(error)) return "Sorry, there is a problem with the service";
  return error.status === 403
    ? "You do not have permission to see this page"
    : error.status === 404
      ? "Page not found"
      : error.status === 429
        ? "Too many tries"
        : error.status === 400
          ? "Something in the request was not right"
          : "Sorry, there is a problem";
}

// An error page's title starts "Error: " like a refused form's, so it is the first thing heard;
// it lives here, in the head, as the page's only title.
export const meta: MetaFunction = ({ error }) => [
  { title: error ? `Error: ${errorHeading(error)} – Lantern` : "Lantern" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const user = auth
    ? {
        name: auth.user.name,
        roles: auth.user.roles,
        roleLabel: auth.user.roles.map((r) => ROLE_LABELS[r]).join(", "),
        organisations: [...new Set(auth.user.memberships.map((m) => m.organisationName))],
      }
    : null;
  // Until the second step is done, no navigation: every link would only lead back to it.
  const pending = !!auth && !auth.session.twoFactorVerified && twoFactorRequiredFor(auth.user);
  return { user, nav: pending ? [] : navFor(auth?.user ?? null) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <PageMeta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="lantern-header" role="banner">
          <div className="govuk-width-container lantern-header__container">
            <Link to="/" className="lantern-header__brand">
              Lantern
            </Link>
            {data?.user ? (
              <p className="lantern-header__user govuk-!-margin-0">
                {data.user.name} ({data.user.roleLabel}
                {data.user.organisations.length ? `, ${data.user.organisations.join(", ")}` : ""}) ·{" "}
                <Link to="/account" className="govuk-link">
                  Your account
                </Link>{" "}
                ·{" "}
                <Link to="/sign-out" className="govuk-link">
                  Sign out
                </Link>
              </p>
            ) : (
              <p className="lantern-header__user govuk-!-margin-0">
                <Link to="/sign-in" className="govuk-link">
                  Sign in
                </Link>
              </p>
            )}
          </div>
        </header>
        {data?.nav?.length ? (
          <nav className="lantern-nav" aria-label="Main">
            <div className="govuk-width-container">
              {/* Keyed by the path so an opened menu closes again once a link in it is followed. */}
              <details className="lantern-nav__menu" key={location.pathname}>
                <summary className="lantern-nav__toggle">Menu</summary>
                <ul className="lantern-nav__list">
                  {data.nav.map((item) => (
                    <li key={item.href} className="lantern-nav__item">
                      <Link
                        to={item.href}
                        className="govuk-link govuk-link--no-visited-state"
                        aria-current={location.pathname.startsWith(item.href) ? "page" : undefined}
                      >
                        {item.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          </nav>
        ) : null}
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <p className="govuk-body-s">
              Lantern supports St Giles Trust&apos;s SOS+ and Momentum&apos;s work to prevent child
              criminal exploitation in Norfolk, funded through the Office of the Police and Crime
              Commissioner for Norfolk.{" "}
              <Link to="/verify" className="govuk-footer__link">
                Check a certificate
              </Link>{" "}
              ·{" "}
              <Link to="/sessions/open" className="govuk-footer__link">
                Book a place at an open session
              </Link>
            </p>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link to="/privacy" className="govuk-footer__link">
                  Privacy
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link to="/accessibility" className="govuk-footer__link">
                  Accessibility statement
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link to="/contact" className="govuk-footer__link">
                  Contact
                </Link>
              </li>
            </ul>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = errorHeading(error);
    return (
      <>
        <h1 className="govuk-heading-l">{title}</h1>
        {typeof error.data === "string" && error.data ? (
          <p className="govuk-body">{error.data}</p>
        ) : null}
        {error.status === 403 ? (
          <p className="govuk-body">
            If you think you should have access, ask your programme lead to check your role.{" "}
            <Link className="govuk-link" to="/">
              Go to your home page
            </Link>
            .
          </p>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" to="/">
              Go to your home page
            </Link>
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">{errorHeading(error)}</h1>
      <p className="govuk-body">
        Try again later. Nothing you entered has been lost if you saw a confirmation.
      </p>
    </>
  );
}
