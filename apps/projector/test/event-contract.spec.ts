import { RULES_OUTSIDE_THE_SCHEMA, jobTaskEventJsonSchema } from '@app/contract';
import { decodeEventMessage } from '@app/domain';
import {
  MALFORMED_FAMILIES,
  MALFORMED_FAMILIES_MAX_BYTES,
  jobTaskEventsArb,
  toWirePayload,
} from '@app/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { simulateScheduler } from '../src/simulator/scheduler.simulator';

// The published JSON Schema, checked the way an emitter in another language would: a standard validator with
// format assertion on. A unit test (no servers): the projector side is its pure decoder.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(jobTaskEventJsonSchema());
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** null when the bytes are no JSON at all, so that no schema can even be applied. */
function parsedValue(value: Buffer | null): { json: unknown } | null {
  if (value === null) return null;
  try {
    return { json: JSON.parse(utf8.decode(value)) };
  } catch {
    return null;
  }
}

describe('the published JSON Schema against the projector', () => {
  it('should accept every event the simulator emits', () => {
    const { messages } = simulateScheduler({ tasks: 3_000, seed: 11 });
    const invalid = messages.filter((m) => !validate(m.value));
    expect(invalid.map((m) => [m.value, ajv.errorsText(validate.errors)])).toEqual([]);
    expect(messages.length).toBeGreaterThan(20_000);
  });

  it('should accept every valid event of the property generator', () => {
    fc.assert(
      fc.property(jobTaskEventsArb(10), (events) =>
        events.every((event) => validate(toWirePayload(event))),
      ),
      { numRuns: 300 },
    );
  });

  it.each(MALFORMED_FAMILIES.map((f) => [f.name, f] as const))(
    'should reject %s, or list its rule as outside the schema',
    (_name, family) => {
      const decoded = decodeEventMessage(family, { maxValueBytes: MALFORMED_FAMILIES_MAX_BYTES });
      expect(decoded.ok ? 'OK' : decoded.reason).toBe(family.reason);
      const parsed = parsedValue(family.value);
      const acceptedBySchema = parsed !== null && validate(parsed.json);
      if (parsed === null || acceptedBySchema) {
        expect(RULES_OUTSIDE_THE_SCHEMA.map((r) => r.reason)).toContain(family.reason);
      }
    },
  );

  it('should let through exactly the families whose rule is about bytes, the key or the UTC year range', () => {
    const passing = MALFORMED_FAMILIES.filter((f) => {
      const parsed = parsedValue(f.value);
      return parsed === null || validate(parsed.json);
    }).map((f) => `${f.reason}: ${f.name}`);
    expect(passing).toEqual([
      'TOO_LARGE: a value over the size limit',
      'INVALID_JSON: bytes that are not UTF-8',
      'INVALID_JSON: text that is not JSON',
      'INVALID_JSON: a tombstone',
      'INVALID_TIMESTAMP: occurred_at "0000-01-01T00:00:00+01:00"',
      'KEY_MISMATCH: a key that differs from job_task_id',
      'KEY_MISMATCH: no key',
      'KEY_MISMATCH: a key that is not UTF-8',
    ]);
  });
});
