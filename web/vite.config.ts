// Builds the console into one folder with fixed file names (index.html,
// app.js, app.css), which the esafety build embeds in the binary; the server
// adds the cache validators, so names need no content hash.
import { defineConfig } from "vitest/config";

export default defineConfig({
  base: "/",
  build: {
    outDir: process.env.ESAFETY_WEB_OUT ?? "dist",
    emptyOutDir: true,
    target: "es2020", // Safari 14 on older school iPads
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        entryFileNames: "app.js",
        chunkFileNames: "app-[name].js",
        assetFileNames: "app[extname]",
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
