// The browser test of the ack page's progress form (进展填报), in Debian's
// headless chromium driven by playwright-core (tests/e2e/browser.sh runs
// it):
//
//	node tests/browser/progress.mjs ACK_URL
//
// Opens ACK_URL#progress at a phone's width and checks that the form is
// the element scrolled to and fits the screen; that the browser itself
// refuses an empty text and a share of 101 (no request leaves); fills in
// a report with a share of 60 and problems, submits it, checks the
// confirmation, then opens the page again and finds the report listed.
// Prints TAP lines; exits 1 when a check fails, 2 when the browser cannot
// be started at all.
import { report, is, like, launch, finish } from './tap.mjs';

const [ackUrl] = process.argv.slice(2);
if (!ackUrl) {
	console.error('usage: node progress.mjs ACK_URL');
	process.exit(64);
}

const { context, close } = await launch({ width: 390, height: 800 });
try {
	const page = context.pages()[0] ?? await context.newPage();
	page.setDefaultTimeout(10000);
	const errors = [], posts = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });

	let resp = await page.goto(ackUrl + '#progress');
	is('the ack page loads at #progress (200)', 200, resp?.status());
	const form = page.locator('form#progress');
	is('it has one form with id progress', 1, await form.count());
	const box = await form.boundingBox();
	report(box !== null && box.y >= 0 && box.y < 800,
		`the link's fragment scrolls to the form (its top at ${box?.y} px)`);
	const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	is('nothing wider than a 390-px screen', 0, wide);
	const submit = form.getByRole('button', { name: '提交进展' });
	is('one 提交进展 button', 1, await submit.count());

	// The browser refuses what the form's attributes forbid.
	await submit.click();
	is('an empty text: the browser sends nothing', 0, posts.length);
	await form.locator('#text').fill('浏览器填报：完成<b>调研</b>');
	await form.locator('#percent').fill('101');
	await submit.click();
	is('a share of 101: the browser sends nothing', 0, posts.length);
	like('and says why', /\S/, await form.locator('#percent').evaluate((e) => e.validationMessage));

	await form.locator('#percent').fill('60');
	await form.locator('#problems').fill('需财政处支持');
	const [post] = await Promise.all([page.waitForNavigation(), submit.click()]);
	is('a valid report posts the form (200)', 200, post?.status());
	is('once', 1, posts.length);
	is('the confirmation page', '已记录', await page.title());
	is('it says 已记录：已报告进展', '已记录：已报告进展',
		(await page.locator('h1').textContent())?.trim());
	like('with the share', /完成比例：60%/, await page.locator('body').textContent());

	resp = await page.goto(ackUrl);
	is('the page again (200)', 200, resp?.status());
	const list = page.locator('ol.reports li');
	is('it lists the report', 1, await list.count());
	const item = await list.first().textContent();
	like('with its share, its text as typed (not markup) and the problems',
		/完成 60%[\s\S]*浏览器填报：完成<b>调研<\/b>[\s\S]*需财政处支持/, item);
	is('no bold element came from the text', 0, await list.first().locator('blockquote b').count());
	is('no script errors', '', errors.join('\n'));
} catch (e) {
	report(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await close();
}
finish();
