import { refuse, type Refusal } from '../decision';
import type { PatronRepository } from '../ports/patron-repository';
import type { PinHasher } from '../ports/pin-hasher';
import type { PatronSnapshot } from '../types';

export type SignInRefusal = 'signin.invalid' | 'signin.temporarily_locked';
export type SignInResult = { allowed: true; patron: PatronSnapshot } | Refusal<SignInRefusal>;

/** After this many wrong PINs in a row the card is refused for PIN_LOCK_MINUTES, whatever the PIN. */
export const MAX_FAILED_PINS = 5;
export const PIN_LOCK_MINUTES = 15;

/**
 * Checks a card number and PIN. An unknown card and a wrong PIN get the same answer, so a
 * caller cannot learn which card numbers exist. The failure count lives in the database:
 * hanging up and calling again does not reset it.
 */
export class SignIn {
  constructor(private readonly patrons: PatronRepository, private readonly hasher: PinHasher, private readonly now: () => Date) {}

  async run(libraryId: string, cardNumber: string, pin: string): Promise<SignInResult> {
    const found = await this.patrons.findByCard(libraryId, cardNumber);
    if (!found) {
      await this.hasher.verify(pin, DUMMY_HASH); // same time as a real check
      return refuse('signin.invalid');
    }
    const now = this.now();
    if (found.pinLockedUntil && found.pinLockedUntil > now) {
      return refuse('signin.temporarily_locked', { minutes: minutesUntil(found.pinLockedUntil, now) });
    }
    if (!(await this.hasher.verify(pin, found.pinHash))) {
      const failures = found.failedPinCount + 1;
      const lockUntil = failures >= MAX_FAILED_PINS ? new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000) : null;
      await this.patrons.recordFailedPin(found.patron.id, lockUntil);
      return lockUntil ? refuse('signin.temporarily_locked', { minutes: PIN_LOCK_MINUTES }) : refuse('signin.invalid');
    }
    if (found.failedPinCount > 0 || found.pinLockedUntil) await this.patrons.resetFailedPins(found.patron.id);
    return { allowed: true, patron: found.patron };
  }
}

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

// scrypt hash of a random PIN nobody knows; verifying against it costs what a real check costs.
const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$0000000000000000000000000000000000000000000000000000000000000000';
