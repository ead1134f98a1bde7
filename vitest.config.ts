import { defineConfig } from 'vitest/config';

// Rules never read the clock, but formatting and date parsing do: pin the zone so a
// developer in Athens and CI in UTC see the same results.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
