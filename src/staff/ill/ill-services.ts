import type { SmsSender } from '../../domain/ports/sms-sender';
import type { PolicyLookup } from '../../domain/policy/policies';
import type { IllNotifier } from '../../domain/ports/ill-notifier';
import type { FileIllRequests } from '../../domain/services/file-ils-ill-requests';
import { RequestIll } from '../../domain/services/ill-request';
import { IllWorkflow } from '../../domain/services/ill-workflow';
import { defaultLibraries, policiesOf } from '../../libraries/load-libraries';
import type { Logger } from '../../logging';
import { IllArrivalNotifier } from '../../notifications/ill-arrival-notifier';
import type { ProactiveSender } from '../../notifications/proactive-sender';
import type { Db } from '../../persistence/prisma-client';
import { PrismaIllRepository } from '../../persistence/prisma-ill-repository';

export interface IllServiceOptions {
  proactive: Pick<ProactiveSender, 'send'>;
  sms: SmsSender;
  log: Logger;
  /** Replaces the chat + SMS arrival message (tests). */
  notifier?: IllNotifier;
  /** The libraries' rules; the project's library files when not given. */
  policyFor?: PolicyLookup;
  /** Files requests in the libraries' own systems; none: the bot's database is the only record. */
  fileIll?: FileIllRequests;
}

/** Interlibrary loan use cases, shared by the bot's dialogs and the staff pages. */
export type IllAssembly = ReturnType<typeof createIllServices>;

export function createIllServices(db: Db, now: () => Date, options: IllServiceOptions) {
  const requests = new PrismaIllRepository(db);
  const policyFor = options.policyFor ?? policiesOf(defaultLibraries());
  const notifier = options.notifier ?? new IllArrivalNotifier(options.proactive, options.sms, policyFor, options.log);
  return {
    request: new RequestIll(requests, policyFor, now, undefined, options.fileIll),
    workflow: new IllWorkflow(requests, policyFor, now, notifier),
    requests,
    notifier,
  };
}
