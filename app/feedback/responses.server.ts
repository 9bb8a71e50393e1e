import { sessionsWithOffering } from "~/sessions/queries.server";
import crypto from "node:crypto";
import { derivedKey } from "~/auth/secrets.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { FeedbackAnswersTable, FeedbackStage } from "~/db/schema";
import { now, nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { getQuestionnaire, questionnaireIdForSession } from "./questionnaires.server";
import { combinedMean, pairedChange, type Tally } from "./stats";

// Anonymous feedback through a session's link. A respondent's before and after answers are paired
// by a random code held on their device (a cookie scoped to the link's path), stored only as a
// hash: never a name, an account or an address.

export const DEFAULT_LINK_OPEN_DAYS = 14;
/** Answers accepted from one network address for one session (a class on school Wi-Fi shares one). */
export const MAX_RESPONSES_PER_ADDRESS = 250;
/** Answers accepted for one session in all, however many people it had. */
export const MAX_RESPONSES_PER_SESSION = 2000;

/**
 * How many people a session's online answers may come from (issue 11, finding 15): those who
 * attended once attendance is taken; before that, those booked (open sessions and named bookers),
 * the pupils in its classes, or failing all of those its places. A few more are allowed on top
 * (a walk-in, a miscount): 5, or a tenth for big sessions. Past the limit, people are asked for a
 * paper form, which the trainer enters as tallies.
 */
export async function responseCap(db: Queryable, sessionId: string) {
  const s = await db
    .selectFrom("delivery_sessions")
    .select(["is_open", "capacity", "walk_ins"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!s) return { people: 0, basis: "places" as const, limit: 0 };
  const classes = await db
    .selectFrom("session_classes as sc")
    .innerJoin("classes as c", "c.id", "sc.class_id")
    .select(["c.pupil_count", "sc.pupils_attended"])
    .where("sc.session_id", "=", sessionId)
    .execute();
  const registrations = await db
    .selectFrom("registrations")
    .select(["attendance"])
    .where("session_id", "=", sessionId)
    .where("status", "=", "confirmed")
    .execute();
  // Attendance is taken when a class is counted, a booker marked or a walk-in recorded. A session
  // marked delivered without any of those (imported, or from before attendance was kept) falls
  // back to what was expected, rather than to nobody.
  const recorded =
    s.walk_ins > 0 ||
    classes.some((c) => c.pupils_attended !== null) ||
    registrations.some((r) => r.attendance !== null);
  let people: number;
  let basis: "attended" | "booked" | "in its classes" | "places";
  if (recorded) {
    people =
      classes.reduce((n, c) => n + (c.pupils_attended ?? 0), 0) +
      registrations.filter((r) => r.attendance === "attended").length +
      s.walk_ins;
    basis = "attended";
  } else if (s.is_open || registrations.length) {
    people = registrations.length + classes.reduce((n, c) => n + c.pupil_count, 0);
    basis = "booked";
  } else if (classes.length) {
    people = classes.reduce((n, c) => n + c.pupil_count, 0);
    basis = "in its classes";
  } else {
    people = s.capacity;
    basis = "places";
  }
  const limit = Math.min(MAX_RESPONSES_PER_SESSION, people + Math.max(5, Math.ceil(people / 10)));
  return { people, basis, limit };
}

/**
 * The network address, kept only to cap answers from one address: an HMAC under a key derived
 * from the server's secret and the month (UTC), never a plain hash, which over IPv4's 4 billion
 * addresses anyone with the database could reverse. Last month's values cannot be matched to this
 * month's, so the cap per address starts again each month.
 */
const addressKeys = new Map<string, Buffer>();
export function addressHash(ip: string, sessionId: string, at: Date = now()) {
  const month = at.toISOString().slice(0, 7);
  let key = addressKeys.get(month);
  if (!key) {
    key = derivedKey(`feedback-address:${month}`);
    if (addressKeys.size > 3) addressKeys.clear();
    addressKeys.set(month, key);
  }
  return crypto.createHmac("sha256", key).update(`${ip}|${sessionId}`).digest("hex");
}

export async function linkOpenDays(db: Queryable) {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", "feedback.link_open_days")
    .executeTakeFirst();
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_LINK_OPEN_DAYS;
}

/**
 * Gives the session a feedback link if it has none: a random token, open until
 * `feedback.link_open_days` days after the session ends. Returns the token and closing time.
 */
export async function ensureFeedbackLink(db: Queryable, sessionId: string) {
  const s = await db
    .selectFrom("delivery_sessions")
    .select(["feedback_token", "feedback_closes_at", "ends_at"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!s) return undefined;
  if (s.feedback_token && s.feedback_closes_at)
    return { token: s.feedback_token, closesAt: s.feedback_closes_at };
  const token = s.feedback_token ?? generateToken();
  const closesAt =
    s.feedback_closes_at ??
    new Date(Date.parse(s.ends_at) + (await linkOpenDays(db)) * 24 * 3600_000).toISOString();
  await db
    .updateTable("delivery_sessions")
    .set({ feedback_token: token, feedback_closes_at: closesAt })
    .where("id", "=", sessionId)
    .where((eb) => eb.or([eb("feedback_token", "is", null), eb("feedback_token", "=", token)]))
    .execute();
  const after = await db
    .selectFrom("delivery_sessions")
    .select(["feedback_token", "feedback_closes_at"])
    .where("id", "=", sessionId)
    .executeTakeFirstOrThrow();
  return { token: after.feedback_token!, closesAt: after.feedback_closes_at! };
}

/** The session and questionnaire behind a public feedback link. */
export async function feedbackForm(db: Queryable, token: string) {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(token)) return undefined;
  const s = await sessionsWithOffering(db)
    .select(["s.id", "s.status", "s.starts_at", "s.ends_at", "s.feedback_closes_at", "o.title"])
    .where("s.feedback_token", "=", token)
    .executeTakeFirst();
  if (!s) return undefined;
  const questionnaireId = await questionnaireIdForSession(db, s.id);
  const questionnaire = questionnaireId ? await getQuestionnaire(db, questionnaireId) : undefined;
  if (!questionnaire) return undefined;
  // A link made elsewhere without a closing time closes the usual number of days after the session.
  const closesAt =
    s.feedback_closes_at ??
    new Date(Date.parse(s.ends_at) + (await linkOpenDays(db)) * 24 * 3600_000).toISOString();
  const closed =
    s.status === "cancelled" || s.status === "postponed" || Date.parse(closesAt) <= now().getTime();
  return { session: { ...s, feedback_closes_at: closesAt }, questionnaire, closed };
}

export type FeedbackFormData = NonNullable<Awaited<ReturnType<typeof feedbackForm>>>;

/** Which step a device is at: nothing answered yet, before answered, or both answered. */
export async function respondentProgress(db: Queryable, sessionId: string, code: string | null) {
  if (!code) return { before: false, after: false };
  const r = await db
    .selectFrom("feedback_responses")
    .select(["before_at", "after_at"])
    .where("session_id", "=", sessionId)
    .where("respondent_hash", "=", hashToken(code))
    .executeTakeFirst();
  return { before: !!r?.before_at, after: !!r?.after_at };
}

/**
 * What the link asks a device now. Once the session has ended it asks for "after" answers, even
 * from someone who did not answer at the start (issue 12, item 10): asking "before" two days later
 * would record hindsight as a starting point.
 */
export function feedbackStep(
  form: FeedbackFormData,
  progress: { before: boolean; after: boolean },
  wantsAfter: boolean,
) {
  if (form.closed) return "closed" as const;
  if (progress.after) return "done" as const;
  const ended = Date.parse(form.session.ends_at) <= now().getTime();
  return progress.before || wantsAfter || ended ? ("after" as const) : ("before" as const);
}

export function newRespondentCode() {
  return generateToken();
}

export function isRespondentCode(code: unknown): code is string {
  return typeof code === "string" && /^[a-z2-7]{32}$/.test(code);
}

/** Which items a stage asks. Before: the before/after statements. After: those again, satisfaction, free text. */
export function itemsForStage<T extends { kind: string }>(items: T[], stage: FeedbackStage) {
  return stage === "before" ? items.filter((i) => i.kind === "before_after") : items;
}

export type SubmitResult =
  | { ok: true }
  | { ok: false; reason: "closed" | "already_answered" | "too_many" | "more_than_people" };

export async function submitAnswers(
  db: DB,
  input: {
    form: FeedbackFormData;
    code: string;
    stage: FeedbackStage;
    scores: Record<string, number>;
    texts: Record<string, string>;
    ip: string;
  },
): Promise<SubmitResult> {
  const { form, code, stage } = input;
  if (form.closed) return { ok: false, reason: "closed" };
  const sessionId = form.session.id;
  const respondentHash = hashToken(code);
  const ipHash = addressHash(input.ip, sessionId);
  return writeTransaction(db, async (tx) => {
    let response = await tx
      .selectFrom("feedback_responses")
      .selectAll()
      .where("session_id", "=", sessionId)
      .where("respondent_hash", "=", respondentHash)
      .executeTakeFirst();
    if (
      response &&
      (stage === "before" ? response.before_at || response.after_at : response.after_at)
    )
      return { ok: false, reason: "already_answered" };
    if (!response) {
      const counts = await tx
        .selectFrom("feedback_responses")
        .select((eb) => [
          eb.fn.countAll<number>().as("all"),
          eb.fn
            .sum<number>(eb.case().when("ip_hash", "=", ipHash).then(1).else(0).end())
            .as("mine"),
        ])
        .where("session_id", "=", sessionId)
        .executeTakeFirstOrThrow();
      if (Number(counts.mine ?? 0) >= MAX_RESPONSES_PER_ADDRESS)
        return { ok: false, reason: "too_many" };
      // Read inside the write transaction, so parallel answers cannot pass the cap together.
      if (Number(counts.all) >= (await responseCap(tx, sessionId)).limit)
        return { ok: false, reason: "more_than_people" };
      const id = newId();
      await tx
        .insertInto("feedback_responses")
        .values({
          id,
          session_id: sessionId,
          questionnaire_id: form.questionnaire.id,
          respondent_hash: respondentHash,
          ip_hash: ipHash,
          before_at: null,
          after_at: null,
          created_at: nowIso(),
        })
        .execute();
      response = (await tx
        .selectFrom("feedback_responses")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow())!;
    }
    const rows = itemsForStage(form.questionnaire.items, stage).flatMap(
      (item): FeedbackAnswersTable[] => {
        if (item.kind === "free_text") {
          const text = input.texts[item.id]?.trim();
          return text
            ? [{ response_id: response!.id, item_id: item.id, stage, score: null, text }]
            : [];
        }
        const score = input.scores[item.id];
        return score
          ? [{ response_id: response!.id, item_id: item.id, stage, score, text: null }]
          : [];
      },
    );
    if (rows.length) await tx.insertInto("feedback_answers").values(rows).execute();
    await tx
      .updateTable("feedback_responses")
      .set(stage === "before" ? { before_at: nowIso() } : { after_at: nowIso() })
      .where("id", "=", response.id)
      .execute();
    return { ok: true };
  });
}

/** Paper questionnaires: replaces the session's tallies with the counts given. */
export async function saveTallies(
  db: DB,
  sessionId: string,
  tallies: { itemId: string; stage: FeedbackStage; score: number; count: number }[],
  userId: string,
) {
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom("feedback_tallies").where("session_id", "=", sessionId).execute();
    const rows = tallies
      .filter((t) => t.count > 0)
      .map((t) => ({
        session_id: sessionId,
        item_id: t.itemId,
        stage: t.stage,
        score: t.score,
        count: t.count,
        entered_by: userId,
        updated_at: nowIso(),
      }));
    if (rows.length) await tx.insertInto("feedback_tallies").values(rows).execute();
  });
}

