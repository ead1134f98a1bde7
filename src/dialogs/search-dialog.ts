import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { extractSearchQuery } from '../nlu/entities/search-query';
import type { BotServices } from './bot-services';
import { describeRecord, speakRecord } from './format';
import { ILL_REQUEST_DIALOG, IllRequestDialog, type IllRequestOptions } from './ill-request-dialog';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';

export const SEARCH_DIALOG = 'search';
const QUERY = 'search.query';
const PICK = 'search.pick';
const STEPS = 'search.steps';

/** Hits shown per page: three is what a caller can keep in mind, and it keeps chat replies short. */
export const PAGE_SIZE = 3;

export interface SearchOptions { query?: string; offset?: number }
interface SearchState extends SearchOptions { shown?: number[]; hasMore?: boolean; offerIll?: boolean }

/** Title, author or ISBN search, a few hits at a time; ends with the picked record id, or nothing. */
export class SearchDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(SEARCH_DIALOG);
    this.addDialog(new TextPrompt(QUERY, async (p) => (p.recognized.value ?? '').trim().length > 0))
      .addDialog(new OptionPrompt(PICK)).addDialog(new IllRequestDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.askQuery.bind(this), this.showPage.bind(this), this.picked.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askQuery(step: WaterfallStepContext<SearchState>) {
    if (step.options.query) return step.next(step.options.query);
    const t = turnT(step.context, ['holds', 'ivr']);
    return step.prompt(QUERY, {
      prompt: ask(t('search.ask'), 'query', { speak: t('ivr:speak.search.ask') }),
      retryPrompt: ask(t('search.retry'), 'query', { speak: t('ivr:speak.search.retry') }),
    });
  }

  private async showPage(step: WaterfallStepContext<SearchState>) {
    const t = turnT(step.context, 'holds');
    // A whole sentence («Θα ήθελα να κλείσω το 'Ζορμπάς' για αύριο») searches for its title only.
    const said = String(step.result).trim();
    const extracted = extractSearchQuery(said, session(step.context).language);
    const query = extracted.query;
    // «για αύριο το πρωί» said with the title is when they mean to pick it up: the appointment step offers that.
    if (extracted.pickup) session(step.context).pickupWish = extracted.pickup.text;
    const offset = step.options.offset ?? 0;
    const page = await this.services.search.search(session(step.context).libraryId, query, offset, PAGE_SIZE);
    if (page.items.length === 0) {
      // Demand the library cannot meet (staff acquisitions list): the query as understood, never who asked.
      if (offset === 0) {
        await this.services.demand.notFound({
          libraryId: session(step.context).libraryId, query, language: session(step.context).language,
          channel: step.context.activity.channelId,
        });
      }
      // The patron's own words: on the phone they hear what the transcript made of them.
      await step.context.sendActivity(tell(t(offset > 0 ? 'search.no_more' : 'search.nothing_found', { query: offset > 0 ? query : said })));
      if (offset > 0 || !this.services.policyFor(session(step.context).libraryId).ill.enabled) return step.replaceDialog(STEPS, {});
      // Not in our catalogue: another library may lend it (interlibrary loan, seeds/004).
      const il = turnT(step.context, 'ill');
      const labels = [il('offer_label'), t('search.new_search')];
      Object.assign(step.options, { query, shown: [], hasMore: false, offerIll: true });
      return step.prompt(PICK, {
        prompt: ask(il('offer_after_search'), 'choice', { choices: labels }),
        retryPrompt: ask(il('offer_after_search'), 'choice', { choices: labels }),
        validations: { labels, freeText: true },
      } satisfies OptionPromptOptions);
    }
    step.options.query = query;
    step.options.shown = page.items.map((r) => r.id);
    step.options.hasMore = offset + page.items.length < page.total;
    const lines = page.items.map((r, i) => describeRecord(t, r, i + 1));
    const found = t('search.found', { count: page.total, from: offset + 1, to: offset + page.items.length });
    // Only near misses: say so, and how the catalogue spells it, rather than "nothing found".
    const header = page.match === 'fuzzy' && offset === 0
      ? `${page.suggestion ? t('search.did_you_mean', { query, suggestion: page.suggestion }) : t('search.close_only', { query })}\n\n${found}`
      : found;
    const labels = [...page.items.map((r) => r.title), ...(step.options.hasMore ? [t('search.more')] : []), t('search.new_search')];
    const prompt = [header, ...lines, t('search.pick')].join('\n\n');
    const ivr = turnT(step.context, 'ivr');
    return step.prompt(PICK, {
      prompt: ask(prompt, 'choice', { choices: labels, speak: [header, ...page.items.map((r, i) => speakRecord(ivr, r, i + 1)), ivr('speak.search.pick')].join('\n\n') }),
      retryPrompt: ask(t('search.pick_retry', { count: page.items.length }), 'choice', { choices: labels, speak: ivr('speak.search.pick_retry', { count: page.items.length }) }),
      // One hit: "ναι" / "igen, ezt kérem" takes it.
      validations: { labels, freeText: true, ...(page.items.length === 1 && !step.options.hasMore ? { yesMeans: 0 } : {}) },
    } satisfies OptionPromptOptions);
  }

  private async picked(step: WaterfallStepContext<SearchState>) {
    const answer = step.result as OptionAnswer;
    const shown = step.options.shown ?? [];
    if (step.options.offerIll && answer.index === 0) return step.replaceDialog(ILL_REQUEST_DIALOG, { query: step.options.query } satisfies IllRequestOptions);
    if (answer.index >= 0 && answer.index < shown.length) return step.endDialog(shown[answer.index]);
    const more = step.options.hasMore && answer.index === shown.length;
    if (more) return step.replaceDialog(STEPS, { query: step.options.query, offset: (step.options.offset ?? 0) + PAGE_SIZE });
    // "New search", or words that name none of the options: take them as the next query.
    return step.replaceDialog(STEPS, answer.index === -1 ? { query: answer.text } : {});
  }
}
