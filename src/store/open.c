/* store/open: opening the database and its numbered migrations.
 *
 * Opening creates the file with mode 0600 before SQLite sees it (SQLite
 * gives its -wal and -shm files the database file's mode), checks that
 * the file is a deadlined database (PRAGMA application_id) no newer than
 * this program, switches to WAL and applies the numbered migrations, each
 * in its own transaction.  The only SQL built at run time is
 * "PRAGMA user_version = N" (PRAGMAs take no parameters, and N is this
 * program's own migration counter). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/date.h"
#include "store/sql.h"
#include "store/store.h"

#define APPLICATION_ID 1145851460	/* 0x444c4e44, "DLND" */
#define BUSY_TIMEOUT_MS 5000

/* Migration i brings PRAGMA user_version from i to i + 1.  Append new
 * ones; never edit one that has been released. */
static const char *const migrations[] = {
	/* 1: plans, tasks, measures, deadlines, units, the import log. */
	"PRAGMA application_id = " XSTR(APPLICATION_ID) ";\n"
	"CREATE TABLE plan (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  title TEXT NOT NULL,\n"
	"  year INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),\n"
	"  source_hash TEXT,\n"
	"  imported_at INTEGER NOT NULL,\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"  UNIQUE (title, year)\n"
	");\n"
	"CREATE INDEX plan_recent ON plan (active, imported_at);\n"
	"CREATE TABLE section (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plan (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  UNIQUE (plan_id, title)\n"
	");\n"
	"CREATE TABLE task (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plan (id),\n"
	"  section_id INTEGER REFERENCES section (id),\n"
	"  no INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  retired_at INTEGER,\n"
	"  UNIQUE (plan_id, no)\n"
	");\n"
	"CREATE INDEX task_section ON task (section_id);\n"
	"CREATE TABLE measure (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  task_id INTEGER NOT NULL REFERENCES task (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  units_text TEXT NOT NULL DEFAULT '',\n"
	"  line INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  retired_at INTEGER\n"
	");\n"
	"CREATE INDEX measure_task ON measure (task_id, seq);\n"
	"CREATE TABLE deadline (\n"
	"  measure_id INTEGER PRIMARY KEY REFERENCES measure (id),\n"
	"  text TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN\n"
	"    ('date', 'ongoing', 'monthly', 'quarterly', 'unknown')),\n"
	"  due TEXT CHECK (due IS NULL OR\n"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
	");\n"
	"CREATE INDEX deadline_due ON deadline (due);\n"
	"CREATE TABLE unit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE measure_unit (\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit_id INTEGER NOT NULL REFERENCES unit (id),\n"
	"  role TEXT NOT NULL CHECK (role IN ('responsible', 'lead', 'support')),\n"
	"  seq INTEGER NOT NULL,\n"
	"  PRIMARY KEY (measure_id, unit_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX measure_unit_unit ON measure_unit (unit_id);\n"
	"CREATE TABLE import_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plan (id),\n"
	"  file TEXT,\n"
	"  hash TEXT,\n"
	"  at INTEGER NOT NULL,\n"
	"  tasks INTEGER NOT NULL,\n"
	"  measures INTEGER NOT NULL,\n"
	"  added INTEGER NOT NULL,\n"
	"  updated INTEGER NOT NULL,\n"
	"  unchanged INTEGER NOT NULL,\n"
	"  retired INTEGER NOT NULL,\n"
	"  restored INTEGER NOT NULL,\n"
	"  warnings INTEGER NOT NULL,\n"
	"  warning_text TEXT\n"
	");\n"
	"CREATE INDEX import_log_plan ON import_log (plan_id, at);\n",

	/* 2: the outbox: notices (at most one per measure, unit, due date,
	 * stage and step), messages (one digest to one address, or the
	 * record of a skipped one) and the acknowledgement tokens. */
	"CREATE TABLE notice (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('responsible', 'lead', 'support')),\n"
	"  due TEXT NOT NULL,\n"
	"  stage TEXT NOT NULL CHECK (stage IN\n"
	"    ('lead', 'due', 'overdue', 'checkin', 'escalation')),\n"
	"  step INTEGER NOT NULL,\n"
	"  current INTEGER NOT NULL CHECK (current IN (0, 1)),\n"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'queued')),\n"
	"  trigger_at INTEGER NOT NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  UNIQUE (measure_id, unit, due, stage, step)\n"
	");\n"
	"CREATE INDEX notice_state ON notice (state);\n"
	"CREATE TABLE message (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  recipient TEXT NOT NULL,\n"
	"  channel TEXT NOT NULL,\n"
	"  address TEXT NOT NULL,\n"
	"  ext_id TEXT NOT NULL UNIQUE,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  payload BLOB NOT NULL,\n"
	"  state TEXT NOT NULL CHECK (state IN\n"
	"    ('queued', 'sending', 'sent', 'failed', 'skipped')),\n"
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  next_at INTEGER NOT NULL,\n"
	"  sent_at INTEGER,\n"
	"  last_error TEXT\n"
	");\n"
	"CREATE INDEX message_queue ON message (state, next_at);\n"
	"CREATE TABLE message_notice (\n"
	"  message_id INTEGER NOT NULL REFERENCES message (id),\n"
	"  notice_id INTEGER NOT NULL REFERENCES notice (id),\n"
	"  PRIMARY KEY (message_id, notice_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX message_notice_notice ON message_notice (notice_id);\n"
	"CREATE TABLE ack_token (\n"
	"  hash TEXT PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  due TEXT NOT NULL,\n"
	"  created_at INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n",

	/* 3: the acknowledgement log. */
	"CREATE TABLE ack (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  due TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('ack', 'done')),\n"
	"  at INTEGER NOT NULL,\n"
	"  source TEXT NOT NULL CHECK (source IN ('web', 'cli', 'api')),\n"
	"  note TEXT,\n"
	"  remote TEXT,\n"
	"  agent TEXT\n"
	");\n"
	"CREATE INDEX ack_item ON ack (measure_id, unit, due);\n",

	/* 4: message bodies apart from the message rows, whose state
	 * changes on every attempt: an update then rewrites a row of a few
	 * dozen bytes, not a page of payload (a fan-out's write-ahead log
	 * traffic, tenfold). */
	"CREATE TABLE message_body (\n"
	"  message_id INTEGER PRIMARY KEY REFERENCES message (id),\n"
	"  payload BLOB NOT NULL\n"
	");\n"
	"INSERT INTO message_body (message_id, payload)\n"
	"  SELECT id, payload FROM message;\n"
	"ALTER TABLE message DROP COLUMN payload;\n",

	/* 5: counters kept as things happen, so that /metrics reads a few
	 * rows whatever the size of the outbox: triggers move them with
	 * each message, notice and answer; the board's cells by state are
	 * written by the daemon after a pass (store_set_board_counts). */
	"CREATE TABLE counter (\n"
	"  name TEXT NOT NULL,\n"
	"  l1 TEXT NOT NULL DEFAULT '',\n"
	"  l2 TEXT NOT NULL DEFAULT '',\n"
	"  value INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (name, l1, l2)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO counter (name, l1, value)\n"
	"  SELECT 'messages', s.v, (SELECT count(*) FROM message m\n"
	"    WHERE m.state = s.v) FROM (SELECT 'queued' AS v UNION ALL\n"
	"    SELECT 'sending' UNION ALL SELECT 'sent' UNION ALL\n"
	"    SELECT 'failed' UNION ALL SELECT 'skipped') s;\n"
	"INSERT INTO counter (name, l1, value)\n"
	"  SELECT 'acks', k.v, (SELECT count(*) FROM ack a WHERE a.kind = k.v)\n"
	"  FROM (SELECT 'ack' AS v UNION ALL SELECT 'done') k;\n"
	"INSERT INTO counter (name, l1, value)\n"
	"  SELECT 'attempts', channel, sum(attempts) FROM message\n"
	"  WHERE state != 'skipped' GROUP BY channel;\n"
	"INSERT INTO counter (name, l1, value)\n"
	"  SELECT 'failures', channel, sum(state = 'failed') FROM message\n"
	"  WHERE state != 'skipped' GROUP BY channel;\n"
	/* A notice counts under its own state: pending until a message
	 * carries it, then queued (the messages' states are counted apart:
	 * following each notice through its message would cost a digest of
	 * thousands of items as many lookups on every change of state). */
	"INSERT INTO counter (name, l1, l2, value)\n"
	"  SELECT 'notices', stage, state, count(*) FROM notice\n"
	"  GROUP BY stage, state;\n"
	"CREATE TRIGGER counter_message_new AFTER INSERT ON message BEGIN\n"
	"  INSERT INTO counter (name, l1, value) VALUES ('messages',\n"
	"    new.state, 1) ON CONFLICT DO UPDATE SET value = value + 1;\n"
	"  INSERT INTO counter (name, l1, value) SELECT 'attempts',\n"
	"    new.channel, new.attempts WHERE new.state != 'skipped'\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"  INSERT INTO counter (name, l1, value) SELECT 'failures',\n"
	"    new.channel, new.state = 'failed' WHERE new.state != 'skipped'\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"END;\n"
	"CREATE TRIGGER counter_message_moved AFTER UPDATE OF state, attempts\n"
	"  ON message BEGIN\n"
	"  UPDATE counter SET value = value - 1 WHERE name = 'messages'\n"
	"    AND l1 = old.state AND l2 = '' AND old.state != new.state;\n"
	"  INSERT INTO counter (name, l1, value) SELECT 'messages',\n"
	"    new.state, 1 WHERE old.state != new.state\n"
	"    ON CONFLICT DO UPDATE SET value = value + 1;\n"
	"  INSERT INTO counter (name, l1, value) SELECT 'attempts',\n"
	"    new.channel, new.attempts - old.attempts\n"
	"    WHERE new.attempts != old.attempts\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"  INSERT INTO counter (name, l1, value) SELECT 'failures',\n"
	"    new.channel, (new.state = 'failed') - (old.state = 'failed')\n"
	"    WHERE (new.state = 'failed') != (old.state = 'failed')\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"END;\n"
	"CREATE TRIGGER counter_notice_new AFTER INSERT ON notice BEGIN\n"
	"  INSERT INTO counter (name, l1, l2, value) VALUES ('notices',\n"
	"    new.stage, new.state, 1) ON CONFLICT DO UPDATE SET\n"
	"    value = value + 1;\n"
	"END;\n"
	"CREATE TRIGGER counter_notice_moved AFTER UPDATE OF state ON notice\n"
	"  WHEN old.state != new.state BEGIN\n"
	"  UPDATE counter SET value = value - 1 WHERE name = 'notices' AND\n"
	"    l1 = old.stage AND l2 = old.state;\n"
	"  INSERT INTO counter (name, l1, l2, value) VALUES ('notices',\n"
	"    new.stage, new.state, 1) ON CONFLICT DO UPDATE SET\n"
	"    value = value + 1;\n"
	"END;\n"
	"CREATE TRIGGER counter_ack_new AFTER INSERT ON ack BEGIN\n"
	"  INSERT INTO counter (name, l1, value) VALUES ('acks', new.kind, 1)\n"
	"    ON CONFLICT DO UPDATE SET value = value + 1;\n"
	"END;\n",

	/* 6: the semiannual kind (每半年): a CHECK cannot be altered, so
	 * the table is made again with it. */
	"CREATE TABLE deadline_new (\n"
	"  measure_id INTEGER PRIMARY KEY REFERENCES measure (id),\n"
	"  text TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN\n"
	"    ('date', 'ongoing', 'monthly', 'quarterly', 'semiannual',\n"
	"    'unknown')),\n"
	"  due TEXT CHECK (due IS NULL OR\n"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
	");\n"
	"INSERT INTO deadline_new (measure_id, text, kind, due)\n"
	"  SELECT measure_id, text, kind, due FROM deadline;\n"
	"DROP TABLE deadline;\n"
	"ALTER TABLE deadline_new RENAME TO deadline;\n"
	"CREATE INDEX deadline_due ON deadline (due);\n",

	/* 7: the weekly kind (每周), the same way. */
	"CREATE TABLE deadline_new (\n"
	"  measure_id INTEGER PRIMARY KEY REFERENCES measure (id),\n"
	"  text TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN\n"
	"    ('date', 'ongoing', 'monthly', 'quarterly', 'semiannual',\n"
	"    'weekly', 'unknown')),\n"
	"  due TEXT CHECK (due IS NULL OR\n"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
	");\n"
	"INSERT INTO deadline_new (measure_id, text, kind, due)\n"
	"  SELECT measure_id, text, kind, due FROM deadline;\n"
	"DROP TABLE deadline;\n"
	"ALTER TABLE deadline_new RENAME TO deadline;\n"
	"CREATE INDEX deadline_due ON deadline (due);\n",

	/* 8: when a message was first and last tried (the times its
	 * attempts' outcomes came back), for admin's notice of a failure,
	 * and when deadlinectl retry last queued it again (its 24 hours
	 * before failing for good start over then). */
	"ALTER TABLE message ADD COLUMN first_tried_at INTEGER;\n"
	"ALTER TABLE message ADD COLUMN tried_at INTEGER;\n"
	"ALTER TABLE message ADD COLUMN requeued_at INTEGER;\n",

	/* 9: which part of its digest a message is (part of parts), for a
	 * robot's digest split to fit its limit: the log names the part. */
	/* (In parentheses: clang takes two literals in a row in an array
	 * for a missing comma.) */
	("ALTER TABLE message ADD COLUMN part INTEGER NOT NULL DEFAULT 1;\n"
	"ALTER TABLE message ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;\n"),

	/* 10: the notice's stage and the answer's kind without a CHECK: the
	 * supervision cycle adds stages (report requests, …) and kinds
	 * (progress, …), and their names have one home, the C tables
	 * (stage_name, ack_kind_name), not a list every new one must
	 * migrate.  Both tables are made again; their triggers with them. */
	"CREATE TABLE notice_new (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('responsible', 'lead', 'support')),\n"
	"  due TEXT NOT NULL,\n"
	"  stage TEXT NOT NULL,\n"
	"  step INTEGER NOT NULL,\n"
	"  current INTEGER NOT NULL CHECK (current IN (0, 1)),\n"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'queued')),\n"
	"  trigger_at INTEGER NOT NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  UNIQUE (measure_id, unit, due, stage, step)\n"
	");\n"
	"INSERT INTO notice_new SELECT id, measure_id, unit, role, due, stage,\n"
	"  step, current, state, trigger_at, created_at FROM notice;\n"
	"DROP TABLE notice;\n"
	"ALTER TABLE notice_new RENAME TO notice;\n"
	"CREATE INDEX notice_state ON notice (state);\n"
	"CREATE TABLE ack_new (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  due TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  at INTEGER NOT NULL,\n"
	"  source TEXT NOT NULL CHECK (source IN ('web', 'cli', 'api')),\n"
	"  note TEXT,\n"
	"  remote TEXT,\n"
	"  agent TEXT\n"
	");\n"
	"INSERT INTO ack_new SELECT id, measure_id, unit, due, kind, at,\n"
	"  source, note, remote, agent FROM ack;\n"
	"DROP TABLE ack;\n"
	"ALTER TABLE ack_new RENAME TO ack;\n"
	"CREATE INDEX ack_item ON ack (measure_id, unit, due);\n"
	"CREATE TRIGGER counter_notice_new AFTER INSERT ON notice BEGIN\n"
	"  INSERT INTO counter (name, l1, l2, value) VALUES ('notices',\n"
	"    new.stage, new.state, 1) ON CONFLICT DO UPDATE SET\n"
	"    value = value + 1;\n"
	"END;\n"
	"CREATE TRIGGER counter_notice_moved AFTER UPDATE OF state ON notice\n"
	"  WHEN old.state != new.state BEGIN\n"
	"  UPDATE counter SET value = value - 1 WHERE name = 'notices' AND\n"
	"    l1 = old.stage AND l2 = old.state;\n"
	"  INSERT INTO counter (name, l1, l2, value) VALUES ('notices',\n"
	"    new.stage, new.state, 1) ON CONFLICT DO UPDATE SET\n"
	"    value = value + 1;\n"
	"END;\n"
	"CREATE TRIGGER counter_ack_new AFTER INSERT ON ack BEGIN\n"
	"  INSERT INTO counter (name, l1, value) VALUES ('acks', new.kind, 1)\n"
	"    ON CONFLICT DO UPDATE SET value = value + 1;\n"
	"END;\n",
	/* 11: the supervision cycle's requests (store/requests.c): a unit's
	 * request for a later deadline (extension) or, under review, its
	 * report of completion (completion), each waiting for the approver's
	 * decision; the approval links' tokens (only their SHA-256, each for
	 * one request, with an expiry); and a plan's own review setting
	 * (NULL: the configuration's schedule.review). */
	("CREATE TABLE request (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('extension', 'completion')),\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('responsible', 'lead', 'support')),\n"
	"  due TEXT NOT NULL,\n"
	"  new_due TEXT CHECK (new_due IS NULL OR\n"
	"    new_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  source TEXT NOT NULL CHECK (source IN ('web', 'cli', 'api')),\n"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN\n"
	"    ('pending', 'approved', 'rejected')),\n"
	"  created_at INTEGER NOT NULL,\n"
	"  decided_at INTEGER,\n"
	"  decided_source TEXT CHECK (decided_source IS NULL OR\n"
	"    decided_source IN ('web', 'cli', 'api')),\n"
	"  decision_note TEXT\n"
	");\n"
	"CREATE INDEX request_item ON request (measure_id, unit, due);\n"
	"CREATE INDEX request_state ON request (state);\n"
	"CREATE TABLE review_token (\n"
	"  hash TEXT PRIMARY KEY,\n"
	"  request_id INTEGER NOT NULL REFERENCES request (id),\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"ALTER TABLE plan ADD COLUMN review INTEGER CHECK (review IN (0, 1));\n"),
	/* 12: progress reports (kind 'progress'): the text is the note; the
	 * share complete and the two optional texts are columns of their
	 * own, NULL for every other kind. */
	"ALTER TABLE ack ADD COLUMN percent INTEGER\n"
	"  CHECK (percent IS NULL OR percent BETWEEN 0 AND 100);\n"
	"ALTER TABLE ack ADD COLUMN problems TEXT;\n"
	"ALTER TABLE ack ADD COLUMN next_steps TEXT;\n",
	/* 13: the supervisor's desk.  A pause (暂停) holds an item's notices
	 * until a date: one unit's, or (unit NULL) every unit's of the
	 * measure; resumed early, it keeps its row with the time.  A report
	 * run (情况通报) is one report's slot, made once, with what each item
	 * stood at then, so that the next one can say what changed. */
	"CREATE TABLE pause (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  measure_id INTEGER NOT NULL REFERENCES measure (id),\n"
	"  unit TEXT,\n"
	"  until TEXT NOT NULL CHECK (\n"
	"    until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  reason TEXT NOT NULL,\n"
	"  source TEXT NOT NULL CHECK (source IN ('web', 'cli', 'api')),\n"
	"  created_at INTEGER NOT NULL,\n"
	"  resumed_at INTEGER,\n"
	"  resumed_source TEXT CHECK (resumed_source IS NULL OR\n"
	"    resumed_source IN ('web', 'cli', 'api'))\n"
	");\n"
	"CREATE INDEX pause_measure ON pause (measure_id);\n"
	"CREATE TABLE report_run (\n"
	"  report TEXT NOT NULL,\n"
	"  slot INTEGER NOT NULL,\n"
	"  made_at INTEGER NOT NULL,\n"
	"  snapshot BLOB NOT NULL,\n"
	"  PRIMARY KEY (report, slot)\n"
	") WITHOUT ROWID;\n",
	/* 14: the counters' triggers, each one statement: the rows it
	 * changes (-1 for the state left, +1 for the one entered) as one
	 * upsert.  A message's life is three of them and a notice's two;
	 * as a statement each, they cost a 3,000-message fan-out more
	 * than its messages' own rows. */
	"DROP TRIGGER counter_message_new;\n"
	"DROP TRIGGER counter_message_moved;\n"
	"DROP TRIGGER counter_notice_moved;\n"
	"CREATE TRIGGER counter_message_new AFTER INSERT ON message BEGIN\n"
	"  INSERT INTO counter (name, l1, value)\n"
	"    SELECT 'messages', new.state, 1 WHERE true\n"
	"    UNION ALL SELECT 'attempts', new.channel, new.attempts\n"
	"      WHERE new.state != 'skipped'\n"
	"    UNION ALL SELECT 'failures', new.channel, new.state = 'failed'\n"
	"      WHERE new.state != 'skipped'\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"END;\n"
	"CREATE TRIGGER counter_message_moved AFTER UPDATE OF state, attempts\n"
	"  ON message BEGIN\n"
	"  INSERT INTO counter (name, l1, value)\n"
	"    SELECT 'messages', old.state, -1 WHERE old.state != new.state\n"
	"    UNION ALL SELECT 'messages', new.state, 1\n"
	"      WHERE old.state != new.state\n"
	"    UNION ALL SELECT 'attempts', new.channel,\n"
	"      new.attempts - old.attempts WHERE new.attempts != old.attempts\n"
	"    UNION ALL SELECT 'failures', new.channel,\n"
	"      (new.state = 'failed') - (old.state = 'failed')\n"
	"      WHERE (new.state = 'failed') != (old.state = 'failed')\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"END;\n"
	"CREATE TRIGGER counter_notice_moved AFTER UPDATE OF state ON notice\n"
	"  WHEN old.state != new.state BEGIN\n"
	"  INSERT INTO counter (name, l1, l2, value)\n"
	"    SELECT 'notices', old.stage, old.state, -1 WHERE true\n"
	"    UNION ALL SELECT 'notices', new.stage, new.state, 1 WHERE true\n"
	"    ON CONFLICT DO UPDATE SET value = value + excluded.value;\n"
	"END;\n",
	/* 15: the due messages of one channel, in order (outbox_due): a
	 * channel whose peer is slow, with many waiting, holds up no
	 * other. */
	"CREATE INDEX message_channel_queue ON message (state, channel, "
	"next_at);\n",

	/* 16: the bimonthly, biweekly, semimonthly and tenday kinds (双月,
	 * 每两周, 每半月, 每旬), as 6 and 7 did. */
	"CREATE TABLE deadline_new (\n"
	"  measure_id INTEGER PRIMARY KEY REFERENCES measure (id),\n"
	"  text TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN\n"
	"    ('date', 'ongoing', 'monthly', 'quarterly', 'semiannual',\n"
	"    'weekly', 'bimonthly', 'biweekly', 'semimonthly', 'tenday',\n"
	"    'unknown')),\n"
	"  due TEXT CHECK (due IS NULL OR\n"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
	");\n"
	"INSERT INTO deadline_new (measure_id, text, kind, due)\n"
	"  SELECT measure_id, text, kind, due FROM deadline;\n"
	"DROP TABLE deadline;\n"
	"ALTER TABLE deadline_new RENAME TO deadline;\n"
	"CREATE INDEX deadline_due ON deadline (due);\n",

	/* 17: a periodic deadline due on a working day of its month
	 * (每季度结束后5个工作日内: 5; 每月最后一个工作日: -1), 0 for none
	 * (struct deadline's workday). */
	"ALTER TABLE deadline ADD COLUMN workday INTEGER NOT NULL DEFAULT 0\n"
	"  CHECK (workday BETWEEN -1 AND 23);\n",
};

