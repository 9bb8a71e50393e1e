// "Who is free" when scheduling (issue 17, item 4; decision 133): the trainers who can take a
// session, nearest the venue first. Pure: the scheduling code works out each trainer's clashes and
// checks, and this orders the result. Nearness is by district, the only place data both schools
// and trainers have: the venue's district first, then the other districts by the distance between
// their centres, then trainers whose base (or the venue's district) is not known.

/** Rough centres of Norfolk's districts (ONS codes, as in the districts table), in degrees. */
export const DISTRICT_CENTRES: Readonly<Record<string, { lat: number; lon: number }>> = {
  E07000143: { lat: 52.58, lon: 0.85 }, // Breckland (Dereham, Swaffham, Thetford)
  E07000144: { lat: 52.72, lon: 1.33 }, // Broadland (Aylsham, Sprowston)
  E07000145: { lat: 52.62, lon: 1.68 }, // Great Yarmouth
  E07000146: { lat: 52.7, lon: 0.5 }, // King's Lynn and West Norfolk
  E07000147: { lat: 52.87, lon: 1.18 }, // North Norfolk (Cromer, Fakenham, North Walsham)
  E07000148: { lat: 52.63, lon: 1.29 }, // Norwich
  E07000149: { lat: 52.5, lon: 1.2 }, // South Norfolk (Wymondham, Diss)
};

const EARTH_RADIUS_KM = 6371;

/** Straight-line kilometres between two districts' centres; 0 within one; null when either is unknown. */
export function districtDistanceKm(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  if (a === b) return 0;
  const p = DISTRICT_CENTRES[a];
  const q = DISTRICT_CENTRES[b];
  if (!p || !q) return null;
  const rad = Math.PI / 180;
  const dLat = (q.lat - p.lat) * rad;
  const dLon = (q.lon - p.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

export interface TrainerAvailability {
  id: string;
  name: string;
  /** The ONS code and name of the district the trainer is based in, when recorded. */
  baseDistrictCode: string | null;
  baseDistrictName: string | null;
  /** Why the trainer cannot take the session (a clash, a lapsed check); empty when they can. */
  reasons: string[];
}

export interface RankedTrainer extends TrainerAvailability {
  sameDistrict: boolean;
  /** Rounded to whole kilometres; null when the distance is not known. */
  distanceKm: number | null;
}

/**
 * Splits trainers into those free (no clash, checks valid on the day) and those not, and orders
 * the free ones by nearness to the venue's district: same district, then nearest district, then
 * unknown; by name within each. Those not free keep name order, each with their reasons.
 */
export function rankByNearness(
  trainers: TrainerAvailability[],
  venueDistrictCode: string | null,
): { free: RankedTrainer[]; notFree: TrainerAvailability[] } {
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name, "en-GB");
  const free = trainers
    .filter((t) => t.reasons.length === 0)
    .map((t) => {
      const km = districtDistanceKm(t.baseDistrictCode, venueDistrictCode);
      return {
        ...t,
        sameDistrict: km === 0,
        distanceKm: km === null ? null : Math.round(km),
        exact: km,
      };
    })
    .sort((a, b) => {
      if (a.exact !== b.exact) {
        if (a.exact === null) return 1;
        if (b.exact === null) return -1;
        return a.exact - b.exact;
      }
      return byName(a, b);
    })
    .map(({ exact: _exact, ...t }) => t);
  const notFree = trainers.filter((t) => t.reasons.length > 0).sort(byName);
  return { free, notFree };
}
