import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { OrderRepository } from '../domain/ports/order-repository';
import type { PatronRepository } from '../domain/ports/patron-repository';
import type { PlaceOrder } from '../domain/services/place-order';
import type { SearchCatalogue } from '../domain/services/search-catalogue';
import type { SignIn } from '../domain/services/sign-in';
import type { LibraryInfo } from '../domain/types';

/** The use cases and read models the dialogs call; wired once in bot/create-bot.ts. */
export interface BotServices {
  signIn: SignIn;
  search: SearchCatalogue;
  placeOrder: PlaceOrder;
  orders: Pick<OrderRepository, 'listForPatron'>;
  patrons: Pick<PatronRepository, 'snapshot'>;
  library(libraryId: string): LibraryInfo;
  policyFor(libraryId: string): LibraryPolicy;
  now(): Date;
}
