import type { LibraryPolicy } from './library-policy';

/** How use cases find a library's rules; built once from the library files (src/app.ts). */
export type PolicyLookup = (libraryId: string) => LibraryPolicy;

export function policyLookup(policies: Iterable<LibraryPolicy>): PolicyLookup {
  const byId = new Map([...policies].map((p) => [p.libraryId, p]));
  return (libraryId) => {
    const policy = byId.get(libraryId);
    if (!policy) throw new Error(`no policy for library '${libraryId}'`);
    return policy;
  };
}
