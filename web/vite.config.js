import { defineConfig } from 'vite';

// The built site goes straight into the jar's classpath folder /web/, which the server serves at /.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
});
