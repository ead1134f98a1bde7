import type { Db } from './prisma-client';

export interface CallbackRequestDraft {
  libraryId: string;
  phone: string;
  language: string;
  callSid: string;
}

/** Callers who asked for staff while the library was closed and want to be phoned back. */
export class PrismaCallbackRequests {
  constructor(private readonly db: Db) {}

  /** One request per call, however often the caller (or Twilio) repeats the answer. */
  async request(draft: CallbackRequestDraft): Promise<void> {
    await this.db.callbackRequest.upsert({ where: { callSid: draft.callSid }, create: draft, update: {} });
  }
}
