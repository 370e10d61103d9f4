// A digest mail's HTML part in Debian's headless chromium (tests/e2e/
// mailhtml.sh runs it on a 40-item digest taken off a real SMTP server):
//
//	node tests/browser/mail.mjs HTML_FILE ITEMS OUTDIR [LEVEL COLOUR]
//
// At 360 px (a phone) and at 1280 px (a desktop) it saves a full-page
// screenshot (OUTDIR/mail-360.png, mail-1280.png) and checks what makes
// the mail read: nothing wider than the screen, ITEMS item blocks (the
// white cells), each at least 200 px wide inside, the column at most
// 640 px, a measure's text set in lines of many characters (the old
// seven-column table set one a line), text no smaller than 13 px, and
// each block's button a blue cell with white text, big enough to tap,
// and the band of the digest's level (LEVEL, 催办 by default, in white
// on COLOUR, rgb(198, 40, 40)) across the column above the items.
// Prints TAP lines; exits 1 when a check fails, 2 when the browser
// cannot start.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { report, is, launch, finish } from './tap.mjs';

const [file, items, outDir, level = '催办', colour = 'rgb(198, 40, 40)'] = process.argv.slice(2);
if (!file || !items || !outDir) {
	console.error('usage: node mail.mjs HTML_FILE ITEMS OUTDIR [LEVEL COLOUR]');
	process.exit(64);
}
const html = readFileSync(file, 'utf8');

// What the mail looks like: measured in the page itself.
function measure() {
	const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
	const inner = (e) => e.getBoundingClientRect().width -
		px(e, 'paddingLeft') - px(e, 'paddingRight');
	const blocks = [...document.querySelectorAll('td[bgcolor="#ffffff"]')];
	const narrow = [], cramped = [], small = [], buttons = [];
	for (const [i, b] of blocks.entries()) {
		if (inner(b) < 200)
			narrow.push(`block ${i + 1}: ${inner(b).toFixed(1)} px`);
		// The measure: the block's first text, on lines of how many
		// characters?
		const t = b.firstChild;
		if (t && t.nodeType === Node.TEXT_NODE && t.length >= 20) {
			const r = document.createRange();
			r.selectNodeContents(t);
			const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
			if (lines > Math.ceil(t.length / 12))
				cramped.push(`block ${i + 1}: ${t.length} characters on ${lines} lines`);
		}
		if (px(b, 'fontSize') < 13)
			small.push(`block ${i + 1}: ${px(b, 'fontSize')} px`);
		const a = b.querySelector('a[href]');
		if (a) {
			const cell = a.closest('td');
			const box = cell.getBoundingClientRect();
			buttons.push({
				href: a.getAttribute('href'),
				bg: getComputedStyle(cell).backgroundColor,
				fg: getComputedStyle(a).color,
				w: box.width, h: box.height,
				inside: box.left >= 0 && box.right <= window.innerWidth,
			});
		}
	}
	const column = blocks.length ? blocks[0].closest('table').getBoundingClientRect() : null;
	// The level's band: the first coloured cell, above every block.
	const b0 = document.querySelector('td[bgcolor]');
	const band = b0 && {
		text: b0.textContent, bg: getComputedStyle(b0).backgroundColor,
		fg: getComputedStyle(b0).color, bottom: b0.getBoundingClientRect().bottom,
		width: b0.getBoundingClientRect().width,
		firstBlock: blocks.length ? blocks[0].getBoundingClientRect().top : 0,
	};
	return {
		band,
		overflow: document.documentElement.scrollWidth - window.innerWidth,
		blocks: blocks.length, narrow, cramped, small, buttons,
		column: column ? { left: column.left, width: column.width } : null,
		minBlock: Math.min(...blocks.map(inner)),
	};
}

const { context, close } = await launch({ width: 1280, height: 900 });
try {
	const page = context.pages()[0] ?? await context.newPage();
	page.setDefaultTimeout(15000);
	// A mail is shown offline: any request it makes is a failure.
	const requests = [];
	await page.route('**/*', (r) => { requests.push(r.request().url()); r.abort(); });
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: width > 600 ? 900 : 740 });
		await page.setContent(html, { waitUntil: 'load' });
		const m = await page.evaluate(measure);
		report(m.overflow <= 0, `${width} px: nothing is wider than the screen`, `${m.overflow} px too wide`);
		is(`${width} px: one block an item`, Number(items), m.blocks);
		report(m.narrow.length === 0, `${width} px: every block is at least 200 px wide inside (narrowest ${m.minBlock.toFixed(0)} px)`, m.narrow.join('\n'));
		report(m.cramped.length === 0, `${width} px: measures are set in lines of 12 characters or more`, m.cramped.join('\n'));
		report(m.small.length === 0, `${width} px: text is at least 13 px`, m.small.join('\n'));
		const bad = m.buttons.filter((b) => !/^https?:\/\//.test(b.href) || b.bg !== 'rgb(26, 115, 232)' ||
			b.fg !== 'rgb(255, 255, 255)' || b.h < 30 || b.w < 80 || !b.inside);
		report(m.buttons.length === Number(items) && bad.length === 0,
			`${width} px: each block has its ack button, white on blue, at least 80 × 30 px, on the screen`,
			`${m.buttons.length} buttons; ${JSON.stringify(bad.slice(0, 3))}`);
		if (width > 600)
			report(m.column && m.column.width <= 640 && Math.abs(m.column.left * 2 + m.column.width - width) <= 2,
				`${width} px: the column is 640 px at most, centred`, JSON.stringify(m.column));
		const band = m.band;
		report(band && band.text.startsWith(`【${level}】`) && band.bg === colour &&
			band.fg === 'rgb(255, 255, 255)' && band.bottom <= band.firstBlock &&
			band.width >= m.column.width - 40,
			`${width} px: the level's band, ${level} white on its colour, across the column above the items`,
			JSON.stringify(band));
		const png = join(outDir, `mail-${width}.png`);
		await page.screenshot({ path: png, fullPage: true });
		report(statSync(png).size > 10000, `${width} px: screenshot saved (${png})`);
	}
	is('the mail loads nothing', '', requests.join('\n'));
} catch (e) {
	report(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await close();
}
finish();
