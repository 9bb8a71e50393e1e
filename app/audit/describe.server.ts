import { sessionsWithOffering } from "~/sessions/queries.server";
import { ROLE_LABELS } from "~/auth/permissions";
import type { Queryable } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { formatLongDate } from "~/utils/dates";

// The audit log in words (issue 12, item 12). Entries are stored as codes and ids
// ("membership.role_changed", a user's id) so they stay exact and filterable; a lead reading the
// log sees a sentence instead — "Priya Shah changed Dan Okafor's role at St Giles Trust from
// Trainer to Programme lead" — with the names looked up when the page is read. A name that no
// longer exists (an erased person, a deleted contact) falls back to words such as "a person", never
// to an id. Casework entries never name the young person: only "a case" or "a referral".

export interface AuditRow {
  action: string;
  actor_name: string | null;
  actor_email: string | null;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
}

/** What each action is called in the filter list. Unknown actions are turned into words from their code. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_out": "Signed out",
  "auth.sign_out_everywhere": "Signed out on every device",
  "auth.password_reset_requested": "Asked to reset a password",
  "auth.password_reset": "Reset a password",
  "auth.first_lead_created": "Set up Lantern",
  "auth.two_factor_enabled": "Turned on two-step sign-in",
  "auth.two_factor_verified": "Passed two-step sign-in",
  "auth.two_factor_failed": "Wrong two-step sign-in code",
  "auth.two_factor_disabled": "Turned off two-step sign-in",
  "auth.recovery_code_used": "Used a recovery code",
  "auth.recovery_codes_replaced": "Made new recovery codes",
  "privacy.looked_up": "Looked up a person's records",
  "privacy.exported": "Exported a person's records",
  "privacy.erased": "Erased a person's details",
  "privacy.retention_run": "Removed old personal details",
  "privacy.retention_changed": "Changed how long details are kept",
  "invitation.sent": "Invited someone",
  "invitation.accepted": "Accepted an invitation",
  "invitation.resent": "Resent an invitation",
  "invitation.revoked": "Withdrew an invitation",
  "membership.added": "Gave someone a role",
  "membership.role_changed": "Changed someone's role",
  "membership.removed": "Removed someone's role",
  "membership.clearance_changed": "Changed safeguarding clearance",
  "user.disabled": "Disabled an account",
  "user.enabled": "Re-enabled an account",
  "organisation.created": "Added an organisation",
  "organisation.updated": "Changed an organisation",
  "organisations.imported": "Imported schools from the register",
  "certificate.issued": "Issued a certificate",
  "certificate.revoked": "Revoked a certificate",
  "certificate.reissued": "Reissued a certificate",
  "certificate.batch_issued": "Issued a batch of certificates",
  "safeguarding.recorded": "Recorded a safeguarding concern",
  "safeguarding.viewed": "Viewed safeguarding records",
  "learning.module_published": "Published an e-learning module",
  "learning.module_archived": "Archived an e-learning module",
  "learning.help_contact_added": "Added a help contact",
  "learning.help_contact_changed": "Changed a help contact",
  "learning.help_contact_removed": "Removed a help contact",
  "calendar_feed.stopped": "Stopped a calendar feed",
  "calendar_feed.reset": "Replaced a calendar feed link",
  "trainer.compliance_updated": "Updated a trainer's checks",
  "casework.referred": "Made a casework referral",
  "casework.referral_viewed": "Viewed a casework referral",
  "casework.referral_decided": "Decided a casework referral",
  "casework.case_viewed": "Viewed a case",
  "casework.case_exported": "Exported a case",
  "casework.details_recorded": "Recorded a case's details",
  "casework.consent_recorded": "Recorded consent on a case",
  "casework.consent_withdrawn": "Recorded consent withdrawn",
  "casework.plan_saved": "Saved a support plan",
  "casework.contact_recorded": "Recorded a casework contact",
  "casework.assessment_recorded": "Recorded a casework assessment",
  "casework.risk_recorded": "Recorded a risk level",
  "casework.onward_recorded": "Recorded an onward referral",
  "casework.onward_updated": "Updated an onward referral",
  "casework.subject_exported": "Exported a young person's records",
  "casework.subject_erased": "Erased a young person's records",
  "casework.programme_changed": "Changed a casework programme",
  "casework.characteristic_added": "Added a casework characteristic",
  "casework.characteristic_retired": "Retired a casework characteristic",
  "casework.report_exported": "Exported a casework report",
};

/** An action's name in words, for the filter and for actions this module has no sentence for. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function roleLabel(role: unknown): string {
  return typeof role === "string" && role in ROLE_LABELS
    ? ROLE_LABELS[role as Role].toLowerCase()
    : "a role";
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function parseDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const v = JSON.parse(detail) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

const FIELD_WORDS: Record<string, string> = {
  name: "name",
  urn: "URN",
  phase: "phase",
  establishment_type: "type",
  district_id: "district",
  postcode: "postcode",
  charity_number: "charity number",
  company_number: "company number",
};

/** Names looked up for one page of entries, by kind and id. */
interface Names {
  users: Map<string, string>;
  organisations: Map<string, string>;
  sessions: Map<string, string>;
  invitations: Map<string, { email: string; role: string; organisation: string | null }>;
  certificates: Map<string, { serial: string; holder: string; title: string }>;
  batches: Map<string, string>;
  modules: Map<string, string>;
  contacts: Map<string, string>;
  caseworkProgrammes: Map<string, string>;
  districts: Map<string, string>;
}

