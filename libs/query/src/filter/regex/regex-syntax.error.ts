/** Thrown by the regex parser; the condition parser turns it into a QueryError naming the condition. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'RegexSyntaxError';
  }
}
