// The periodic report's (情况通报) mail HTML in Debian's headless
// chromium (tests/e2e/browser.sh runs it on `deadlinectl report
// --dry-run`'s output):
//
//	node tests/browser/report.mjs HTML_FILE PNG
//
// At 1280 px it checks that the sections and the tables (states, units)
// are visible, that the chart is drawn by the cells' bgcolor and width
// alone (each unit's bar filled in proportion to its on-time rate as the
// table prints it; each state's bar in proportion to its count), and that
// the mail holds no script, no image and loads nothing; saves a
// screenshot at PNG.  Prints TAP lines; exits 1 when a check fails, 2
// when the browser cannot start.
import { readFileSync, statSync } from 'node:fs';
import { report, is, launch, finish } from './tap.mjs';

const [file, png] = process.argv.slice(2);
if (!file || !png) {
	console.error('usage: node report.mjs HTML_FILE PNG');
	process.exit(64);
}
const html = readFileSync(file, 'utf8');

function measure() {
	const visible = (e) => {
		const r = e.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
	};
	// A bar: its filled share (the first cell's width over the bar's,
	// when that cell is not the grey rest) and the filled cell's colour.
	const bar = (t) => {
		const cells = [...t.querySelectorAll('td')];
		const w = t.getBoundingClientRect().width;
		const filled = cells.find((c) => c.getAttribute('bgcolor') !== '#e0e0e0');
		return {
			share: filled ? filled.getBoundingClientRect().width / w * 100 : 0,
			bg: filled ? getComputedStyle(filled).backgroundColor : null,
			h: t.getBoundingClientRect().height, w,
		};
	};
	const table = (id) => document.getElementById(id);
	const rows = (id) => [...table(id).querySelectorAll(':scope > tbody > tr, :scope > tr')].slice(1);
	const units = rows('units').map((tr) => {
		const td = tr.querySelectorAll(':scope > td');
		return { name: td[0].textContent, rate: td[7].textContent, bar: bar(td[8].querySelector('table.bar')) };
	});
	const states = rows('states').map((tr) => {
		const td = tr.querySelectorAll(':scope > td');
		return { name: td[0].textContent, n: Number(td[1].textContent), bar: bar(td[2].querySelector('table.bar')) };
	});
	return {
		headings: [...document.querySelectorAll('h3')].filter(visible).map((h) => h.textContent),
		tables: ['states', 'units'].filter((id) => table(id) && visible(table(id))),
		units, states,
		scripts: document.querySelectorAll('script').length,
		images: document.querySelectorAll('img, image, object, embed, iframe, link[rel="stylesheet"]').length,
		handlers: [...document.querySelectorAll('*')].filter((e) =>
			[...e.attributes].some((a) => a.name.startsWith('on'))).length,
	};
}

const { context, close } = await launch({ width: 1280, height: 900 });
try {
	const page = context.pages()[0] ?? await context.newPage();
	page.setDefaultTimeout(15000);
	// A mail is shown offline: any request it makes is a failure.
	const requests = [];
	await page.route('**/*', (r) => { requests.push(r.request().url()); r.abort(); });
	await page.setContent(html, { waitUntil: 'load' });
	const m = await page.evaluate(measure);
	is('the five sections are shown', 5, m.headings.length);
	is('the state counts and the units tables are visible', 'states,units', m.tables.join(','));
	report(m.units.length > 0, `the units table has rows (${m.units.length})`);
	const wrong = m.units.filter((u) => {
		const r = u.rate === '—' ? 0 : parseInt(u.rate, 10);
		return Math.abs(u.bar.share - r) > 2 || u.bar.h < 10 || (r > 0 && u.bar.bg === 'rgba(0, 0, 0, 0)');
	});
	report(wrong.length === 0, 'each unit\'s bar is drawn, filled as its on-time rate says',
		JSON.stringify(wrong.slice(0, 3)));
	report(m.units.some((u) => u.bar.share > 0) || m.units.every((u) => u.rate === '—' || u.rate === '0%'),
		'a unit with a rate has a coloured bar');
	const top = Math.max(...m.states.map((s) => s.n));
	const off = m.states.filter((s) => Math.abs(s.bar.share - (top ? s.n * 100 / top : 0)) > 2 ||
		(s.n > 0 && s.bar.bg === 'rgba(0, 0, 0, 0)'));
	report(m.states.length === 8 && off.length === 0, 'each state\'s bar is coloured in proportion to its count',
		JSON.stringify(off));
	is('no script, no event handler', 0, m.scripts + m.handlers);
	is('no image, frame or external style sheet', 0, m.images);
	await page.screenshot({ path: png, fullPage: true });
	report(statSync(png).size > 10000, `screenshot saved (${png})`);
	is('the report loads nothing', '', requests.join('\n'));
} catch (e) {
	report(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await close();
}
finish();
