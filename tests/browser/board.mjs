// The dashboard's layout in Debian's headless chromium (tests/e2e/board.sh
// runs it on a board with sixteen-member groups and overdue items):
//
//	node tests/browser/board.mjs BOARD_URL OUTDIR
//
// At 1400 px and at 390 px (a phone) it saves a full-page screenshot
// (OUTDIR/board-1400.png, board-390.png) and checks what makes the page
// read at a glance: no header or cell narrower than two characters, no
// header wrapped onto a second line, nothing wider than the screen but
// inside a box that scrolls, zeros without colour, overdue measures
// first, the headline, a group folded into "N/M 已确认" that opens to its
// members, the level links in the levels' colours filtering by level,
// 考评's period form keeping the filter in view, its groups folded under
// their rates.  Then it prints the page as the print stylesheet lays it out
// (A4 landscape, OUTDIR/board.pdf) with the filters and the period form
// hidden.  Prints TAP
// lines; exits 1 when a check fails, 2 when the browser cannot start.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { report, is, like, launch, finish } from './tap.mjs';

const [boardUrl, outDir] = process.argv.slice(2);
if (!boardUrl || !outDir) {
	console.error('usage: node board.mjs BOARD_URL OUTDIR');
	process.exit(64);
}


// What the page looks like: measured in the page itself.
function measure() {
	const visible = (e) => e.offsetParent !== null && e.getClientRects().length > 0;
	const lines = (e) => {
		const r = document.createRange();
		r.selectNodeContents(e);
		return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
	};
	const narrow = [], wrapped = [], coloured = [];
	for (const e of document.querySelectorAll('th, td')) {
		if (!visible(e))
			continue;
		const fs = parseFloat(getComputedStyle(e).fontSize);
		const w = e.getBoundingClientRect().width;
		if (w < 2 * fs)
			narrow.push(`${e.tagName} "${e.textContent.slice(0, 12)}" ${w.toFixed(1)}px < ${2 * fs}px`);
		if (e.tagName === 'TH' && lines(e) > 1)
			wrapped.push(`"${e.textContent}" on ${lines(e)} lines`);
		if (e.classList.contains('n') && e.textContent.trim() === '0') {
			const bg = getComputedStyle(e).backgroundColor;
			if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent')
				coloured.push(`${e.textContent} on ${bg}`);
		}
	}
	const rows = [...document.querySelectorAll('table.board tbody tr')];
	const firstOnTime = rows.findIndex((r) => !r.classList.contains('late'));
	const lateAfter = rows.slice(firstOnTime < 0 ? rows.length : firstOnTime)
		.filter((r) => r.classList.contains('late')).length;
	return {
		narrow, wrapped, coloured,
		overflow: document.documentElement.scrollWidth - window.innerWidth,
		headline: document.querySelector('p.headline')?.textContent ?? '',
		rows: rows.length,
		late: rows.filter((r) => r.classList.contains('late')).length,
		lateAfter,
	};
}

const { context, close } = await launch({ width: 1400, height: 900 });

