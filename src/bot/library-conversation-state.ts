import { ConversationState, type TurnContext } from 'botbuilder';

/** A field storages may keep beside the state (prisma-bot-storage.ts keeps its read eTag there): not the conversation's. */
const STORAGE_FIELDS = new Set(['eTag', '$readEtag']);

interface Cached { state: Record<string, unknown>; hash: string }

/**
 * botbuilder's ConversationState with a cheaper change check. BotState hashes the whole state
 * three times a turn (after the read, before the save, after it): botbuilder-stdlib's
 * stringify, which calls a replacer for every value, then SHA-256 — 3% of a turn's CPU for a
 * state of about 7 kB. Here the "hash" is the state's plain JSON, without the storage's own
 * fields, computed after the read and before the save; after the write it is the same text,
 * since a write changes only those fields. The state is stored as JSON anyway, so anything
 * JSON cannot hold would fail at the write as well. Load and save otherwise do what BotState's do.
 */
export class LibraryConversationState extends ConversationState {
  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.key) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(this.key, { state, hash: contentOf(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.key) as Cached | undefined;
    const content = cached ? contentOf(cached.state) : '';
    if (!force && (!cached || cached.hash === content)) return;
    cached ??= { state: {}, hash: '' };
    const key = await this.storageKey(context);
    cached.state.eTag = '*';
    await this.storage.write({ [key]: cached.state });
    cached.hash = content || contentOf(cached.state);
    context.turnState.set(this.key, cached);
  }

  /** BotState's own turn-state key (private there): clear() and delete() must find what load() cached. */
  private get key(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }
}

/** Native JSON.stringify without a replacer (a replacer takes V8 off its fast path); the storage fields sit at the top. */
function contentOf(state: Record<string, unknown>): string {
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(state)) if (!STORAGE_FIELDS.has(name)) rest[name] = state[name];
  return JSON.stringify(rest);
}
