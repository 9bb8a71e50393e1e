import { useEffect, useState, type MouseEvent, type ReactNode } from "react";

// Shared pieces of every learning page: the quick-exit button, the "where to get help" panel,
// content notes and the progress bar.

export const QUICK_EXIT_URL = "https://www.bbc.co.uk/weather";

function leave(event?: MouseEvent) {
  event?.preventDefault();
  // replace(), not a normal navigation: the Back button does not come back to this page.
  window.location.replace(QUICK_EXIT_URL);
}

/**
 * "Exit this page": a plain link (works with JavaScript off), which with JavaScript replaces the
 * history entry instead. Pressing Shift three times in quick succession also leaves, as in the
 * GOV.UK "Exit this page" pattern.
 */
export function QuickExit() {
  // The Shift shortcut needs JavaScript, so it is offered only once the page has it (issue 12,
  // item 12: the hint showed with JavaScript off). Rendered after hydration, so server and browser agree.
  const [shortcut, setShortcut] = useState(false);
  useEffect(() => {
    setShortcut(true);
    let presses: number[] = [];
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Shift" || e.repeat) return;
      const t = Date.now();
      presses = [...presses.filter((p) => t - p < 5000), t];
      if (presses.length >= 3) leave();
    };
    document.addEventListener("keyup", onKey);
    return () => document.removeEventListener("keyup", onKey);
  }, []);
  return (
    <div className="lantern-quick-exit" style={{ paddingTop: 10 }}>
      <a
        href={QUICK_EXIT_URL}
        className="govuk-button govuk-button--warning govuk-!-margin-bottom-2"
        rel="nofollow noreferrer"
        role="button"
        data-quick-exit=""
        onClick={leave}
      >
        <span className="govuk-visually-hidden">Emergency </span>Exit this page
      </a>
      {shortcut ? (
        <p className="govuk-body-s govuk-!-margin-bottom-0">
          Or press Shift three times
          <span className="govuk-visually-hidden"> to leave this page quickly</span>
        </p>
      ) : null}
    </div>
  );
}

export interface HelpContactView {
  id: string;
  name: string;
  description: string;
  phone: string | null;
  url: string | null;
}

/** tel: link target for a UK phone number as written ("0800 1111" → "08001111"). */
export function telHref(phone: string) {
  return `tel:${phone.replace(/[^0-9+]/g, "")}`;
}

export function HelpPanel({
  contacts,
  canEdit,
}: {
  contacts: HelpContactView[];
  canEdit?: boolean;
}) {
  return (
    <aside
      aria-labelledby="where-to-get-help"
      className="govuk-!-margin-top-8 govuk-!-padding-4"
      style={{ borderTop: "5px solid #1d70b8", background: "#f3f2f1" }}
    >
      <h2 className="govuk-heading-m" id="where-to-get-help">
        Where to get help
      </h2>
      <p className="govuk-body">
        If something you read here is about you or someone you know, you do not have to deal with it
        alone.
      </p>
      <ul className="govuk-list">
        {contacts.map((c) => (
          <li key={c.id} className="govuk-!-margin-bottom-3">
            <strong>{c.name}</strong>
            {c.phone ? (
              <>
                {" "}
                –{" "}
                <a className="govuk-link" href={telHref(c.phone)}>
                  {c.phone}
                </a>
              </>
            ) : null}
            <br />
            <span className="govuk-body-s">{c.description}</span>
            {c.url ? (
              <>
                {" "}
                <a
                  className="govuk-link govuk-body-s"
                  href={c.url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {c.name} website<span className="govuk-visually-hidden"> (opens in new tab)</span>
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <p className="govuk-body-s">
          <a className="govuk-link" href="/learning/help">
            Change these contacts
          </a>
        </p>
      ) : null}
    </aside>
  );
}

export function ContentNote({
  children,
  title = "Content note",
}: {
  children: ReactNode;
  title?: string;
}) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning: </span>
        <strong>{title}.</strong> {children}
      </div>
    </div>
  );
}

export function ProgressBar({
  done,
  total,
  label = "lessons read",
}: {
  done: number;
  total: number;
  label?: string;
}) {
  const pct = total ? Math.round((done * 100) / total) : 0;
  return (
    <div className="govuk-!-margin-bottom-6">
      <p className="govuk-body govuk-!-margin-bottom-1" id="progress-label">
        {done} of {total} {label}
      </p>
      <div
        aria-hidden="true"
        style={{ height: 12, background: "#ffffff", border: "2px solid #0b0c0c", maxWidth: 400 }}
      >
        <div style={{ height: "100%", width: `${pct}%`, background: "#00703c" }} />
      </div>
    </div>
  );
}

export const STATUS_TAG: Record<
  "not_started" | "in_progress" | "completed",
  { text: string; colour: "grey" | "blue" | "green" }
> = {
  not_started: { text: "Not started", colour: "grey" },
  in_progress: { text: "In progress", colour: "blue" },
  completed: { text: "Completed", colour: "green" },
};

/** Under "Module complete": the learner's certificate for it (issued automatically on completion). */
export function CertificateLinks({
  certificate,
}: {
  certificate: { id: string; serial: string; status: string } | null;
}) {
  if (!certificate) return null;
  if (certificate.status === "revoked") {
    return (
      <p className="govuk-body">
        Your certificate for this module ({certificate.serial}) has been revoked.{" "}
        <a className="govuk-notification-banner__link" href={`/certificates/${certificate.id}`}>
          See why
        </a>
        .
      </p>
    );
  }
  return (
    <p className="govuk-body">
      <a
        className="govuk-notification-banner__link"
        href={`/certificates/${certificate.id}/pdf`}
        download
      >
        Download your certificate
      </a>{" "}
      (PDF, {certificate.serial}) or{" "}
      <a className="govuk-notification-banner__link" href="/certificates">
        see all your certificates
      </a>
      .
    </p>
  );
}
