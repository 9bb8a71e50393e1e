import type { DB } from "~/db/db.server";

// The shape of a periodic job, apart from the registry (jobs.server.ts) that lists every
// capability's jobs: capabilities import this type, the registry imports them, and no cycle forms.
export interface Job {
  name: string;
  everyMs: number;
  run: (db: DB) => Promise<unknown>;
}
