import { describe, expect, it } from "vitest";
import { mapLink, placeOf, POSTCODE, sessionTitle, tidyPostcode } from "~/sessions/format";

// How a session is named and placed on pages, in emails and in calendar files.
describe("session titles and places", () => {
  it("names a meeting of a series, and a single session without a count", () => {
    expect(
      sessionTitle({
        title: "Assembly",
        setting_name: "Wensum Valley Academy",
        series_index: 2,
        series_length: 6,
      }),
    ).toBe("Assembly (meeting 2 of 6) — Wensum Valley Academy");
    expect(
      sessionTitle({
        title: "Assembly",
        setting_name: "Wensum Valley Academy",
        series_index: 1,
        series_length: 1,
      }),
    ).toBe("Assembly — Wensum Valley Academy");
    expect(
      sessionTitle({
        title: "Assembly",
        setting_name: null,
        series_index: null,
        series_length: null,
      }),
    ).toBe("Assembly");
    expect(
      sessionTitle({ title: "Workshop", setting_name: null, series_index: 3, series_length: 4 }),
    ).toBe("Workshop (meeting 3 of 4)");
    expect(
      sessionTitle({ title: "Workshop", setting_name: null, series_index: null, series_length: 4 }),
    ).toBe("Workshop");
  });

  it("places a session in its room and venue, falling back to the setting, then 'To be confirmed'", () => {
    expect(
      placeOf({ venue: "Main hall block", room: "Room 4", setting_name: "Wensum Valley Academy" }),
    ).toBe("Room 4, Main hall block");
    expect(placeOf({ venue: null, room: "Main hall", setting_name: "Wensum Valley Academy" })).toBe(
      "Main hall, Wensum Valley Academy",
    );
    expect(placeOf({ venue: null, room: null, setting_name: "Wensum Valley Academy" })).toBe(
      "Wensum Valley Academy",
    );
    expect(placeOf({ venue: null, room: null, setting_name: null })).toBe("To be confirmed");
  });

  it("links to a map of the postcode, encoded", () => {
    expect(mapLink("NR2 1AB")).toBe("https://www.openstreetmap.org/search?query=NR2%201AB");
  });

  it("tidies a postcode the way Royal Mail writes it, and knows the shape of one", () => {
    expect(tidyPostcode(" nr2  1ab ")).toBe("NR2 1AB");
    expect(tidyPostcode("NR21AB")).toBe("NR2 1AB");
    expect(tidyPostcode("pe301aa")).toBe("PE30 1AA");
    expect(tidyPostcode("nr2")).toBe("NR2");
    for (const ok of ["NR2 1AB", "PE30 1AA", "NR21AB", "W1A 0AX", "M1 1AE"])
      expect(POSTCODE.test(ok), ok).toBe(true);
    for (const bad of ["NR2 1A", "2NR 1AB", "NR2 1AB X", "X NR2 1AB", "nr2 1ab", "NR2  1AB"])
      expect(POSTCODE.test(bad), bad).toBe(false);
  });
});
