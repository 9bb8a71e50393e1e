/**
 * A capability's outcome when the test set it up to succeed: the success itself, or the test fails
 * here with the problem's message (capabilities return form-fixable problems as values; decision 139).
 */
export function succeeded<T extends { ok: boolean }>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`Expected success, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}
