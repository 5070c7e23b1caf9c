// End-to-end checks of the dashboard in a real Chromium, against a real
// `frontline serve` over PostgreSQL filled with engine playthroughs
// (scripts/dashboard-e2e.sh sets the environment below).
const { test, expect } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');
const fs = require('fs');
const path = require('path');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run scripts/dashboard-e2e.sh`);
  return value;
};
const NORTH = env('NORTH_TOKEN');
const SOUTH = env('SOUTH_TOKEN');
const TRAINER = env('TRAINER_TOKEN');
const SHOTS = env('SCREENSHOT_DIR');

async function signIn(page, token) {
  await page.goto('/sign-in');
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// No serious or critical WCAG 2.1 A/AA violation on the page as shown.
async function accessible(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target).join(' ')}`);
  expect(bad, `accessibility violations on ${page.url()}`).toEqual([]);
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`), fullPage: true });
}

// Every page under 150 KB as sent.
async function small(page, url) {
  const response = await page.goto(url);
  const body = await response.body();
  expect(body.length, `${url} is ${body.length} bytes`).toBeLessThan(150 * 1024);
  return response;
}

test('a wrong token is refused and pages need a session', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await accessible(page);
  await shoot(page, 'sign-in');
  await signIn(page, 'flt_' + '0'.repeat(64));
  await expect(page.getByRole('alert')).toContainText('not valid');
  await page.goto('/leaderboard');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a team lead signs in, filters, opens a trainee and analytics, downloads, signs out', async ({ page }) => {
  await signIn(page, NORTH);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team overview');
  await expect(page.locator('svg[role=img] title').first()).toContainText('Needs of North');
  await expect(page.getByRole('heading', { name: 'Weakest need' })).toBeVisible();
  await small(page, '/');
  await accessible(page);
  await shoot(page, 'overview');

  // Leaderboard: rank teams by average, then players of team South only.
  await small(page, '/leaderboard');
  await page.getByLabel('Rank').selectOption('teams');
  await page.getByLabel('Score').selectOption('average');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/by=teams/);
  const teamRows = page.locator('#board tbody tr');
  await expect(teamRows).toHaveCount(2);
  await expect(page.locator('#board caption')).toContainText('average');
  await accessible(page);
  await shoot(page, 'leaderboard');
  await page.getByLabel('Rank').selectOption('players');
  await page.getByLabel('Team', { exact: true }).selectOption('South');
  await page.getByRole('button', { name: 'Show' }).click();
  const southRows = page.locator('#board tbody tr');
  await expect(southRows).toHaveCount(3);
  for (const team of await page.locator('#board tbody td:nth-child(3)').allTextContents()) {
    expect(team).toBe('South');
  }
  // Another team's players are listed but not linked for a team token.
  await expect(page.locator('#board tbody a')).toHaveCount(0);

  // A trainee of the team, from the trainee list.
  await small(page, '/players');
  await accessible(page);
  await page.locator('main ul a').first().click();
  await expect(page).toHaveURL(/\/players\/North\//);
  await expect(page.getByRole('heading', { name: 'Each need over time' })).toBeVisible();
  await page.locator('details.card summary').first().click();
  await expect(page.locator('details.card').first()).toContainText('Score per need');
  await expect(page.locator('details.card').first()).toContainText('Rebuilt from encounter version');
  expect((await small(page, page.url())).status()).toBe(200);
  await page.locator('details.card summary').first().click();
  await accessible(page);
  await shoot(page, 'trainee');

  // Encounter analytics, from the overview's weakest-need list.
  await page.goto('/');
  await page.locator('#training a').first().click();
  await expect(page).toHaveURL(/\/encounters\//);
  await expect(page.locator('h1')).toContainText('Encounter analytics');
  await expect(page.locator('svg').first()).toBeVisible();
  await expect(page.getByText('How the plays ended')).toBeVisible();
  await accessible(page);
  await shoot(page, 'encounter');

  // The overview's CSV holds this team's results only.
  await page.goto('/');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-csv').click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,player_id,player,team,scenario_id/);
  expect(lines.length - 1).toBe(Number(process.env.PLAYS_PER_TEAM));
  for (const line of lines.slice(1)) expect(line.split(',')[3]).toBe('North');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("team A's token cannot open team B's trainee", async ({ browser }) => {
  const south = await browser.newPage();
  await signIn(south, SOUTH);
  await south.goto('/players');
  const href = await south.locator('main ul a').first().getAttribute('href');
  expect(href).toMatch(/^\/players\/South\//);
  const own = await south.goto(href);
  expect(own.status()).toBe(200);

  const north = await browser.newPage();
  await signIn(north, NORTH);
  const refused = await north.goto(href);
  expect(refused.status()).toBe(403);
  await expect(north.getByRole('heading', { level: 1 })).toHaveText('Not your team');
  const csv = await north.goto('/downloads/results.csv?team=South');
  expect(csv.status()).toBe(403);
});

test('the keyboard alone reaches the content past the navigation, with a visible focus', async ({ page }) => {
  await signIn(page, NORTH);
  // A fresh load, so the first Tab starts from the top of the page (right after
  // the sign-in form's submit, focus can still sit on the page being left).
  await page.goto('/', { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // The first control inside <main>, not the navigation, has the focus now.
  const focused = page.locator('main :focus');
  await expect(focused).toHaveCount(1);
  await expect(page.getByLabel('Compare with')).toBeFocused();
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('a trainer picks the team and the team it is compared with', async ({ page }) => {
  await signIn(page, TRAINER);
  await page.getByLabel('Team', { exact: true }).selectOption('South');
  await page.getByLabel('Compare with').selectOption('North');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('svg[role=img] title').first()).toHaveText('Needs of South against North');
  await accessible(page);
  await shoot(page, 'trainer-overview');
});
