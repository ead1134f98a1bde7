import { createHash, randomBytes } from 'node:crypto';
import type { PinHasher } from '../domain/ports/pin-hasher';
import type { StaffAccount, StaffRepository } from '../domain/ports/staff-repository';

/** A session ends after this long without a request… */
export const IDLE_MINUTES = 30;
/** …and in any case after one working shift. */
export const ABSOLUTE_HOURS = 8;

export interface StaffSession {
  staff: Pick<StaffAccount, 'id' | 'libraryId' | 'username' | 'name'>;
  csrfToken: string;
  /** The cookie value, to hash again at logout. */
  token: string;
}

// Verified when the username is unknown, so a wrong username takes as long as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$0000000000000000000000000000000000000000000000000000000000000000';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Staff sign-in with a slow password hash (scrypt) and server-side sessions: the cookie holds a
 * random token, the database only its SHA-256. Each session has its own CSRF token
 * (synchronizer pattern). Sessions slide with use up to an absolute limit.
 */
export class StaffAuth {
  constructor(private readonly repo: StaffRepository, private readonly hasher: PinHasher, private readonly now: () => Date = () => new Date()) {}

  async login(username: string, password: string): Promise<StaffSession | undefined> {
    const account = await this.repo.findByUsername(username.trim().toLowerCase());
    const ok = await this.hasher.verify(password, account?.passwordHash ?? DUMMY_HASH).catch(() => false);
    if (!account || !account.active || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.repo.deleteExpiredSessions(now);
    await this.repo.createSession(hashToken(token), account.id, csrfToken, now, this.expiry(now, now));
    return { staff: pick(account), csrfToken, token };
  }

  async authenticate(token: string | undefined): Promise<StaffSession | undefined> {
    if (!token || token.length > 200) return undefined;
    const id = hashToken(token);
    const session = await this.repo.findSession(id);
    const now = this.now();
    if (!session || session.expiresAt <= now || !session.staff.active) return undefined;
    await this.repo.touchSession(id, now, this.expiry(session.createdAt, now));
    return { staff: pick(session.staff), csrfToken: session.csrfToken, token };
  }

  async logout(token: string): Promise<void> {
    await this.repo.deleteSession(hashToken(token));
  }

  private expiry(createdAt: Date, now: Date): Date {
    return new Date(Math.min(createdAt.getTime() + ABSOLUTE_HOURS * 3_600_000, now.getTime() + IDLE_MINUTES * 60_000));
  }
}

function pick(account: StaffAccount): StaffSession['staff'] {
  return { id: account.id, libraryId: account.libraryId, username: account.username, name: account.name };
}
