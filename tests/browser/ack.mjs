// The browser test of the ack pages and the dashboard, in Debian's headless
// chromium driven by playwright-core (tests/e2e/browser.sh runs it):
//
//	node tests/browser/ack.mjs ACK_URL DASHBOARD_URL SCREENSHOT.png
//
// Opens the dashboard and records the colour of the cell of the link's
// unit and measure, opens the ack link, checks that it shows the item,
// clicks "已收到", checks the confirmation, opens the dashboard again and
// checks that the cell turned "acked" (class and background colour), then
// saves a screenshot of the dashboard.  Prints TAP lines; exits 1 when a
// check fails, 2 when the browser cannot be started at all.
import { report, is, like, launch, finish } from './tap.mjs';

const [ackUrl, boardUrl, shotPath] = process.argv.slice(2);
if (!ackUrl || !boardUrl || !shotPath) {
	console.error('usage: node ack.mjs ACK_URL DASHBOARD_URL SCREENSHOT.png');
	process.exit(64);
}


// The cell (span.u) of unit in the board row whose measure is measure
// (the row's td.measure holds its text).
async function cellOf(page, measure, unit) {
	return page.evaluate(([m, u]) => {
		for (const tr of document.querySelectorAll('table.board tr')) {
			const td = tr.querySelector('td.measure');
			if (!td || td.textContent !== m)
				continue;
			for (const s of tr.querySelectorAll('span.u'))
				if (s.textContent === u) {
					s.scrollIntoView({ block: 'center' });
					return {
						cls: s.className,
						bg: getComputedStyle(s).backgroundColor,
					};
				}
		}
		return null;
	}, [measure, unit]);
}
// The computed background colour of an element of the given class.
async function colourOf(page, cls) {
	return page.evaluate((c) => {
		const e = document.createElement('span');
		e.className = 'u ' + c;
		document.body.appendChild(e);
		const bg = getComputedStyle(e).backgroundColor;
		e.remove();
		return bg;
	}, cls);
}

const t0 = Date.now();
const { context, close } = await launch({ width: 1280, height: 900 });
report(true, `chromium ${context.browser()?.version() ?? ''} starts headless with a fresh profile (${Date.now() - t0} ms)`);

try {
	const page = context.pages()[0] ?? await context.newPage();
	page.setDefaultTimeout(10000);
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));

	// The ack page: the item and its form.
	let resp = await page.goto(ackUrl);
	is('the ack page loads (200)', 200, resp?.status());
	is('its title', '督办事项确认', await page.title());
	const dd = (term) => page.locator('dl.item dt', { hasText: term })
		.locator('xpath=following-sibling::dd[1]').first().textContent();
	const measure = await dd('落实举措');
	const unit = await dd('责任单位');
	like('the page shows the measure', /\S{6,}。?$/, measure);
	like('and the unit', /\S/, unit);
	is('the state is 未确认', '未确认', await page.locator('p strong.u').textContent());
	const ackButton = page.getByRole('button', { name: '已收到', exact: true });
	is('one 已收到 button', 1, await ackButton.count());

	// The dashboard before the ack: the cell exists and is not acked.
	resp = await page.goto(boardUrl);
	is('the dashboard loads (200)', 200, resp?.status());
	const before = await cellOf(page, measure, unit);
	report(before !== null, 'the dashboard has the cell of the unit and measure');
	const ackedBg = await colourOf(page, 'acked');
	report(before && !/\backed\b/.test(before.cls) && before.bg !== ackedBg,
		`before the ack the cell is not acked (${before?.cls}, ${before?.bg})`);

	// Ack in the browser.
	await page.goto(ackUrl);
	await page.locator('#note').fill('浏览器测试：已收到');
	const [post] = await Promise.all([
		page.waitForNavigation(),
		ackButton.click(),
	]);
	is('clicking 已收到 posts the form (200)', 200, post?.status());
	is('the confirmation page', '已记录', await page.title());
	is('it says 已记录：已收到', '已记录：已收到',
		(await page.locator('h1').textContent())?.trim());
	is('with the acked badge', 'u acked', await page.locator('h1 span').getAttribute('class'));
	is('it repeats the measure', measure, await dd('落实举措'));
	is('and shows the note', '浏览器测试：已收到', await page.locator('blockquote.note').textContent());

	// The dashboard after: the same cell is acked and changed colour.
	resp = await page.goto(boardUrl);
	is('the dashboard loads again (200)', 200, resp?.status());
	const after = await cellOf(page, measure, unit);
	report(after && /\backed\b/.test(after.cls), `the cell is now acked (${after?.cls})`);
	report(after && before && after.bg === ackedBg && after.bg !== before.bg,
		`its colour changed: ${before?.bg} -> ${after?.bg}`);
	is('no script errors', '', errors.join('\n'));

	// The screenshot: the whole page, the changed cell outlined.
	await page.evaluate(([m, u]) => {
		for (const tr of document.querySelectorAll('table.board tr'))
			if (tr.querySelector('td.measure')?.textContent === m)
				for (const s of tr.querySelectorAll('span.u'))
					if (s.textContent === u)
						s.style.outline = '3px solid #c00';
		window.scrollTo(0, 0);
	}, [measure, unit]);
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	await page.screenshot({ path: shotPath, fullPage: true });
	report(true, `screenshot of the dashboard (1280x${height}, the cell outlined) saved to ${shotPath}`);
} catch (e) {
	report(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await close();
}
finish();
