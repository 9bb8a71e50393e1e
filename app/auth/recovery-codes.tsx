/** Recovery codes, shown once after they are made. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ol className="govuk-list govuk-list--number lantern-recovery-codes">
      {codes.map((c) => (
        <li key={c}>
          <code>{c}</code>
        </li>
      ))}
    </ol>
  );
}
