import { defineConfig } from "vitest/config";

// Unit and protocol tests. Protocol tests start real kernel processes, so files run one at a time.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    fileParallelism: false,
  },
});
