import { ozdIllTerms } from './ill-terms';
import { libraryPolicySchema } from './library-policy';

const weekdays = (hours: [string, string][]) =>
  ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

/** Kalamaria municipal libraries, from seeds/000 unless listed in `assumed`. */
export const kalamariaPolicy = libraryPolicySchema.parse({
  libraryId: 'kalamaria',
  timezone: 'Europe/Athens',
  currency: 'EUR',
  // seeds/000 §5: "10 books, as many as you may borrow in total from all the libraries".
  holds: { maxHolds: 10, borrowingLimit: 10, holdShelfDays: 5, expiryReminderHours: 24 },
  quarantineDays: 3,
  // seeds/000: handover at the entrance by appointment "to avoid crowding".
  pickup: { slotMinutes: 15, patronsPerSlot: 2, minNoticeHours: 4, horizonDays: 14 },
  lateFeePerDayPerItem: 0,
  // seeds/000 says nothing about interlibrary loan: off, with Ózd's terms ready should the library switch it on
  // (postage in euro cents, assumed).
  ill: { ...ozdIllTerms, enabled: false, postalRates: [{ maxGrams: 500, amount: 450 }, { maxGrams: 1000, amount: 650 }, { maxGrams: 2000, amount: 900 }] },
  holidays: ['2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06'],
  branches: {
    'kal-central': { openingHours: weekdays([['08:30', '14:30']]), returnDays: ['fri'] },
    'kal-child-a': {
      openingHours: { ...weekdays([['09:00', '13:00']]), tue: [['09:00', '13:00'], ['17:00', '20:00']], thu: [['09:00', '13:00'], ['17:00', '20:00']] },
      returnDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    },
    'kal-child-b': {
      openingHours: { ...weekdays([['09:00', '13:00']]), mon: [['09:00', '13:00'], ['17:00', '20:00']], wed: [['09:00', '13:00'], ['17:00', '20:00']] },
      returnDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    },
  },
  // The Central Library's desk answers the phone.
  phoneHours: weekdays([['08:30', '14:30']]),
  assumed: ['phoneHours', 'holds.holdShelfDays', 'holds.expiryReminderHours', 'quarantineDays', 'pickup', 'lateFeePerDayPerItem', 'holidays', 'branches.*.openingHours', 'ill'],
});
