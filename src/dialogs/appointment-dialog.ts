import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { instantAt, localDate, localMinutes } from '../domain/rules/local-time';
import { lastBookableDay } from '../domain/rules/pickup-slots';
import { formatDay, formatSlot, formatTime } from '../i18n/format-date';
import { parseDateTime } from '../nlu/datetime';
import { vagueDayPart, type DayWindow } from '../nlu/day-part';
import type { BotServices } from './bot-services';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';

export const APPOINTMENT_DIALOG = 'appointment';
const SLOT = 'appointment.slot';
const STEPS = 'appointment.steps';

/** How many free slots one prompt offers: few enough to hear on the phone. */
const OFFERED = 3;
const OFFERED_ON_A_DAY = 5;

export interface AppointmentOptions {
  ref: string;
  /** The order's pickup branches: an order spanning branches gets one appointment per branch. */
  branches: Array<{ id: string; name: string }>;
  /** Moving an existing appointment: other wording, and "keep it" instead of "phone me". */
  move?: boolean;
  index?: number;
  /** Slot starts (ISO) this prompt offers; absent, the next free ones. */
  offered?: string[];
  /** What this prompt says before the list, when not the opening offer. */
  lead?: string;
}

/**
 * Offers the next free pickup slots at each of the order's branches and books the one the
 * patron picks or says ("την Παρασκευή στις 11", "pénteken 11-kor"). A taken or closed time
 * gets the nearest free ones instead. The patron may skip and be phoned, as before slots.
 */
