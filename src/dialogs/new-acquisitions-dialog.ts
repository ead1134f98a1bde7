import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from './bot-services';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';

export const NEW_ACQUISITIONS_DIALOG = 'newAcquisitions';
const PICK = 'newAcquisitions.pick';
const STEPS = 'newAcquisitions.steps';
const PER_BRANCH = 3;

interface NewState { shown?: number[] }

/**
 * Each branch's latest acquisitions (the catalogue's "Lists", seeds/000 §3), ends with the
 * record the patron wants to reserve, if any.
 */
export class NewAcquisitionsDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(NEW_ACQUISITIONS_DIALOG);
    this.addDialog(new OptionPrompt(PICK))
      .addDialog(new WaterfallDialog(STEPS, [this.list.bind(this), this.picked.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async list(step: WaterfallStepContext<NewState>) {
    const t = turnT(step.context, 'holds');
    const lists = await this.services.search.newAcquisitions(session(step.context).libraryId, PER_BRANCH);
    // A title new at two branches is listed once, under the first.
    const seen = new Set<number>();
    const sections = lists
      .map((l) => ({ ...l, records: l.records.filter((r) => !seen.has(r.id) && seen.add(r.id)) }))
      .filter((l) => l.records.length > 0);
    const records = sections.flatMap((l) => l.records);
    if (records.length === 0) {
      await step.context.sendActivity(tell(t('new.none')));
      return step.endDialog();
    }
    let n = 0;
    // A blank line before each list: Markdown only starts a list numbered from 4 after one.
    const text = sections.map((l) => [t('new.branch', { branch: l.branchName }),
      l.records.map((r) => t('new.line', { n: ++n, title: r.title, author: r.author })).join('\n')].join('\n\n'));
    step.options.shown = records.map((r) => r.id);
    const labels = [...records.map((r) => r.title), t('new.back')];
    return step.prompt(PICK, {
      prompt: ask([t('new.header'), ...text, t('new.pick')].join('\n\n'), 'choice', { choices: labels }),
      retryPrompt: ask(t('new.pick_retry', { count: records.length }), 'choice', { choices: labels }),
      validations: { labels, ...(records.length === 1 ? { yesMeans: 0 } : {}) },
    } satisfies OptionPromptOptions);
  }

  private async picked(step: WaterfallStepContext<NewState>) {
    const recordId = step.options.shown?.[(step.result as OptionAnswer).index];
    if (recordId === undefined) return step.endDialog();
    return step.endDialog({ recordId });
  }
}
