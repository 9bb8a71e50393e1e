import type { Insertable, Selectable, Updateable } from "kysely";

// The one typed description of the database. Each capability owns a section below and an
// interface of its tables; `Database` joins them. Column conventions (see docs/decisions/003):
// text ids, ISO-8601 UTC text timestamps, 'YYYY-MM-DD' text dates, integer 0/1 flags, JSON as text.

// ─── Foundation ──────────────────────────────────────────────────────────────

export type Role =
  | "programme_lead"
  | "trainer"
  | "school_coordinator"
  | "organisation_manager"
  | "learner"
  | "content_author";

export type OrganisationKind = "delivery_partner" | "setting" | "vcse" | "commissioner";

export interface RolesTable {
  name: Role;
  label: string;
  sort_order: number;
}

export interface DistrictsTable {
  id: string;
  code: string;
  name: string;
  county: string;
  valid_from: string;
  valid_to: string | null;
}

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  urn: string | null;
  phase: string | null;
  establishment_type: string | null;
  district_id: string | null;
  postcode: string | null;
  charity_number: string | null;
  company_number: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  totp_key: string | null;
  totp_enabled_at: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  organisation_id: string;
  role: Role;
  safeguarding_cleared: number;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  two_factor_verified: number;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationsTable {
  id: string;
  email: string;
  organisation_id: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  ip: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON: [{ filename, contentType, content (base64) }] */
  attachments: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface FoundationTables {
  roles: RolesTable;
  districts: DistrictsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  settings: SettingsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type OutboxMessage = Selectable<OutboxTable>;

// ─── Sessions (SOS+ delivery) ────────────────────────────────────────────────

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliveryTables {}



// ─── Learning (Momentum e-learning) ──────────────────────────────────────────

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LearningTables {}



// ─── Certificates ────────────────────────────────────────────────────────────

export type CertificateStatus = "valid" | "revoked";
export type CertificateKind = "module" | "session";

/** A certificate keeps its own snapshot of who achieved what (no foreign keys to users, modules or
 *  sessions), so it stays verifiable when those change, are archived or are deleted. */
export interface CertificatesTable {
  id: string;
  /** "LTN-2026-000123" */
  serial: string;
  /** 16 Crockford base32 characters (80 random bits), upper case, no separators. */
  code: string;
  /** The achievement's key ("module-version:<id>:user:<id>"), unique while this certificate
   *  stands for it; moved to the new certificate on re-issue (then null here). */
  source_key: string | null;
  /** The key this certificate was first issued for; never changes. */
  source_origin: string;
  holder_user_id: string | null;
  holder_name: string;
  holder_email: string | null;
  kind: CertificateKind;
  achievement_title: string;
  /** JSON: the full snapshot of what was achieved (AchievementSnapshot). */
  achievement: string;
  /** 'YYYY-MM-DD' */
  achieved_on: string;
  issuer_name: string;
  programme_name: string;
  verify_url: string;
  status: CertificateStatus;
  issued_at: string;
  issued_by_user_id: string | null;
  revoked_at: string | null;
  revoked_by_user_id: string | null;
  revoked_by_name: string | null;
  revoked_reason: string | null;
  replaces_id: string | null;
  replaced_by_id: string | null;
}

/** The rendered PDF, kept apart so lists never read the bytes. */
export interface CertificateFilesTable {
  certificate_id: string;
  pdf: Uint8Array;
  sha256: string;
  byte_length: number;
  rendered_at: string;
}

export interface CertificateSerialCountersTable {
  year: number;
  last_number: number;
}

export interface CertificateBatchesTable {
  id: string;
  label: string;
  total: number;
  created_by_user_id: string | null;
  created_at: string;
}

export interface CertificateBatchItemsTable {
  batch_id: string;
  certificate_id: string;
  position: number;
}

export interface CertificateTables {
  certificate_batch_items: CertificateBatchItemsTable;
  certificates: CertificatesTable;
  certificate_files: CertificateFilesTable;
  certificate_serial_counters: CertificateSerialCountersTable;
  certificate_batches: CertificateBatchesTable;
}

export type Certificate = Selectable<CertificatesTable>;



// ─── Reports ─────────────────────────────────────────────────────────────────

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportTables {}



// ─── The whole database ──────────────────────────────────────────────────────

export interface Database
  extends FoundationTables,
    DeliveryTables,
    LearningTables,
    CertificateTables,
    ReportTables {}
