import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { retentionMonths } from "~/privacy/retention.server";

// The privacy notice a public service is expected to have, in plain words. The retention period is
// read from the setting the retention job uses, so the notice never promises something else.

export const meta: MetaFunction = () => pageTitle("Privacy notice");

export async function loader(_: LoaderFunctionArgs) {
  return { months: await retentionMonths(getDb()) };
}

export default function Privacy() {
  const { months } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">
          Lantern is used by St Giles Trust (SOS+) and Momentum to run their work to prevent child
          criminal exploitation in Norfolk, funded through the Office of the Police and Crime
          Commissioner for Norfolk. This notice says what we keep about you, why, and for how long.
        </p>
        <h2 className="govuk-heading-m">If you book a place at an open session</h2>
        <p className="govuk-body">
          We keep your name, email address, the school or organisation you give, and any access
          needs you tell us about. We use them to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>hold your place or your place on the waiting list, and tell you if it changes</li>
          <li>send your confirmation, a reminder, and for an online session its joining link</li>
          <li>make the session work for you (for example step-free access or a hearing loop)</li>
          <li>issue a certificate of attendance where the session has one</li>
        </ul>
        <p className="govuk-body">
          We remove your details {months} {months === 1 ? "month" : "months"} after the session. We
          keep only counts (how many people came), which cannot identify you.
        </p>
        <h2 className="govuk-heading-m">If you give feedback after a session</h2>
        <p className="govuk-body">
          Feedback is anonymous: we do not ask for your name, and answers are reported only as
          totals. Numbers under 5 are not published, so nobody can be picked out.
        </p>
        <h2 className="govuk-heading-m">If you have an account</h2>
        <p className="govuk-body">
          Staff, trainers, school coordinators and learners have accounts. We keep your name, email
          address, your organisation and role, your training record and certificates, and a record
          of important changes you make (an audit log), to keep the children&apos;s data in Lantern
          safe.
        </p>
        <h2 className="govuk-heading-m">Certificates</h2>
        <p className="govuk-body">
          Anyone with a certificate&apos;s code can check that it is genuine on the{" "}
          <Link className="govuk-link" to="/verify">
            check a certificate
          </Link>{" "}
          page. It shows only what the certificate itself shows.
        </p>
        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          You can ask for a copy of what we hold about you, ask us to correct it, or ask us to
          delete it. Programme leads can export or erase a person&apos;s data. Use the{" "}
          <Link className="govuk-link" to="/contact">
            contact page
          </Link>{" "}
          to ask. If you are not happy with how we have handled your data, you can complain to the
          Information Commissioner&apos;s Office (ico.org.uk).
        </p>
        <h2 className="govuk-heading-m">Where your data is kept</h2>
        <p className="govuk-body">
          Lantern&apos;s data is kept by the organisation that runs it, is not sold or shared for
          marketing, and is not used to make automated decisions about you.
        </p>
      </div>
    </div>
  );
}
