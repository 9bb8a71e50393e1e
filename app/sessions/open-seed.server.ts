import { generateToken, hashToken } from "~/auth/tokens.server";
import type { DB } from "~/db/db.server";
import type { Audience, Format } from "~/db/schema";
import { recordSafeguarding } from "~/safeguarding/records.server";
import type { SeedContext } from "~/seed/context";
import { now } from "~/utils/clock.server";
import { londonParts, londonToUtc } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { publicUrl } from "~/utils/url.server";
import { bookOpenSession } from "./open.server";
import {
  districtIdByCode,
  insertOffering,
  insertProgramme,
  insertSession,
} from "~/seed/factories/sessions.server";

// Demo data for open sessions, feedback and safeguarding: upcoming public sessions for parents,
// teachers and VCSE staff in several districts (one full, with a waiting list), delivered sessions
// with attendance, anonymous feedback and paper tallies, and a few safeguarding records. Every
// name is made up. Upcoming bookings go through the real booking function, so their emails (with
// working cancel links) are in the outbox.

const FIRST = [
  "Amira",
  "Ben",
  "Chloe",
  "Darius",
  "Ellie",
  "Femi",
  "Grace",
  "Harry",
  "Isla",
  "Jack",
  "Kasia",
  "Liam",
  "Maya",
  "Noah",
  "Olivia",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vicky",
  "Will",
  "Yasmin",
  "Zoe",
];
const LAST = [
  "Ashworth",
  "Bell",
  "Chambers",
  "Dunn",
  "Ellis",
  "Fenn",
  "Goddard",
  "Howes",
  "Ives",
  "Jarvis",
  "Kemp",
  "Loades",
  "Mace",
  "Nunn",
  "Oakes",
  "Pegg",
  "Rix",
  "Sayer",
  "Thrower",
  "Utting",
  "Vincent",
  "Wegg",
];

