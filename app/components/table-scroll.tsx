import {
  Children,
  cloneElement,
  isValidElement,
  useId,
  type ReactElement,
  type ReactNode,
} from "react";

/**
 * A table that may be wider than a phone scrolls sideways inside its own region (issue 17, item 13)
 * rather than pushing the whole page off the screen. Shadows at the region's edges show there is
 * more to scroll to (app.scss, .lantern-table-scroll). The region can take focus, so a keyboard
 * can scroll it, and is named by the table's caption, so a screen reader says what it is.
 */
export function TableScroll({
  children,
  label,
}: {
  children: ReactElement<{ children?: ReactNode }>;
  label?: string;
}) {
  const id = useId();
  let captionId: string | undefined;
  // Give the table's caption an id to name the region by, unless a label was passed.
  const table =
    !label && isValidElement(children)
      ? cloneElement(
          children,
          undefined,
          Children.map(children.props.children, (child) => {
            if (!captionId && isValidElement<{ id?: string }>(child) && child.type === "caption") {
              captionId = child.props.id ?? id;
              return cloneElement(child, { id: captionId });
            }
            return child;
          }),
        )
      : children;
  return (
    <div
      className="lantern-table-scroll"
      role="region"
      tabIndex={0}
      aria-label={captionId ? undefined : (label ?? "Table")}
      aria-labelledby={captionId}
    >
      {table}
    </div>
  );
}
