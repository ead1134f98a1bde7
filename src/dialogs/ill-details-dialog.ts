import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IllKind } from '../domain/ill-status';
import { fold } from '../domain/text/fold';
import { parseDateTime } from '../nlu/datetime';
import { findIsbn } from '../nlu/entities/isbn';
import { parseNumber } from '../nlu/numbers';
import { parseYesNo } from '../nlu/yes-no';
import type { BotServices } from './bot-services';
import type { IllDetails } from './ill-format';
import { ask, tell } from './messages';
import { session, turnT } from './session';

export const ILL_DETAILS_DIALOG = 'illDetails';
const FIELD = 'illDetails.field';
const STEPS = 'illDetails.steps';

type Field = 'title' | 'author' | 'journal' | 'year' | 'isbn' | 'volume_issue' | 'pages' | 'not_needed_after';

/** What is asked, in order: ISBN when known for a book; journal, year, volume/issue and pages for an article. */
const FIELDS: Record<IllKind, readonly Field[]> = {
  book: ['title', 'author', 'year', 'isbn', 'not_needed_after'],
  article: ['title', 'author', 'journal', 'year', 'volume_issue', 'pages', 'not_needed_after'],
};

export interface IllDetailsOptions {
  kind: IllKind;
  /** The words of a search that found nothing: offered as the title. */
  query?: string;
  index?: number;
  values?: Partial<IllDetails>;
}

type Parsed = { ok: true; value?: string | number } | { ok: false };

/**
 * Longest answers kept, in characters: a long article title or a list of authors fits; a
 * pasted page does not, and it would end up on the staff page and in the lender's form.
 */
const FIELD_MAX: Partial<Record<Field, number>> = { title: 300, author: 200, journal: 200, volume_issue: 100, pages: 100 };

/** Asks for the document's details one at a time; ends with the filled-in IllDetails. */
export class IllDetailsDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(ILL_DETAILS_DIALOG);
    this.addDialog(new TextPrompt(FIELD, (p) => this.validate(p)))
      .addDialog(new WaterfallDialog<IllDetailsOptions>(STEPS, [this.ask.bind(this), this.store.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async validate(p: PromptValidatorContext<string>): Promise<boolean> {
    const v = p.options.validations as FieldValidation;
    const max = FIELD_MAX[v.field];
    const text = (p.recognized.value ?? '').trim();
    if (max !== undefined && text.length > max) {
      // Said before the field's own retry question, so the patron knows why it is asked again.
      // The prompt sends no retry of its own once this turn has replied: send it here.
      await p.context.sendActivity(tell(turnT(p.context, 'ill')('field.too_long', { max })));
      if (p.options.retryPrompt) await p.context.sendActivity(p.options.retryPrompt);
      return false;
    }
    return this.parse(p.context, v.field, text, v).ok;
  }

  private async ask(step: WaterfallStepContext<IllDetailsOptions>) {
    const t = turnT(step.context, 'ill');
    const o = step.options;
    const field = FIELDS[o.kind][o.index ?? 0]!;
    const article = o.kind === 'article';
    const [prompt, retry] = ((): [string, string] => {
      switch (field) {
        case 'title': return [o.query ? t('field.title_from_search', { query: o.query }) : t(article ? 'field.title_article' : 'field.title_book'), t('field.title_retry')];
        case 'year': return article ? [t('field.year_article'), t('field.year_article_retry')] : [t('field.year_book'), t('field.year_retry')];
        default: return [t(`field.${field}`), t(`field.${field}_retry`)];
      }
    })();
    const slot = field === 'not_needed_after' ? 'datetime' : 'text';
    return step.prompt(FIELD, {
      prompt: ask(prompt, slot), retryPrompt: ask(retry, slot),
      validations: { field, kind: o.kind, query: o.query } satisfies FieldValidation,
    });
  }

  private async store(step: WaterfallStepContext<IllDetailsOptions>) {
    const o = step.options;
    const index = o.index ?? 0;
    const field = FIELDS[o.kind][index]!;
    const parsed = this.parse(step.context, field, String(step.result), { field, kind: o.kind, query: o.query });
    const values: Partial<IllDetails> = { ...o.values, kind: o.kind };
    if (parsed.ok && parsed.value !== undefined) {
      const key = ({ volume_issue: 'volumeIssue', not_needed_after: 'notNeededAfter' } as const)[field as 'volume_issue' | 'not_needed_after'] ?? field;
      (values as Record<string, unknown>)[key] = parsed.value;
    }
    if (index + 1 < FIELDS[o.kind].length) return step.replaceDialog(STEPS, { ...o, index: index + 1, values } satisfies IllDetailsOptions);
    return step.endDialog(values as IllDetails);
  }

  /** One answer, read for one field; "nem tudom" / "δεν ξέρω" skips a field that may be left empty. */
  private parse(context: WaterfallStepContext['context'], field: Field, raw: string, v: FieldValidation): Parsed {
    const s = session(context);
    const text = raw.trim();
    if (!text) return { ok: false };
    const skip = this.isSkip(context, text);
    switch (field) {
      case 'title':
        if (v.query && parseYesNo(text, s.language) === true) return v.query.length <= FIELD_MAX.title! ? { ok: true, value: v.query } : { ok: false };
        return { ok: true, value: text };
      case 'journal':
        return skip ? { ok: false } : { ok: true, value: text };
      case 'author': case 'volume_issue': case 'pages':
        return skip ? { ok: true } : { ok: true, value: text };
      case 'year': {
        if (skip) return v.kind === 'book' ? { ok: true } : { ok: false };
        const digits = /\b(\d{4})\b/.exec(text)?.[1];
        const year = digits ? Number(digits) : parseNumber(text, s.language);
        const latest = this.services.now().getUTCFullYear() + 1;
        return year !== undefined && Number.isInteger(year) && year >= 1450 && year <= latest ? { ok: true, value: year } : { ok: false };
      }
      case 'isbn': {
        if (skip) return { ok: true };
        const isbn = findIsbn(text);
        return isbn ? { ok: true, value: isbn } : { ok: false };
      }
      case 'not_needed_after': {
        if (skip) return { ok: true };
        const now = this.services.now();
        const when = parseDateTime(text, s.language, now, this.services.policyFor(s.libraryId).timezone);
        return when && when.start.getTime() > now.getTime() ? { ok: true, value: when.start.toISOString() } : { ok: false };
      }
    }
  }

  private isSkip(context: WaterfallStepContext['context'], text: string): boolean {
    const s = session(context);
    const folded = fold(text).replace(/[.!,;]+$/, '').trim();
    const words = turnT(context, 'ill')('skip_words').split('|').map((w) => fold(w));
    return words.includes(folded) || parseYesNo(text, s.language) === false;
  }
}

interface FieldValidation { field: Field; kind: IllKind; query?: string }
