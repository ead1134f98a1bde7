import type { TurnContext } from 'botbuilder';

/**
 * What the channel of this turn can do. Dialogs and the bot ask this, never the channel id:
 * the same dialog code serves web chat and the phone.
 */
export interface Capabilities {
  /** Options can be shown as buttons (suggested actions) and read on a screen. */
  buttons: boolean;
  /** Replies are read aloud (`speak`); the patron answers by voice or keypad. */
  readsAloud: boolean;
  /** The conversation can be put through to staff (a phone call can be transferred). */
  transfersCalls: boolean;
}

/** A screen channel: web chat, the Emulator, tests. */
export const SCREEN: Capabilities = Object.freeze({ buttons: true, readsAloud: false, transfersCalls: false });

const CAPABILITIES = Symbol('capabilities');

/** Set by a channel adapter on each turn it creates. */
export function setCapabilities(context: TurnContext, value: Capabilities): void {
  context.turnState.set(CAPABILITIES, value);
}

/** This turn's capabilities; a turn whose adapter set none is a screen channel. */
export function capabilities(context: TurnContext): Capabilities {
  return (context.turnState.get(CAPABILITIES) as Capabilities | undefined) ?? SCREEN;
}
