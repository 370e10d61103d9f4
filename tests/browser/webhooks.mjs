// webhooks: the signed POSTs a receiver logged (tests/peers/webhook_server.py,
// one JSON line a request) checked by the Standard Webhooks reference
// library (npm standardwebhooks), as a receiver built on it would: each
// must verify with the secret, and fail with another or altered.
//
//   node webhooks.mjs LOG.jsonl SECRET
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { report } from './tap.mjs';

const [log, secret] = process.argv.slice(2);
const posts = readFileSync(log, 'utf8').split('\n').filter(Boolean)
	.map((l) => JSON.parse(l)).filter((r) => 'webhook-signature' in r.headers);
const wh = new Webhook(secret);
const other = new Webhook(Buffer.from('another key of 24 bytes.').toString('base64'));
const fails = (f) => { try { f(); return false; } catch { return true; } };
report(posts.length > 0, `the receiver logged signed POSTs (${posts.length})`);
for (const [i, r] of posts.entries()) {
	let got, why;
	try {
		got = wh.verify(r.body, r.headers);
	} catch (e) {
		why = e.message;
	}
	report(why === undefined && JSON.stringify(got) === JSON.stringify(JSON.parse(r.body)),
		`POST ${i + 1} (${r.path}) verifies, its payload the body`, why);
	report(fails(() => other.verify(r.body, r.headers)),
		`POST ${i + 1}: not with another secret`);
	report(fails(() => wh.verify(r.body + ' ', r.headers)),
		`POST ${i + 1}: not with its body altered`);
}
