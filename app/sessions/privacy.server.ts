import type { PrivacyHandler } from "~/privacy/registry.server";

// Open-session registrations hold a booker's name and email. Erasure replaces them with the same
// placeholder the foundation handler uses, keeping the rows so attendance counts stay right.
export const registrationsPrivacy: PrivacyHandler = {
  name: "registrations",
  label: "Open-session bookings",
  holds:
    "Name, email, organisation and access needs given when booking a place at an open session.",
  async export(db, subject) {
    let q = db
      .selectFrom("registrations")
      .select([
        "id",
        "session_id",
        "name",
        "email",
        "organisation_name",
        "access_needs",
        "status",
        "attendance",
        "created_at",
        "cancelled_at",
      ]);
    q = subject.userId
      ? q.where((eb) =>
          eb.or([eb("email", "=", subject.email), eb("user_id", "=", subject.userId!)]),
        )
      : q.where("email", "=", subject.email);
    return { registrations: await q.execute() };
  },
  async erase(tx, subject, ctx) {
    let q = tx.updateTable("registrations").set({
      name: ctx.replacementName,
      email: null,
      organisation_name: null,
      access_needs: null,
      anonymised_at: ctx.erasedAt,
      updated_at: ctx.erasedAt,
    });
    q = subject.userId
      ? q.where((eb) =>
          eb.or([eb("email", "=", subject.email), eb("user_id", "=", subject.userId!)]),
        )
      : q.where("email", "=", subject.email);
    const r = await q.executeTakeFirst();
    return { registrations: Number(r.numUpdatedRows) };
  },
};