/* The length of migrations[]: the user_version of an up-to-date file. */
int
store_schema_version(void)
{
	return (int)ARRAY_LEN(migrations);
}

/* ---- opening and migrations ------------------------------------------ */

/* Whether path names an in-memory database (for tests of other modules). */
static bool
is_memory(const char *path)
{
	return strcmp(path, ":memory:") == 0;
}

/* An existing file of 0 bytes is no database: it is a copy cut short (a
 * full disk, a failed restore).  Taken for a new one it would start
 * afresh, every plan and answer gone and every reminder due again, so it
 * is refused.  Its write-ahead log, when there is one that is not empty,
 * may hold every page (committed, not yet copied back): SQLite reads
 * that. */
static int
check_not_empty(const char *path, const struct stat *sb, struct error *err)
{
	struct stat wal;
	char *walpath;
	bool has_wal;

	if (!S_ISREG(sb->st_mode) || sb->st_size > 0)
		return 0;
	walpath = xasprintf("%s-wal", path);
	has_wal = stat(walpath, &wal) == 0 && wal.st_size > 0;
	free(walpath);
	if (has_wal)
		return 0;
	return error_set(err, EXIT_IOERR, "%s: an empty file, not a database "
	    "(a copy cut short?); restore the last backup, or remove the file "
	    "to start a new database", path);
}

