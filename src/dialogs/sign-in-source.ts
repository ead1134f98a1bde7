import type { TurnContext } from 'botbuilder';
import type { SignInSource } from '../domain/ports/sign-in-attempts';

const SOURCE = Symbol('signInSource');

/** Set by the channel on each turn: the caller's number, the client's address. */
export function setSignInSource(context: TurnContext, source: SignInSource): void {
  context.turnState.set(SOURCE, source);
}

/**
 * Where this turn's sign-in comes from, for the per-source limit. A channel that set nothing
 * (tests, a future channel) is limited per channel user: weaker, as a client may pick its id,
 * but never unlimited.
 */
export function signInSource(context: TurnContext): SignInSource {
  const set = context.turnState.get(SOURCE) as SignInSource | undefined;
  return set ?? { kind: 'user', id: (context.activity.from?.id ?? context.activity.conversation?.id ?? '').slice(0, 200) };
}
