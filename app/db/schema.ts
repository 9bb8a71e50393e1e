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

export type ModuleStatus = "draft" | "published" | "superseded" | "archived";

export interface LearningModulesTable {
  id: string;
  created_by: string | null;
  created_at: string;
}

export interface LearningModuleVersionsTable {
  id: string;
  module_id: string;
  version: number;
  status: ModuleStatus;
  title: string;
  summary: string;
  audience: string;
  estimated_minutes: number;
  content_note: string | null;
  /** Percentage of questions answered correctly needed to pass (0–100). */
  pass_mark: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  archived_at: string | null;
}

export interface LearningLessonsTable {
  id: string;
  version_id: string;
  position: number;
  title: string;
  content_note: string | null;
  body_markdown: string;
  /** Rendered from body_markdown when saved (markdown-it, html: false, links checked). */
  body_html: string;
}

export interface LearningQuestionsTable {
  id: string;
  version_id: string;
  position: number;
  prompt: string;
  kind: "single" | "multiple";
}

export interface LearningOptionsTable {
  id: string;
  question_id: string;
  position: number;
  text: string;
  is_correct: number;
  feedback: string;
}

export interface LearningEnrolmentsTable {
  id: string;
  user_id: string;
  module_id: string;
  /** The version the learner started; it never changes, whatever is published later. */
  version_id: string;
  enrolled_at: string;
  /** 1-based lesson position to resume at; lessons + 1 means the quiz. */
  last_position: number;
  last_activity_at: string;
  best_score: number | null;
  completed_at: string | null;
}

export interface LearningLessonReadsTable {
  enrolment_id: string;
  lesson_id: string;
  read_at: string;
}

export interface LearningQuizAttemptsTable {
  id: string;
  enrolment_id: string;
  attempt_number: number;
  submitted_at: string;
  correct: number;
  total: number;
  /** Percentage, rounded down. */
  score: number;
  passed: number;
  /** JSON: { [questionId]: optionId[] } as submitted. */
  answers: string;
}

export interface LearningImagesTable {
  id: string;
  content_type: string;
  bytes: number;
  sha256: string;
  original_name: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface LearningHelpContactsTable {
  id: string;
  position: number;
  name: string;
  description: string;
  phone: string | null;
  url: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface LearningTables {
  learning_modules: LearningModulesTable;
  learning_module_versions: LearningModuleVersionsTable;
  learning_lessons: LearningLessonsTable;
  learning_questions: LearningQuestionsTable;
  learning_options: LearningOptionsTable;
  learning_enrolments: LearningEnrolmentsTable;
  learning_lesson_reads: LearningLessonReadsTable;
  learning_quiz_attempts: LearningQuizAttemptsTable;
  learning_images: LearningImagesTable;
  learning_help_contacts: LearningHelpContactsTable;
}

export type ModuleVersion = Selectable<LearningModuleVersionsTable>;
export type Lesson = Selectable<LearningLessonsTable>;
export type HelpContact = Selectable<LearningHelpContactsTable>;



// ─── Certificates ────────────────────────────────────────────────────────────

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CertificateTables {}



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
