import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAnyPermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { bookersCsvRows, listBookers } from "~/sessions/bookers.server";
import { viewerOf } from "~/sessions/scope.server";
import { londonParts } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

// The bookers list as a spreadsheet, for a register or the venue. Names are not counts, so nothing
// is suppressed; every cell a spreadsheet would run as a formula is neutralised like every export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const found = await listBookers(getDb(), viewerOf(auth), idParam(params.id));
  if (!found) notFound("session");
  const { header, rows } = bookersCsvRows(found);
  return csvResponse(
    `bookings-${londonParts(found.session.starts_at).date}.csv`,
    toCsv(header, rows),
  );
}
