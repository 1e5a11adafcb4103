/**
 * Correctly rounded floating-point sum (Shewchuk's algorithm, as Python's math.fsum). It does not
 * depend on the order of the addends, so the in-API engine, merged Elasticsearch partial sums and the
 * reference evaluator agree bit for bit; integer sums are exact either way.
 */
export class ExactSum {
  private partials: number[] = [];
  private naive = 0;

  add(x: number): void {
    this.naive += x;
    let value = x;
    const next: number[] = [];
    for (const p of this.partials) {
      const [big, small] = Math.abs(value) >= Math.abs(p) ? [value, p] : [p, value];
      const hi = big + small;
      const lo = small - (hi - big);
      if (lo !== 0) next.push(lo);
      value = hi;
    }
    next.push(value);
    this.partials = next;
  }

  value(): number {
    // Non-finite inputs make the partials meaningless; MongoDB then yields the naive result too.
    if (!Number.isFinite(this.naive)) return this.naive;
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n] ?? 0;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n] ?? 0;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: the remaining partials decide which way to round.
    const below = p[n - 1] ?? 0;
    if (n > 0 && ((lo < 0 && below < 0) || (lo > 0 && below > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
