import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every cache hit is worked out again and compared (src/shared/cache.ts): the suite checks the caches.
    env: { CACHE_VERIFY: '1' },
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    expect: { requireAssertions: true },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
