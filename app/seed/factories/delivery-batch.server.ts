import type { Insertable } from "kysely";
import type { DB, Queryable } from "~/db/db.server";
import type { Audience, Database, Format, SessionStatus } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

// Delivery records as the reports read them: programmes with targets, offerings, classes,
// sessions with their classes' attendance, registrations. Used by the scale seed and by the
// reports' tests, so both build data the same way. Rows are collected and written with multi-row
// inserts inside one transaction (one insert per row costs ~20 µs of Kysely each at scale).

type Rows = { [T in keyof Database]?: Insertable<Database[T]>[] };

export class DeliveryBatch {
  rows: Rows = {};
  private t = nowIso();

  private push<T extends keyof Database>(table: T, row: Insertable<Database[T]>) {
    ((this.rows[table] ??= []) as Insertable<Database[T]>[]).push(row);
  }

  programme(p: {
    name: string;
    startsOn: string;
    endsOn: string;
    deliveryPartnerId?: string | null;
    targets: { audience: Audience; sessions: number; people: number }[];
  }) {
    const id = newId();
    this.push("programmes", {
      id,
      name: p.name,
      delivery_partner_id: p.deliveryPartnerId ?? null,
      description: null,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      created_at: this.t,
      updated_at: this.t,
    });
    for (const t of p.targets)
      this.push("programme_targets", {
        id: newId(),
        programme_id: id,
        audience: t.audience,
        sessions_target: t.sessions,
        people_target: t.people,
      });
    return id;
  }

  offering(o: {
    programmeId: string;
    title: string;
    audience: Audience;
    format: Format;
    capacity?: number;
    durationMinutes?: number;
    openToPublic?: boolean;
  }) {
    const id = newId();
    this.push("offerings", {
      id,
      programme_id: o.programmeId,
      title: o.title,
      description: null,
      audience: o.audience,
      format: o.format,
      duration_minutes: o.durationMinutes ?? 60,
      capacity: o.capacity ?? 30,
      questionnaire_id: null,
      series_length: 1,
      series_interval_days: 7,
      open_to_public: o.openToPublic ? 1 : 0,
      archived_at: null,
      created_at: this.t,
      updated_at: this.t,
    });
    return id;
  }

  class(c: { settingId: string; yearGroup: string; name: string; pupils: number }) {
    const id = newId();
    this.push("classes", {
      id,
      setting_id: c.settingId,
      year_group: c.yearGroup,
      name: c.name,
      pupil_count: c.pupils,
      access_needs: null,
      archived_at: null,
      created_at: this.t,
      updated_at: this.t,
    });
    return id;
  }

  /** A session; `classes` with the pupils who attended (null: attendance not yet taken). */
  session(s: {
    programmeId: string;
    offeringId: string;
    settingId?: string | null;
    districtId?: string | null;
    startsAt: string;
    status: SessionStatus;
    walkIns?: number;
    capacity?: number;
    isOpen?: boolean;
    classes?: { classId: string; attended: number | null }[];
  }) {
    const id = newId();
    const ends = new Date(new Date(s.startsAt).getTime() + 60 * 60_000).toISOString();
    this.push("delivery_sessions", {
      id,
      programme_id: s.programmeId,
      offering_id: s.offeringId,
      booking_request_id: null,
      setting_id: s.settingId ?? null,
      district_id: s.districtId ?? null,
      venue: s.settingId ? null : "Community venue",
      room: null,
      starts_at: s.startsAt,
      ends_at: ends,
      status: s.status,
      is_open: s.isOpen ? 1 : 0,
      capacity: s.capacity ?? 30,
      series_id: null,
      series_index: null,
      walk_ins: s.walkIns ?? 0,
      delivered_at: s.status === "delivered" ? ends : null,
      feedback_token: null,
      feedback_closes_at: null,
      created_at: this.t,
      updated_at: this.t,
    });
    for (const c of s.classes ?? [])
      this.push("session_classes", {
        session_id: id,
        class_id: c.classId,
        pupils_attended: c.attended,
      });
    return id;
  }

