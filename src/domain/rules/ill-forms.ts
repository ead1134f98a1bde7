import { allow, refuse, type Decision } from '../decision';
import type { IllForm, IllKind } from '../ill-status';
import type { LibraryPolicy } from '../policy/library-policy';

export type IllFormRefusal = 'ill.form_not_offered' | 'ill.article_copy_only';

/**
 * The forms a reader may choose for a document. seeds/004: "másolatban (folyóiratcikkeket csak
 * fénymásolatban)" — a journal article is supplied only as a photocopy.
 *
 * @example allowedIllForms('article', ozdPolicy) // ['copy']
 */
export function allowedIllForms(kind: IllKind, policy: LibraryPolicy): IllForm[] {
  const offered = policy.ill.forms.map((f) => f.form);
  return kind === 'article' ? offered.filter((f) => f === 'copy') : offered;
}

/** @example checkIllForm('article', 'original', ozdPolicy) // refuse('ill.article_copy_only') */
export function checkIllForm(kind: IllKind, form: IllForm, policy: LibraryPolicy): Decision<IllFormRefusal> {
  if (!policy.ill.forms.some((f) => f.form === form)) return refuse('ill.form_not_offered', { form });
  if (kind === 'article' && form !== 'copy') return refuse('ill.article_copy_only');
  return allow();
}
