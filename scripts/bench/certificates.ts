// npm run bench:certificates [-- --count 2100]
// Measures, in one process on this machine:
//  1. one certificate rendered on this thread (median ms) against a one-line react-pdf document
//     with the same font (the floor), and the ratio between them;
//  2. the time to render COUNT certificates (default 2,100: the SOS+ teacher target) through the
//     worker pool Lantern uses, and certificates per second;
//  3. serving a stored certificate (reading its bytes from the database) against rendering it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const count = Number(process.argv[process.argv.indexOf("--count") + 1]) || 2100;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.LOG_LEVEL = "silent";

const { getDb, closeDb } = await import("~/db/db.server");
const { migrateToLatest } = await import("~/db/migrate.server");
const { issueCertificate, issueBatch, pdfDataFor, storedPdf } =
  await import("~/certificates/certificates.server");
const { renderCertificatePdf, renderOneLinePdf } = await import("~/certificates/document.server");
const { renderPdf, closePdfPool, renderThreads } = await import("~/pdf/pool.server");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timeEach(n: number, fn: () => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const db = getDb();
await migrateToLatest(db);
const item = (i: number) => ({
  sourceKey: `bench:${i}`,
  holder: { name: `Teacher Number ${i + 1}`, email: `teacher${i + 1}@school.example.org` },
  achievement: {
    kind: "session" as const,
    sessionTitle: "Exploitation awareness for school staff",
    sessionDate: "2026-11-19",
    audience: "Teachers",
    format: "Twilight CPD",
    description: "A 90-minute awareness session for teachers and support staff.",
  },
  achievedOn: "2026-11-19",
  issuerName: "St Giles Trust",
  programmeName: "SOS+",
  baseUrl: "https://lantern.example.org",
});

console.log(
  `Lantern certificate benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}`,
);

// 1. On this thread: certificate vs the one-line floor.
const { certificate } = await issueCertificate(db, item(-1), { render: "later" });
const data = pdfDataFor(certificate);
const firstT = performance.now();
await renderCertificatePdf(data);
const firstMs = performance.now() - firstT;
await renderOneLinePdf("Warm-up");
const n = 60;
const floor = median(await timeEach(n, () => renderOneLinePdf("Lantern: one line of text.")));
const cert = median(await timeEach(n, () => renderCertificatePdf(data)));
console.log(`\n1. One thread, median of ${n}:`);
console.log(`   first certificate (loads react-pdf, parses the font): ${firstMs.toFixed(0)} ms`);
console.log(`   one-line react-pdf document (floor):                  ${floor.toFixed(1)} ms`);
console.log(`   certificate (A4 landscape, QR code, 3 font faces):    ${cert.toFixed(1)} ms`);
console.log(
  `   ratio certificate / floor:                            ${(cert / floor).toFixed(2)}`,
);
console.log(`   => ${(1000 / cert).toFixed(1)} certificates per second on one thread`);

// 2. COUNT certificates through the worker pool: issue as one batch, render, store.
const threads = renderThreads();
const warm = await renderPdf({ kind: "certificate", data }); // start the pool's threads
void warm;
const t0 = performance.now();
const batch = await issueBatch(db, {
  label: "bench",
  createdByUserId: null,
  items: Array.from({ length: count }, (_, i) => item(i)),
});
const issuedMs = performance.now() - t0;
await batch.rendering;
const totalMs = performance.now() - t0;
const stored = await db
  .selectFrom("certificate_files")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .executeTakeFirstOrThrow();
console.log(
  `\n2. ${count} certificates through the render pool (${threads} worker thread${threads === 1 ? "" : "s"}), issued, rendered and stored:`,
);
console.log(`   issue (one write transaction, serials, rows):        ${issuedMs.toFixed(0)} ms`);
console.log(
  `   total with rendering and storing:                     ${(totalMs / 1000).toFixed(1)} s`,
);
console.log(
  `   => ${((count / totalMs) * 1000).toFixed(1)} certificates per second; ${Number(stored.n)} PDFs stored`,
);

// 3. Serving: stored bytes vs rendering again.
const serveRuns = 2000;
const first = await db
  .selectFrom("certificates")
  .innerJoin("certificate_files", "certificate_files.certificate_id", "certificates.id")
  .select(["certificates.id", "certificates.serial"])
  .limit(1)
  .executeTakeFirstOrThrow();
const serve = median(await timeEach(serveRuns, () => storedPdf(db, first)));
const servedFile = await storedPdf(db, first);
console.log(
  `\n3. Serving one certificate (${(servedFile!.bytes.byteLength / 1024).toFixed(1)} KB):`,
);
console.log(
  `   read stored bytes from the database, median of ${serveRuns}: ${(serve * 1000).toFixed(0)} µs`,
);
console.log(`   render it again instead (one thread, median above):       ${cert.toFixed(1)} ms`);
console.log(`   => serving stored bytes is ${(cert / serve).toFixed(0)}× faster than rendering`);

await closePdfPool();
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