async function lookUpNames(db: Queryable, rows: AuditRow[]): Promise<Names> {
  const ids = (type: string, extra: (d: Record<string, unknown>) => unknown[] = () => []) => {
    const set = new Set<string>();
    for (const r of rows) {
      if (r.subject_type === type && r.subject_id) set.add(r.subject_id);
      for (const v of extra(parseDetail(r.detail))) if (typeof v === "string" && v) set.add(v);
    }
    return [...set];
  };
  const userIds = ids("user");
  const orgIds = ids("organisation", (d) => [d.organisationId]);
  const sessionIds = ids("delivery_session", (d) => [d.sessionId]);
  const invitationIds = ids("invitation");
  const certificateIds = ids("certificate");
  const batchIds = ids("certificate_batch");
  const moduleIds = ids("learning_module");
  const contactIds = ids("learning_help_contact");
  const programmeIds = ids("casework_programme");
  const districtIds = rows.flatMap((r) => {
    const changes = parseDetail(r.detail).changes as
      Record<string, { from?: unknown; to?: unknown }> | undefined;
    const c = changes?.district_id;
    return c ? [c.from, c.to].filter((v): v is string => typeof v === "string") : [];
  });

  const [
    users,
    orgs,
    sessions,
    invitations,
    certificates,
    batches,
    modules,
    contacts,
    programmes,
    districts,
  ] = await Promise.all([
    userIds.length
      ? db.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute()
      : [],
    orgIds.length
      ? db.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute()
      : [],
    sessionIds.length
      ? sessionsWithOffering(db)
          .select(["s.id", "s.starts_at", "s.venue", "o.title", "setting.name as setting_name"])
          .where("s.id", "in", sessionIds)
          .execute()
      : [],
    invitationIds.length
      ? db
          .selectFrom("invitations")
          .leftJoin("organisations", "organisations.id", "invitations.organisation_id")
          .select([
            "invitations.id",
            "invitations.email",
            "invitations.role",
            "organisations.name as organisation_name",
          ])
          .where("invitations.id", "in", invitationIds)
          .execute()
      : [],
    certificateIds.length
      ? db
          .selectFrom("certificates")
          .select(["id", "serial", "holder_name", "achievement_title"])
          .where("id", "in", certificateIds)
          .execute()
      : [],
    batchIds.length
      ? db
          .selectFrom("certificate_batches")
          .select(["id", "label"])
          .where("id", "in", batchIds)
          .execute()
      : [],
    moduleIds.length
      ? db
          .selectFrom("learning_module_versions")
          .select(["module_id", "title", "version"])
          .where("module_id", "in", moduleIds)
          .orderBy("version", "asc")
          .execute()
      : [],
    contactIds.length
      ? db
          .selectFrom("learning_help_contacts")
          .select(["id", "name"])
          .where("id", "in", contactIds)
          .execute()
      : [],
    programmeIds.length
      ? db
          .selectFrom("casework_programmes")
          .select(["id", "name"])
          .where("id", "in", programmeIds)
          .execute()
      : [],
    districtIds.length
      ? db.selectFrom("districts").select(["id", "name"]).where("id", "in", districtIds).execute()
      : [],
  ]);
  const moduleTitles = new Map<string, string>();
  // Versions come oldest first, so the latest title wins.
  for (const m of modules) moduleTitles.set(m.module_id, m.title);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    organisations: new Map(orgs.map((o) => [o.id, o.name])),
    sessions: new Map(
      sessions.map((s) => [
        s.id,
        `the session ‘${s.title}’ on ${formatLongDate(s.starts_at)}${s.setting_name ? ` at ${s.setting_name}` : s.venue ? ` at ${s.venue}` : ""}`,
      ]),
    ),
    invitations: new Map(
      invitations.map((i) => [
        i.id,
        { email: i.email, role: i.role, organisation: i.organisation_name },
      ]),
    ),
    certificates: new Map(
      certificates.map((c) => [
        c.id,
        { serial: c.serial, holder: c.holder_name, title: c.achievement_title },
      ]),
    ),
    batches: new Map(batches.map((b) => [b.id, b.label])),
    modules: moduleTitles,
    contacts: new Map(contacts.map((c) => [c.id, c.name])),
    caseworkProgrammes: new Map(programmes.map((p) => [p.id, p.name])),
    districts: new Map(districts.map((d) => [d.id, d.name])),
  };
}

