import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// File-system routes (Remix's v2 flat routes convention) under app/routes.
export default flatRoutes() satisfies RouteConfig;
