import { ozdIllTerms } from './ill-terms';
import { libraryPolicySchema } from './library-policy';

/** Ózd City Library. seeds/004 covers interlibrary loan only; its hold rules are ours (see `assumed`). */
export const ozdPolicy = libraryPolicySchema.parse({
  libraryId: 'ozd',
  timezone: 'Europe/Budapest',
  currency: 'HUF',
  holds: { maxHolds: 5, borrowingLimit: 10, holdShelfDays: 7, expiryReminderHours: 24 },
  quarantineDays: 0,
  pickup: { slotMinutes: 15, patronsPerSlot: 3, minNoticeHours: 4, horizonDays: 14 },
  // seeds/004: "200 Ft per day per document"; minor units (fillér), like every amount.
  lateFeePerDayPerItem: 20000,
  ill: ozdIllTerms,
  holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'],
  branches: {
    'ozd-main': {
      openingHours: {
        tue: [['10:00', '18:00']], wed: [['10:00', '18:00']], thu: [['10:00', '18:00']],
        fri: [['10:00', '18:00']], sat: [['09:00', '13:00']],
      },
      returnDays: ['tue', 'wed', 'thu', 'fri', 'sat'],
    },
  },
  phoneHours: {
    tue: [['10:00', '18:00']], wed: [['10:00', '18:00']], thu: [['10:00', '18:00']],
    fri: [['10:00', '18:00']], sat: [['09:00', '13:00']],
  },
  assumed: ['phoneHours', 'holds.maxHolds', 'holds.borrowingLimit', 'holds.holdShelfDays', 'holds.expiryReminderHours', 'quarantineDays', 'pickup', 'holidays', 'branches.ozd-main.openingHours', 'ill.postalRates'],
});