try {
	const page = context.pages()[0] ?? await context.newPage();
	page.setDefaultTimeout(15000);
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	for (const width of [1400, 390]) {
		await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
		const resp = await page.goto(boardUrl);
		is(`${width} px: the board loads (200)`, 200, resp?.status());
		const m = await page.evaluate(measure);
		report(m.narrow.length === 0, `${width} px: no header or cell narrower than two characters`, m.narrow.join('\n'));
		report(m.wrapped.length === 0, `${width} px: no header wraps`, m.wrapped.join('\n'));
		report(m.overflow <= 1, `${width} px: the page is no wider than the screen (tables scroll in their box)`, `${m.overflow} px too wide`);
		report(m.coloured.length === 0, `${width} px: zeros carry no colour`, m.coloured.join('\n'));
		report(/\d+ 项举措/.test(m.headline) && /已逾期 \d+/.test(m.headline),
			`${width} px: the headline counts measures and overdue items`, m.headline);
		report(m.late > 0 && m.lateAfter === 0, `${width} px: overdue measures come first (${m.late} of ${m.rows})`,
			`${m.lateAfter} overdue rows after an on-time one`);
		await page.screenshot({ path: join(outDir, `board-${width}.png`), fullPage: true });
		report(statSync(join(outDir, `board-${width}.png`)).size > 10000, `${width} px: screenshot saved`);
	}

	// A group folded on its row, opened to its members.
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto(boardUrl);
	const fold = page.locator('table.board details.group').first();
	const summary = (await fold.locator('summary').textContent()) ?? '';
	const m = /(\d+)\/(\d+) 已确认/.exec(summary);
	report(m !== null, 'a group is folded into "N/M 已确认"', summary);
	is('its members are hidden until opened', false, await fold.locator('span.u').first().isVisible());
	await fold.locator('summary').click();
	const shown = await fold.locator('span.u').count();
	is('opened, it shows a chip per member', m ? Number(m[2]) : -1, shown);
	report(await fold.locator('span.u').first().isVisible(), 'and they are visible');

	// The level filter: links in the levels' colours; 催办 shows the
	// overdue cells and the acknowledged ones past their due, no other.
	const bg = (sel) => page.locator(sel).evaluate((e) => getComputedStyle(e).backgroundColor);
	is('the 提醒 link is blue', 'rgb(21, 101, 192)', await bg('p.levels a.lv.remind'));
	is('the 督办 link is amber', 'rgb(249, 168, 37)', await bg('p.levels a.lv.press'));
	is('the 催办 link is red', 'rgb(198, 40, 40)', await bg('p.levels a.lv.urge'));
	await page.locator('p.levels a.lv.urge').click();
	like('following it filters by level', /[?&]level=urge(&|$)/, page.url());
	is('and marks it as the level in view', 'page',
		await page.locator('p.levels a.lv.urge').getAttribute('aria-current'));
	const chips = await page.locator('table.board span.u[title]').evaluateAll(
		(es) => es.map((e) => e.className));
	report(chips.length > 0 && chips.every((c) => /\b(overdue|acked)\b/.test(c)),
		`催办 shows overdue and late acknowledged cells only (${chips.length})`, chips.join(' '));

	// 考评: its period's form (no script) gives the table of that
	// period, the filter in view kept; a group folded under its rate.
	await page.goto(boardUrl + (boardUrl.includes('?') ? '&' : '?') + 'plan=1');
	await page.locator('form.period input[name=from]').fill('2021-01-01');
	await page.locator('form.period input[name=to]').fill('2021-12-31');
	await page.locator('form.period button').click();
	like('考评\'s form asks for its period', /[?&]from=2021-01-01&to=2021-12-31(&|$)/, page.url());
	like('keeping the filter in view', /[?&]plan=1(&|$)/, page.url());
	is('the period stays in the form', '2021-01-01',
		await page.locator('form.period input[name=from]').inputValue());
	const sfold = page.locator('details.group.scores').first();
	const ssum = (await sfold.locator('summary').textContent()) ?? '';
	report(/按期率 (\d+%（\d+\/\d+）|—)/.test(ssum), '考评 folds a group under its rate', ssum);
	is('its members hidden until opened', false, await sfold.locator('tbody tr').first().isVisible());
	await sfold.locator('summary').click();
	report(await sfold.locator('tbody tr').first().isVisible(), 'opened, a row per member');
	const srows = await page.locator('table.scores tbody tr').count();
	report(srows > 0, `考评 has rows (${srows})`);

	// Print: A4 landscape, without the form.
	await page.emulateMedia({ media: 'print' });
	is('printing hides the filters', false, await page.locator('form.filters').isVisible());
	is('and 考评\'s period form', false, await page.locator('form.period').isVisible());
	is('and the level links', false, await page.locator('p.levels').isVisible());
	await page.pdf({ path: join(outDir, 'board.pdf'), preferCSSPageSize: true, printBackground: true });
	const size = statSync(join(outDir, 'board.pdf')).size;
	report(size > 5000, `the print layout makes a PDF (${size} bytes)`);
	is('no script errors', '', errors.join('\n'));
} catch (e) {
	report(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await close();
}
finish();
