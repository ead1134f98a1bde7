import type { Activity, TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from 'botbuilder-dialogs';
import { fold } from '../domain/text/fold';
import { parseNumber, parseOrdinal } from '../nlu/numbers';
import { withoutAcknowledgement } from '../nlu/free-text';
import { parseYesNo } from '../nlu/yes-no';
import { session } from './session';

/** The option picked (0-based), or the patron's own words when none matched and free text is allowed. */
export type OptionAnswer = { index: number; text: string } | { index: -1; text: string };

export interface OptionPromptOptions extends PromptOptions {
  /** `yesMeans`: the option a plain "yes" picks, when the list holds a single hit ("igen, ezt kérem"). */
  validations: { labels: string[]; freeText?: boolean; yesMeans?: number };
}

/**
 * A choice between labelled options that understands Greek and Hungarian: "2", "το δεύτερο",
 * "a másodikat", or (part of) the label itself, typed or spoken. botbuilder's ChoicePrompt
 * cannot: its number and ordinal recognizers know neither language.
 */
export class OptionPrompt extends Prompt<OptionAnswer> {
  constructor(dialogId: string, validator?: PromptValidator<OptionAnswer>) {
    super(dialogId, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? markRetry(options.retryPrompt) : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<OptionAnswer>> {
    const text = (context.activity.text ?? '').trim();
    const { labels, freeText, yesMeans } = (options as OptionPromptOptions).validations;
    // Where free text is a new search or a date, a shared stem would steal it («βιβλίο μου» is not «Κράτηση βιβλίου»).
    const index = matchOption(text, labels, session(context).language, { yesMeans, stems: !freeText });
    if (index !== undefined) return { succeeded: true, value: { index, text } };
    if (freeText && text.length > 0) return { succeeded: true, value: { index: -1, text } };
    return { succeeded: false };
  }
}

/** A retry says the answer was not understood; the phone counts those towards putting the caller through to staff. */
export function markRetry(activity: Partial<Activity> | string): Partial<Activity> | string {
  return typeof activity === 'string' ? activity : { ...activity, channelData: { ...(activity.channelData as object | undefined), retry: true } };
}

export interface MatchOptions {
  /** The option a bare "yes" picks. */
  yesMeans?: number;
  /**
   * Verb forms of a label's words ("να ολοκληρώσουμε" for «Ολοκλήρωση παραγγελίας», "véglegesítsük"):
   * only where the prompt itself reads the answer, never to decide that words are not a command.
   */
  stems?: boolean;
}

// Speech recognition ends a sentence with a full stop.
const TRAILING_PUNCTUATION = /[\s.!?;;…,]+$/u;
/** Stems shorter than this say too little: "κράτη…" is a state, a hold and a reservation. */
const STEM_LENGTH = 6;

/** The answer as typed, and without the leading "ok, …" or "igen, …" that carries no choice. */
function answerForms(text: string, language: 'el' | 'hu'): string[] {
  const bare = text.replace(TRAILING_PUNCTUATION, '').trim();
  const rest = withoutAcknowledgement(bare, language);
  return rest ? [bare, rest] : [bare];
}

/** Index of the option the text names, if exactly one fits. */
export function matchOption(text: string, labels: readonly string[], language: 'el' | 'hu', options: MatchOptions = {}): number | undefined {
  for (const form of answerForms(text, language)) {
    const index = matchForm(form, labels, language);
    if (index !== undefined) return index;
  }
  if (options.yesMeans !== undefined && parseYesNo(text, language) === true) return options.yesMeans;
  return options.stems ? matchStems(text, labels) : undefined;
}

function matchForm(text: string, labels: readonly string[], language: 'el' | 'hu'): number | undefined {
  const folded = fold(text);
  if (!folded) return undefined;
  const byNumber = /^\d+$/.test(folded) ? Number(folded) : parseOrdinal(text, language) ?? parseNumber(text, language);
  if (byNumber !== undefined && Number.isInteger(byNumber) && byNumber >= 1 && byNumber <= labels.length) return byNumber - 1;
  const exact = labels.findIndex((l) => fold(l) === folded);
  if (exact >= 0) return exact;
  if (folded.length < 3) return undefined;
  // Words said that contain a label ("könyvet" for «Könyv») name it only when they are little more than
  // the label: «mi a helyzet a könyvtárközi kérésemmel» asks about a request, it does not pick «Könyvtárközi kérés».
  const words = (x: string) => x.split(' ').length;
  const partial = labels.map((l, i) => [fold(l), i] as const)
    .filter(([l]) => ` ${l}`.includes(` ${folded}`) || (folded.includes(l) && words(folded) <= words(l) + 1));
  return partial.length === 1 ? partial[0]![1] : undefined;
}

function matchStems(text: string, labels: readonly string[]): number | undefined {
  const stems = (s: string) => fold(s).split(' ').filter((w) => w.length >= STEM_LENGTH).map((w) => w.slice(0, STEM_LENGTH));
  const said = new Set(stems(text));
  const hits = labels.map((l, i) => [i, stems(l).some((w) => said.has(w))] as const).filter(([, hit]) => hit);
  return hits.length === 1 ? hits[0]![0] : undefined;
}
