/** The REST side of the parity tests: the SpaceONE routes, JSON in and out. */
export async function restPost(
  baseUrl: string,
  path: string,
  body: unknown,
  apiKey?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const REST_LIST = '/power_scheduler/v1/job-tasks/search';
export const REST_STAT = '/power_scheduler/v1/job-tasks/stat';