  registration(r: {
    sessionId: string;
    name?: string;
    status?: "confirmed" | "waiting" | "cancelled";
    attendance?: "attended" | "no_show" | null;
    walkIn?: boolean;
    organisationId?: string | null;
  }) {
    const id = newId();
    this.push("registrations", {
      id,
      session_id: r.sessionId,
      name: r.name ?? "Registrant",
      email: null,
      organisation_name: null,
      organisation_id: r.organisationId ?? null,
      user_id: null,
      access_needs: null,
      status: r.status ?? "confirmed",
      is_walk_in: r.walkIn ? 1 : 0,
      attendance: r.attendance ?? null,
      cancel_token_hash: null,
      reminder_sent_at: null,
      promoted_at: null,
      cancelled_at: null,
      anonymised_at: null,
      created_at: this.t,
      updated_at: this.t,
    });
    return id;
  }

  request(r: {
    settingId: string;
    offeringId: string;
    status?: "requested" | "scheduled" | "cancelled";
    classIds?: string[];
  }) {
    const id = newId();
    this.push("booking_requests", {
      id,
      package_id: null,
      setting_id: r.settingId,
      offering_id: r.offeringId,
      requested_by: null,
      preferred_dates: "[]",
      notes: null,
      status: r.status ?? "requested",
      cancel_reason: null,
      created_at: this.t,
      updated_at: this.t,
    });
    for (const c of r.classIds ?? [])
      this.push("booking_request_classes", { booking_request_id: id, class_id: c });
    return id;
  }

  /** One person's anonymous feedback at a session: scores by item for each stage answered, free text too. */
  feedback(r: {
    sessionId: string;
    questionnaireId: string;
    before?: Record<string, number>;
    after?: Record<string, number>;
    texts?: Record<string, string>;
  }) {
    const id = newId();
    const hasBefore = !!r.before && Object.keys(r.before).length > 0;
    const hasAfter =
      (!!r.after && Object.keys(r.after).length > 0) ||
      (!!r.texts && Object.keys(r.texts).length > 0);
    this.push("feedback_responses", {
      id,
      session_id: r.sessionId,
      questionnaire_id: r.questionnaireId,
      respondent_hash: id,
      ip_hash: null,
      before_at: hasBefore ? this.t : null,
      after_at: hasAfter ? this.t : null,
      created_at: this.t,
    });
    for (const [item, score] of Object.entries(r.before ?? {}))
      this.push("feedback_answers", {
        response_id: id,
        item_id: item,
        stage: "before",
        score,
        text: null,
      });
    for (const [item, score] of Object.entries(r.after ?? {}))
      this.push("feedback_answers", {
        response_id: id,
        item_id: item,
        stage: "after",
        score,
        text: null,
      });
    for (const [item, text] of Object.entries(r.texts ?? {}))
      this.push("feedback_answers", {
        response_id: id,
        item_id: item,
        stage: "after",
        score: null,
        text,
      });
    return id;
  }

  /** A trainer's paper tally: how many people gave `score` to an item at a stage. */
  tally(t: {
    sessionId: string;
    itemId: string;
    stage: "before" | "after";
    score: number;
    count: number;
  }) {
    this.push("feedback_tallies", {
      session_id: t.sessionId,
      item_id: t.itemId,
      stage: t.stage,
      score: t.score,
      count: t.count,
      entered_by: null,
      updated_at: this.t,
    });
  }

  safeguarding(r: {
    sessionId: string;
    kind: "concern" | "referral";
    destination: string | null;
    recordedBy: string;
    category?: string;
  }) {
    this.push("safeguarding_records", {
      id: newId(),
      session_id: r.sessionId,
      kind: r.kind,
      category: r.category ?? "criminal_exploitation",
      destination: r.destination,
      initials: "AB",
      year_group: "9",
      consent: "given",
      notes: null,
      recorded_by: r.recordedBy,
      created_at: this.t,
    });
  }

