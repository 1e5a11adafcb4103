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

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;
