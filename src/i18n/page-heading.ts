import type { TFunction } from 'i18next';

/** The chat page's heading: the library's name in the language spoken, then what the page is for. */
export function pageHeading(t: TFunction, library: string): string {
  return t('page.heading', { library: t(`page.libraries.${library}`) });
}
