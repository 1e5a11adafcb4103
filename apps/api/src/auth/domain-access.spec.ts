import { AuthenticateFailureError, PermissionDeniedError } from '../errors/api-error';
import { assertMayRead, identifyCaller } from './domain-access';

const grants = new Map<string, ReadonlySet<string> | 'all'>([
  ['reader-key-0123456789', new Set(['d1'])],
  ['admin-key-0123456789', 'all'],
]);

describe(identifyCaller.name, () => {
  it('should let everyone in when no keys are configured', () => {
    expect(identifyCaller(undefined, new Map())).toEqual({ kind: 'open' });
  });

  it('should reject a missing, malformed or unknown key', () => {
    expect(() => identifyCaller(undefined, grants)).toThrow(AuthenticateFailureError);
    expect(() => identifyCaller('reader-key-0123456789', grants)).toThrow(AuthenticateFailureError);
    expect(() => identifyCaller('Bearer nope', grants)).toThrow(AuthenticateFailureError);
  });

  it('should reject a key that is only a prefix, an extension or another case of a known one', () => {
    for (const key of ['reader-key-012345678', 'reader-key-0123456789x', 'READER-KEY-0123456789']) {
      expect(() => identifyCaller(`Bearer ${key}`, grants)).toThrow(AuthenticateFailureError);
    }
  });

  it('should take the scheme in any case and the key as given, once', () => {
    expect(identifyCaller('bearer   admin-key-0123456789 ', grants)).toEqual({
      kind: 'key',
      domains: 'all',
    });
    expect(() => identifyCaller('Bearer admin-key-0123456789 extra', grants)).toThrow(
      AuthenticateFailureError,
    );
    expect(() => identifyCaller('Basic admin-key-0123456789', grants)).toThrow(
      AuthenticateFailureError,
    );
  });

  it('should reject a request that carries the header twice, even with one good key', () => {
    expect(() =>
      identifyCaller(['Bearer reader-key-0123456789', 'Bearer admin-key-0123456789'], grants),
    ).toThrow(AuthenticateFailureError);
    expect(() => identifyCaller([], grants)).toThrow(AuthenticateFailureError);
    expect(identifyCaller(['Bearer reader-key-0123456789'], grants)).toEqual({
      kind: 'key',
      domains: new Set(['d1']),
    });
  });

  it('should accept a known bearer key', () => {
    expect(identifyCaller('Bearer reader-key-0123456789', grants)).toEqual({
      kind: 'key',
      domains: new Set(['d1']),
    });
  });
});

describe(assertMayRead.name, () => {
  it('should allow a granted domain and refuse any other', () => {
    const caller = identifyCaller('Bearer reader-key-0123456789', grants);
    expect(() => assertMayRead(caller, 'd1')).not.toThrow();
    expect(() => assertMayRead(caller, 'd2')).toThrow(PermissionDeniedError);
  });

  it('should allow every domain to a wildcard key', () => {
    expect(() =>
      assertMayRead(identifyCaller('Bearer admin-key-0123456789', grants), 'any'),
    ).not.toThrow();
  });
});
