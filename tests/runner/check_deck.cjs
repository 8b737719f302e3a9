// Opens a slide deck in headless Chromium with every network request refused, and checks
// that it has one section per slide cell and that its charts are visible (screenshots kept).
// usage: node check_deck.cjs NODE_DIR DECK.html EXECUTED.ipynb ARTIFACT_DIR
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const [nodeDir, deck, notebook, artifacts] = process.argv.slice(2);
const { chromium } = require(path.resolve(nodeDir, 'node_modules', 'playwright-core'));
const CHROMIUM = process.env.WB_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

/** What the notebook says the deck must hold: slides, subslides, charts on visible cells. */
function expected(nb) {
  const type = (c) => ((c.metadata || {}).slideshow || {}).slide_type || '-';
  const types = nb.cells.map(type);
  const slides = types.filter((t) => t === 'slide').length + (types[0] === 'slide' ? 0 : 1);
  const subslides = types.filter((t) => t === 'subslide').length;
  const charts = nb.cells.filter((c) => type(c) !== 'skip' && type(c) !== 'notes')
    .flatMap((c) => c.outputs || []).filter((o) => o.data && o.data['image/png']).length;
  return { slides, subslides, charts };
}

/** Share of pixels unlike the corner pixel: a blank (or all-white) picture has none. */
async function inkShare(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 60) ink++;
    }
    return ink / (d.length / 4);
  }, png.toString('base64'));
}

(async () => {
  const want = expected(JSON.parse(fs.readFileSync(notebook, 'utf8')));
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 },
  });
  const refused = [];
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => { if (!refused.includes(r.url())) errors.push('failed to load ' + r.url()); });
  await page.goto('file://' + path.resolve(deck));
  // The deck loads reveal.js through require.js, so it is an AMD module, not a global: ask for it.
  const ready = await page.waitForSelector('.reveal.ready', { timeout: 20000 }).then(() => true, () => false)
    && await page.evaluate(() => new Promise((resolve) => {
      window.require(['reveal.js/dist/reveal.js'], (R) => { window.Reveal = R; resolve(R.isReady()); });
    }));
  check(ready, 'reveal.js started from the local copy');
  if (!ready) {
    await page.screenshot({ path: path.join(artifacts, 'not-ready.png') });
    throw new Error('the deck did not start; see not-ready.png' + (errors.length ? ': ' + errors.join('; ') : ''));
  }
  const top = await page.$$eval('.reveal .slides > section', (s) => s.length);
  const stacked = await page.$$eval('.reveal .slides > section > section', (s) => s.length);
  check(top === want.slides, `${top} top-level sections for ${want.slides} slide cells`);
  check(stacked === want.slides + want.subslides,
    `${stacked} sections for ${want.slides} slide + ${want.subslides} subslide cells`);
  await page.evaluate(() => Reveal.configure({ transition: 'none' }));
  const images = await page.$$('.reveal .slides img');
  check(images.length === want.charts, `${images.length} charts in the deck for ${want.charts} PNG outputs`);
  for (let i = 0; i < images.length; i++) {
    await images[i].evaluate((img) => {
      const idx = Reveal.getIndices(img.closest('section'));
      Reveal.slide(idx.h, idx.v, 1e6); // past every fragment, so the whole slide shows
    });
    await page.waitForTimeout(300);
    const box = await images[i].boundingBox();
    const shot = await images[i].screenshot();
    fs.writeFileSync(path.join(artifacts, `chart-${i + 1}.png`), shot);
    await page.screenshot({ path: path.join(artifacts, `slide-with-chart-${i + 1}.png`) });
    const ink = await inkShare(page, shot);
    check(box && box.width > 100 && box.height > 100 && ink > 0.005,
      `chart ${i + 1} visible: ${box ? Math.round(box.width) + 'x' + Math.round(box.height) : 'no box'} px, `
      + `${(ink * 100).toFixed(1)}% drawn (screenshot in ${artifacts})`);
  }
  check(refused.length === 0, `no network requests${refused.length ? ': ' + refused.join(', ') : ''}`);
  check(errors.length === 0, `no page errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(failures.length ? 1 : 0);
})().catch((e) => {
  console.log('FAIL ' + e.stack);
  process.exit(1);
});
