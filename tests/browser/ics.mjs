// ics: a calendar as Mozilla's ical.js (the parser of Thunderbird's
// calendar) reads it: every event parses, and each event's occurrences,
// recurrence rules expanded, are printed one line an event for the shell
// test to compare: "SUMMARY: DATE DATE ...", then a TAP line.
//
//   node ics.mjs FILE.ics
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { report } from './tap.mjs';

const text = readFileSync(process.argv[2], 'utf8');
let events = [];
try {
	const cal = new ICAL.Component(ICAL.parse(text));
	for (const v of cal.getAllSubcomponents('vevent')) {
		const ev = new ICAL.Event(v), dates = [];
		const it = ev.iterator();
		for (let t = it.next(), n = 0; t && n < 60; t = it.next(), n++)
			dates.push(t.toString());
		events.push(`${ev.summary}: ${dates.join(' ')}`);
		for (const a of v.getAllSubcomponents('valarm'))
			if (!a.getFirstPropertyValue('trigger'))
				throw new Error(`${ev.summary}: an alarm without a trigger`);
	}
} catch (e) {
	report(false, 'ical.js reads the calendar', e.stack);
	process.exit(1);
}
for (const e of events)
	console.log(`# ${e}`);
report(events.length > 0, `ical.js reads the calendar: ${events.length} events`);
