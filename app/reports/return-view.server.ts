import type { Queryable } from "~/db/db.server";
import { refreshFeedbackSums } from "./feedback-sums.server";
import { getReturn, type ReturnData } from "./return.server";
import { cachedView } from "./view-cache.server";
import { computeOffThread, viewWorkerAvailable } from "./view-worker-pool.server";

// The quarterly monitoring return as the page, the CSV and the PDF use it (issue 16): kept while
// nothing it is made from changes, and computed off the serving thread when it must be. At a
// hundred times the programme a return is about 230 ms of CPU (three grouped-facts statements and
// the feedback outcomes); computed on the serving thread for every request, it held up every other
// request meanwhile. Its key names its kind, so it never meets a dashboard view's key; the London
// day and the report data version are added by cachedView (the default quarter depends on the day,
// the default programme on the programmes table, which moves the version).

/** The return for a programme and quarter, as getReturn gives it: kept, or computed on a report thread. */
export function returnView(
  db: Queryable,
  input: { programmeId: string | null; quarter: string | null },
): Promise<ReturnData | null> {
  const args = { programmeId: input.programmeId ?? null, quarter: input.quarter ?? null };
  return cachedView(
    db,
    { kind: "monitoring-return", ...args },
    async () => {
      if (viewWorkerAvailable(db)) {
        try {
          // Only plain data crosses (structured clone): the return is strings, numbers, nulls,
          // arrays and plain objects, so the page, CSV and PDF are the same as from getReturn here.
          const off = computeOffThread(db, "return", [args]);
          if (off) return (await off) as ReturnData | null;
        } catch {
          // The thread could not compute it (it failed to start, or a write raced its read of the
          // sums): compute it here, as without workers.
        }
      }
      return getReturn(db, args);
    },
    // The feedback sums are brought up to date first, on this thread, since that writes and the
    // report threads' connections only read.
    () => refreshFeedbackSums(db),
  );
}
