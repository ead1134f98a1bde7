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
  recordFailedPin(patronId: number, lockUntil: Date | null): Promise<number>;
  resetFailedPins(patronId: number): Promise<void>;
}
