import type { SignInSource } from '../domain/ports/sign-in-attempts';
import { cardAlarms, type Lockouts } from '../domain/services/sign-in-lockouts';
import { formatDateTime } from '../i18n/format-date';
import { renderPage, type PageContext } from './view';

export interface LockoutPageData {
  lockouts: Lockouts;
  flash?: string;
  error?: string;
}

/**
 * Sign-in lockouts at the staff member's library: cards locked by wrong PINs, and the callers'
 * numbers and client addresses limited by failed sign-ins, each with a button that lifts it
 * (after staff have made sure who is asking).
 */
export function lockoutPage(ctx: PageContext, { lockouts, flash, error }: LockoutPageData): string {
  const { t, language } = ctx;
  const zone = ctx.policy.timezone;
  const when = (d: Date | null) => (d ? formatDateTime(d, language, zone) : t('staff:queue.none'));
  const source = (s: SignInSource) => `${t(`staff:lockouts.kind.${s.kind}`)}: ${s.id}`;
  const alarms = cardAlarms(lockouts);
  return renderPage(ctx, 'lockouts', t('staff:lockouts.title'), {
    flash, error, alarm: alarms > 0 ? t('staff:lockouts.alarm', { count: alarms }) : undefined,
    cards: lockouts.cards.map((c) => ({
      cardNumber: c.cardNumber, patronName: c.patronName, everywhere: !c.from, source: c.from ? source(c.from) : t('staff:lockouts.everywhere'),
      failures: c.failuresLastDay, until: when(c.lockedUntil),
    })),
    sources: lockouts.sources.map((s) => ({
      key: `${s.source.kind}:${s.source.id}`, kind: s.source.kind, id: s.source.id, label: source(s.source), limited: Boolean(s.limitedUntil),
      quarter: s.failures[0] ?? 0, day: s.failures[1] ?? 0, last: when(s.lastFailureAt), until: when(s.limitedUntil),
    })),
  }, { current: '/staff/lockouts' });
}
