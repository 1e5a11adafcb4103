import { Comparison } from '../filter-operators';

/**
 * Integer and date fields hold whole numbers (counts, epoch milliseconds). Any bound, fractional or
 * not, is turned into an inclusive whole-number bound here, so ES never has to round a decimal
 * against an integer field and the meaning is exact.
 */
export type InclusiveBound = { readonly gte: number } | { readonly lte: number };

/** `floor` is the whole part; `fractional` says the value lies strictly above it. */
export function inclusiveBound(op: Comparison, floor: number, fractional: boolean): InclusiveBound {
  switch (op) {
    case 'lt':
      return { lte: fractional ? floor : floor - 1 };
    case 'lte':
      return { lte: floor };
    case 'gt':
      return { gte: floor + 1 };
    case 'gte':
      return { gte: fractional ? floor + 1 : floor };
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

/** The inclusive whole-number bound equivalent to comparing an integer field with any number. */
export function integerBound(op: Comparison, value: number): InclusiveBound {
  return inclusiveBound(op, Math.floor(value), !Number.isInteger(value));
}

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

export function isInt32(value: unknown): value is number {
  return (
    Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
  );
}

/**
 * An int32 field rejects a range bound outside its type, so such a bound is decided here: it holds
 * for every present value, or for none.
 */
export type Int32Bound = InclusiveBound | 'every' | 'none';

export function int32Bound(bound: InclusiveBound): Int32Bound {
  if ('lte' in bound) {
    if (bound.lte >= INT32_MAX) return 'every';
    if (bound.lte < INT32_MIN) return 'none';
  } else {
    if (bound.gte <= INT32_MIN) return 'every';
    if (bound.gte > INT32_MAX) return 'none';
  }
  return bound;
}
