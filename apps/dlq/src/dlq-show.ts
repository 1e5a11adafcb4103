import { describeBytes, headerText, type DeadLetter } from './dead-letter.view';

export function formatDeadLetter(record: DeadLetter): string {
  const key = describeBytes(record.key);
  const value = describeBytes(record.value);
  const headers = Object.keys(record.headers)
    .sort()
    .map((name) => `  ${name}: ${headerText(record.headers, name) ?? ''}`);
  return [
    `--- ${record.partition}:${record.offset}  ${new Date(record.timestampMs).toISOString()}  ${record.reason}`,
    'headers:',
    ...headers,
    `key (${key.encoding}): ${key.text}`,
    `value (${value.encoding}, ${record.value?.length ?? 0} bytes):`,
    value.text,
    '',
  ].join('\n');
}

export function selectForShow(
  records: readonly DeadLetter[],
  reason: string | null,
  limit: number,
): DeadLetter[] {
  return records.filter((r) => reason === null || r.reason === reason).slice(0, limit);
}
