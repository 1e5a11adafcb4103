import { mostSevereProblem } from './decode-problem.precedence';
import { DLQ_REASONS, type DlqReason } from './dlq-reason.types';

const problem = (reason: DlqReason, message: string = reason) => ({ reason, message });

describe(mostSevereProblem.name, () => {
  it('should return undefined when there is no problem', () => {
    expect(mostSevereProblem([])).toBeUndefined();
  });

  it('should pick the reason listed first in the spec table whatever the input order', () => {
    const all = DLQ_REASONS.map((reason) => problem(reason));
    expect(mostSevereProblem([...all].reverse())?.reason).toBe('TOO_LARGE');
    expect(mostSevereProblem([problem('INVALID_COUNT'), problem('KEY_MISMATCH')])?.reason).toBe(
      'KEY_MISMATCH',
    );
  });

  it('should keep the first problem among those with the same reason', () => {
    const chosen = mostSevereProblem([
      problem('INVALID_FIELD', 'first'),
      problem('INVALID_FIELD', 'second'),
    ]);
    expect(chosen?.message).toBe('first');
  });
});
