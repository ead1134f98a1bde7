import type { PatronSnapshot } from '../types';

export interface PatronCredentials {
  patron: PatronSnapshot;
  pinHash: string;
  failedPinCount: number;
  pinLockedUntil: Date | null;
}

export interface PatronRepository {
  findByCard(libraryId: string, cardNumber: string): Promise<PatronCredentials | undefined>;
  snapshot(patronId: number): Promise<PatronSnapshot | undefined>;
  /** The patron's phone number on file, for text messages. */
  phone(patronId: number): Promise<string | undefined>;
  /**
   * Counts a PIN check as a wrong PIN in a row *before* it is made (in one statement), unless the
   * card is locked: returns the count including this check, or until when the card is locked.
   */
  beginPinCheck(patronId: number, now: Date): Promise<{ inARow: number } | { lockedUntil: Date }>;
  /** Locks the card until `until` and starts a fresh count for after the lock. */
  lockPin(patronId: number, until: Date): Promise<void>;
  /** A right PIN, or staff lifting a lockout: no wrong PINs in a row, no lock. */
  resetFailedPins(patronId: number): Promise<void>;
  /** The library's cards locked by wrong PINs now, for staff. */
  pinLockouts(libraryId: string, now: Date): Promise<CardLockout[]>;
  /** A right PIN stored under an earlier scheme or key, stored again under today's. */
  replacePinHash(patronId: number, pinHash: string): Promise<void>;
}

export interface CardLockout {
  patronId: number;
  cardNumber: string;
  patronName: string;
  lockedUntil: Date;
}
