/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The hub serves dist/ at / (see src/Cyclone.Hub/Dashboard). `npm run dev` proxies the API to a local hub.
export default defineConfig({
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { "/api": "http://127.0.0.1:5080", "/healthz": "http://127.0.0.1:5080" } },
  test: { environment: "jsdom", globals: true, include: ["src/**/*.test.{ts,tsx}"] },
});
