// Drives JupyterLab 4 in headless Chromium: opens the demo notebook on the Java kernel,
// runs all cells, waits for the chart, drags the slider and waits for the picture to change.
// Usage: node lab.cjs URL SCREENSHOT.png   (WB_NODE_MODULES: where playwright-core is installed)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.env.WB_NODE_MODULES, 'playwright-core'));

const [url, screenshot] = process.argv.slice(2);
const step = (s) => process.stdout.write(`step: ${s}\n`);

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1100 },
  });
  const page = context.pages()[0] || await context.newPage();
  const result = { kernel: null, chart: false, sliderChanged: false };
  try {
    step('open notebook');
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120000 });
    await page.waitForFunction(() => {
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
      return k && k.status === 'idle';
    }, null, { timeout: 120000 });
    result.kernel = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);

    step('run all');
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
    const cells = page.locator('.jp-Notebook .jp-Cell');
    await cells.nth(1).locator('.jp-OutputArea-output img').first().waitFor({ timeout: 120000 });
    result.chart = true;

    step('widget');
    const widget = cells.nth(3);
    const handle = widget.locator('.noUi-handle').first();
    await handle.waitFor({ timeout: 120000 });
    const image = widget.locator('.jupyter-widgets img, .jp-OutputArea-output img').last();
    await image.waitFor({ timeout: 120000 });
    const before = await image.getAttribute('src');
    await handle.scrollIntoViewIfNeeded();
    const box = await handle.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(([sel, old]) => {
      const imgs = document.querySelectorAll(sel);
      const img = imgs[imgs.length - 1];
      return img && img.getAttribute('src') !== old;
    }, ['.jp-Notebook .jp-Cell:nth-child(4) .jupyter-widgets img', before], { timeout: 60000 })
      .catch(async () => {
        // the cell selector above may not match every JupyterLab layout: compare through the locator
        const after = await image.getAttribute('src');
        if (after === before) throw new Error('the widget picture did not change after moving the slider');
      });
    result.sliderChanged = (await image.getAttribute('src')) !== before;
    await page.waitForTimeout(300);
  } finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    process.stdout.write(JSON.stringify(result) + '\n');
  }
})().catch((e) => {
  process.stderr.write(`browser test failed: ${e && e.stack || e}\n`);
  process.exit(1);
});
