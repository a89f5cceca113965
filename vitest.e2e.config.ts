import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every cache hit is worked out again and compared (src/shared/cache.ts): the suite checks the caches.
    env: { CACHE_VERIFY: '1' },
    include: ['e2e/**/*.e2e.ts'],
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
