import { defineConfig } from 'vite';

// The built site goes straight into the jar's classpath folder /web/, which the server serves at /.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/web',
    emptyOutDir: true,
    // the largest chunk is Natural Earth's 1:10m land (about 3.1 MB), loaded only when the map is zoomed in
    chunkSizeWarningLimit: 3500,
    sourcemap: false,
    rollupOptions: {
      output: {
        // MapLibre's worker is a JavaScript module shipped as an asset: give it a .js name so that
        // any static file server sends it as text/javascript (module workers need a script MIME type).
        assetFileNames: (asset) => ((asset.names?.[0] ?? asset.name ?? '').endsWith('.mjs')
          ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
