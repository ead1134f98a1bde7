/** Whose PIN it is: the hash binds the PIN to its card, so equal PINs never share a hash. */
export interface PinSubject {
  libraryId: string;
  cardNumber: string;
}

/** `outdated`: right, but stored under an earlier scheme or key; store `hash(pin)` in its place. */
export interface PinCheck {
  valid: boolean;
  outdated: boolean;
}

export interface PinHasher {
  hash(pin: string, subject: PinSubject): Promise<string>;
  verify(pin: string, stored: string, subject: PinSubject): Promise<PinCheck>;
}

/** Staff passwords: a slow hash whose parameters travel in the stored string. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Made with weaker parameters than today's: replace it at the next right password. */
  outdated(stored: string): boolean;
}