  /** A published module version with a quiz pass mark (no lessons: for bulk reporting data only). */
  module(m: { title: string; passMark?: number; createdBy?: string | null }) {
    const moduleId = newId();
    const versionId = newId();
    this.push("learning_modules", {
      id: moduleId,
      created_by: m.createdBy ?? null,
      created_at: this.t,
    });
    this.push("learning_module_versions", {
      id: versionId,
      module_id: moduleId,
      version: 1,
      status: "published",
      title: m.title,
      summary: m.title,
      audience: "VCSE staff and volunteers",
      estimated_minutes: 30,
      content_note: null,
      pass_mark: m.passMark ?? 80,
      created_by: m.createdBy ?? null,
      created_at: this.t,
      updated_at: this.t,
      published_at: this.t,
      archived_at: null,
    });
    return { moduleId, versionId };
  }

  /** An enrolment with its quiz attempts; completed at the first passing attempt, as submitQuiz does. */
  enrolment(e: {
    userId: string;
    moduleId: string;
    versionId: string;
    enrolledAt: string;
    attempts?: { at: string; score: number; passed: boolean }[];
  }) {
    const id = newId();
    const attempts = e.attempts ?? [];
    const firstPass = attempts.find((a) => a.passed);
    const last = attempts.at(-1)?.at ?? e.enrolledAt;
    this.push("learning_enrolments", {
      id,
      user_id: e.userId,
      module_id: e.moduleId,
      version_id: e.versionId,
      enrolled_at: e.enrolledAt,
      last_position: 1,
      last_activity_at: last,
      best_score: attempts.length ? Math.max(...attempts.map((a) => a.score)) : null,
      completed_at: firstPass?.at ?? null,
    });
    attempts.forEach((a, i) =>
      this.push("learning_quiz_attempts", {
        id: newId(),
        enrolment_id: id,
        attempt_number: i + 1,
        submitted_at: a.at,
        correct: a.score,
        total: 100,
        score: a.score,
        passed: a.passed ? 1 : 0,
        answers: "{}",
      }),
    );
    return id;
  }

  /** A trainer delivering a session (a session has one or two). */
  trainer(sessionId: string, trainerId: string) {
    this.push("session_trainers", { session_id: sessionId, trainer_id: trainerId });
  }

  user(u: {
    id?: string;
    email: string;
    name: string;
    organisationId: string;
    role?: "learner" | "organisation_manager" | "trainer" | "school_coordinator";
  }) {
    const id = u.id ?? newId();
    this.push("users", {
      id,
      email: u.email,
      name: u.name,
      password_hash: null,
      totp_key: null,
      totp_enabled_at: null,
      disabled_at: null,
      created_at: this.t,
      updated_at: this.t,
    });
    this.push("memberships", {
      id: newId(),
      user_id: id,
      organisation_id: u.organisationId,
      role: u.role ?? "learner",
      safeguarding_cleared: 0,
      created_at: this.t,
    });
    return id;
  }

  /** Writes everything, parents before children, in chunks of multi-row inserts, in one transaction. */
  async write(db: DB) {
    const order: (keyof Database)[] = [
      "users",
      "memberships",
      "programmes",
      "programme_targets",
      "offerings",
      "classes",
      "booking_requests",
      "booking_request_classes",
      "delivery_sessions",
      "session_classes",
      "session_trainers",
      "registrations",
      "feedback_responses",
      "feedback_answers",
      "feedback_tallies",
      "safeguarding_records",
      "learning_modules",
      "learning_module_versions",
      "learning_enrolments",
      "learning_quiz_attempts",
    ];
    await db.transaction().execute(async (tx) => {
      for (const table of order)
        await insertChunks(tx, table, (this.rows[table] ?? []) as Record<string, unknown>[]);
    });
    this.rows = {};
  }
}

/** Multi-row inserts sized to stay under SQLite's 32,766 bound parameters. */
export async function insertChunks(
  db: Queryable,
  table: keyof Database,
  rows: Record<string, unknown>[],
) {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table chosen at run time has no static row type
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + per))
      .execute();
  }
}
