/** Values a refusal reason interpolates into its sentence. */
export type Params = Record<string, string | number>;

/**
 * What a rule answers. Refusals are values, not exceptions: the reason code is also the
 * i18n key (namespace `reasons`) of the sentence the patron or the staff member hears.
 */
export type Decision<R extends string> = { allowed: true } | { allowed: false; reason: R; params?: Params };

export type Refusal<R extends string> = Extract<Decision<R>, { allowed: false }>;

export const allow = (): { allowed: true } => ({ allowed: true });

export const refuse = <R extends string>(reason: R, params?: Params): Refusal<R> =>
  params ? { allowed: false, reason, params } : { allowed: false, reason };
