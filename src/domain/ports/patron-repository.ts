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
  /** The patron's phone number on file: for text messages, and to know the patron's own caller id. */
  phone(patronId: number): Promise<string | undefined>;
  /** The card number on file: how the library's own system knows the patron (issue 20). */
  cardNumber(patronId: number): Promise<string | undefined>;
  /** A right PIN stored under an earlier scheme or key, stored again under today's. */
  replacePinHash(patronId: number, pinHash: string): Promise<void>;
}
