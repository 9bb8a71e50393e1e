import type { ReactNode } from "react";

/** "Title – Lantern" for <title>. */
export function pageTitle(title: string) {
  return [{ title: `${title} – Lantern` }];
}

/**
 * The Design System's notification banner. Most say one thing, in its bold heading line:
 * `<NotificationBanner heading="The contact has been recorded" />`; anything more follows as children.
 */
export function NotificationBanner({
  title = "Success",
  heading,
  children,
  success = true,
}: {
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
  success?: boolean;
}) {
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading != null ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function Tag({
  children,
  colour,
}: {
  children: ReactNode;
  colour?:
    "grey" | "green" | "red" | "yellow" | "blue" | "orange" | "purple" | "turquoise" | "pink";
}) {
  return (
    <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>
  );
}

export function SummaryList({
  rows,
}: {
  rows: { key: ReactNode; value: ReactNode; action?: ReactNode }[];
}) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((r, i) => (
        <div className="govuk-summary-list__row" key={i}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          {r.action ? <dd className="govuk-summary-list__actions">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
