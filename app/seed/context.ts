import type { SessionsSeed } from "~/sessions/seed.server";
import type { FoundationSeed } from "./foundation.server";

// What each capability's seed step is given (what the steps before it made). Its own module, apart
// from seed.server.ts which calls every capability's seed: they import this type, not the caller.
export interface SeedContext {
  foundation: FoundationSeed;
  sessions?: SessionsSeed;
}
