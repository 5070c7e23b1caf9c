// Playwright drives Debian's Chromium (never a downloaded browser) against the
// `frontline serve` that scripts/dashboard-e2e.sh starts on loopback.
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: './tests',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: process.env.DASHBOARD_URL,
    acceptDownloads: true,
    actionTimeout: 10_000,
    viewport: { width: 1200, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
             '--disable-background-networking'],
    },
  },
});
