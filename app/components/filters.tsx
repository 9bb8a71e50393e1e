import { Link, useLocation } from "@remix-run/react";
import { lastPage, pageHref, showingText } from "~/utils/paging";

// The pieces every filtered list shares: GET forms whose values live in the URL (so a view can be
// shared and the back button works, with JavaScript off too), a select per filter, "Apply" and
// "Clear" buttons, and GOV.UK pagination links.

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A labelled select that submits `name` in the query string; `allLabel` is the empty choice.
 * `error` marks the group when the page refused the value (its message is in the error summary).
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  value: string;
  options: FilterOption[];
  allLabel?: string;
  error?: boolean;
}) {
  const id = `filter-${props.name}`;
  return (
    <div className={`govuk-form-group${props.error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {props.label}
      </label>
      <select className="govuk-select" id={id} name={props.name} defaultValue={props.value}>
        {props.allLabel !== undefined ? <option value="">{props.allLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A search box in a filter form: free text (a name, an email address) submitted as `name`. */
export function FilterSearch(props: {
  name: string;
  label: string;
  value: string;
  /** The box's width, when it stands alone rather than in a column of the filter grid. */
  width?: "two-thirds" | "one-half";
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {props.label}
      </label>
      <input
        className={`govuk-input${props.width ? ` govuk-!-width-${props.width}` : ""}`}
        id={id}
        name={props.name}
        type="search"
        defaultValue={props.value}
        spellCheck={false}
      />
    </div>
  );
}

/** The submit button of a filter form, and a link back to the unfiltered list once something is chosen. */
export function FilterButtons(props: { clearTo: string; filtered: boolean; plural?: boolean }) {
  return (
    <div className="govuk-button-group">
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
      >
        {props.plural === false ? "Apply filter" : "Apply filters"}
      </button>
      {props.filtered ? (
        <Link to={props.clearTo} className="govuk-link">
          {props.plural === false ? "Clear filter" : "Clear filters"}
        </Link>
      ) : null}
    </div>
  );
}

/** Previous/next links in the GOV.UK pagination pattern; nothing when there is only one page. */
export function Pagination(props: {
  label: string;
  previous?: { to: string; text?: string } | null;
  next?: { to: string; text?: string } | null;
}) {
  if (!props.previous && !props.next) return null;
  return (
    <nav className="govuk-pagination" aria-label={props.label}>
      {props.previous ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={props.previous.to} rel="prev">
            <span className="govuk-pagination__link-title">
              {props.previous.text ?? "Previous page"}
            </span>
          </Link>
        </div>
      ) : null}
      {props.next ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={props.next.to} rel="next">
            <span className="govuk-pagination__link-title">{props.next.text ?? "Next page"}</span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

/**
 * The "Showing 1 to 100 of 1,000" line and previous/next links for one page of a long list
 * (app/utils/paging.ts), keeping the list's filters in the links.
 */
export function ListPages({
  label,
  noun,
  paged,
  param = "page",
}: {
  label: string;
  noun: string;
  paged: { page: number; pageSize: number; total: number; rows: { length: number } };
  /** The address's parameter for this list's page, where a page holds two lists. */
  param?: string;
}) {
  const location = useLocation();
  const showing = showingText(paged, noun);
  const last = lastPage(paged);
  return (
    <>
      {showing ? <p className="govuk-body-s lantern-list-count">{showing}</p> : null}
      <Pagination
        label={label}
        previous={
          paged.page > 1
            ? {
                to: pageHref(
                  location.pathname,
                  location.search,
                  Math.min(paged.page - 1, last),
                  param,
                ),
                text: "Previous page",
              }
            : null
        }
        next={
          paged.page < last
            ? {
                to: pageHref(location.pathname, location.search, paged.page + 1, param),
                text: "Next page",
              }
            : null
        }
      />
    </>
  );
}
