import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LibraryConversationState } from '../../src/bot/library-conversation-state';

/** MemoryStorage that notes what each write stored, and keeps a field of its own beside the state as PrismaBotStorage does. */
class NotingStorage extends MemoryStorage {
  readonly written: Array<Record<string, unknown>> = [];
  override async read(keys: string[]): Promise<StoreItems> {
    const items = await super.read(keys);
    for (const item of Object.values(items)) (item as Record<string, unknown>).$readEtag = 'from-the-read';
    return items;
  }
  override async write(changes: StoreItems): Promise<void> {
    for (const item of Object.values(changes)) {
      const { eTag: _e, $readEtag: _r, ...rest } = item as Record<string, unknown>;
      this.written.push(JSON.parse(JSON.stringify(rest)));
      (item as Record<string, unknown>).$readEtag = `after-write-${this.written.length}`;
    }
    await super.write(changes);
  }
}

const turn = (conversation = 'c1') => new TurnContext(new TestAdapter(), {
  type: 'message', channelId: 'test', conversation: { id: conversation, isGroup: false, conversationType: '', name: '' },
  from: { id: 'u' }, recipient: { id: 'bot' }, text: 'hi',
} as never);

describe('LibraryConversationState', () => {
  it('writes a turn\'s state when it changed, once, and the next turn reads it back', async () => {
    const storage = new NotingStorage();
    const state = new LibraryConversationState(storage);
    const count = state.createProperty<number>('count');
    const first = turn();
    await count.set(first, 1);
    await state.saveChanges(first);
    await state.saveChanges(first); // nothing changed since: no second write, though the storage moved its own field
    expect(storage.written).toEqual([{ count: 1 }]);

    const second = turn();
    expect(await count.get(second)).toBe(1);
    await state.saveChanges(second); // read, not changed
    expect(storage.written).toHaveLength(1);
    await count.set(second, 2);
    await state.saveChanges(second);
    expect(storage.written.at(-1)).toEqual({ count: 2 });

    const third = turn();
    const nested = state.createProperty<{ list: number[] }>('nested');
    (await nested.get(third, { list: [] }))!.list.push(7); // a change deep inside an object counts too
    await state.saveChanges(third);
    expect(storage.written.at(-1)).toEqual({ count: 2, nested: { list: [7] } });
  });

  it('saves an empty state after clear() and on force, as BotState does', async () => {
    const storage = new NotingStorage();
    const state = new LibraryConversationState(storage);
    const first = turn();
    await state.createProperty<string>('x').set(first, 'y');
    await state.saveChanges(first);
    const second = turn();
    await state.load(second);
    await state.clear(second);
    await state.saveChanges(second);
    expect(storage.written.at(-1)).toEqual({});
    const third = turn();
    await state.saveChanges(third, true);
    expect(storage.written).toHaveLength(3);
  });
});
