import type { Queryable } from "~/db/db.server";
import { csvResponse } from "~/utils/csv.server";
import { renderPdf } from "~/pdf/pool.server";
import { returnPdfData } from "./return-print.server";
import { returnCsv, type ReturnData } from "./return.server";
import { returnView } from "./return-view.server";

function fileName(r: ReturnData, ext: string) {
  const slug = r.programme.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug}-monitoring-return-${r.quarter.value}.${ext}`;
}

export async function returnCsvResponse(
  db: Queryable,
  input: { programmeId: string | null; quarter: string | null },
) {
  const r = await returnView(db, input);
  if (!r) return null;
  return csvResponse(fileName(r, "csv"), returnCsv(r));
}

export async function returnPdfResponse(
  db: Queryable,
  input: { programmeId: string | null; quarter: string | null },
) {
  const r = await returnView(db, input);
  if (!r) return null;
  // Drawn in the PDF worker pool, so a return never blocks the thread answering other requests.
  const pdf = await renderPdf({ kind: "monitoring-return", data: returnPdfData(r) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName(r, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
