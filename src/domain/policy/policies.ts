import type { LibraryPolicy } from './library-policy';
import { kalamariaPolicy } from './kalamaria';
import { ozdPolicy } from './ozd';

const policies: Record<string, LibraryPolicy> = { kalamaria: kalamariaPolicy, ozd: ozdPolicy };

export function policyFor(libraryId: string): LibraryPolicy {
  const policy = policies[libraryId];
  if (!policy) throw new Error(`no policy for library '${libraryId}'`);
  return policy;
}

export const LIBRARY_IDS = Object.keys(policies);
