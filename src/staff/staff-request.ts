import type { Request } from 'restify';
import type { PolicyLookup } from '../domain/policy/policies';
import type { LibraryInfo } from '../domain/types';
import { tFor } from '../i18n/init';
import { COOKIE, readCookie } from './http';
import type { StaffAuth, StaffSession } from './staff-auth';
import type { PageContext } from './view';

/**
 * What every staff route module reads a request with: the session behind its cookie, and the
 * context its pages are rendered in (the library's language, the staff member, the CSRF token).
 */
export function staffPages(auth: StaffAuth, library: (id: string) => LibraryInfo, policyFor: PolicyLookup, namespaces: readonly string[] = ['staff', 'reasons']) {
  const languageOf = (s: StaffSession) => library(s.staff.libraryId).defaultLanguage;
  return {
    languageOf,
    session: (req: Request) => auth.authenticate(readCookie(req, COOKIE)),
    context: (s: StaffSession): PageContext => ({
      t: tFor(languageOf(s), namespaces), language: languageOf(s), libraryName: library(s.staff.libraryId).name,
      staffName: s.staff.name, csrfToken: s.csrfToken, policy: policyFor(s.staff.libraryId),
    }),
  };
}
