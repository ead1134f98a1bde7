import { randomBytes } from 'node:crypto';
import type { Db } from './prisma-client';

/**
 * The secret named `name`, made up by whichever instance asks first and read by all others
 * (a unique key decides a race: the loser reads the winner's).
 */
export async function sharedSecret(db: Db, name: string): Promise<string> {
  const existing = await db.serverSecret.findUnique({ where: { name } });
  if (existing) return existing.value;
  try {
    await db.serverSecret.create({ data: { name, value: randomBytes(32).toString('base64url') } });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
  }
  return (await db.serverSecret.findUniqueOrThrow({ where: { name } })).value;
}
