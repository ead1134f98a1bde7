import { describe, expect, it } from 'vitest';
import { ozdPolicy } from '../../support/libraries';
import { allowedIllForms, checkIllForm } from '../../../src/domain/rules/ill-forms';

describe('ILL forms (seeds/004: journal articles only as photocopy)', () => {
  it('offers a book in every form and an article only as a copy', () => {
    expect(allowedIllForms('book', ozdPolicy)).toEqual(['original', 'copy', 'electronic']);
    expect(allowedIllForms('article', ozdPolicy)).toEqual(['copy']);
  });

  it.each([
    ['book', 'original', true], ['book', 'copy', true], ['book', 'electronic', true],
    ['article', 'copy', true], ['article', 'original', false], ['article', 'electronic', false],
  ] as const)('%s as %s: allowed %s', (kind, form, allowed) => {
    const decision = checkIllForm(kind, form, ozdPolicy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe('ill.article_copy_only');
  });
});
