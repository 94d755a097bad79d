/** One thing wrong with a generated preset, located well enough to fix it. */
export interface Problem {
  file: string;
  /** JSON pointer of the offending field, e.g. `/customManagers/0/matchStrings/1`. */
  field: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file} ${problem.field || '/'}: ${problem.message}`;
}
