import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/components/page";

// The accessibility statement, in the shape of the GOV.UK model statement: what works, what is
// known not to, how it is tested and how to tell us.

export const meta: MetaFunction = () => pageTitle("Accessibility statement");

export default function Accessibility() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement</h1>
        <p className="govuk-body">
          We want as many people as possible to be able to use Lantern. You should be able to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use it on a phone, and with JavaScript turned off</li>
          <li>get around it using just a keyboard or speech recognition software</li>
          <li>listen to it using a screen reader</li>
        </ul>
        <p className="govuk-body">
          Its pages follow the GOV.UK Design System&apos;s patterns, which are tested with disabled
          people.
        </p>
        <h2 className="govuk-heading-m">How we test it</h2>
        <p className="govuk-body">
          Every page is checked automatically against the Web Content Accessibility Guidelines
          (WCAG) 2.2 at level AA with axe, in a browser, with JavaScript on and off and at phone
          width, each time the service changes. Automated checks cannot find every problem, so we
          also use the pages with a keyboard.
        </p>
        <h2 className="govuk-heading-m">What we know is not yet accessible</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            Certificates are PDF files. They are tagged with their text, but may not work fully with
            every screen reader; the certificate&apos;s page shows the same facts as text.
          </li>
          <li>
            Charts on the reports pages are shown with a table of the same figures beside them.
          </li>
        </ul>
        <h2 className="govuk-heading-m">Tell us about a problem</h2>
        <p className="govuk-body">
          If you find a problem, or need information in another format (large print, easy read,
          audio), use the{" "}
          <Link className="govuk-link" to="/contact">
            contact page
          </Link>
          . We will reply within 5 working days.
        </p>
        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          If you are not happy with how we respond to your complaint, contact the Equality Advisory
          and Support Service (EASS).
        </p>
      </div>
    </div>
  );
}
