import { defineConfig } from 'vitest/config';

// Rules never read the clock, but formatting and date parsing do: pin the zone so a
// developer in Athens and CI in UTC see the same results.
process.env.TZ = 'UTC';
// One PIN key for the run: the template database is seeded with it and every test (and every
// server process a test starts) checks PINs with it. A test key, printed here on purpose.
process.env.PIN_PEPPER ??= 'dGVzdC1vbmx5LXBpbi1wZXBwZXItMzItYnl0ZXMtbG9uZyEhIQ';

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
