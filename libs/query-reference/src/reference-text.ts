/**
 * Text semantics of the reference evaluator, written from api.md rather than from the ES translation:
 * code-point order, and case-insensitive matching in which each pattern character also matches its
 * simple case alternative (upper-case of a lower-case letter, else lower-case), as ES does.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i]?.codePointAt(0) ?? 0;
    const y = right[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}

function single(text: string): number | undefined {
  const cps = Array.from(text);
  return cps.length === 1 ? cps[0]?.codePointAt(0) : undefined;
}

export function alternativeCase(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const isLower = /\p{Lowercase}/u.test(ch);
  return single(isLower ? ch.toUpperCase() : ch.toLowerCase()) ?? cp;
}

/** Does `text` contain `pattern`, each pattern character matching itself or its alternative? */
export function containsIgnoringCase(text: string, pattern: string): boolean {
  const t = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const p = Array.from(pattern, (c) => c.codePointAt(0) ?? 0);
  for (let start = 0; start + p.length <= t.length; start++) {
    if (p.every((cp, j) => t[start + j] === cp || t[start + j] === alternativeCase(cp)))
      return true;
  }
  return false;
}
