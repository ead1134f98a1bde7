import type { StaffAccount, StaffRepository, StaffSessionRecord } from '../domain/ports/staff-repository';
import type { Db } from './prisma-client';

export class PrismaStaffRepository implements StaffRepository {
  constructor(private readonly db: Db) {}

  async findByUsername(username: string): Promise<StaffAccount | undefined> {
    return (await this.db.staffUser.findUnique({ where: { username } })) ?? undefined;
  }

  async createSession(id: string, staffId: number, csrfToken: string, at: Date, expiresAt: Date): Promise<void> {
    await this.db.staffSession.create({ data: { id, staffId, csrfToken, createdAt: at, lastSeenAt: at, expiresAt } });
  }

  async findSession(id: string): Promise<StaffSessionRecord | undefined> {
    const row = await this.db.staffSession.findUnique({ where: { id }, include: { staff: true } });
    return row ? { id: row.id, staff: row.staff, csrfToken: row.csrfToken, createdAt: row.createdAt, expiresAt: row.expiresAt } : undefined;
  }

  async touchSession(id: string, at: Date, expiresAt: Date): Promise<void> {
    await this.db.staffSession.updateMany({ where: { id }, data: { lastSeenAt: at, expiresAt } });
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.staffSession.deleteMany({ where: { id } });
  }

  async names(libraryId: string): Promise<Map<number, string>> {
    const rows = await this.db.staffUser.findMany({ where: { libraryId }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async branches(libraryId: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.branch.findMany({ where: { libraryId }, select: { id: true, name: true }, orderBy: { sortOrder: 'asc' } });
  }

  async replacePasswordHash(staffId: number, passwordHash: string): Promise<void> {
    await this.db.staffUser.update({ where: { id: staffId }, data: { passwordHash } });
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    return (await this.db.staffSession.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
