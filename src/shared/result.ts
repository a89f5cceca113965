/** Expected outcomes of a use case. The unexpected is thrown, never returned. */
export type Failure =
  | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number };

export type Result<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Failure);

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(failure: Failure): Result<T> {
  return { ok: false, ...failure };
}

export const notFound = <T = never>(): Result<T> => fail({ kind: 'not_found' });
export const forbidden = <T = never>(): Result<T> => fail({ kind: 'forbidden' });
export const invalid = <T = never>(errors: Record<string, string>): Result<T> => fail({ kind: 'invalid', errors });
