import type { Prisma } from '../src/generated/prisma/client';
import type { PolicyLookup } from '../src/domain/policy/policies';
import { collectionDeadline } from '../src/domain/rules/ill-collection';
import { demoIllRequests } from './seed-data/ill';

/** Writes the demo ILL requests (seed-data/ill.ts) with the events that led to their status. */
export async function seedIllDemo(tx: Prisma.TransactionClient, policyFor: PolicyLookup): Promise<void> {
  const path: Record<string, string[]> = {
    requested: ['submitted', 'requested'],
    shipped: ['submitted', 'requested', 'terms_received', 'shipped'],
    arrived: ['submitted', 'requested', 'terms_received', 'shipped', 'arrived'],
    not_collected: ['submitted', 'requested', 'terms_received', 'shipped', 'arrived', 'not_collected'],
  };
  for (const { cardNumber, owedPostage, arrivedAt, ...r } of demoIllRequests) {
    // Only the demo libraries that have a file get their demo.
    const patron = await tx.patron.findFirst({ where: { cardNumber } });
    if (!patron) continue;
    const steps = path[r.status]!;
    const created = await tx.illRequest.create({
      data: {
        ...r, libraryId: patron.libraryId, patronId: patron.id, currency: 'HUF', maxCost: 0, channel: 'seed', language: patron.preferredLanguage,
        ...(arrivedAt ? { arrivedAt: new Date(arrivedAt), collectBy: collectionDeadline(new Date(arrivedAt), policyFor(patron.libraryId)) } : {}),
        ...(owedPostage ? { amountDue: owedPostage } : {}),
        events: { create: steps.map((to, i) => ({ actor: 'system', fromStatus: i === 0 ? null : steps[i - 1]!, toStatus: to })) },
      },
    });
    if (owedPostage) {
      await tx.illCharge.create({ data: { libraryId: patron.libraryId, patronId: patron.id, requestId: created.id, kind: 'return_postage', amount: owedPostage, currency: 'HUF' } });
    }
  }
}
