import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { cookiesAreSecure } from "~/utils/env.server";
import { derivedKey } from "./secrets.server";

// A browser that has signed in to an account before carries a signed note saying so (issue 11,
// finding 10; decision 071). It proves nothing on its own — the password is still checked — but it
// lets its owner sign in while someone elsewhere is guessing at the account: such a browser has
// its own allowance of wrong passwords instead of the account's and the address's.
const DEVICE_LIFETIME_S = 365 * 24 * 60 * 60;

function deviceCookie() {
  return createCookie(cookiesAreSecure() ? "__Host-lantern_device" : "lantern_device", {
    httpOnly: true,
    secure: cookiesAreSecure(),
    sameSite: "lax",
    path: "/",
    maxAge: DEVICE_LIFETIME_S,
  });
}

function sign(userId: string, deviceId: string) {
  return crypto
    .createHmac("sha256", derivedKey("known-device"))
    .update(`${userId}.${deviceId}`)
    .digest("base64url");
}

export interface KnownDevice {
  userId: string;
  deviceId: string;
}

/** The browser's known-device note, if it carries a genuine one. */
export async function readKnownDevice(request: Request): Promise<KnownDevice | null> {
  const value = await deviceCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return null;
  const [userId, deviceId, mac] = value.split(".");
  if (!userId || !deviceId || !mac) return null;
  const expected = Buffer.from(sign(userId, deviceId));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId, deviceId };
}

/** The Set-Cookie header that marks this browser as known to the account (kept if it already was). */
export async function knownDeviceCookieHeader(userId: string, current: KnownDevice | null) {
  const deviceId =
    current?.userId === userId ? current.deviceId : crypto.randomBytes(16).toString("base64url");
  return deviceCookie().serialize(`${userId}.${deviceId}.${sign(userId, deviceId)}`);
}
