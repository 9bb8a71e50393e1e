// One source of "now" so tests can move time (session timeouts, expiries, reminders) without
// sleeping or mocking Date globally. The state lives on globalThis because the server process
// loads this module twice (server.ts and the Remix build) and both must agree on the time.
const state = ((
  globalThis as unknown as { __lanternClock?: { offsetMs: number; frozen?: number } }
).__lanternClock ??= {
  offsetMs: 0,
});

export function now(): Date {
  return new Date((state.frozen ?? Date.now()) + state.offsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

export const clock = {
  advance(ms: number) {
    state.offsetMs += ms;
  },
  freeze(at: Date) {
    state.frozen = at.getTime();
    state.offsetMs = 0;
  },
  reset() {
    state.offsetMs = 0;
    state.frozen = undefined;
  },
};
