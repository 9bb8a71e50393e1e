// One source of "now" so tests can move time (session timeouts, expiries, reminders)
// without sleeping or mocking Date globally.
let offsetMs = 0;
let frozen: number | undefined;

export function now(): Date {
  return new Date((frozen ?? Date.now()) + offsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

export const clock = {
  advance(ms: number) {
    offsetMs += ms;
  },
  freeze(at: Date) {
    frozen = at.getTime();
    offsetMs = 0;
  },
  reset() {
    offsetMs = 0;
    frozen = undefined;
  },
};
