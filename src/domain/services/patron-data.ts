import { refuse, type Refusal } from '../decision';
import type { ErasureSummary, PatronDataExport, PatronDataRepository } from '../ports/patron-data-repository';
import { checkErasure, type ErasureRefusal } from '../rules/erasure';

export type PatronDataRefusal = 'patron.not_found' | ErasureRefusal;

/** Card numbers as staff type them: digits, perhaps with spaces or dashes. */
const CARD = /^[\d\s-]{4,24}$/;

/**
 * GDPR access and erasure requests, made by staff for a patron of their own library: another
 * library's card number is simply not found.
 */
export class PatronData {
  constructor(private readonly patrons: PatronDataRepository, private readonly now: () => Date) {}

  async export(libraryId: string, cardNumber: string): Promise<{ allowed: true; patronId: number; data: PatronDataExport } | Refusal<PatronDataRefusal>> {
    const subject = await this.find(libraryId, cardNumber);
    if (!subject) return refuse('patron.not_found');
    return { allowed: true, patronId: subject.patronId, data: await this.patrons.export(subject.patronId, this.now()) };
  }

  async erase(libraryId: string, cardNumber: string, actor: string): Promise<{ allowed: true; summary: ErasureSummary } | Refusal<PatronDataRefusal>> {
    const subject = await this.find(libraryId, cardNumber);
    if (!subject) return refuse('patron.not_found');
    const outcome = await this.patrons.erase(subject.patronId, actor, this.now(), checkErasure);
    return 'allowed' in outcome ? outcome : { allowed: true, summary: outcome };
  }

  private async find(libraryId: string, cardNumber: string) {
    if (!CARD.test(cardNumber)) return undefined;
    return this.patrons.findByCard(libraryId, cardNumber.replace(/\D/g, ''));
  }
}
