import { createHash, randomBytes } from 'node:crypto';
import { refuse, type Refusal } from '../domain/decision';
import type { PasswordHasher } from '../domain/ports/pin-hasher';
import { accountFromSource, type AttemptScope, type SignInAttempts, type SignInSource } from '../domain/ports/sign-in-attempts';
import type { StaffAccount, StaffRepository } from '../domain/ports/staff-repository';
import { checkStaffLogin, type StaffLoginRefusal } from '../domain/rules/sign-in-rate-limit';
import { AttemptGate } from '../domain/services/attempt-gate';

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
const DUMMY_HASH = 'scrypt$16384$8$5$AAAAAAAAAAAAAAAAAAAAAA$0000000000000000000000000000000000000000000000000000000000000000';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Staff logins name no library: their failures are counted apart from the patrons'. */
const STAFF_SCOPE: AttemptScope = { scope: 'staff', libraryId: '' };

export type StaffLoginResult = { allowed: true; session: StaffSession } | Refusal<'staff.invalid_login' | StaffLoginRefusal>;

/**
 * Staff sign-in with a slow password hash (scrypt) and server-side sessions: the cookie holds a
 * random token, the database only its SHA-256. Each session has its own CSRF token
 * (synchronizer pattern). Sessions slide with use up to an absolute limit. Failed logins are
 * limited per client address, per username from that address and per username from everywhere
 * (rules/sign-in-rate-limit.ts), in the database.
 */
export class StaffAuth {
  private readonly gate: AttemptGate;

  constructor(
    private readonly repo: StaffRepository,
    private readonly hasher: PasswordHasher,
    attempts: SignInAttempts,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.gate = new AttemptGate(attempts, now);
  }

  /** `from` is the client's address; a limited address or username is refused before any check. */
  async login(username: string, password: string, from: SignInSource): Promise<StaffLoginResult> {
    const name = username.trim().toLowerCase();
    // Counted for unknown usernames too: being limited tells nobody whether an account exists.
    // The username from this address locks first; from everywhere only at a much higher count.
    const user: SignInSource = { kind: 'username', id: name.slice(0, 100) };
    const entry = await this.gate.enter(STAFF_SCOPE, [from, accountFromSource(user, from), user],
      ([byAddress, byUsernameFromAddress, byUsername], now, waitedOut) =>
        checkStaffLogin({ byAddress: byAddress ?? [], byUsernameFromAddress: byUsernameFromAddress ?? [], byUsername: byUsername ?? [] }, now, waitedOut));
    if (!entry.allowed) return entry;
    const account = await this.repo.findByUsername(name);
    const ok = await this.hasher.verify(password, account?.passwordHash ?? DUMMY_HASH).catch(() => false);
    if (!account || !account.active || !ok) {
      await this.gate.failed(entry.ids);
      return refuse('staff.invalid_login');
    }
    await this.gate.forget(entry.ids);
    // Parameters raised since this password was stored: the password is known right now.
    if (this.hasher.outdated(account.passwordHash)) await this.repo.replacePasswordHash(account.id, await this.hasher.hash(password));
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.repo.deleteExpiredSessions(now);
    await this.repo.createSession(hashToken(token), account.id, csrfToken, now, this.expiry(now, now));
    return { allowed: true, session: { staff: pick(account), csrfToken, token } };
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
