import type { Role } from "~/db/schema";

// The route inventory: every route of the server build, with who may GET it and who may POST to
// it. tests/integration/route-access.test.ts loads build/server/index.js, fails on any route not
// listed here (or listed but gone), then signs in as each role and as nobody and checks every
// route and method against this table. Adding a route? Add its row here — the test tells you if
// you forget.
//
// What the test counts as "may": the answer is not 401/403/405, not 5xx, and not a redirect to
// sign-in (a 400 for the empty form it posts is fine: the request got past the checks). What it
// counts as "may not": GET answers 403 or 404 or redirects to sign-in; POST answers a 4xx or
// redirects to sign-in — never a 2xx.

export type Who = "anonymous" | Role;

export const ROLES: readonly Role[] = [
  "programme_lead",
  "trainer",
  "school_coordinator",
  "organisation_manager",
  "learner",
  "content_author",
  "caseworker",
];
export const SIGNED_IN: readonly Who[] = ROLES;
export const EVERYONE: readonly Who[] = ["anonymous", ...ROLES];
export const NOBODY: readonly Who[] = [];
const LEAD: readonly Who[] = ["programme_lead"];
const SCHOOL: readonly Who[] = ["school_coordinator"];
const AUTHOR: readonly Who[] = ["content_author"];
const SCHOOL_OR_LEAD: readonly Who[] = ["school_coordinator", "programme_lead"];
const PEOPLE_ADMINS: readonly Who[] = ["programme_lead", "organisation_manager"];
const SESSION_STAFF: readonly Who[] = ["programme_lead", "trainer"];
const LEARNERS: readonly Who[] = ["organisation_manager", "learner", "content_author"];
const HELP_EDITORS: readonly Who[] = ["content_author", "programme_lead"];
const OVERSEERS: readonly Who[] = ["organisation_manager", "programme_lead"];
const REPORT_VIEWERS: readonly Who[] = [
  "programme_lead",
  "school_coordinator",
  "organisation_manager",
];
// Casework (decision 080): the demo lead is safeguarding-cleared (a casework manager), the demo
// school coordinator is the school's cleared safeguarding lead, the demo caseworker is mentor@.
const CASE_STAFF: readonly Who[] = ["programme_lead", "caseworker"];
const CASE_REFERRERS: readonly Who[] = ["programme_lead", "school_coordinator"];

export interface RouteAccess {
  /** The route id in the server build (its file under app/routes without the extension). */
  id: string;
  /** The full URL pattern, e.g. "/admin/outbox/:id". */
  path: string;
  /** Who may read the page. */
  get: readonly Who[];
  /** Who may post to it; null when the route has no action (every POST is refused). */
  post: readonly Who[] | null;
  /**
   * A real URL for routes with parameters, with {placeholders} the test fills from its fixture
   * rows (see FIXTURE_KEYS in the test). Without one the test makes up a value, and a 404 then
   * counts as a correct answer for a role that may otherwise see the page.
   */
  sample?: string;
  /** Posting here ends the session (the test signs in again afterwards). */
  endsSession?: boolean;
  /** Why the access is what it is, where that is not obvious. */
  note?: string;
}

/** Layout routes with no page of their own: listed so the inventory is complete. */
export const LAYOUT_ROUTES = ["root", "routes/author", "routes/learning"];

