/**
 * An answer and its JSON text, each made at most once. A cache hit is sent as the text Redis held,
 * parsed only if a caller needs the value (gRPC does, REST does not); a computed answer is
 * stringified once, for Redis and for the HTTP response alike.
 */
export class JsonAnswer<T> {
  private constructor(
    private held: { value: T } | null,
    private json: string | null,
  ) {}

  static of<T>(value: T): JsonAnswer<T> {
    return new JsonAnswer<T>({ value }, null);
  }

  static fromJson<T>(json: string): JsonAnswer<T> {
    return new JsonAnswer<T>(null, json);
  }

  value(): T {
    this.held ??= { value: JSON.parse(this.json ?? 'null') as T };
    return this.held.value;
  }

  /** The same bytes Express's `res.json` would send (no replacer, no spaces). */
  text(): string {
    this.json ??= JSON.stringify(this.held?.value ?? null);
    return this.json;
  }
}
