import type { PrivacyHandler } from "~/privacy/registry.server";

// Certificates hold the holder's name and email. An erased holder's certificate is revoked: it can
// no longer vouch for a named person, and verification then says so instead of showing a
// placeholder.
export const certificatesPrivacy: PrivacyHandler = {
  name: "certificates",
  label: "Certificates",
  holds: "The holder's name and email on each certificate issued to them.",
  async export(db, subject) {
    let q = db
      .selectFrom("certificates")
      .select([
        "id",
        "serial",
        "holder_name",
        "holder_email",
        "status",
        "achievement_title",
        "achieved_on",
        "issued_at",
      ]);
    q = subject.userId
      ? q.where((eb) =>
          eb.or([
            eb("holder_email", "=", subject.email),
            eb("holder_user_id", "=", subject.userId!),
          ]),
        )
      : q.where("holder_email", "=", subject.email);
    return { certificates: await q.execute() };
  },
  async erase(tx, subject, ctx) {
    // The stored PDFs print the holder's name, and emailed download links lead to them: both go.
    let held = tx.selectFrom("certificates").select("id");
    held = subject.userId
      ? held.where((eb) =>
          eb.or([
            eb("holder_email", "=", subject.email),
            eb("holder_user_id", "=", subject.userId!),
          ]),
        )
      : held.where("holder_email", "=", subject.email);
    const ids = (await held.execute()).map((r) => r.id);
    if (ids.length) {
      await tx.deleteFrom("certificate_files").where("certificate_id", "in", ids).execute();
      await tx
        .deleteFrom("certificate_download_links")
        .where("certificate_id", "in", ids)
        .execute();
    }
    let q = tx.updateTable("certificates").set({
      holder_name: ctx.replacementName,
      holder_email: null,
      status: "revoked",
      revoked_at: ctx.erasedAt,
      revoked_by_user_id: ctx.actorUserId,
      revoked_reason: "The holder's personal data was erased.",
    });
    q = subject.userId
      ? q.where((eb) =>
          eb.or([
            eb("holder_email", "=", subject.email),
            eb("holder_user_id", "=", subject.userId!),
          ]),
        )
      : q.where("holder_email", "=", subject.email);
    const r = await q.executeTakeFirst();
    return { certificates: Number(r.numUpdatedRows) };
  },
};
