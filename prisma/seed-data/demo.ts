/** Demo patrons (their libraries and branches come from libraries/*.yaml). Phone numbers are placeholders for the demo. */
const farFuture = new Date('2030-12-31T00:00:00Z');

export const demoPatrons = [
  { libraryId: 'kalamaria', cardNumber: '1001001', pin: '1234', name: 'Μαρία Παπαδοπούλου', phone: '+306900000001', preferredLanguage: 'el', homeBranchId: 'kal-central', status: 'active', cardExpiresAt: farFuture, loansCount: 0 },
  { libraryId: 'kalamaria', cardNumber: '1001002', pin: '1234', name: 'Γιώργος Νικολάου', phone: '+306900000002', preferredLanguage: 'el', homeBranchId: 'kal-central', status: 'locked', cardExpiresAt: farFuture, loansCount: 2 },
  { libraryId: 'kalamaria', cardNumber: '1001003', pin: '1234', name: 'Ελένη Δημητρίου', phone: '+306900000003', preferredLanguage: 'el', homeBranchId: 'kal-child-a', status: 'active', cardExpiresAt: farFuture, loansCount: 8, holdTitle: 'Ρωμιοσύνη' },
  { libraryId: 'ozd', cardNumber: '2002001', pin: '4321', name: 'Kovács Anna', phone: '+36300000001', preferredLanguage: 'hu', homeBranchId: 'ozd-main', status: 'active', cardExpiresAt: farFuture, loansCount: 1 },
  { libraryId: 'ozd', cardNumber: '2002002', pin: '4321', name: 'Szabó Péter', phone: '+36300000002', preferredLanguage: 'hu', homeBranchId: 'ozd-main', status: 'expired', cardExpiresAt: new Date('2026-06-30T00:00:00Z'), loansCount: 0 },
  { libraryId: 'ozd', cardNumber: '2002003', pin: '4321', name: 'Tóth Katalin', phone: '+36300000003', preferredLanguage: 'hu', homeBranchId: 'ozd-main', status: 'active', cardExpiresAt: farFuture, loansCount: 2 },
  // 1,250 Ft of return postage owed for an interlibrary loan that was not collected: see seed-data/ill.ts.
  { libraryId: 'ozd', cardNumber: '2002004', pin: '4321', name: 'Nagy László', phone: '+36300000004', preferredLanguage: 'hu', homeBranchId: 'ozd-main', status: 'active', cardExpiresAt: farFuture, loansCount: 0 },
] as Array<{
  libraryId: string; cardNumber: string; pin: string; name: string; phone: string; preferredLanguage: string; homeBranchId: string;
  status: string; cardExpiresAt: Date; loansCount: number; holdTitle?: string;
}>;
