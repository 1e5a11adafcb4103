import { DLQ_REASONS, type DecodeProblem } from './dlq-reason.types';

const rank = (problem: DecodeProblem): number => DLQ_REASONS.indexOf(problem.reason);

/** The problem to report: the highest-precedence reason, and the first problem found among equals. */
export function mostSevereProblem(problems: readonly DecodeProblem[]): DecodeProblem | undefined {
  let chosen: DecodeProblem | undefined;
  for (const problem of problems) {
    if (chosen === undefined || rank(problem) < rank(chosen)) chosen = problem;
  }
  return chosen;
}
