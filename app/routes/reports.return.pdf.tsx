import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { returnPdfResponse } from "~/reports/return-export.server";
import { notFound } from "~/utils/errors.server";

// The quarterly monitoring return as a PDF, for the quarter in the URL.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report:view:any");
  const url = new URL(request.url);
  const res = await returnPdfResponse(getDb(), {
    programmeId: url.searchParams.get("programme"),
    quarter: url.searchParams.get("quarter"),
  });
  if (!res) notFound("programme");
  return res;
}
