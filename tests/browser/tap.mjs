// tap: what the browser scripts share: TAP lines (report, is, like) and
// Debian's chromium started headless with a fresh profile through
// playwright-core (launch; close removes the profile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

let n = 0, failed = 0;
export function report(pass, what, detail) {
	n++;
	console.log(`${pass ? 'ok' : 'not ok'} ${n} - ${what}`);
	if (!pass) {
		failed++;
		if (detail !== undefined)
			console.log(String(detail).replace(/^/gm, '#   '));
	}
	return pass;
}
export const is = (what, want, got) =>
	report(want === got, what, `expected: ${want}\nactual:   ${got}`);
export const like = (what, re, got) =>
	report(re.test(got ?? ''), what, `no match for ${re} in:\n${got}`);

// The browser, or exit 2 (after its TAP line) when it cannot start.
export async function launch(viewport) {
	const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
	const profile = mkdtempSync(join(tmpdir(), 'deadlined-chromium-'));
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath, headless: true, timeout: 30000, locale: 'zh-CN',
			viewport,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
				'--disable-background-networking', '--disable-dev-shm-usage',
				'--disable-component-update', '--disable-sync', '--disable-quic'],
		});
		return { context, close: async () => {
			await context.close().catch(() => {});
			rmSync(profile, { recursive: true, force: true });
		} };
	} catch (e) {
		console.log(`not ok 1 - chromium (${executablePath}) starts headless`);
		console.log(String(e.message || e).replace(/^/gm, '#   '));
		console.log('1..1');
		rmSync(profile, { recursive: true, force: true });
		process.exit(2);
	}
}

// The plan line and the exit status.
export function finish() {
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
}
