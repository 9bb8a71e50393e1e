import {
  renderCertificatePdf,
  renderOneLinePdf,
  type CertificatePdfData,
} from "../certificates/document.server.tsx";
import { renderReturnPdf, type ReturnPdfData } from "../reports/return-pdf.server.tsx";

// What the render worker can draw. Each task takes plain data and returns the PDF's bytes.
// Relative imports only: this file is loaded by tsx inside worker threads, outside Vite.
export type RenderTask =
  | { kind: "certificate"; data: CertificatePdfData }
  | { kind: "one-line"; data: { text: string } }
  | { kind: "monitoring-return"; data: ReturnPdfData };

export async function runRenderTask(task: RenderTask): Promise<Uint8Array> {
  switch (task.kind) {
    case "certificate":
      return renderCertificatePdf(task.data);
    case "one-line":
      return renderOneLinePdf(task.data.text);
    case "monitoring-return":
      return renderReturnPdf(task.data);
    default:
      throw new Error(`Unknown render task ${(task as { kind: string }).kind}`);
  }
}
