// Opens slide decks in headless Chromium at 1280x720 and checks that every slide fits the screen:
// no code or output cut off at the right (an element narrower than its content and clipping or
// scrolling it), nothing past the slide's edges once the deck has scaled a tall slide to fit, and
// no slide scaled below MIN_SCALE (split such a slide with <!-- subslide --> instead).
// usage: node check_fit.cjs NODE_DIR ARTIFACT_DIR DECK.html... [--expect-overflow DECK.html]
//   --expect-overflow: the deck opens with ?wb-nofit (no fitting) and must fail, so the check is
//   shown to catch what it looks for. Prints one line per failing slide; exit 1 when any failed.
// Screenshots of failing slides go to ARTIFACT_DIR (of every slide with WB_SLIDES_SHOTS=1; each
// slide's zoom is printed with WB_SLIDES_VERBOSE=1).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
const [nodeDir, artifacts] = args;
const decks = [];
for (let i = 2; i < args.length; i++) {
  if (args[i] === '--expect-overflow') decks.push({ file: args[++i], expectOverflow: true });
  else decks.push({ file: args[i], expectOverflow: false });
}
const { chromium } = require(path.resolve(nodeDir, 'node_modules', 'playwright-core'));
const CHROMIUM = process.env.WB_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MIN_SCALE = 0.5;

/** Runs in the page: what overflows on the slide now shown (every fragment visible). */
function measure(minScale) {
  const section = Reveal.getCurrentSlide();
  const slides = document.querySelector('.reveal .slides').getBoundingClientRect();
  const box = { left: Math.max(slides.left, 0), top: Math.max(slides.top, 0),
    right: Math.min(slides.right, window.innerWidth), bottom: Math.min(slides.bottom, window.innerHeight) };
  const problems = [];
  const describe = (el) => {
    const text = (el.innerText || el.getAttribute('alt') || el.tagName).trim().split('\n')[0];
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''}`
      + ` "${text.slice(0, 60)}"`;
  };
  for (const el of section.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    // What a closed <details> holds ("as a table") is not on the screen until it is opened.
    const closed = el.closest('details:not([open])');
    if (closed && closed !== el && !el.closest('summary')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' && !el.closest('.fragment')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 2) {
      problems.push(`cut off at the right: ${describe(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 2
        && el.tagName !== 'SECTION') {
      problems.push(`cut off at the bottom: ${describe(el)} holds ${el.scrollHeight}px in ${el.clientHeight}px`);
    }
    if (r.right > box.right + 2 || r.left < box.left - 2) {
      problems.push(`past the side of the screen: ${describe(el)} spans x ${Math.round(r.left)}..${Math.round(r.right)}`
        + ` of ${Math.round(box.left)}..${Math.round(box.right)}`);
    } else if (r.bottom > box.bottom + 2 || r.top < box.top - 2) {
      problems.push(`past the bottom of the screen: ${describe(el)} spans y ${Math.round(r.top)}..${Math.round(r.bottom)}`
        + ` of ${Math.round(box.top)}..${Math.round(box.bottom)}`);
    }
  }
  const scale = parseFloat(section.dataset.wbScale || '1');
  if (scale < minScale) {
    problems.push(`scaled to ${Math.round(scale * 100)}% to fit: too much for one slide, split it with <!-- subslide -->`);
  }
  const title = section.querySelector('h1, h2, h3, h4, p');
  // One problem per element chain is enough: drop a child's when its parent is already named.
  return { scale, title: title ? title.innerText.trim().split('\n')[0].slice(0, 50) : '', problems: [...new Set(problems)].slice(0, 6) };
}

async function openDeck(ctx, file, nofit) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('file://' + path.resolve(file) + (nofit ? '?wb-nofit' : ''));
  await page.waitForSelector('.reveal.ready', { timeout: 30000 });
  await page.evaluate(() => new Promise((resolve) => {
    window.require(['reveal.js/dist/reveal.js'], (R) => { window.Reveal = R; resolve(); });
  }));
  await page.evaluate(() => Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
  return { page, errors };
}

async function checkDeck(ctx, deck) {
  const name = path.basename(deck.file).replace(/\.slides\.html$/, '');
  const { page, errors } = await openDeck(ctx, deck.file, deck.expectOverflow);
  const indices = await page.evaluate(() => Reveal.getSlides().map((s) => Reveal.getIndices(s)));
  const failing = [];
  for (const { h, v } of indices) {
    await page.evaluate(([h, v]) => Reveal.slide(h, v || 0, 1e6), [h, v]);
    // The deck fits a slide once its pictures are decoded; it marks the slide when done.
    if (!deck.expectOverflow) {
      await page.waitForFunction(() => Reveal.getCurrentSlide().dataset.wbFitted === '1', null, { timeout: 10000 })
        .catch(() => {});
    }
    const where = `${h + 1}.${(v || 0) + 1}`;
    const m = await page.evaluate(measure, MIN_SCALE);
    if (!deck.expectOverflow && await page.evaluate(() => Reveal.getCurrentSlide().dataset.wbFitted !== '1')) {
      m.problems.unshift('the deck never fitted this slide (no data-wb-fitted)');
    }
    if (process.env.WB_SLIDES_VERBOSE) console.log(`     ${name} ${where} scale ${m.scale}`);
    if (m.problems.length || process.env.WB_SLIDES_SHOTS) {
      if (m.problems.length) failing.push({ where, title: m.title, problems: m.problems });
      await page.screenshot({ path: path.join(artifacts, `${name}-slide-${where}.png`) });
    }
  }
  await page.close();
  return { name, slides: indices.length, failing, errors };
}

(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 720 },
  });
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith('file:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  let bad = 0;
  for (const deck of decks) {
    const r = await checkDeck(ctx, deck);
    if (deck.expectOverflow) {
      // Every slide of the fixture is built to overflow one way; each must be caught.
      const ok = r.failing.length === r.slides;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name} without fitting (?wb-nofit): ${r.failing.length} of ${r.slides} slides overflow`
        + (ok ? ' (all, as they should)' : ', so the check misses some overflow'));
      r.failing.forEach((f) => console.log(`     slide ${f.where} "${f.title}": ${f.problems[0]}`));
      if (!ok) bad++;
      continue;
    }
    const ok = r.failing.length === 0 && r.errors.length === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.slides - r.failing.length} of ${r.slides} slides fit 1280x720`);
    for (const f of r.failing) {
      console.log(`     ${r.name} slide ${f.where} "${f.title}":`);
      f.problems.forEach((p) => console.log(`       - ${p}`));
    }
    r.errors.forEach((e) => console.log(`     page error: ${e}`));
    if (!ok) bad++;
  }
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(bad ? 1 : 0);
})().catch((e) => {
  console.log('FAIL ' + e.stack);
  process.exit(1);
});
