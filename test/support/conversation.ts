import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { createBot, type BotOptions } from '../../src/bot/create-bot';
import { LibraryAdapter } from '../../src/bot/library-adapter';
import type { LibraryBot } from '../../src/bot/library-bot';
import type { Db } from '../../src/persistence/prisma-client';

export type Reply = Partial<Activity> & { channelData?: { slot?: string; orderRef?: string; choices?: string[] } };

/** The in-process bot a test talks to: the real adapter, bot, dialogs and database. */
export async function testBot(db: Db, options: BotOptions = {}): Promise<{ adapter: LibraryAdapter; bot: LibraryBot }> {
  const { bot, conversationState } = await createBot(db, options);
  const adapter = new LibraryAdapter();
  adapter.onTurnError = async (_context, error) => {
    await conversationState.delete(_context);
    throw error;
  };
  return { adapter, bot };
}

/** One patron's conversation, turn by turn: `say` returns what the patron hears. */
export class Conversation {
  readonly id = `test-${randomUUID()}`;
  last: Reply[] = [];

  constructor(
    private readonly target: { adapter: LibraryAdapter; bot: LibraryBot },
    private readonly options: { library?: string; locale?: string; channelId?: string } = {},
  ) {}

  async say(text: string): Promise<Reply[]> {
    return this.send({ type: 'message', text });
  }

  async join(): Promise<Reply[]> {
    return this.send({ type: 'conversationUpdate', membersAdded: [{ id: 'patron', name: 'patron' }] });
  }

  /** Everything said in the last turn, as one string. */
  get heard(): string {
    return this.last.map((r) => r.text ?? '').join('\n');
  }

  /** The last reply that asks something. */
  get question(): Reply | undefined {
    return [...this.last].reverse().find((r) => r.inputHint === 'expectingInput');
  }

  private async send(partial: Partial<Activity>): Promise<Reply[]> {
    const activity: Partial<Activity> = {
      ...partial,
      id: randomUUID(),
      channelId: this.options.channelId ?? 'test',
      serviceUrl: 'http://127.0.0.1/test',
      conversation: { id: this.id, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: `${this.id}-patron`, name: 'patron', role: 'user' },
      recipient: { id: 'bot', name: 'bot', role: 'bot' },
      locale: this.options.locale,
      channelData: { library: this.options.library ?? 'kalamaria' },
    };
    this.last = (await this.target.adapter.runInProcess(activity, (c) => this.target.bot.run(c))) as Reply[];
    return this.last;
  }
}
