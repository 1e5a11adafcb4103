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

/** Drops the keys whose value is undefined, so "not given" means "absent" as in a JSON body. */
export function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
