/** What bench:turns and bench:scale share on the command line: option checks and a clean-up that always runs. */

/** A command-line option as a positive number (an integer unless `integer` is false), or a clear error. */
export function positive(name: string, v: string | undefined, integer = true): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, not ${String(v)}`);
  }
  return n;
}

/** The scenario `--only` names, checked against the known ones; all of them without `--only`. */
export function scenariosOf<S extends string>(all: readonly S[], only: string | undefined): readonly S[] {
  if (only === undefined) return all;
  if (!all.includes(only as S)) throw new Error(`--only must be one of ${all.join(', ')}`);
  return [only as S];
}

/**
 * Clean-up steps run once, last added first, whatever happens (also on Ctrl-C, saying `what` it undoes).
 * `add` registers a step; `run` runs them (again: the same promise).
 */
export function cleanUps(what: string): { add(step: () => Promise<void>): void; run(): Promise<void> } {
  const steps: (() => Promise<void>)[] = [];
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running ??= (async () => {
      for (const step of steps.reverse()) await step().catch((e: unknown) => console.error('clean-up:', e));
    })();
    return running;
  };
  process.once('SIGINT', () => {
    console.error(`\ninterrupted: ${what}`);
    void run().then(() => process.exit(130));
  });
  return { add: (step) => void steps.push(step), run };
}