/** A small deterministic generator, so the demo is the same every time it is seeded. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A weekday `days` from today (a Saturday or Sunday moves on to the Monday). */
function dayFromNow(days: number) {
  const today = londonParts(now()).date;
  const [y, m, d] = today.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(date.getUTCDate() + 2);
  if (weekday === 0) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export async function seedOpenSessions(db: DB, ctx: SeedContext) {
  const { organisations, users } = ctx.foundation;
  const rand = prng(20261123);
  // The open sessions, their feedback and safeguarding records belong to the same SOS+ programme as
  // the schools' sessions (the sessions seed's "SOS+ Norfolk"), so the demo dashboard counts them.
  const existing = await db
    .selectFrom("programmes")
    .select("id")
    .where("name", "in", ["SOS+ Norfolk", "SOS+"])
    .orderBy("name", "desc")
    .executeTakeFirst();
  const programmeId =
    existing?.id ??
    (await insertProgramme(db, {
      name: "SOS+ Norfolk",
      deliveryPartnerId: organisations["St Giles Trust"] ?? null,
    }));

  const offering = (
    title: string,
    audience: Audience,
    format: Format,
    durationMinutes: number,
    capacity: number,
    description: string,
  ) =>
    insertOffering(db, {
      programmeId,
      title,
      audience,
      format,
      durationMinutes,
      capacity,
      description,
      openToPublic: true,
    });
  const parents = await offering(
    "Keeping your child safe from exploitation",
    "parents",
    "community_session",
    90,
    40,
    "For parents and carers: how criminal exploitation and county lines work, the signs to look out for, and where to get help. Tea and coffee provided.",
  );
  const webinar = await offering(
    "County lines explained: an online session for parents",
    "parents",
    "online",
    60,
    100,
    "A 60-minute webinar for parents and carers. You will get the joining link by email the day before.",
  );
  const cpd = await offering(
    "Spotting the signs: twilight CPD for school staff",
    "teachers",
    "twilight_cpd",
    90,
    30,
    "For teachers, teaching assistants and pastoral staff: recognising exploitation, responding to a disclosure, and making a referral. Counts as CPD; certificates for those who attend.",
  );
  const vcse = await offering(
    "Working together on child exploitation: a briefing for community organisations",
    "vcse_staff",
    "community_session",
    120,
    25,
    "For staff and volunteers of voluntary and community organisations working with young people.",
  );
  const pupils = await insertOffering(db, {
    programmeId,
    title: "SOS+ assembly: staying safe from exploitation",
    audience: "pupils",
    format: "assembly",
    durationMinutes: 50,
    capacity: 240,
  });

  const d = {
    breckland: await districtIdByCode(db, "E07000143"),
    broadland: await districtIdByCode(db, "E07000144"),
    yarmouth: await districtIdByCode(db, "E07000145"),
    lynn: await districtIdByCode(db, "E07000146"),
    north: await districtIdByCode(db, "E07000147"),
    norwich: await districtIdByCode(db, "E07000148"),
    south: await districtIdByCode(db, "E07000149"),
  };
  const trainers = [users.trainer, users.trainer2].filter(Boolean);

  // Upcoming open sessions: [offering, days from now, London time, district, venue, capacity, bookings]
  const upcoming: [string, number, string, string, string, number, number][] = [
    [parents, 4, "18:30", d.norwich, "Norwich Youth Harbour hall, Magpie Road", 12, 15],
    [cpd, 6, "15:45", d.yarmouth, "Harbour Reach Academy, library", 30, 11],
    [parents, 9, "18:30", d.breckland, "Thetford Heathland Academy, main hall", 40, 6],
    [vcse, 11, "10:00", d.lynn, "Lynn Street Pastors' centre, Tower Street", 25, 8],
    [webinar, 13, "19:00", d.norwich, "Online (Microsoft Teams)", 100, 23],
    [parents, 17, "18:00", d.north, "Cromer Pier Academy, drama studio", 40, 4],
    [cpd, 20, "15:45", d.south, "Wymondham Abbey High School, room S12", 30, 2],
    [vcse, 24, "13:30", d.broadland, "Broadland Young Carers' base, Sprowston", 25, 5],
    [parents, 31, "18:30", d.lynn, "Fenside Primary School, hall", 40, 0],
    [cpd, 38, "15:45", d.breckland, "Swaffham Brecks High School, learning centre", 30, 0],
  ];
  let person = 0;
  const nextPerson = () => {
    const first = FIRST[person % FIRST.length];
    const last = LAST[(person * 7) % LAST.length];
    person++;
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}.${person}@example.com`.toLowerCase(),
    };
  };
  // A booking for a session already past, written directly (booking now would refuse it), as the
  // booking and its 48-hour reminder left it.
  const pastBooking = async (
    sessionId: string,
    bookedAt: string,
    attendance: "attended" | "no_show" | null,
  ) => {
    const p = nextPerson();
    await db
      .insertInto("registrations")
      .values({
        id: newId(),
        session_id: sessionId,
        name: p.name,
        email: p.email,
        organisation_name: null,
        organisation_id: null,
        user_id: null,
        access_needs: null,
        status: "confirmed",
        is_walk_in: 0,
        attendance,
        cancel_token_hash: hashToken(generateToken()),
        reminder_sent_at: bookedAt,
        promoted_at: null,
        cancelled_at: null,
        anonymised_at: null,
        created_at: bookedAt,
        updated_at: bookedAt,
      })
      .execute();
  };
  const baseUrl = publicUrl();
  for (const [offeringId, days, time, districtId, venue, capacity, bookings] of upcoming) {
    const duration = offeringId === vcse ? 120 : offeringId === webinar ? 60 : 90;
    const sessionId = await insertSession(db, {
      programmeId,
      offeringId,
      startsAt: londonToUtc(dayFromNow(days), time),
      durationMinutes: duration,
      capacity,
      isOpen: true,
      districtId,
      venue,
      trainerIds: [trainers[days % trainers.length]],
    });
    for (let i = 0; i < bookings; i++) {
      const p = nextPerson();
      await bookOpenSession(db, {
        sessionId,
        name: p.name,
        email: p.email,
        organisationName:
          offeringId === cpd
            ? "Wensum Valley Academy"
            : offeringId === vcse
              ? "Breckland Family Hubs Trust"
              : null,
        accessNeeds: i === 2 ? "Step-free access, please" : null,
        baseUrl,
      });
    }
  }

  // Yesterday's twilight CPD, booked by eight teachers and still waiting for its trainer to take
  // attendance and mark it delivered (which issues the attendees' certificates): the trainer's
  // end-of-session journey in the demo.
  {
    // The last weekday before today (dayFromNow moves weekends forward, which could land on today).
    let back = -1;
    while (dayFromNow(back) >= londonParts(now()).date) back--;
    const startsAt = londonToUtc(dayFromNow(back), "15:45");
    const sessionId = await insertSession(db, {
      programmeId,
      offeringId: cpd,
      startsAt,
      durationMinutes: 90,
      capacity: 30,
      isOpen: true,
      districtId: d.norwich,
      settingId: null,
      venue: "Norwich Fenland College, staff room",
      trainerIds: [users.trainer].filter(Boolean),
      feedbackToken: generateToken(),
      feedbackClosesAt: new Date(startsAt.getTime() + 15 * 24 * 3600_000).toISOString(),
    });
    for (let i = 0; i < 8; i++) {
      await pastBooking(
        sessionId,
        new Date(startsAt.getTime() - (14 - i) * 24 * 3600_000).toISOString(),
        null,
      );
    }
  }

  // Delivered sessions, with attendance, feedback (online, paired by device code, and paper) and safeguarding.
  const delivered: [string, number, string, string, string | null, string, number][] = [
    [parents, -6, "18:30", d.norwich, null, "Norwich Fenland College, atrium", 24],
    [
      cpd,
      -12,
      "15:45",
      d.yarmouth,
      organisations["Harbour Reach Academy"] ?? null,
      "Harbour Reach Academy, library",
      18,
    ],
    [vcse, -19, "10:00", d.breckland, null, "Breckland Family Hubs Trust, Dereham", 14],
    [parents, -27, "18:00", d.south, null, "Long Stratton Tas Valley Academy, hall", 20],
    [
      pupils,
      -8,
      "09:10",
      d.norwich,
      organisations["Wensum Valley Academy"] ?? null,
      "Wensum Valley Academy",
      0,
    ],
  ];
  const items = await db
    .selectFrom("questionnaire_items")
    .select(["id", "questionnaire_id", "kind"])
    .where("archived_at", "is", null)
    .orderBy("position")
    .execute();
  const comments = [
    "Really eye-opening. I had no idea how quickly it can happen.",
    "Good to know who to call.",
    "More time for questions please.",
    "Clear and practical, thank you.",
    "The real stories made it hit home.",
  ];
  for (const [offeringId, days, time, districtId, settingId, venue, attendees] of delivered) {
    const startsAt = londonToUtc(dayFromNow(days), time);
    const isPupils = offeringId === pupils;
    const sessionId = await insertSession(db, {
      programmeId,
      offeringId,
      startsAt,
      durationMinutes: isPupils ? 50 : 90,
      capacity: isPupils ? 240 : 30,
      isOpen: !isPupils,
      status: "delivered",
      districtId,
      settingId,
      venue,
      trainerIds: [users.trainer].filter(Boolean),
      feedbackToken: generateToken(),
      feedbackClosesAt: new Date(startsAt.getTime() + 15 * 24 * 3600_000).toISOString(),
    });
    for (let i = 0; i < attendees + 3; i++) {
      await pastBooking(
        sessionId,
        new Date(startsAt.getTime() - (20 - i) * 24 * 3600_000).toISOString(),
        i < attendees ? "attended" : "no_show",
      );
      if (isPupils) break;
    }
    const questionnaireId = isPupils ? "q-pupil" : "q-standard";
    const qItems = items.filter((i) => i.questionnaire_id === questionnaireId);
    const respondents = isPupils ? 22 : Math.round(attendees * 0.7);
    for (let r = 0; r < respondents; r++) {
      const responseId = newId();
      const answeredBefore = rand() < 0.85;
      const at = new Date(startsAt.getTime() + 5 * 60_000).toISOString();
      const after = new Date(startsAt.getTime() + 85 * 60_000).toISOString();
      await db
        .insertInto("feedback_responses")
        .values({
          id: responseId,
          session_id: sessionId,
          questionnaire_id: questionnaireId,
          respondent_hash: hashToken(generateToken()),
          ip_hash: null,
          before_at: answeredBefore ? at : null,
          after_at: after,
          created_at: at,
        })
        .execute();
      for (const item of qItems) {
        const before = 1 + Math.floor(rand() * 3);
        const gain = Math.floor(rand() * 3);
        if (item.kind === "before_after" && answeredBefore) {
          await db
            .insertInto("feedback_answers")
            .values({
              response_id: responseId,
              item_id: item.id,
              stage: "before",
              score: before,
              text: null,
            })
            .execute();
        }
        if (item.kind === "free_text") {
          if (rand() < 0.3)
            await db
              .insertInto("feedback_answers")
              .values({
                response_id: responseId,
                item_id: item.id,
                stage: "after",
                score: null,
                text: comments[Math.floor(rand() * comments.length)],
              })
              .execute();
          continue;
        }
        const score =
          item.kind === "satisfaction"
            ? 4 + Math.floor(rand() * 2)
            : Math.min(5, before + 1 + gain);
        await db
          .insertInto("feedback_answers")
          .values({ response_id: responseId, item_id: item.id, stage: "after", score, text: null })
          .execute();
      }
    }
    if (isPupils) {
      // The class without phones filled in paper forms: the trainer's tallies.
      const first = qItems.find((i) => i.kind === "before_after");
      if (first) {
        const tallies: [string, number, number][] = [
          ["before", 1, 6],
          ["before", 2, 9],
          ["before", 3, 8],
          ["before", 4, 3],
          ["after", 3, 4],
          ["after", 4, 12],
          ["after", 5, 10],
        ];
        for (const [stage, score, count] of tallies) {
          await db
            .insertInto("feedback_tallies")
            .values({
              session_id: sessionId,
              item_id: first.id,
              stage: stage as "before",
              score,
              count,
              entered_by: users.trainer ?? null,
              updated_at: new Date().toISOString(),
            })
            .execute();
        }
      }
      if (users.trainer) {
        await recordSafeguarding(db, {
          sessionId,
          kind: "referral",
          category: "criminal_exploitation",
          destination: "sos_121",
          initials: "JT",
          yearGroup: "9",
          consent: "given",
          notes: "Said older boys have asked him to hold a bag.",
          userId: users.trainer,
          ip: null,
        });
        await recordSafeguarding(db, {
          sessionId,
          kind: "concern",
          category: "online_harm",
          destination: "school_dsl",
          initials: "MK",
          yearGroup: "8",
          consent: "not_applicable",
          notes: "Mentioned being added to group chats by people she does not know.",
          userId: users.trainer,
          ip: null,
        });
      }
    } else if (offeringId === parents && days === -6 && users.trainer) {
      await recordSafeguarding(db, {
        sessionId,
        kind: "referral",
        category: "going_missing",
        destination: "mash",
        initials: "RB",
        yearGroup: "10",
        consent: "not_given",
        notes: "Parent described repeated missing episodes; shared because of risk of harm.",
        userId: users.trainer,
        ip: null,
      });
    }
  }
  // Records are written just after the session they follow.
  const records = await db
    .selectFrom("safeguarding_records as r")
    .innerJoin("delivery_sessions as s", "s.id", "r.session_id")
    .select(["r.id", "s.ends_at"])
    .where(
      "r.session_id",
      "in",
      db.selectFrom("delivery_sessions").select("id").where("programme_id", "=", programmeId),
    )
    .execute();
  for (const r of records) {
    await db
      .updateTable("safeguarding_records")
      .set({ created_at: new Date(Date.parse(r.ends_at) + 40 * 60_000).toISOString() })
      .where("id", "=", r.id)
      .execute();
  }
  return { programmeId, offerings: { parents, webinar, cpd, vcse, pupils } };
}
