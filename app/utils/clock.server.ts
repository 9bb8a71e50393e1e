import { perProcess } from "~/server/process-state";

// One source of "now" so tests can move time (session timeouts, expiries, reminders) without
// sleeping or mocking Date globally. One clock per process (server/process-state.ts): both copies
// of this module in the server must agree on the time.
const state = perProcess("clock", (): { offsetMs: number; frozen?: number } => ({ offsetMs: 0 }));

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
