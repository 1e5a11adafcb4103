/**
 * proto3 has no presence for scalars: an unset string arrives as '' (or not at all), an unset
 * number as 0, an unset bool as false and an unset list as []. These helpers turn each of those
 * into "not given", so the JSON body only carries what the client actually asked for.
 */
export const givenText = (value: string | null | undefined): string | undefined =>
  value ? value : undefined;

export const givenNumber = (value: number | null | undefined): number | undefined =>
  value ? value : undefined;

export const givenFlag = (value: boolean | null | undefined): true | undefined =>
  value ? true : undefined;

export const givenList = <T>(value: readonly T[] | null | undefined): readonly T[] | undefined =>
  value && value.length > 0 ? value : undefined;

/**
 * One field of a `oneof` spelled two ways (key/k): given as the long name. protobuf keeps only the
 * last member a message carries, but protobufjs decodes every member it finds, so a message with
 * both arrives with both; they are then both passed on, for the shared parser to refuse exactly as
 * it refuses a REST body that spells the field twice, instead of one spelling silently winning.
 */
export function aliased<T>(
  long: string,
  short: string,
  longValue: T | undefined,
  shortValue: T | undefined,
): Record<string, T | undefined> {
  if (longValue !== undefined && shortValue !== undefined) {
    return { [long]: longValue, [short]: shortValue };
  }
  // Not `??`: a null filter value (`eq null`) is given.
  return { [long]: longValue !== undefined ? longValue : shortValue };
}

/** Drops the keys whose value is undefined, so "not given" means "absent" as in a JSON body. */
export function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
