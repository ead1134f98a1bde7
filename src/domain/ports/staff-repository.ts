export interface StaffAccount {
  id: number;
  libraryId: string;
  username: string;
  name: string;
  passwordHash: string;
  active: boolean;
}

export interface StaffSessionRecord {
  /** Hash of the cookie value; the value itself is never stored. */
  id: string;
  staff: StaffAccount;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface StaffRepository {
  findByUsername(username: string): Promise<StaffAccount | undefined>;
  createSession(id: string, staffId: number, csrfToken: string, at: Date, expiresAt: Date): Promise<void>;
  findSession(id: string): Promise<StaffSessionRecord | undefined>;
  touchSession(id: string, at: Date, expiresAt: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteExpiredSessions(now: Date): Promise<number>;
  /** Display names of a library's staff, for the order history. */
  names(libraryId: string): Promise<Map<number, string>>;
  branches(libraryId: string): Promise<Array<{ id: string; name: string }>>;
  replacePasswordHash(staffId: number, passwordHash: string): Promise<void>;
}
