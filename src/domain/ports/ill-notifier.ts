import type { IllRequestView } from './ill-repository';

/** Tells the reader their document has arrived: what to pay and until when to collect it. */
export interface IllNotifier {
  arrived(request: IllRequestView): Promise<void>;
}
