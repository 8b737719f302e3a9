// Drives JupyterLab 4 in headless Chromium through a lesson: opens it on the Java kernel, runs all
// cells, waits until every cell has run and the kernel is idle, then scrolls to a chart and takes
// a screenshot of the window. Prints one JSON line: the kernel, its display name, the images shown,
// the error outputs; exits 1 when the kernel is not Java (workbook), no image shows, or a cell failed.
// Usage: node lab_lesson.cjs URL SCREENSHOT.png   (WB_NODE_MODULES: where playwright-core is installed)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.env.WB_NODE_MODULES, 'playwright-core'));

const [url, screenshot] = process.argv.slice(2);
const VIEWPORT = { width: 1280, height: 1120 };
const step = (s) => process.stdout.write(`step: ${s}\n`);

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-lesson-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.WB_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] || await context.newPage();
  const result = { kernel: null, display: null, toolbar: null, cells: 0, images: 0, errors: [] };
  try {
    step('open the lesson');
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120000 });
    await page.waitForFunction(() => {
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
      return k && k.status === 'idle';
    }, null, { timeout: 120000 });

    step('dismiss the news notification');
    // JupyterLab 4 asks once whether to fetch Jupyter news; answer No so the toast leaves the picture.
    const no = page.getByRole('button', { name: 'No', exact: true });
    await no.first().click({ timeout: 15000 }).catch(() => step('no news notification shown'));

    step('run all cells');
    const total = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets
      .filter((c) => c.model.type === 'code').length);
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
    // Done when every code cell has an execution count and the kernel has been idle for a moment.
    await page.waitForFunction(() => {
      const w = window.jupyterapp.shell.currentWidget;
      const code = w.content.widgets.filter((c) => c.model.type === 'code');
      const k = w.sessionContext.session && w.sessionContext.session.kernel;
      return k && k.status === 'idle' && code.every((c) => c.model.executionCount !== null);
    }, null, { timeout: 300000, polling: 500 });
    await page.waitForTimeout(1500);

    result.cells = total;
    result.kernel = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
    result.display = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName);
    result.toolbar = await page.locator('.jp-NotebookPanel-toolbar').first().innerText().catch(() => '');
    result.errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .allInnerTexts().then((t) => t.map((s) => s.slice(0, 200)));
    const images = page.locator('.jp-Notebook .jp-OutputArea-output img');
    result.images = await images.count();

    step('scroll to the first chart');
    await page.evaluate(() => window.jupyterapp.commands.execute('application:toggle-left-area')).catch(() => {});
    // From the top (title, first code cell); scroll down only as far as the first chart needs.
    await page.evaluate(() => {
      const scroller = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
      if (scroller) scroller.scrollTop = 0;
    });
    await page.waitForTimeout(500);
    if (result.images > 0) {
      const box = await images.first().boundingBox();
      if (!box || box.y + box.height > VIEWPORT.height - 30) {
        await images.first().evaluate((el) => el.scrollIntoView({ block: 'end' }));
      }
      await page.waitForTimeout(800);
    }
  } finally {
    await page.screenshot({ path: screenshot }).catch(() => {});
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  const problems = [];
  if (result.kernel !== 'java-workbook') problems.push(`the kernel is ${result.kernel}, not java-workbook`);
  if (result.display !== 'Java (workbook)' || !result.toolbar.includes('Java (workbook)')) {
    problems.push(`the toolbar does not show "Java (workbook)": ${JSON.stringify(result.toolbar)}`);
  }
  if (result.images < 1) problems.push('no rendered image in the notebook');
  if (result.errors.length) problems.push(`cells show errors: ${result.errors.join(' | ')}`);
  if (problems.length) throw new Error(problems.join('; '));
})().catch((e) => {
  process.stderr.write(`lesson in JupyterLab failed: ${e && e.stack || e}\n`);
  process.exit(1);
});
