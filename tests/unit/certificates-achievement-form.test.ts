import { describe, expect, it } from "vitest";
import { achievedOnFromForm, achievementFromForm } from "~/certificates/achievement-form";

// What a certificate issued by hand or in bulk says (issue 20): the words printed on it and the
// date it was achieved.
describe("a certificate issued by hand", () => {
  it("for a module: its title and version (1 when none is given), and a description only when one is written", () => {
    expect(
      achievementFromForm({
        kind: "module",
        title: "Online safety",
        moduleVersion: "3",
        description: "With distinction",
      }),
    ).toEqual({
      kind: "module",
      moduleTitle: "Online safety",
      moduleVersion: "3",
      description: "With distinction",
    });
    expect(
      achievementFromForm({ kind: "module", title: "Online safety", description: "" }),
    ).toEqual({
      kind: "module",
      moduleTitle: "Online safety",
      moduleVersion: "1",
      description: null,
    });
  });

  it("for a session: its title, date, audience and format, each left out when blank", () => {
    expect(
      achievementFromForm({
        kind: "session",
        title: "Twilight CPD",
        sessionDate: "2026-03-05",
        audience: "Teachers",
        format: "In person",
        description: "Two hours",
      }),
    ).toEqual({
      kind: "session",
      sessionTitle: "Twilight CPD",
      sessionDate: "2026-03-05",
      audience: "Teachers",
      format: "In person",
      description: "Two hours",
    });
    expect(
      achievementFromForm({
        kind: "session",
        title: "Twilight CPD",
        sessionDate: "2026-03-05",
        audience: "",
        format: "",
        description: "",
      }),
    ).toEqual({
      kind: "session",
      sessionTitle: "Twilight CPD",
      sessionDate: "2026-03-05",
      audience: null,
      format: null,
      description: null,
    });
  });

  it("is dated as entered, else on the session's date, else today", () => {
    const today = "2026-12-07";
    expect(achievedOnFromForm({ kind: "module", achievedOn: "2026-11-30" }, today)).toBe(
      "2026-11-30",
    );
    expect(
      achievedOnFromForm(
        { kind: "session", achievedOn: "2026-11-30", sessionDate: "2026-03-05" },
        today,
      ),
    ).toBe("2026-11-30");
    expect(
      achievedOnFromForm({ kind: "session", achievedOn: "", sessionDate: "2026-03-05" }, today),
    ).toBe("2026-03-05");
    expect(achievedOnFromForm({ kind: "session", sessionDate: "" }, today)).toBe(today);
    expect(achievedOnFromForm({ kind: "session" }, today)).toBe(today);
    // A module has no session date: one sent with the form anyway is not its date.
    expect(achievedOnFromForm({ kind: "module", sessionDate: "2026-03-05" }, today)).toBe(today);
  });
});
