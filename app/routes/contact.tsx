import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page";
import { env } from "~/utils/env.server";

// How to reach the programme team. The address is configuration (CONTACT_EMAIL), since each
// programme running Lantern has its own; safeguarding emergencies are never for this page.

export const meta: MetaFunction = () => pageTitle("Contact us");

export async function loader(_: LoaderFunctionArgs) {
  return { email: env().CONTACT_EMAIL ?? null };
}

export default function Contact() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Contact us</h1>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            If a child is in immediate danger, call 999. This page is not watched out of hours:
            report worries about a child to your organisation&apos;s safeguarding lead or the
            police.
          </strong>
        </div>
        <h2 className="govuk-heading-m">The programme team</h2>
        {email ? (
          <p className="govuk-body">
            Email{" "}
            <a className="govuk-link" href={`mailto:${email}`}>
              {email}
            </a>
            . We reply within 5 working days.
          </p>
        ) : (
          <p className="govuk-body">
            Reply to any email Lantern has sent you: it reaches the programme team.
          </p>
        )}
        <h2 className="govuk-heading-m">Your booking</h2>
        <p className="govuk-body">
          To cancel a place, use the link in your booking confirmation email. Lost it?{" "}
          <Link className="govuk-link" to="/sessions/open/resend">
            Send me my booking details again
          </Link>
          .
        </p>
        <h2 className="govuk-heading-m">Your data and accessibility</h2>
        <p className="govuk-body">
          See the{" "}
          <Link className="govuk-link" to="/privacy">
            privacy notice
          </Link>{" "}
          and the{" "}
          <Link className="govuk-link" to="/accessibility">
            accessibility statement
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