export interface DescribedEntry {
  /** The whole entry as one sentence, starting with who did it. */
  sentence: string;
  /** Further facts in words (what changed, how many), one per line. */
  details: string[];
}

function describeOne(r: AuditRow, names: Names): DescribedEntry {
  const d = parseDetail(r.detail);
  const actor =
    r.actor_name ??
    (r.action === "privacy.retention_run" || r.action === "certificate.issued"
      ? "Lantern"
      : "Someone not signed in");
  const user = (id: string | null | undefined, fallback = "a person who has since been removed") =>
    id ? (names.users.get(id) ?? fallback) : fallback;
  const org = (id: unknown, name?: unknown) =>
    str(name) ??
    (typeof id === "string" ? names.organisations.get(id) : undefined) ??
    "an organisation";
  const subjectUser =
    r.subject_type === "user"
      ? user(r.subject_id)
      : r.subject_type === "email"
        ? "a person without an account"
        : "a person";
  const possessive = (name: string) => (name.endsWith("s") ? `${name}’` : `${name}’s`);
  const self =
    r.subject_id && r.subject_type === "user" && names.users.get(r.subject_id) === r.actor_name;
  const details: string[] = [];
  const say = (text: string): DescribedEntry => ({ sentence: `${actor} ${text}`, details });

  switch (r.action) {
    case "auth.sign_in":
      return say("signed in");
    case "auth.sign_in_failed": {
      const reason = str(d.reason);
      return {
        sentence: `Someone failed to sign in as ${str(d.email) ?? "an unknown email address"}${reason ? ` (${reason})` : ""}`,
        details,
      };
    }
    case "auth.sign_out":
      return say("signed out");
    case "auth.sign_out_everywhere":
      return say("signed out on every device");
    case "auth.password_reset_requested":
      return say("asked for a link to reset their password");
    case "auth.password_reset":
      return say("reset their password");
    case "auth.first_lead_created":
      return say("set up Lantern as its first programme lead");
    case "auth.two_factor_enabled":
      return say("turned on two-step sign-in");
    case "auth.two_factor_verified":
      return say(
        `passed two-step sign-in${d.method === "recovery" ? " with a recovery code" : d.method === "totp" ? " with their authenticator app" : ""}`,
      );
    case "auth.two_factor_failed":
      return say("entered a wrong two-step sign-in code");
    case "auth.two_factor_disabled":
      return say(
        self
          ? "turned off their two-step sign-in"
          : `turned off two-step sign-in for ${subjectUser}`,
      );
    case "auth.recovery_code_used":
      return say("used a recovery code");
    case "auth.recovery_codes_replaced":
      return say(d.first ? "made their first recovery codes" : "replaced their recovery codes");
    case "privacy.looked_up":
      return say(`looked up the records Lantern holds about ${subjectUser}`);
    case "privacy.exported":
      return say(`exported the records Lantern holds about ${subjectUser}`);
    case "privacy.erased":
      return say(
        `erased the personal details of ${r.subject_type === "user" ? user(r.subject_id, "a person") : "a person without an account"}`,
      );
    case "privacy.retention_run": {
      const results = Array.isArray(d.results)
        ? (d.results as { policy?: unknown; affected?: unknown }[])
        : [];
      for (const x of results)
        if (num(x.affected))
          details.push(`${str(x.policy) ?? "Records"}: ${plural(num(x.affected)!, "record")}`);
      const months = num(d.months);
      return say(
        `removed personal details older than ${months ? plural(months, "month") : "the retention period"}`,
      );
    }
    case "privacy.retention_changed":
      return say(
        `changed how long personal details are kept${d.from != null ? ` from ${String(d.from)}` : ""} to ${String(d.to ?? "the default")} months`,
      );
    case "invitation.sent":
      return say(
        `invited ${str(d.email) ?? "someone"} to join ${org(d.organisationId)} as ${roleLabel(d.role)}`,
      );
    case "invitation.accepted": {
      const inv = r.subject_id ? names.invitations.get(r.subject_id) : undefined;
      return say(
        inv
          ? `accepted the invitation to join ${inv.organisation ?? "an organisation"} as ${roleLabel(inv.role)}`
          : "accepted an invitation",
      );
    }
    case "invitation.resent":
    case "invitation.revoked": {
      const inv = r.subject_id ? names.invitations.get(r.subject_id) : undefined;
      const email = str(d.email) ?? inv?.email ?? "someone";
      return say(
        `${r.action === "invitation.resent" ? "resent" : "withdrew"} the invitation to ${email}${inv?.organisation ? ` to join ${inv.organisation}` : ""}`,
      );
    }
    case "membership.added":
      return say(
        `made ${subjectUser} ${roleLabel(d.role)} at ${org(d.organisationId, d.organisation)}`,
      );
    case "membership.role_changed":
      return say(
        `changed ${possessive(subjectUser)} role at ${org(null, d.organisation)} from ${roleLabel(d.from)} to ${roleLabel(d.to)}`,
      );
    case "membership.removed":
      return say(
        `removed ${subjectUser} as ${roleLabel(d.role)} at ${org(d.organisationId, d.organisation)}`,
      );
    case "membership.clearance_changed":
      return say(
        `recorded ${subjectUser} as ${d.safeguardingCleared ? "safeguarding-cleared" : "not safeguarding-cleared"} as ${roleLabel(d.role)} at ${org(null, d.organisation)}`,
      );
    case "user.disabled":
      return say(`disabled the account of ${subjectUser}`);
    case "user.enabled":
      return say(`re-enabled the account of ${subjectUser}`);
    case "organisation.created":
      return say(`added the organisation ${str(d.name) ?? org(r.subject_id)}`);
    case "organisation.updated": {
      const name = org(r.subject_id);
      if (typeof d.archived === "boolean")
        return say(`${d.archived ? "archived" : "restored"} the organisation ${name}`);
      const changes = (d.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      for (const [field, c] of Object.entries(changes)) {
        const words = (v: unknown) =>
          v === null || v === undefined || v === ""
            ? "nothing"
            : field === "district_id"
              ? (names.districts.get(String(v)) ?? "another district")
              : `“${String(v)}”`;
        details.push(
          `${FIELD_WORDS[field] ?? field.replace(/_/g, " ")}: ${words(c?.from)} to ${words(c?.to)}`,
        );
      }
      return say(`changed the details of ${name}`);
    }
    case "organisations.imported": {
      for (const k of ["created", "updated", "unchanged", "skipped"] as const)
        if (num(d[k]) !== null)
          details.push(
            `${k.charAt(0).toUpperCase()}${k.slice(1)}: ${num(d[k])!.toLocaleString("en-GB")}`,
          );
      return say(
        `imported schools from the register${str(d.file) ? ` (file ${str(d.file)})` : ""}`,
      );
    }
    case "certificate.issued":
    case "certificate.revoked":
    case "certificate.reissued": {
      const c = r.subject_id ? names.certificates.get(r.subject_id) : undefined;
      const serial = str(d.serial) ?? c?.serial ?? "a certificate";
      const what = c
        ? `certificate ${serial} to ${c.holder} for ‘${c.title}’`
        : `certificate ${serial}`;
      if (str(d.reason)) details.push(`Reason: ${str(d.reason)}`);
      if (r.action === "certificate.issued") return say(`issued ${what}`);
      if (r.action === "certificate.revoked")
        return say(`revoked ${c ? `certificate ${serial} (${c.holder}, ‘${c.title}’)` : what}`);
      return say(`reissued certificate ${str(d.replaces) ?? "an earlier certificate"} as ${what}`);
    }
    case "certificate.batch_issued": {
      const label = str(d.label) ?? (r.subject_id ? names.batches.get(r.subject_id) : undefined);
      const created = num(d.created);
      if (num(d.existing))
        details.push(`${plural(num(d.existing)!, "certificate")} already issued, kept`);
      return say(
        `issued ${created !== null ? plural(created, "certificate") : "certificates"} in a batch${label ? ` (${label})` : ""}`,
      );
    }
    case "safeguarding.recorded": {
      const s = typeof d.sessionId === "string" ? names.sessions.get(d.sessionId) : undefined;
      if (d.caseworkReferralId) details.push("A casework referral was made from it");
      return say(`recorded a safeguarding concern${s ? ` at ${s}` : ""}`);
    }
    case "safeguarding.viewed": {
      const count = Array.isArray(d.records) ? d.records.length : null;
      if (count !== null) details.push(plural(count, "record") + " shown");
      if (r.subject_type === "delivery_session")
        return say(
          `viewed the safeguarding records of ${(r.subject_id && names.sessions.get(r.subject_id)) || "a session"}`,
        );
      return say("viewed the safeguarding log");
    }
    case "learning.module_published": {
      const title = (r.subject_id && names.modules.get(r.subject_id)) || "an e-learning module";
      return say(
        `published ${num(d.version) ? `version ${num(d.version)} of ` : ""}the module ‘${title}’`.replace(
          "the module ‘an e-learning module’",
          "an e-learning module",
        ),
      );
    }
    case "learning.module_archived": {
      const title = r.subject_id && names.modules.get(r.subject_id);
      return say(title ? `archived the module ‘${title}’` : "archived an e-learning module");
    }
    case "learning.help_contact_added":
    case "learning.help_contact_changed":
    case "learning.help_contact_removed": {
      const name = str(d.name) ?? (r.subject_id ? names.contacts.get(r.subject_id) : undefined);
      const verb = r.action.endsWith("added")
        ? "added"
        : r.action.endsWith("changed")
          ? "changed"
          : "removed";
      return say(`${verb} the help contact ${name ? `‘${name}’` : "for learners"}`);
    }
    case "calendar_feed.stopped":
      return say("stopped their calendar feed");
    case "calendar_feed.reset":
      return say("replaced their calendar feed link");
    case "trainer.compliance_updated":
      return say(`updated the DBS and safeguarding training dates of ${subjectUser}`);
    case "casework.programme_changed":
    case "casework.characteristic_added":
    case "casework.characteristic_retired": {
      const name =
        (r.subject_id && names.caseworkProgrammes.get(r.subject_id)) || "a casework programme";
      if (r.action === "casework.characteristic_added")
        return say(
          `added the characteristic ${str(d.label) ? `‘${str(d.label)}’ ` : ""}to ${name}`,
        );
      if (r.action === "casework.characteristic_retired")
        return say(`retired a characteristic of ${name}`);
      return say(`changed the settings of ${name}`);
    }
    case "casework.report_exported":
      return say("exported a casework report");
    case "casework.referred":
      return say(
        `made a casework referral${d.source === "school" ? " from a school" : d.source === "mace" ? " from MACE" : d.source === "safeguarding_log" ? " from the safeguarding log" : ""}`,
      );
    case "casework.referral_viewed":
      return say("viewed a casework referral");
    case "casework.referral_decided":
      return say(
        `${d.decision === "accepted" ? "accepted" : d.decision === "declined" ? "declined" : d.decision === "signposted" ? "signposted elsewhere" : "decided"} a casework referral`,
      );
    case "casework.subject_exported":
      return say("exported the records held about a young person");
    case "casework.subject_erased":
      return say("erased the records held about a young person");
    default:
      if (r.action.startsWith("casework."))
        return say(
          `${actionLabel(r.action).charAt(0).toLowerCase()}${actionLabel(r.action).slice(1)}`,
        );
      return say(`did this: ${actionLabel(r.action).toLowerCase()}`);
  }
}

/** Each entry as a sentence with names, for one page of the log. */
export async function describeAuditEntries(
  db: Queryable,
  rows: AuditRow[],
): Promise<DescribedEntry[]> {
  const names = await lookUpNames(db, rows);
  return rows.map((r) => describeOne(r, names));
}
