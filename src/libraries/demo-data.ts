import { LibraryConfigError } from './load-libraries';

/**
 * Whether the demo patrons, books and staff accounts (known passwords) are written: DEMO_DATA
 * `on` or `off`; off by default in production, where they would be a way in.
 */
export function demoDataFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.DEMO_DATA?.trim().toLowerCase();
  if (!value) return env.NODE_ENV !== 'production';
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new LibraryConfigError([`DEMO_DATA: expected on or off, got "${env.DEMO_DATA}"`]);
}