export class AppointmentDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(APPOINTMENT_DIALOG);
    this.addDialog(new OptionPrompt(SLOT))
      .addDialog(new WaterfallDialog<AppointmentOptions>(STEPS, [this.offer.bind(this), this.choose.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async offer(step: WaterfallStepContext<AppointmentOptions>) {
    const t = turnT(step.context, 'pickup');
    const o = step.options;
    const branch = o.branches[o.index ?? 0];
    if (!branch) return step.endDialog();
    const s = session(step.context);
    // The time named with the title, once: as if said to the first offer of a new order.
    const wish = s.pickupWish;
    if (wish && !o.move && !o.offered && !o.lead && (o.index ?? 0) === 0) {
      delete s.pickupWish;
      const answered = await this.fromWords(step, wish);
      if (answered) return answered;
    }
    let offered = o.offered?.map((iso) => new Date(iso));
    if (!offered) {
      offered = await this.services.bookAppointment.nextFree(s.libraryId, branch.id, OFFERED);
      if (offered.length === 0) {
        await step.context.sendActivity(tell(t('no_slots', { branch: branch.name })));
        return this.nextBranch(step);
      }
      o.offered = offered.map((d) => d.toISOString());
    }
    const zone = this.services.policyFor(s.libraryId).timezone;
    const labels = [...offered.map((d) => formatSlot(d, s.language, zone)), t(o.move ? 'keep' : 'skip')];
    const lines = labels.map((label, i) => t('slot_line', { n: i + 1, when: label })).join('\n');
    const lead = o.lead ?? t(o.move ? 'offer_move' : 'offer', { branch: branch.name });
    const ivr = turnT(step.context, 'ivr');
    // For the ear: each day said once before its times, and the branch left to the confirmation.
    const spokenLead = o.lead ?? (o.move ? lead : ivr('speak.pickup.offer'));
    const spoken = [spokenLead, spokenSlots(ivr, offered, labels.at(-1)!, s.language, zone), ...(o.lead || o.move ? [] : [ivr('speak.pickup.or_say')])].join(' ');
    return step.prompt(SLOT, {
      prompt: ask(`${lead}\n${lines}`, 'datetime', { choices: labels, speak: spoken }),
      retryPrompt: ask(`${t('retry')}\n${lines}`, 'datetime', { choices: labels }),
      validations: { labels, freeText: true },
    } satisfies OptionPromptOptions);
  }

  private async choose(step: WaterfallStepContext<AppointmentOptions>) {
    const t = turnT(step.context, ['pickup', 'reasons']);
    const o = step.options;
    const answer = step.result as OptionAnswer;
    const offered = (o.offered ?? []).map((iso) => new Date(iso));
    if (answer.index >= 0 && answer.index < offered.length) return this.book(step, offered[answer.index]!);
    if (answer.index === offered.length) {
      await step.context.sendActivity(tell(t(o.move ? 'kept' : 'skipped')));
      return step.endDialog({ booked: false });
    }
    return (await this.fromWords(step, answer.text)) ?? step.replaceDialog(STEPS, { ...o, lead: `${t('not_understood')} ${t('retry')}` });
  }

  /** A day and time in the patron's words: booked, or that day's (or part of day's) free slots offered; undefined when no time is heard. */
  private async fromWords(step: WaterfallStepContext<AppointmentOptions>, text: string) {
    const t = turnT(step.context, ['pickup', 'reasons']);
    const o = step.options;
    const s = session(step.context);
    const branch = o.branches[o.index ?? 0]!;
    const policy = this.services.policyFor(s.libraryId);
    const said = parseDateTime(text, s.language, this.services.now(), policy.timezone);
    if (!said) return undefined;
    const day = localDate(said.start, policy.timezone);
    if (day > lastBookableDay(policy, this.services.now())) {
      // Not "closed" nor "no free time": no day that far ahead can be booked yet.
      const nearest = await this.services.bookAppointment.nearest(s.libraryId, branch.id, said.start, OFFERED);
      return this.propose(step, t('pickup.too_far', { ns: 'reasons', count: policy.pickup.horizonDays }), nearest);
    }
    // "αύριο το απόγευμα" names no time: the parser's guess (12:00) is never booked, the window's slots are offered.
    const window = vagueDayPart(text, s.language);
    if (window) return this.offerWindow(step, day, window);
    if (!['hour', 'minute', 'second'].includes(said.grain)) {
      // A day without a time: that day's free slots, or the nearest ones when it has none.
      const free = await this.services.bookAppointment.freeOn(s.libraryId, branch.id, day);
      const dayName = formatDay(day, s.language, policy.timezone);
      if (free.length > 0) {
        return step.replaceDialog(STEPS, { ...o, offered: free.slice(0, OFFERED_ON_A_DAY).map((d) => d.toISOString()), lead: t('offer_day', { branch: branch.name, day: dayName }) });
      }
      const nearest = await this.services.bookAppointment.nearest(s.libraryId, branch.id, said.start, OFFERED);
      return this.propose(step, `${t('no_free_that_day', { branch: branch.name, day: dayName })}`, nearest);
    }
    return this.book(step, said.start);
  }

  private async offerWindow(step: WaterfallStepContext<AppointmentOptions>, day: string, window: DayWindow) {
    const t = turnT(step.context, 'pickup');
    const o = step.options;
    const s = session(step.context);
    const branch = o.branches[o.index ?? 0]!;
    const zone = this.services.policyFor(s.libraryId).timezone;
    const words = { branch: branch.name, day: formatDay(day, s.language, zone), part: t(`day_part.${window.part}`) };
    const free = (await this.services.bookAppointment.freeOn(s.libraryId, branch.id, day))
      .filter((slot) => localMinutes(slot, zone) >= window.from && localMinutes(slot, zone) < window.to);
    if (free.length > 0) {
      return step.replaceDialog(STEPS, { ...o, offered: free.slice(0, OFFERED_ON_A_DAY).map((d) => d.toISOString()), lead: t('offer_window', words) });
    }
    const nearest = await this.services.bookAppointment.nearest(s.libraryId, branch.id, instantAt(day, window.from, zone), OFFERED);
    return this.propose(step, t('no_free_in_window', words), nearest);
  }

  private async book(step: WaterfallStepContext<AppointmentOptions>, start: Date) {
    const t = turnT(step.context, ['pickup', 'reasons']);
    const o = step.options;
    const s = session(step.context);
    const branch = o.branches[o.index ?? 0]!;
    const result = await this.services.bookAppointment.run({
      libraryId: s.libraryId, ref: o.ref, branchId: branch.id, startsAt: start, actor: `patron:${s.patron!.id}`, patronId: s.patron!.id,
    });
    if (!result.allowed) return this.propose(step, t(result.reason, { ns: 'reasons', ...result.params }), result.alternatives);
    const zone = this.services.policyFor(s.libraryId).timezone;
    const when = formatSlot(result.appointment.startsAt, s.language, zone);
    await step.context.sendActivity(tell(t('booked', { when, branch: branch.name }), { speak: turnT(step.context, 'ivr')('speak.pickup.booked', { when, branch: branch.name }) }));
    return this.nextBranch(step);
  }

  private async propose(step: WaterfallStepContext<AppointmentOptions>, why: string, alternatives: Date[]) {
    const t = turnT(step.context, 'pickup');
    if (alternatives.length === 0) return step.replaceDialog(STEPS, { ...step.options, offered: undefined, lead: `${why} ${t('retry')}` });
    return step.replaceDialog(STEPS, { ...step.options, offered: alternatives.map((d) => d.toISOString()), lead: `${why} ${t('offer_nearest')}` });
  }

  private async nextBranch(step: WaterfallStepContext<AppointmentOptions>) {
    const o = step.options;
    const index = (o.index ?? 0) + 1;
    if (index >= o.branches.length) return step.endDialog({ booked: true });
    return step.replaceDialog(STEPS, { ref: o.ref, branches: o.branches, move: o.move, index });
  }
}

/** «Τρίτη 24 Νοεμβρίου: 1. 08:30. 2. 08:45.» and the last option: the day is not repeated for each time. */
function spokenSlots(ivr: ReturnType<typeof turnT>, slots: readonly Date[], last: string, language: string, zone: string): string {
  const parts: string[] = [];
  let day: string | undefined;
  slots.forEach((slot, i) => {
    // It starts a sentence: «november 24., kedd» is written small inside one.
    const today = formatDay(slot, language, zone).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    if (today !== day) parts.push(ivr('speak.pickup.day', { day: today }));
    day = today;
    parts.push(ivr('speak.pickup.slot', { n: i + 1, time: formatTime(slot, language, zone) }));
  });
  parts.push(ivr('speak.pickup.slot', { n: slots.length + 1, time: last }));
  return parts.join(' ');
}
