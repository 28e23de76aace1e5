import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vendor code changes far less often than app code: splitting it keeps the
// browser cache warm across deployments of the app.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  // pdf.js (the evidence PDF viewer) is imported dynamically: its own chunk, loaded on first preview,
  // never part of the vendor chunk every page loads.
  { name: 'pdfjs', test: /[\\/]node_modules[\\/]pdfjs-dist[\\/]/, priority: 40 },
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 30 },
  { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 30 },
  { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|classnames|clsx|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|stylis|@emotion)[\\/]/, priority: 20 },
  { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // pdf.js fetches its CMaps and fonts by URL from the page (connect-src 'self'): emit them as files.
    assetsInlineLimit: (file: string) => (/[\\/]pdfjs-dist[\\/]/.test(file) ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
