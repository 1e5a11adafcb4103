export interface Answer {
  status: number;
  body: unknown;
}

export async function postJson(url: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a non-JSON answer is kept as text so the failure message shows it
  }
  return { status: res.status, body: parsed };
}

/** What the reference says the API must answer: the value, or the 400 code of a QueryError. */
export function expectedAnswer(compute: () => unknown): Answer {
  try {
    return { status: 200, body: compute() };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERROR_')) {
      return { status: 400, body: { code } };
    }
    throw error;
  }
}

/** Compares an actual answer with the expected one; for errors only the code must agree. */
export function sameAnswer(actual: Answer, expected: Answer): boolean {
  if (actual.status !== expected.status) return false;
  if (expected.status === 400) {
    return (
      (actual.body as { error?: { code?: string } }).error?.code ===
      (expected.body as { code: string }).code
    );
  }
  return canonical(actual.body) === canonical(expected.body);
}

/** JSON with sorted object keys: key order carries no meaning for clients, array order does. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