/* Create path with mode 0600 when it does not exist, so that neither the
 * database nor its -wal/-shm files are ever readable by others; refuse an
 * existing empty file. */
static int
create_file(const char *path, struct error *err)
{
	struct stat sb;
	int fd;

	if (is_memory(path))
		return 0;
	if (stat(path, &sb) == 0)
		return check_not_empty(path, &sb, err);
	if (errno != ENOENT)
		return error_set(err, EXIT_IOERR, "%s: %s", path, strerror(errno));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0;	/* created meanwhile by someone else */
	if (fd < 0 || fchmod(fd, 0600) != 0 || close(fd) != 0)
		return error_set(err, EXIT_CANTCREAT, "%s: %s", path,
		    strerror(errno));
	return 0;
}

/* Open the connection; the file exists by now. */
static int
open_db(struct store *s, struct error *err)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);

	if (rc != SQLITE_OK)
		return error_set(err, EXIT_IOERR, "%s: %s", s->path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return error_set(err, EXIT_CANTCREAT, "%s: the database is "
		    "read-only", s->path);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);	/* PRAGMA busy_timeout */
	return 0;
}

/* Refuse a file that is not a deadlined database or one newer than this
 * program, before anything is written to it. */
static int
check_db(struct store *s, struct error *err)
{
	int64_t app, ver, nobj;
	bool found;
	int rc;

	if ((rc = sql_int(s, err, &app, &found, "PRAGMA application_id", "")) != 0 ||
	    (rc = sql_int(s, err, &ver, &found, "PRAGMA user_version", "")) != 0 ||
	    (rc = sql_int(s, err, &nobj, &found,
	    "SELECT count(*) FROM sqlite_schema", "")) != 0)
		return rc;
	if ((app == APPLICATION_ID || app == 0) && ver > store_schema_version())
		return error_set(err, EXIT_DATAERR, "%s: database schema version "
		    "%lld is newer than this program's (%d); upgrade deadlined",
		    s->path, (long long)ver, store_schema_version());
	if ((app == APPLICATION_ID && ver >= 0) ||
	    (app == 0 && ver == 0 && nobj == 0))
		return 0;
	return error_set(err, EXIT_DATAERR, "%s: not a deadlined database "
	    "(application_id %lld, user_version %lld, %lld schema objects)",
	    s->path, (long long)app, (long long)ver, (long long)nobj);
}