/** Per session: responses, and per statement the mean before, mean after and the paired change. */
export async function sessionResults(db: Queryable, sessionId: string) {
  const questionnaireId = await questionnaireIdForSession(db, sessionId);
  const questionnaire = questionnaireId ? await getQuestionnaire(db, questionnaireId) : undefined;
  const responses = await db
    .selectFrom("feedback_responses")
    .select(["id", "before_at", "after_at"])
    .where("session_id", "=", sessionId)
    .execute();
  const answers = await db
    .selectFrom("feedback_answers as a")
    .innerJoin("feedback_responses as r", "r.id", "a.response_id")
    .select(["a.response_id", "a.item_id", "a.stage", "a.score", "a.text"])
    .where("r.session_id", "=", sessionId)
    .execute();
  const tallyRows = await db
    .selectFrom("feedback_tallies")
    .select(["item_id", "stage", "score", "count"])
    .where("session_id", "=", sessionId)
    .execute();

  // Items answered at some point, including ones archived since, in questionnaire order.
  const answeredIds = new Set([
    ...answers.map((a) => a.item_id),
    ...tallyRows.map((t) => t.item_id),
  ]);
  const allItems = questionnaireId
    ? await db
        .selectFrom("questionnaire_items")
        .selectAll()
        .where("questionnaire_id", "=", questionnaireId)
        .orderBy("position")
        .execute()
    : [];
  const items = allItems.filter((i) => i.archived_at === null || answeredIds.has(i.id));
  const statements = items
    .filter((i) => i.kind !== "free_text")
    .map((item) => {
      const tally = (stage: FeedbackStage) => {
        const t: Tally = {};
        for (const r of tallyRows)
          if (r.item_id === item.id && r.stage === stage) t[r.score as 1] = r.count;
        return t;
      };
      const scores = (stage: FeedbackStage) =>
        answers
          .filter((a) => a.item_id === item.id && a.stage === stage && a.score != null)
          .map((a) => a.score!);
      const byResponse = new Map<string, { before?: number; after?: number }>();
      for (const a of answers) {
        if (a.item_id !== item.id || a.score == null) continue;
        const entry = byResponse.get(a.response_id) ?? {};
        entry[a.stage] = a.score;
        byResponse.set(a.response_id, entry);
      }
      const tallyBefore = tally("before");
      const tallyAfter = tally("after");
      return {
        id: item.id,
        kind: item.kind,
        text: item.text,
        before: item.kind === "before_after" ? combinedMean(scores("before"), tallyBefore) : null,
        after: combinedMean(scores("after"), tallyAfter),
        paired:
          item.kind === "before_after"
            ? pairedChange(
                [...byResponse.values()].map((p) => ({ before: p.before, after: p.after })),
              )
            : null,
        tallyBefore,
        tallyAfter,
      };
    });
  const comments = answers.filter((a) => a.text).map((a) => ({ itemId: a.item_id, text: a.text! }));
  const paperCount = Math.max(
    0,
    ...statements.map((s) => Math.max(sumTally(s.tallyBefore), sumTally(s.tallyAfter))),
  );
  // More online answers than people there: some may not be genuine (issue 11, finding 15).
  const cap = await responseCap(db, sessionId);
  const moreAnswersThanPeople =
    responses.length > cap.people
      ? { answered: responses.length, people: cap.people, basis: cap.basis }
      : null;
  return {
    moreAnswersThanPeople,
    questionnaire: questionnaire
      ? {
          id: questionnaire.id,
          name: questionnaire.name,
          style: questionnaire.style,
          items: questionnaire.items,
        }
      : null,
    freeTextItems: items
      .filter((i) => i.kind === "free_text")
      .map((i) => ({ id: i.id, text: i.text })),
    online: {
      responses: responses.length,
      before: responses.filter((r) => r.before_at).length,
      after: responses.filter((r) => r.after_at).length,
      paired: responses.filter((r) => r.before_at && r.after_at).length,
    },
    paperCount,
    statements,
    comments,
  };
}

function sumTally(t: Tally) {
  return Object.values(t).reduce<number>((a, b) => a + (b ?? 0), 0);
}
