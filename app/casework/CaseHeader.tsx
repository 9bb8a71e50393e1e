import { Link } from "@remix-run/react";
import { Tag, WarningText } from "~/components/page";

// The top of every case page: who, where the case is, the case's own navigation, and the notice
// that viewing is audited. Plain links: works without JavaScript.

export const CASE_STATUS_LABELS: Record<string, string> = {
  awaiting_consent: "Awaiting consent",
  open: "Open",
  closed: "Closed",
};
const CASE_STATUS_COLOURS = { awaiting_consent: "yellow", open: "green", closed: "grey" } as const;

export function CaseStatusTag({ status }: { status: string }) {
  return (
    <Tag colour={CASE_STATUS_COLOURS[status as keyof typeof CASE_STATUS_COLOURS] ?? "grey"}>
      {CASE_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const PAGES = [
  { path: "", label: "Case record" },
  { path: "/consent", label: "Consent" },
  { path: "/contacts", label: "Contacts" },
  { path: "/assessments", label: "Assessments" },
  { path: "/risk", label: "Risk" },
  { path: "/onward", label: "Onward referrals" },
  { path: "/close", label: "Close case" },
];

export function CaseHeader({
  id,
  name,
  programme,
  status,
  current,
  title,
}: {
  id: string;
  name: string;
  programme: string;
  status: string;
  current: string;
  title: string;
}) {
  return (
    <>
      <Link to="/casework" className="govuk-back-link">
        Caseload
      </Link>
      <span className="govuk-caption-l">
        {name} · {programme}
      </span>
      <h1 className="govuk-heading-l">
        {title} <CaseStatusTag status={status} />
      </h1>
      <nav aria-label="This case" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list lantern-case-nav">
          {PAGES.map((p) => (
            <li key={p.path} className="govuk-!-display-inline-block govuk-!-margin-right-4">
              {p.path === current ? (
                <a
                  href={`/casework/cases/${id}${p.path}`}
                  aria-current="page"
                  className="govuk-link govuk-!-font-weight-bold"
                >
                  {p.label}
                </a>
              ) : (
                <Link to={`/casework/cases/${id}${p.path}`} className="govuk-link">
                  {p.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <WarningText>
        This case names a child. Every view is recorded in the audit log. Share nothing from it
        outside the case.
      </WarningText>
    </>
  );
}

export function displayName(youngPerson: { name: string | null; initials: string }) {
  return youngPerson.name ?? `${youngPerson.initials} (name not yet known)`;
}
