/** Demo staff accounts, one per library (demo data only: change or remove them in a real deployment). */
export const demoStaff = [
  { libraryId: 'kalamaria', username: 'staff.kalamaria', password: 'Kalamaria-2026', name: 'Άννα Γεωργίου' },
  { libraryId: 'ozd', username: 'staff.ozd', password: 'Ozd-2026', name: 'Horváth Éva' },
];