/* WAL (readers never wait for the daemon's writes), foreign keys, and
 * full fsync at commit. */
static int
set_pragmas(struct store *s, struct error *err)
{
	const char *want = is_memory(s->path) ? "memory" : "wal";
	sqlite3_stmt *st;
	bool row;
	int rc;

	rc = sql_prepare(s, &st, err, "PRAGMA journal_mode = WAL", "");
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 &&
	    (!row || strcmp(col_text(st, 0), want) != 0))
		rc = error_set(err, EXIT_IOERR, "%s: cannot use the WAL journal "
		    "mode (got \"%s\")", s->path, row ? col_text(st, 0) : "");
	sql_done(s, st);
	if (rc != 0)
		return rc;
	/* Statement journals in memory: an insert that fires a counter's
	 * trigger needs one, and a pass inserts notices by the thousand (a
	 * temporary file made that a write(2) per row). */
	return sql_script(s, "PRAGMA foreign_keys = ON;\n"
	    "PRAGMA synchronous = FULL;\n"
	    "PRAGMA temp_store = MEMORY;\n", err);
}

/* Apply the next migration, if another process has not done so, and
 * update *version; one transaction. */
static int
migrate_step(struct store *s, int64_t *version, struct error *err)
{
	char sql[64];
	bool found;
	int rc;

	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	rc = sql_int(s, err, version, &found, "PRAGMA user_version", "");
	if (rc == 0 && *version >= 0 && *version < store_schema_version()) {
		rc = sql_script(s, migrations[*version], err);
		/* PRAGMAs take no parameters; the value is our own counter. */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		    (int)*version + 1);
		if (rc == 0)
			rc = sql_script(s, sql, err);
		if (rc == 0)
			(*version)++;
	}
	if (rc == 0)
		rc = sql_run(s, err, "COMMIT", "");
	if (rc != 0)
		tx_rollback(s);
	return rc;
}

