/** One row of the fault table printed after the suites (phase × database). */
export interface FaultRow {
  readonly phase: string;
  readonly database: string;
  readonly owed: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  /** Possible duplicates the worker counted (worker.stats.possibleDuplicates). */
  readonly counted: number;
  /** ms from the end of the fault (phase over, restart) to the last notice delivered. */
  readonly recoverMs: number;
}

const rows: FaultRow[] = [];

export function report(row: FaultRow): void {
  rows.push(row);
}

after(() => {
  if (rows.length === 0) return;
  const lines = [
    '',
    '  notify fault table (time to recover: from the end of the fault to the last notice delivered)',
    '  | phase | database | owed | delivered | lost | duplicates | counted by worker | recover (s) |',
    '  |---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `  | ${r.phase} | ${r.database} | ${r.owed} | ${r.delivered} | ${r.lost} | ${r.duplicates} | ${r.counted} | ${(r.recoverMs / 1000).toFixed(1)} |`,
    ),
  ];
  console.log(lines.join('\n'));
});
