import { describe, expect, it } from "vitest";
import { districtDistanceKm, rankByNearness, type TrainerAvailability } from "~/sessions/nearness";

// "Who is free" orders free trainers nearest the venue first (issue 17, item 4; decision 133).

const NORWICH = "E07000148";
const BROADLAND = "E07000144";
const YARMOUTH = "E07000145";
const KINGS_LYNN = "E07000146";

function trainer(
  name: string,
  baseDistrictCode: string | null,
  reasons: string[] = [],
): TrainerAvailability {
  return { id: name.toLowerCase(), name, baseDistrictCode, baseDistrictName: null, reasons };
}

describe("the distance between districts", () => {
  it("is nothing within a district and unknown when either district is", () => {
    expect(districtDistanceKm(NORWICH, NORWICH)).toBe(0);
    expect(districtDistanceKm(NORWICH, null)).toBeNull();
    expect(districtDistanceKm(null, NORWICH)).toBeNull();
    expect(districtDistanceKm(NORWICH, "E09000001")).toBeNull();
  });

  it("is the same both ways and grows with the miles: Broadland is nearer Norwich than King's Lynn is", () => {
    const broadland = districtDistanceKm(NORWICH, BROADLAND)!;
    const lynn = districtDistanceKm(NORWICH, KINGS_LYNN)!;
    expect(districtDistanceKm(BROADLAND, NORWICH)).toBeCloseTo(broadland, 9);
    expect(broadland).toBeGreaterThan(5);
    expect(broadland).toBeLessThan(20);
    // Norwich to King's Lynn is about 60 km as the crow flies.
    expect(lynn).toBeGreaterThan(50);
    expect(lynn).toBeLessThan(70);
  });
});

describe("ranking trainers for a venue", () => {
  it("puts the venue's district first, then the nearest, then those with no base, by name within each", () => {
    const { free } = rankByNearness(
      [
        trainer("Zara", null),
        trainer("Yusuf", KINGS_LYNN),
        trainer("Bea", NORWICH),
        trainer("Xavier", YARMOUTH),
        trainer("Abe", NORWICH),
        trainer("Carl", BROADLAND),
        trainer("Anna", null),
      ],
      NORWICH,
    );
    expect(free.map((t) => t.name)).toEqual([
      "Abe",
      "Bea",
      "Carl",
      "Xavier",
      "Yusuf",
      "Anna",
      "Zara",
    ]);
    expect(free[0]).toMatchObject({ sameDistrict: true, distanceKm: 0 });
    expect(free[2]).toMatchObject({ sameDistrict: false });
    expect(free[2].distanceKm).toBe(Math.round(districtDistanceKm(NORWICH, BROADLAND)!));
    expect(free[5]).toMatchObject({ sameDistrict: false, distanceKm: null });
  });

  it("lists a trainer with any reason as not free, with the reasons, whatever their district", () => {
    const { free, notFree } = rankByNearness(
      [
        trainer("Dan", NORWICH, ["Dan is already booked."]),
        trainer("Megan", YARMOUTH),
        trainer("Rob", NORWICH, ["Rob’s safeguarding training lapsed."]),
      ],
      NORWICH,
    );
    expect(free.map((t) => t.name)).toEqual(["Megan"]);
    expect(notFree.map((t) => [t.name, t.reasons])).toEqual([
      ["Dan", ["Dan is already booked."]],
      ["Rob", ["Rob’s safeguarding training lapsed."]],
    ]);
  });

  it("keeps name order when the venue's district is not known", () => {
    const { free } = rankByNearness(
      [trainer("Carl", BROADLAND), trainer("Abe", NORWICH), trainer("Bea", null)],
      null,
    );
    expect(free.map((t) => t.name)).toEqual(["Abe", "Bea", "Carl"]);
    expect(free.every((t) => t.distanceKm === null && !t.sameDistrict)).toBe(true);
  });
});
