import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

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
  | "content_author"
  | "caseworker";

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
  /** A lead's choice of setting type for reports; null: the register's answer (app/reports/setting-types.ts). */
  setting_type: string | null;
  district_id: string | null;
  postcode: string | null;
  /** A school's street address and the phone of its contact for visits (migration 2026-12-07-0700). */
  address: string | null;
  contact_phone: string | null;
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
  /** The server sending it now, and until when its claim holds (app/server/leases.server.ts). */
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A claim on a piece of background work by one server, until released or expired. */
export interface JobLeasesTable {
  key: string;
  owner: string;
  until: string;
}

/** Uploaded files (lesson images) by key, shared by every server (app/storage/files.server.ts). */
export interface StoredFilesTable {
  key: string;
  bytes: Uint8Array;
  byte_length: number;
  created_at: string;
}

/** Request rate limit counts per client and window, shared by every server (app/server/rate-limit-store.server.ts). */
export interface RequestCountsTable {
  key: string;
  hits: number;
  resets_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganisationImportsTable {
  id: string;
  uploaded_by: string | null;
  file_name: string;
  la_code: string;
  la_name: string | null;
  /** JSON: GiasRow[] (app/organisations/gias.server.ts), the chosen local authority's rows only */
  rows: string;
  other_la_count: number;
  status: "pending" | "applied" | "discarded";
  /** JSON: ImportPlan, as applied */
  report: string | null;
  created_at: string;
  applied_at: string | null;
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
  job_leases: JobLeasesTable;
  stored_files: StoredFilesTable;
  request_counts: RequestCountsTable;
  settings: SettingsTable;
  organisation_imports: OrganisationImportsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type OutboxMessage = Selectable<OutboxTable>;

// ─── Sessions (SOS+ delivery) ────────────────────────────────────────────────

export type Audience = "pupils" | "teachers" | "parents" | "vcse_staff";
export type Format =
  | "assembly"
  | "classroom_workshop"
  | "group_work"
  | "twilight_cpd"
  | "community_session"
  | "online";
export type SessionStatus = "scheduled" | "delivered" | "cancelled" | "postponed";
export type RequestStatus = "requested" | "scheduled" | "cancelled";
export type RegistrationStatus = "confirmed" | "waiting" | "cancelled";

export interface AudiencesTable {
  name: Audience;
  label: string;
  counted_by: "class" | "registration";
  sort_order: number;
}

export interface FormatsTable {
  name: Format;
  label: string;
  sort_order: number;
}

export interface ProgrammesTable {
  id: string;
  name: string;
  delivery_partner_id: string | null;
  description: string | null;
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeTargetsTable {
  id: string;
  programme_id: string;
  audience: Audience;
  sessions_target: number;
  people_target: number;
}

export interface QuestionnairesTable {
  id: string;
  name: string;
  style: "standard" | "pupil";
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireItemsTable {
  id: string;
  questionnaire_id: string;
  position: number;
  kind: "before_after" | "satisfaction" | "free_text";
  text: string;
  archived_at: string | null;
}

export interface OfferingsTable {
  id: string;
  programme_id: string;
  title: string;
  description: string | null;
  audience: Audience;
  format: Format;
  duration_minutes: number;
  capacity: number;
  questionnaire_id: string | null;
  series_length: number;
  series_interval_days: number;
  open_to_public: number;
  /** "primary", "secondary", or null: which schools' request form offers it (issue 17, item 5). */
  school_phase: SchoolPhase | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export type SchoolPhase = "primary" | "secondary";

export interface ClassesTable {
  id: string;
  setting_id: string;
  year_group: string;
  name: string;
  pupil_count: number;
  access_needs: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BookingRequestsTable {
  id: string;
  package_id: string | null;
  setting_id: string;
  offering_id: string;
  requested_by: string | null;
  /** JSON: [{ date: 'YYYY-MM-DD', time: 'HH:MM' | null }] */
  preferred_dates: string;
  notes: string | null;
  status: RequestStatus;
  cancel_reason: string | null;
  /** JSON like preferred_dates: other dates a lead proposed, waiting for the school's answer. */
  proposed_dates: string | null;
  created_at: string;
  updated_at: string;
}

export interface BookingRequestClassesTable {
  booking_request_id: string;
  class_id: string;
}

export interface DeliverySessionsTable {
  id: string;
  programme_id: string;
  offering_id: string;
  booking_request_id: string | null;
  setting_id: string | null;
  district_id: string | null;
  venue: string | null;
  room: string | null;
  /** Street address and postcode of a venue that is not a school on the register (migration 2026-12-06-1440). */
  address: string | null;
  postcode: string | null;
  /** An online session's joining link: sent to people with a place, never shown publicly. */
  joining_link: string | null;
  starts_at: string;
  ends_at: string;
  status: SessionStatus;
  is_open: number;
  capacity: number;
  series_id: string | null;
  series_index: number | null;
  walk_ins: number;
  delivered_at: string | null;
  feedback_token: string | null;
  feedback_closes_at: string | null;
  created_at: string;
  updated_at: string;
  /** Goes up by one with every change; the SEQUENCE of the session's calendar event (issue 12, item 5). */
  revision: Generated<number>;
}

export interface SessionTrainersTable {
  session_id: string;
  trainer_id: string;
}

export interface SessionClassesTable {
  session_id: string;
  class_id: string;
  pupils_attended: number | null;
}

export interface RegistrationsTable {
  id: string;
  session_id: string;
  name: string;
  email: string | null;
  organisation_name: string | null;
  organisation_id: string | null;
  user_id: string | null;
  access_needs: string | null;
  status: RegistrationStatus;
  is_walk_in: number;
  attendance: "attended" | "no_show" | null;
  cancel_token_hash: string | null;
  reminder_sent_at: string | null;
  joining_link_sent_at: string | null;
  promoted_at: string | null;
  cancelled_at: string | null;
  anonymised_at: string | null;
  created_at: string;
  updated_at: string;
  /** Booked in a burst: the place is held until then, unless the emailed link is followed (migration 2026-12-06-2011). */
  held_until?: string | null;
  confirm_token_hash?: string | null;
  /** 1: taken on the waiting list in a burst; a place that comes up for it is held until confirmed by email. */
  confirm_on_promotion?: Generated<number>;
}

export interface SessionEventsTable {
  id: string;
  session_id: string | null;
  booking_request_id: string | null;
  event: string;
  from_status: string | null;
  to_status: string | null;
  actor_user_id: string | null;
  reason: string | null;
  /** JSON list of the warnings a lead overrode */
  overridden_warnings: string | null;
  at: string;
}

export interface TrainerComplianceTable {
  user_id: string;
  dbs_checked_on: string | null;
  dbs_expires_on: string | null;
  safeguarding_trained_on: string | null;
  safeguarding_expires_on: string | null;
  updated_at: string;
}

/** Where a trainer is based, for "who is free and near" when scheduling (migration 2026-12-07-0710). */
export interface TrainerBasesTable {
  user_id: string;
  district_id: string | null;
  updated_at: string;
}

export interface TermDatesTable {
  id: string;
  academic_year: string;
  name: string;
  starts_on: string;
  ends_on: string;
}

/** A trainer's private calendar feed: only the token's hash is kept. */
export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

export interface DeliveryTables {
  audiences: AudiencesTable;
  formats: FormatsTable;
  programmes: ProgrammesTable;
  programme_targets: ProgrammeTargetsTable;
  questionnaires: QuestionnairesTable;
  questionnaire_items: QuestionnaireItemsTable;
  offerings: OfferingsTable;
  classes: ClassesTable;
  booking_requests: BookingRequestsTable;
  booking_request_classes: BookingRequestClassesTable;
  delivery_sessions: DeliverySessionsTable;
  session_trainers: SessionTrainersTable;
  session_classes: SessionClassesTable;
  registrations: RegistrationsTable;
  session_events: SessionEventsTable;
  trainer_compliance: TrainerComplianceTable;
  trainer_bases: TrainerBasesTable;
  term_dates: TermDatesTable;
  calendar_feeds: CalendarFeedsTable;
}

// Feedback answers and safeguarding records (their own migrations) go here.
export type FeedbackStage = "before" | "after";

export interface FeedbackResponsesTable {
  id: string;
  session_id: string;
  questionnaire_id: string;
  /** SHA-256 of the random code on the respondent's device */
  respondent_hash: string;
  ip_hash: string | null;
  before_at: string | null;
  after_at: string | null;
  created_at: string;
}

export interface FeedbackAnswersTable {
  response_id: string;
  item_id: string;
  stage: FeedbackStage;
  score: number | null;
  text: string | null;
}

export interface FeedbackTalliesTable {
  session_id: string;
  item_id: string;
  stage: FeedbackStage;
  score: number;
  count: number;
  entered_by: string | null;
  updated_at: string;
}

export interface SafeguardingRecordsTable {
  id: string;
  session_id: string;
  kind: "concern" | "referral";
  category: string;
  destination: string | null;
  initials: string;
  year_group: string;
  consent: "given" | "not_given" | "not_applicable";
  notes: string | null;
  recorded_by: string;
  created_at: string;
}

export interface FeedbackSafeguardingTables {
  feedback_responses: FeedbackResponsesTable;
  feedback_answers: FeedbackAnswersTable;
  feedback_tallies: FeedbackTalliesTable;
  safeguarding_records: SafeguardingRecordsTable;
}

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
  /** The one-time token of the quiz page it was sent from (unique per enrolment); null before tokens. */
  submission_token: string | null;
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

/** A module a manager asked a member of staff to complete by a date (migration 2026-12-06-1441). */
export interface LearningAssignmentsTable {
  id: string;
  organisation_id: string;
  user_id: string;
  module_id: string;
  /** 'YYYY-MM-DD', London */
  due_on: string;
  assigned_by: string | null;
  assigned_at: string;
  reminded_at: string | null;
  cancelled_at: string | null;
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
  learning_assignments: LearningAssignmentsTable;
}

export type ModuleVersion = Selectable<LearningModuleVersionsTable>;
export type Lesson = Selectable<LearningLessonsTable>;
export type HelpContact = Selectable<LearningHelpContactsTable>;

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
  /** The server (lease owner name) that stored this PDF. */
  rendered_by: string | null;
  /** Renders that reached the store: 1, unless a second render was wasted (counted, not stored). */
  renders: Generated<number>;
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

/** A holder's emailed download link (for holders without an account); only the token's hash. */
export interface CertificateDownloadLinksTable {
  token_hash: string;
  certificate_id: string;
  created_at: string;
  last_used_at: string | null;
}

export interface CertificateTables {
  certificate_batch_items: CertificateBatchItemsTable;
  certificate_download_links: CertificateDownloadLinksTable;
  certificates: CertificatesTable;
  certificate_files: CertificateFilesTable;
  certificate_serial_counters: CertificateSerialCountersTable;
  certificate_batches: CertificateBatchesTable;
}

export type Certificate = Selectable<CertificatesTable>;

// ─── Reports ─────────────────────────────────────────────────────────────────

/** Which submission count a session's feedback sums were made from (see app/reports/feedback-sums.server.ts). */
export interface ReportFeedbackSessionsTable {
  session_id: string;
  submissions: number;
  refreshed_at: string;
}

/** Online feedback answers summed per session and statement: derived, refreshed when stale. */
export interface ReportFeedbackSumsTable {
  session_id: string;
  item_id: string;
  answers_before: number;
  sum_before: number;
  answers_after: number;
  sum_after: number;
  pairs: number;
  sum_change: number;
}

/**
 * One row per session with what the dashboard counts from it, kept by triggers in the same
 * transaction as the write (migration 2026-12-07-0900, decision 141). Never written by the app.
 */
export interface ReportSessionFactsTable {
  session_id: string;
  programme_id: string;
  status: SessionStatus;
  starts_at: string;
  district_id: string | null;
  setting_id: string | null;
  audience: Audience;
  /** Attended registrations plus unnamed walk-ins. */
  people: number;
}

/** One row per class at a session, with its session's facts copied in (kept by triggers). */
export interface ReportClassFactsTable {
  class_id: string;
  session_id: string;
  programme_id: string;
  status: SessionStatus;
  starts_at: string;
  district_id: string | null;
  setting_id: string | null;
  audience: Audience;
  pupils: number | null;
}

/** A session's paper tallies summed per statement (kept by triggers on feedback_tallies). */
export interface ReportTallySumsTable {
  session_id: string;
  item_id: string;
  answers_before: number;
  sum_before: number;
  answers_after: number;
  sum_after: number;
}

export interface ReportTables {
  /** One row (id 1) whose version triggers bump on every change to report data (SQLite). */
  report_data_version: { id: number; version: number };
  report_feedback_sessions: ReportFeedbackSessionsTable;
  report_feedback_sums: ReportFeedbackSumsTable;
  report_session_facts: ReportSessionFactsTable;
  report_class_facts: ReportClassFactsTable;
  report_tally_sums: ReportTallySumsTable;
}

// ─── Security (two-step sign-in) ─────────────────────────────────────────────

export interface TotpLastStepsTable {
  user_id: string;
  /** The last 30-second TOTP step accepted for this person: codes at or before it are refused. */
  step: number;
  used_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface SecurityTables {
  totp_last_steps: TotpLastStepsTable;
  recovery_codes: RecoveryCodesTable;
}

// ─── Casework (1-2-1 support and mentoring) ─────────────────────────────────
// The only tables that name children. `*_enc` columns are ciphertext (app/casework/crypto.server.ts).

export interface CaseworkProgrammesTable {
  id: string;
  name: string;
  provider_organisation_id: string | null;
  area: string;
  district_ids: string | null;
  max_age: number | null;
  parent_consent_under_age: number | null;
  assessment_interval_weeks: number;
  quiet_weeks: number;
  missed_contact_days: number;
  retain_until_age: number;
  takes_safeguarding_referrals: number;
  target_young_people: number | null;
  target_exited_percent: number | null;
  target_lower_risk_percent: number | null;
  target_eet_percent: number | null;
  starts_on: string | null;
  ends_on: string | null;
  created_at: string;
}

export type ReferralSource = "safeguarding_log" | "school" | "mace";
export type ReferralStatus = "pending" | "accepted" | "declined" | "signposted";

export interface CaseworkReferralsTable {
  id: string;
  programme_id: string;
  source: ReferralSource;
  safeguarding_record_id: string | null;
  session_id: string | null;
  school_id: string | null;
  referred_by: string | null;
  young_person_name: string | null;
  initials: string;
  date_of_birth: string | null;
  year_group: string;
  reason_enc: string | null;
  risk_indicators_enc: string | null;
  mace_known: number | null;
  parent_aware: number | null;
  status: ReferralStatus;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  retain_until: string | null;
  created_at: string;
}

export type CaseStatus = "awaiting_consent" | "open" | "closed";

export interface CaseworkCasesTable {
  id: string;
  referral_id: string;
  programme_id: string;
  caseworker_id: string | null;
  status: CaseStatus;
  plan_enc: string | null;
  opened_at: string | null;
  first_contact_at: string | null;
  closed_at: string | null;
  closure_reason: string | null;
  ending: string | null;
  outcome_eet: number | null;
  outcome_risk: string | null;
  outcome_exited: number | null;
  retain_until: string | null;
  created_at: string;
}

export interface CaseworkAllocationsTable {
  id: string;
  case_id: string;
  caseworker_id: string | null;
  allocated_by: string | null;
  allocated_at: string;
}

export interface CaseworkConsentsTable {
  id: string;
  case_id: string;
  purpose: string;
  given_by: string;
  given_on: string;
  how: string;
  present: string | null;
  withdrawn_on: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface CaseworkContactsTable {
  id: string;
  case_id: string;
  contact_on: string;
  minutes: number;
  place: string;
  outcome: string;
  missed_reason: string | null;
  note_enc: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface CaseworkAssessmentItemsTable {
  id: string;
  programme_id: string;
  position: number;
  label: string;
  hint: string | null;
  retired_at: string | null;
}

export interface CaseworkAssessmentsTable {
  id: string;
  case_id: string;
  stage: string;
  voice: string;
  taken_on: string;
  recorded_by: string | null;
  created_at: string;
}

export interface CaseworkAssessmentScoresTable {
  assessment_id: string;
  item_id: string;
  score: number;
}

export interface CaseworkRiskTable {
  id: string;
  case_id: string;
  recorded_on: string;
  level: string;
  source: string;
  detail_enc: string;
  recorded_by: string | null;
  created_at: string;
}

export interface CaseworkOnwardReferralsTable {
  id: string;
  case_id: string;
  service: string;
  made_on: string;
  outcome: string;
  recorded_by: string | null;
  created_at: string;
}

export interface CaseworkTables {
  casework_programmes: CaseworkProgrammesTable;
  casework_referrals: CaseworkReferralsTable;
  casework_cases: CaseworkCasesTable;
  casework_allocations: CaseworkAllocationsTable;
  casework_consents: CaseworkConsentsTable;
  casework_contacts: CaseworkContactsTable;
  casework_assessment_items: CaseworkAssessmentItemsTable;
  casework_assessments: CaseworkAssessmentsTable;
  casework_assessment_scores: CaseworkAssessmentScoresTable;
  casework_risk: CaseworkRiskTable;
  casework_onward_referrals: CaseworkOnwardReferralsTable;
}

// ─── The whole database ──────────────────────────────────────────────────────

export interface Database
  extends
    FoundationTables,
    DeliveryTables,
    FeedbackSafeguardingTables,
    LearningTables,
    CertificateTables,
    ReportTables,
    SecurityTables,
    CaseworkTables {}