/* Bring the schema up to store_schema_version(). */
static int
migrate(struct store *s, struct error *err)
{
	int64_t version;
	bool found;
	int rc;

	rc = sql_int(s, err, &version, &found, "PRAGMA user_version", "");
	while (rc == 0 && version >= 0 && version < store_schema_version())
		rc = migrate_step(s, &version, err);
	return rc;
}

/* Create if need be, check, configure and migrate the database at path. */
int
store_open(const char *path, struct store **out, struct error *err)
{
	struct store *s;
	int rc;

	*out = NULL;
	if ((rc = create_file(path, err)) != 0)
		return rc;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	if ((rc = open_db(s, err)) == 0 && (rc = check_db(s, err)) == 0 &&
	    (rc = set_pragmas(s, err)) == 0 && (rc = migrate(s, err)) == 0) {
		*out = s;
		return 0;
	}
	store_close(s);
	return rc;
}

/* Open an existing, current database for reading only: nothing created,
 * migrated or written (check-config runs before the service's first
 * start, perhaps as root). */
int
store_open_readonly(const char *path, struct store **out, struct error *err)
{
	struct stat sb;
	struct store *s;
	int64_t ver;
	bool found;
	int rc;

	*out = NULL;
	if (!is_memory(path) && stat(path, &sb) != 0)
		return error_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR,
		    "%s: %s", path, strerror(errno));
	if (!is_memory(path) && (rc = check_not_empty(path, &sb, err)) != 0)
		return rc;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		rc = error_set(err, EXIT_IOERR, "%s: %s", path, s->db != NULL ?
		    sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	else {
		sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
		if ((rc = check_db(s, err)) == 0 && (rc = sql_int(s, err, &ver,
		    &found, "PRAGMA user_version", "")) == 0 &&
		    ver != store_schema_version())
			rc = error_set(err, EXIT_TEMPFAIL, "%s: schema version "
			    "%lld, not yet migrated to %d (deadlined and "
			    "deadlinectl import do that)", path, (long long)ver,
			    store_schema_version());
	}
	if (rc == 0) {
		*out = s;
		return 0;
	}
	store_close(s);
	return rc;
}

