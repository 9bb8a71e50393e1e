// Certificates: issue (idempotent by source key), render once, store, verify, revoke, re-issue.
// Each use case has its own module; this one keeps the names every caller already imports (issue 15,
// item 6: the 857-line module was split behind its exports).

export {
  AchievementSchema,
  type AchievementSnapshot,
  achievementOf,
  achievementDetail,
} from "./achievement";
export {
  IssueInputSchema,
  type IssueInput,
  type IssueResult,
  newVerificationCode,
  issueCertificate,
  issueWithin,
  moduleSourceKey,
  certificateForSource,
  sessionSourceKey,
} from "./issue.server";
export {
  renderInBackground,
  pdfDataFor,
  ensureRendered,
  renderMissing,
  type StoredPdf,
  storedPdf,
  CERTIFICATE_JOBS,
} from "./rendering.server";
export {
  type Viewer,
  getCertificateFor,
  serialsOfRelated,
  listOwnCertificates,
  listStaffCertificates,
  searchCertificates,
} from "./finding.server";
export { revokeCertificate, reissueCertificate } from "./revocation.server";
export {
  type BatchInput,
  issueBatch,
  batchProgress,
  listBatches,
  batchCertificates,
  batchZip,
  issuerNames,
} from "./batches.server";
