import { Meta, UNSAFE_RemixContext, type UNSAFE_RouteModules } from "@remix-run/react";
import { useContext, useMemo } from "react";
// react-router-dom is the router Remix 2 runs on (pinned in package.json to the version
// @remix-run/react depends on, so there is one copy and one context). Its router state is the only
// place that holds every route's action data; Remix's own hooks give a route only its own.
import { UNSAFE_DataRouterStateContext } from "react-router-dom";

/**
 * Whether an action's reply carries errors the person must fix: our form replies
 * (`{ status: "error", error: { field: [..] } }`) and the plainer `{ error: "message" }`.
 */
export function replyHasErrors(reply: unknown): boolean {
  if (!reply || typeof reply !== "object") return false;
  const r = reply as { status?: unknown; error?: unknown };
  if (r.status === "error") return true;
  if (typeof r.error === "string") return r.error.length > 0;
  if (r.error && typeof r.error === "object") {
    return Object.values(r.error as Record<string, unknown>).some((m) =>
      Array.isArray(m) ? m.length > 0 : !!m,
    );
  }
  return false;
}

export const ERROR_TITLE_PREFIX = "Error: ";

export function withErrorPrefix(title: string): string {
  return title.startsWith(ERROR_TITLE_PREFIX) ? title : `${ERROR_TITLE_PREFIX}${title}`;
}

type RouteModule = NonNullable<UNSAFE_RouteModules[string]>;
type MetaFn = NonNullable<RouteModule["meta"]>;
const prefixed = new WeakMap<object, object>();

/** The route modules, with every page title a meta function gives starting "Error: ". */
function withErrorTitles(modules: UNSAFE_RouteModules): UNSAFE_RouteModules {
  // A proxy rather than a copy: on the client, route modules arrive as their routes are first visited.
  return new Proxy(modules, {
    get(target, id) {
      const mod = Reflect.get(target, id) as RouteModule | undefined;
      if (!mod || typeof mod.meta !== "function") return mod;
      let wrapped = prefixed.get(mod);
      if (!wrapped) {
        const meta = mod.meta as MetaFn;
        const errorMeta: MetaFn = (args: Parameters<MetaFn>[0]) =>
          (meta(args) ?? []).map((d: NonNullable<ReturnType<MetaFn>>[number]) =>
            d && "title" in d && typeof d.title === "string"
              ? { ...d, title: withErrorPrefix(d.title) }
              : d,
          );
        wrapped = { ...mod, meta: errorMeta };
        prefixed.set(mod, wrapped);
      }
      return wrapped;
    },
  });
}

/**
 * Remix's <Meta />, except that a page answering a form with errors has a title starting
 * "Error: ", as the GOV.UK Design System asks, so a screen reader user hears at once that the
 * form was not accepted. Works on the server (JavaScript off) and after a client-side submission.
 */
export function PageMeta() {
  const remix = useContext(UNSAFE_RemixContext);
  const routerState = useContext(UNSAFE_DataRouterStateContext);
  const actionData = routerState?.actionData;
  const hasErrors = !!actionData && Object.values(actionData).some(replyHasErrors);
  const value = useMemo(
    () =>
      hasErrors && remix ? { ...remix, routeModules: withErrorTitles(remix.routeModules) } : remix,
    [remix, hasErrors],
  );
  if (!value) return <Meta />;
  return (
    <UNSAFE_RemixContext.Provider value={value}>
      <Meta />
    </UNSAFE_RemixContext.Provider>
  );
}
