import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// tests/postgres/ needs the cluster npm run test:postgres starts (several servers on one database).
const postgres = Boolean(process.env.REDLINE_TEST_POSTGRES_ADMIN_URL);

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    globals: true,
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: postgres ? configDefaults.exclude : [...configDefaults.exclude, "tests/postgres/**"],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
