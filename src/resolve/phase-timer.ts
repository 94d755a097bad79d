/**
 * Runs one named phase of a run. The bench passes one that measures each phase
 * (`bench/annotate-scaling.ts`); everyone else runs them untimed.
 */
export type PhaseTimer = <T>(phase: string, work: () => T | Promise<T>) => Promise<T>;

export const untimed: PhaseTimer = async (_phase, work) => work();