/* PRAGMA quick_check: every page and record well formed (not the
 * indexes against their tables, integrity_check's costlier part). */
int
store_quick_check(struct store *s, struct error *err)
{
	struct buf what = BUF_INIT;
	sqlite3_stmt *st;
	const char *r;
	size_t n = 0;
	bool row;
	int rc;

	if ((rc = sql_prepare(s, &st, err, "PRAGMA quick_check", "")) != 0)
		return rc;
	while ((rc = sql_next(s, st, &row, err)) == 0 && row) {
		r = col_text(st, 0);
		if (strcmp(r, "ok") == 0)
			continue;
		/* The first finding, on one line ("*** in database main ***"
		 * and its finding come as one row, split by a newline). */
		if (n++ == 0)
			for (; *r != '\0' && what.len < 200; r++)
				buf_putc(&what, *r == '\n' || *r == '\r' ? ' ' :
				    *r);
	}
	sql_done(s, st);
	if (rc == 0 && n > 0) {
		buf_printf(&what, "%s; quick_check found %zu problem(s)",
		    what.len >= 200 ? "..." : "", n);
		rc = sql_damaged(s, err, "%s", buf_str(&what));
	}
	buf_free(&what);
	return rc;
}

const char *
store_damage(const struct store *s)
{
	return s != NULL ? s->damage : NULL;
}

bool
store_damage_error(const struct error *err)
{
	return err->code == EXIT_IOERR &&
	    strstr(err->msg, ": the database is damaged (") != NULL;
}

/* Close the connection (SQLite checkpoints the WAL) and free s. */
void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	sql_cache_clear(s);
	sqlite3_close(s->db);
	free(s->path);
	free(s->damage);
	free(s);
}

void
store_shrink(struct store *s)
{
	sqlite3_db_release_memory(s->db);
}