export const ROUTE_ACCESS: RouteAccess[] = [
  // ─── Foundation ────────────────────────────────────────────────────────────
  {
    id: "routes/_index",
    path: "/",
    get: EVERYONE,
    post: null,
    note: "A landing page for anonymous visitors, the role's home page otherwise.",
  },
  {
    id: "routes/sign-in",
    path: "/sign-in",
    get: EVERYONE,
    post: EVERYONE,
    note: "Signed-in people are sent on to their home page.",
  },
  { id: "routes/sign-out", path: "/sign-out", get: SIGNED_IN, post: EVERYONE, endsSession: true },
  { id: "routes/forgot-password", path: "/forgot-password", get: EVERYONE, post: EVERYONE },
  {
    id: "routes/reset-password.$token",
    path: "/reset-password/:token",
    get: EVERYONE,
    post: EVERYONE,
    sample: "/reset-password/{resetToken}",
    note: "The token in the link is the credential.",
  },
  {
    id: "routes/invitations.$token",
    path: "/invitations/:token",
    get: EVERYONE,
    post: EVERYONE,
    sample: "/invitations/{invitationToken}",
    note: "The token in the link is the credential.",
  },
  {
    id: "routes/setup",
    path: "/setup",
    get: NOBODY,
    post: NOBODY,
    note: "Open only while the database has no accounts at all; closed for good after.",
  },
  { id: "routes/account", path: "/account", get: SIGNED_IN, post: SIGNED_IN },
  {
    id: "routes/account_.password",
    path: "/account/password",
    get: SIGNED_IN,
    post: SIGNED_IN,
    note: "Changing one's own password: the current one is required.",
  },
  { id: "routes/admin.outbox._index", path: "/admin/outbox", get: ["programme_lead"], post: null },
  {
    id: "routes/admin.outbox.$id",
    path: "/admin/outbox/:id",
    get: ["programme_lead"],
    post: null,
    sample: "/admin/outbox/{outboxId}",
  },

  // ─── Security: two-step sign-in, data protection ──────────────────────────
  {
    id: "routes/two-factor._index",
    path: "/two-factor",
    get: SIGNED_IN,
    post: SIGNED_IN,
    note: "People who need no second step are sent on.",
  },
  { id: "routes/two-factor.set-up", path: "/two-factor/set-up", get: SIGNED_IN, post: SIGNED_IN },
  {
    id: "routes/two-factor.recovery-codes",
    path: "/two-factor/recovery-codes",
    get: SIGNED_IN,
    post: SIGNED_IN,
  },
  {
    id: "routes/admin.privacy._index",
    path: "/admin/privacy",
    get: ["programme_lead"],
    post: ["programme_lead"],
  },
  {
    id: "routes/admin.privacy.export",
    path: "/admin/privacy/export",
    get: ["programme_lead"],
    post: ["programme_lead"],
    note: "GET only sends leads back to /admin/privacy.",
  },
  {
    id: "routes/admin.privacy.erase",
    path: "/admin/privacy/erase",
    get: ["programme_lead"],
    post: ["programme_lead"],
  },

  // ─── Foundation: organisations, people, audit ─────────────────────────────
  { id: "routes/admin.audit", path: "/admin/audit", get: LEAD, post: null },
  { id: "routes/admin.organisations._index", path: "/admin/organisations", get: LEAD, post: null },
  { id: "routes/admin.organisations.new", path: "/admin/organisations/new", get: LEAD, post: LEAD },
  {
    id: "routes/admin.organisations.$id._index",
    path: "/admin/organisations/:id",
    get: LEAD,
    post: LEAD,
    sample: "/admin/organisations/{org.Norwich Youth Harbour}",
  },
  {
    id: "routes/admin.organisations.$id.edit",
    path: "/admin/organisations/:id/edit",
    get: LEAD,
    post: LEAD,
    sample: "/admin/organisations/{org.Norwich Youth Harbour}/edit",
  },
  {
    id: "routes/admin.organisations.import._index",
    path: "/admin/organisations/import",
    get: LEAD,
    post: LEAD,
  },
  {
    id: "routes/admin.organisations.import.$id",
    path: "/admin/organisations/import/:id",
    get: LEAD,
    post: LEAD,
    sample: "/admin/organisations/import/{importId}",
  },
  {
    id: "routes/admin.people._index",
    path: "/admin/people",
    get: PEOPLE_ADMINS,
    post: null,
    note: "Managers see only their own organisation's people.",
  },
  {
    id: "routes/admin.people.$id._index",
    path: "/admin/people/:id",
    get: PEOPLE_ADMINS,
    post: LEAD,
    sample: "/admin/people/{user.learner}",
    note: "Managers may view people in their organisation; only leads change accounts.",
  },
  {
    id: "routes/admin.people.$id.memberships.$membershipId",
    path: "/admin/people/:id/memberships/:membershipId",
    get: LEAD,
    post: LEAD,
    sample: "/admin/people/{user.learner}/memberships/{learnerMembership}",
  },
  {
    id: "routes/admin.people.invitations",
    path: "/admin/people/invitations",
    get: PEOPLE_ADMINS,
    post: PEOPLE_ADMINS,
  },
  {
    id: "routes/admin.people.invite",
    path: "/admin/people/invite",
    get: PEOPLE_ADMINS,
    post: PEOPLE_ADMINS,
  },

  // ─── Sessions: programmes, offerings, classes, bookings, scheduling, delivery ─
  { id: "routes/programmes._index", path: "/programmes", get: LEAD, post: null },
  { id: "routes/programmes.new", path: "/programmes/new", get: LEAD, post: LEAD },
  {
    id: "routes/programmes.$id._index",
    path: "/programmes/:id",
    get: LEAD,
    post: null,
    sample: "/programmes/{programme}",
  },
  {
    id: "routes/programmes.$id.edit",
    path: "/programmes/:id/edit",
    get: LEAD,
    post: LEAD,
    sample: "/programmes/{programme}/edit",
  },
  { id: "routes/offerings._index", path: "/offerings", get: LEAD, post: null },
  { id: "routes/offerings.new", path: "/offerings/new", get: LEAD, post: LEAD },
  {
    id: "routes/offerings.$id",
    path: "/offerings/:id",
    get: LEAD,
    post: LEAD,
    sample: "/offerings/{offering}",
  },
  {
    id: "routes/admin.questionnaires._index",
    path: "/admin/questionnaires",
    get: LEAD,
    post: null,
  },
  {
    id: "routes/admin.questionnaires.new",
    path: "/admin/questionnaires/new",
    get: LEAD,
    post: LEAD,
  },
  {
    id: "routes/admin.questionnaires.$id",
    path: "/admin/questionnaires/:id",
    get: LEAD,
    post: LEAD,
    sample: "/admin/questionnaires/{questionnaire}",
  },
  { id: "routes/classes._index", path: "/classes", get: SCHOOL, post: null },
  { id: "routes/classes.new", path: "/classes/new", get: SCHOOL, post: SCHOOL },
  {
    id: "routes/school-details",
    path: "/school-details",
    get: SCHOOL,
    post: SCHOOL,
    note: "Only the coordinator's own schools (another's is not found); a lead keeps the same details on the organisation's edit page.",
  },
  {
    id: "routes/classes.$id",
    path: "/classes/:id",
    get: SCHOOL,
    post: SCHOOL,
    sample: "/classes/{class}",
    note: "Only the coordinator's own school's classes.",
  },
  { id: "routes/bookings._index", path: "/bookings", get: SCHOOL, post: null },
  { id: "routes/bookings.new", path: "/bookings/new", get: SCHOOL, post: SCHOOL },
  {
    id: "routes/bookings.$id",
    path: "/bookings/:id",
    get: SCHOOL_OR_LEAD,
    post: SCHOOL_OR_LEAD,
    sample: "/bookings/{bookingRequest}",
    note: "A coordinator sees only their own school's requests.",
  },
  { id: "routes/schedule._index", path: "/schedule", get: LEAD, post: null },
  {
    id: "routes/schedule.$requestId",
    path: "/schedule/:requestId",
    get: LEAD,
    post: LEAD,
    sample: "/schedule/{bookingRequest}",
  },
  { id: "routes/term-dates", path: "/term-dates", get: LEAD, post: LEAD },
  { id: "routes/trainers._index", path: "/trainers", get: LEAD, post: null },
  {
    id: "routes/trainers.$id",
    path: "/trainers/:id",
    get: LEAD,
    post: LEAD,
    sample: "/trainers/{user.trainer}",
  },
  { id: "routes/sessions._index", path: "/sessions", get: SESSION_STAFF, post: null },
  { id: "routes/sessions.week", path: "/sessions/week", get: SESSION_STAFF, post: null },
  {
    id: "routes/sessions.calendar-feed",
    path: "/sessions/calendar-feed",
    get: ["trainer"],
    post: ["trainer"],
  },
  {
    id: "routes/sessions.$id._index",
    path: "/sessions/:id",
    get: SESSION_STAFF,
    post: SESSION_STAFF,
    sample: "/sessions/{trainerSession}",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id.attendance",
    path: "/sessions/:id/attendance",
    get: SESSION_STAFF,
    post: SESSION_STAFF,
    sample: "/sessions/{trainerSession}/attendance",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id.register",
    path: "/sessions/:id/register",
    get: SESSION_STAFF,
    post: null,
    sample: "/sessions/{trainerSession}/register",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id.change",
    path: "/sessions/:id/change",
    get: LEAD,
    post: LEAD,
    sample: "/sessions/{futureSession}/change",
  },
  { id: "routes/sessions.new", path: "/sessions/new", get: LEAD, post: LEAD },
  {
    id: "routes/sessions.$id.bookers",
    path: "/sessions/:id/bookers",
    get: SESSION_STAFF,
    post: LEAD,
    sample: "/sessions/{trainerSession}/bookers",
    note: "Trainers read the list (with access needs) only for sessions they are assigned to; leads change bookings and email everyone.",
  },
  {
    id: "routes/sessions.$id.bookers[.csv]",
    path: "/sessions/:id/bookers.csv",
    get: SESSION_STAFF,
    post: null,
    sample: "/sessions/{trainerSession}/bookers.csv",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id.bookers_.$registrationId",
    path: "/sessions/:id/bookers/:registrationId",
    get: LEAD,
    post: LEAD,
    sample: "/sessions/{openSession}/bookers/{openRegistration}",
  },
  {
    id: "routes/sessions.$id.session[.ics]",
    path: "/sessions/:id/session.ics",
    get: SIGNED_IN,
    post: null,
    note: "Any signed-in person reaches the check; the session is looked up in the viewer's scope (trainers, leads, the school's coordinator), so others get 404.",
  },
  {
    id: "routes/calendar.$token.lantern[.ics]",
    path: "/calendar/:token/lantern.ics",
    get: EVERYONE,
    post: null,
    sample: "/calendar/{feedToken}/lantern.ics",
    note: "The trainer's unguessable feed token is the credential (calendar apps cannot sign in).",
  },

  // ─── Open sessions, feedback, safeguarding ────────────────────────────────
  {
    id: "routes/sessions.open._index",
    path: "/sessions/open",
    get: EVERYONE,
    post: null,
    note: "Public list of open sessions.",
  },
  {
    id: "routes/sessions.open.$id",
    path: "/sessions/open/:id",
    get: EVERYONE,
    post: EVERYONE,
    sample: "/sessions/open/{openSession}",
    note: "Anyone may book a place on an open session.",
  },
  {
    id: "routes/sessions.open.$id_.booked",
    path: "/sessions/open/:id/booked",
    get: EVERYONE,
    post: null,
    sample: "/sessions/open/{openSession}/booked",
  },
  {
    id: "routes/sessions.open.$id_.calendar",
    path: "/sessions/open/:id/calendar",
    get: EVERYONE,
    post: null,
    sample: "/sessions/open/{openSession}/calendar",
  },
  {
    id: "routes/sessions.open.resend",
    path: "/sessions/open/resend",
    get: EVERYONE,
    post: EVERYONE,
    note: "Anyone may ask; the answer is the same whether or not the address has a booking, and details go only to the address.",
  },
  { id: "routes/privacy", path: "/privacy", get: EVERYONE, post: null },
  { id: "routes/accessibility", path: "/accessibility", get: EVERYONE, post: null },
  { id: "routes/contact", path: "/contact", get: EVERYONE, post: null },
  {
    id: "routes/sessions.open.confirm.$token",
    path: "/sessions/open/confirm/:token",
    get: EVERYONE,
    post: EVERYONE,
    note: "A place held in a burst of bookings: the emailed token is the credential; 404 for any other.",
  },
  {
    id: "routes/sessions.open.cancel.$token",
    path: "/sessions/open/cancel/:token",
    get: EVERYONE,
    post: EVERYONE,
    sample: "/sessions/open/cancel/{cancelToken}",
    note: "The cancellation token in the email is the credential.",
  },
  {
    id: "routes/feedback.$token",
    path: "/feedback/:token",
    get: EVERYONE,
    post: EVERYONE,
    sample: "/feedback/{feedbackToken}",
    note: "The session's feedback token (QR code) is the credential; answers are anonymous.",
  },
  {
    id: "routes/sessions.$id_.feedback",
    path: "/sessions/:id/feedback",
    get: SESSION_STAFF,
    post: SESSION_STAFF,
    sample: "/sessions/{trainerSession}/feedback",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id_.feedback_.poster",
    path: "/sessions/:id/feedback/poster",
    get: SESSION_STAFF,
    post: null,
    sample: "/sessions/{trainerSession}/feedback/poster",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id_.feedback_.paper",
    path: "/sessions/:id/feedback/paper",
    get: SESSION_STAFF,
    post: null,
    sample: "/sessions/{trainerSession}/feedback/paper",
    note: "Trainers only for sessions they are assigned to.",
  },
  {
    id: "routes/sessions.$id_.safeguarding",
    path: "/sessions/:id/safeguarding",
    get: SESSION_STAFF,
    post: SESSION_STAFF,
    sample: "/sessions/{trainerSession}/safeguarding",
    note: "Only safeguarding-cleared staff: leads, and cleared trainers for their own sessions (the demo trainer is cleared).",
  },
  {
    id: "routes/safeguarding._index",
    path: "/safeguarding",
    get: SESSION_STAFF,
    post: null,
    note: "Cleared leads and trainers only; an uncleared trainer gets 403.",
  },

  // ─── Learning: modules, authoring, oversight, help ────────────────────────
  { id: "routes/learning._index", path: "/learning", get: LEARNERS, post: null },
  { id: "routes/learning.my", path: "/learning/my", get: LEARNERS, post: null },
  {
    id: "routes/learning.modules.$moduleId._index",
    path: "/learning/modules/:moduleId",
    get: LEARNERS,
    post: LEARNERS,
    sample: "/learning/modules/{module}",
  },
  {
    id: "routes/learning.modules.$moduleId.continue",
    path: "/learning/modules/:moduleId/continue",
    get: LEARNERS,
    post: null,
  },
  {
    id: "routes/learning.modules.$moduleId.lessons.$position",
    path: "/learning/modules/:moduleId/lessons/:position",
    get: LEARNERS,
    post: LEARNERS,
  },
  {
    id: "routes/learning.modules.$moduleId.quiz._index",
    path: "/learning/modules/:moduleId/quiz",
    get: LEARNERS,
    post: LEARNERS,
  },
  {
    id: "routes/learning.modules.$moduleId.quiz.$attemptId",
    path: "/learning/modules/:moduleId/quiz/:attemptId",
    get: ["learner"],
    post: null,
    sample: "/learning/modules/{learnerModule}/quiz/{learnerAttempt}",
    note: "Only the learner's own attempts: the sample is learner@'s, so everyone else (who may learn too) gets 404.",
  },
  {
    id: "routes/learning.images.$imageId",
    path: "/learning/images/:imageId",
    get: LEARNERS,
    post: null,
    sample: "/learning/images/{image}",
    note: "Lesson images: authors see any (to preview drafts); others who may learn only images shown by a published module or the version they are enrolled in (404 otherwise).",
  },
  {
    id: "routes/learning.help._index",
    path: "/learning/help",
    get: HELP_EDITORS,
    post: HELP_EDITORS,
  },
  {
    id: "routes/learning.help.$contactId",
    path: "/learning/help/:contactId",
    get: HELP_EDITORS,
    post: HELP_EDITORS,
    sample: "/learning/help/{helpContact}",
  },
  {
    id: "routes/learning.organisations._index",
    path: "/learning/organisations",
    get: OVERSEERS,
    post: null,
  },
  {
    id: "routes/learning.organisations.$orgId._index",
    path: "/learning/organisations/:orgId",
    get: OVERSEERS,
    post: null,
    sample: "/learning/organisations/{org.Norwich Youth Harbour}",
    note: "Managers only for their own organisation (403 for any other).",
  },
  {
    id: "routes/learning.organisations.$orgId.export[.csv]",
    path: "/learning/organisations/:orgId/export.csv",
    get: OVERSEERS,
    post: null,
    sample: "/learning/organisations/{org.Norwich Youth Harbour}/export.csv",
    note: "Managers only for their own organisation (403 for any other).",
  },
  {
    id: "routes/learning.organisations.$orgId.assign",
    path: "/learning/organisations/:orgId/assign",
    get: OVERSEERS,
    post: OVERSEERS,
    sample: "/learning/organisations/{org.Norwich Youth Harbour}/assign",
    note: "Managers only for their own organisation's staff (403 for any other).",
  },
  { id: "routes/learning.oversight._index", path: "/learning/oversight", get: LEAD, post: null },
  {
    id: "routes/learning.oversight.export[.csv]",
    path: "/learning/oversight/export.csv",
    get: LEAD,
    post: null,
  },
  { id: "routes/author._index", path: "/author", get: AUTHOR, post: null },
  { id: "routes/author.images", path: "/author/images", get: AUTHOR, post: AUTHOR },
  { id: "routes/author.modules.new", path: "/author/modules/new", get: AUTHOR, post: AUTHOR },
  {
    id: "routes/author.modules.$moduleId._index",
    path: "/author/modules/:moduleId",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{module}",
  },
  {
    id: "routes/author.modules.$moduleId.details",
    path: "/author/modules/:moduleId/details",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{module}/details",
  },
  {
    id: "routes/author.modules.$moduleId.lessons.new",
    path: "/author/modules/:moduleId/lessons/new",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{module}/lessons/new",
  },
  {
    id: "routes/author.modules.$moduleId.lessons.$lessonId",
    path: "/author/modules/:moduleId/lessons/:lessonId",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{draftModule}/lessons/{draftLesson}",
  },
  {
    id: "routes/author.modules.$moduleId.questions.new",
    path: "/author/modules/:moduleId/questions/new",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{module}/questions/new",
  },
  {
    id: "routes/author.modules.$moduleId.questions.$questionId",
    path: "/author/modules/:moduleId/questions/:questionId",
    get: AUTHOR,
    post: AUTHOR,
    sample: "/author/modules/{draftModule}/questions/{draftQuestion}",
  },
  {
    id: "routes/author.modules.$moduleId.preview.$position",
    path: "/author/modules/:moduleId/preview/:position",
    get: AUTHOR,
    post: null,
    sample: "/author/modules/{module}/preview/1",
  },

  // ─── Certificates ──────────────────────────────────────────────────────────
  {
    id: "routes/certificates._index",
    path: "/certificates",
    get: SIGNED_IN,
    post: null,
    note: "Each person's own certificates.",
  },
  {
    id: "routes/certificates.download.$token",
    path: "/certificates/download/:token",
    get: EVERYONE,
    post: null,
    note: "A holder without an account: the emailed token is the key; 404 for any other.",
  },
  {
    id: "routes/certificates.download.$token_.pdf",
    path: "/certificates/download/:token/pdf",
    get: EVERYONE,
    post: null,
    note: "As /certificates/download/:token.",
  },
  {
    id: "routes/certificates.$id",
    path: "/certificates/:id",
    get: ["learner", "organisation_manager", "programme_lead"],
    post: null,
    sample: "/certificates/{learnerCertificate}",
    note: "Any signed-in person reaches the check: own certificates; managers their organisation's; leads any. The sample is learner@'s, so the others get 404.",
  },
  {
    id: "routes/certificates.$id_.pdf",
    path: "/certificates/:id/pdf",
    get: ["learner", "organisation_manager", "programme_lead"],
    post: null,
    sample: "/certificates/{learnerCertificate}/pdf",
    note: "As /certificates/:id.",
  },
  {
    id: "routes/certificates.staff",
    path: "/certificates/staff",
    get: ["organisation_manager"],
    post: null,
  },
  { id: "routes/admin.certificates._index", path: "/admin/certificates", get: LEAD, post: null },
  { id: "routes/admin.certificates.new", path: "/admin/certificates/new", get: LEAD, post: LEAD },
  { id: "routes/admin.certificates.bulk", path: "/admin/certificates/bulk", get: LEAD, post: LEAD },
  {
    id: "routes/admin.certificates.sessions",
    path: "/admin/certificates/sessions",
    get: LEAD,
    post: LEAD,
    note: "A delivered session's attendees' certificates as one batch.",
  },
  {
    id: "routes/admin.certificates.$id",
    path: "/admin/certificates/:id",
    get: LEAD,
    post: LEAD,
    sample: "/admin/certificates/{certificate}",
  },
  {
    id: "routes/admin.certificates.batches.$id",
    path: "/admin/certificates/batches/:id",
    get: LEAD,
    post: null,
  },
  {
    id: "routes/admin.certificates.batches.$id_.zip",
    path: "/admin/certificates/batches/:id/zip",
    get: LEAD,
    post: null,
  },
  {
    id: "routes/verify._index",
    path: "/verify",
    get: EVERYONE,
    post: null,
    note: "Public certificate verification.",
  },
  {
    id: "routes/verify.$code",
    path: "/verify/:code",
    get: EVERYONE,
    post: null,
    sample: "/verify/{certificateCode}",
    note: "The code printed on the certificate is the key; shows only what the certificate shows.",
  },

  // ─── Casework: referrals, cases ───────────────────────────────────────────
  {
    id: "routes/casework._index",
    path: "/casework",
    get: CASE_STAFF,
    post: null,
    note: "Caseworkers their own cases; cleared leads every case. An uncleared lead gets 403.",
  },
  {
    id: "routes/casework.referrals._index",
    path: "/casework/referrals",
    get: CASE_REFERRERS,
    post: null,
    note: "Cleared leads: the triage queue; a school's cleared safeguarding lead: their own referrals' status only.",
  },
  {
    id: "routes/casework.referrals.new",
    path: "/casework/referrals/new",
    get: CASE_REFERRERS,
    post: CASE_REFERRERS,
    note: "Schools refer for their own school; cleared leads record MACE panel referrals.",
  },
  {
    id: "routes/casework.referrals.$id",
    path: "/casework/referrals/:id",
    get: LEAD,
    post: LEAD,
    sample: "/casework/referrals/{caseworkReferral}",
    note: "Triage: cleared leads only; 404 for everyone else.",
  },
  {
    id: "routes/casework.programmes._index",
    path: "/casework/programmes",
    get: LEAD,
    post: null,
    note: "Cleared leads only (403 for an uncleared lead).",
  },
  {
    id: "routes/casework.programmes.$id",
    path: "/casework/programmes/:id",
    get: LEAD,
    post: LEAD,
    sample: "/casework/programmes/{caseworkProgramme}",
    note: "Settings, targets and assessment characteristics: cleared leads only; 404 for everyone else.",
  },
  {
    id: "routes/casework.subject-access",
    path: "/casework/subject-access",
    get: LEAD,
    post: LEAD,
    note: "Cleared leads only: a young person's export or erasure, and the retention review list.",
  },
  {
    id: "routes/casework.subject-access_.export",
    path: "/casework/subject-access/export",
    get: LEAD,
    post: LEAD,
    note: "GET sends cleared leads back to /casework/subject-access; POST is the JSON download.",
  },
  {
    id: "routes/casework.cases.$id._index",
    path: "/casework/cases/:id",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}",
    note: "The case's caseworker (the sample is mentor@'s) and cleared leads; 404 for everyone else.",
  },
  {
    id: "routes/casework.cases.$id.consent",
    path: "/casework/cases/:id/consent",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/consent",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.contacts",
    path: "/casework/cases/:id/contacts",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/contacts",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.assessments",
    path: "/casework/cases/:id/assessments",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/assessments",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.risk",
    path: "/casework/cases/:id/risk",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/risk",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.onward",
    path: "/casework/cases/:id/onward",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/onward",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.close",
    path: "/casework/cases/:id/close",
    get: CASE_STAFF,
    post: CASE_STAFF,
    sample: "/casework/cases/{caseworkCase}/close",
    note: "As the case.",
  },
  {
    id: "routes/casework.cases.$id.export[.json]",
    path: "/casework/cases/:id/export.json",
    get: CASE_STAFF,
    post: null,
    sample: "/casework/cases/{caseworkCase}/export.json",
    note: "As the case; every export audited.",
  },

  // ─── Reports ───────────────────────────────────────────────────────────────
  {
    id: "routes/reports._index",
    path: "/reports",
    get: REPORT_VIEWERS,
    post: null,
    note: "Scoped: all for leads, own school for coordinators, own organisation for managers.",
  },
  { id: "routes/reports.schools", path: "/reports/schools", get: REPORT_VIEWERS, post: null },
  {
    id: "routes/reports.outcomes",
    path: "/reports/outcomes",
    get: REPORT_VIEWERS,
    post: null,
    note: "Same scope as the dashboard.",
  },
  {
    id: "routes/reports.csv.$table",
    path: "/reports/csv/:table",
    get: REPORT_VIEWERS,
    post: null,
    sample: "/reports/csv/settings",
    note: "Unknown table names give 404.",
  },
  {
    id: "routes/reports.casework",
    path: "/reports/casework",
    get: LEAD,
    post: null,
    note: "Every lead, cleared or not (aggregate figures only, suppressed).",
  },
  {
    id: "routes/reports.casework.csv.$table",
    path: "/reports/casework/csv/:table",
    get: LEAD,
    post: null,
    sample: "/reports/casework/csv/casework-referrals",
    note: "Unknown table names give 404; every export audited.",
  },
  { id: "routes/reports.return._index", path: "/reports/return", get: LEAD, post: null },
  { id: "routes/reports.return.csv", path: "/reports/return/csv", get: LEAD, post: null },
  { id: "routes/reports.return.pdf", path: "/reports/return/pdf", get: LEAD, post: null },
];

/** Routes Express answers before Remix (not in the build): listed for the threat model. */
export const EXPRESS_ROUTES = [
  {
    path: "/healthz",
    get: EVERYONE,
    note: "Database reachability and migration count; no personal data.",
  },
  {
    path: "/readyz",
    get: EVERYONE,
    note: "Ready for requests: database reachable, migrations current, not shutting down; no personal data.",
  },
];
