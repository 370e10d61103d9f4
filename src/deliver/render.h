/* render: the text of a notice: mail (RFC 5322/2045/2047), the generic
 * webhook's JSON, and markdown for DingTalk, WeCom and Feishu robots.
 * Pure: everything it prints is handed to it. */
#ifndef DEADLINED_RENDER_H
#define DEADLINED_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "base/buf.h"
#include "conf/channels.h"
#include "plan/deadline.h"
#include "plan/notice.h"
#include "plan/units.h"

/* One item of a digest. */
struct notice_item {
	int64_t measure_id;
	const char *plan_title;
	int year;
	int task_no;
	const char *task;
	const char *measure;
	const char *deadline_text;
	int due;		/* day number (date.h), DATE_NONE for none */
	int days_left;		/* negative when overdue */
	enum role role;
	const char *stage;	/* "lead", "due", "overdue", "checkin", "escalation",
				 * "report", "behind" */
	const char *ack_url;	/* NULL when there is none */
	const char *about;	/* escalations: the silent unit; else NULL */
	enum dl_kind kind;	/* the deadline's kind */
	int deadline_due;	/* the due date the deadline names (an ongoing
				 * item's year end; a check-in's due is its
				 * period's end), DATE_NONE for none */
	const char *note;	/* a request's or decision's words (who asks
				 * what, the reason, the approver's note),
				 * shown after the state; NULL: none */
	int report_by;		/* a report request's or "behind" notice's
				 * report date, DATE_NONE otherwise */
};

/* All the items for one unit in one pass. */
struct digest {
	const char *unit;		/* the plan's unit name */
	const char *id;			/* Message-ID / webhook-id, stable across retries */
	time_t generated_at;
	const struct notice_item *items;
	size_t nitems;
};

/* A complete mail: headers (From, To, Subject as RFC 2047 UTF-8 base64
 * encoded-words split on character boundaries, Date, Message-ID "<id>",
 * MIME-Version), then multipart/alternative with a text/plain and a
 * text/html part, both UTF-8 and base64.  No plan text or name can break
 * out of a header (CR/LF are folded away).  CRLF line ends. */
char *render_mail(const struct digest *d, const char *from, const char *to);

/* mail, sent to a new address: the same message with its To field
 * made for `to`; NULL when mail has no To field. */
char *render_mail_readdress(const char *mail, const char *to);

/* The generic webhook body (README, "deadlined": the generic webhook). */
char *render_json(const struct digest *d);

/* Markdown for robots, in parts of at most max_bytes each (WeCom takes
 * 4096), split between items (an item longer than max_bytes is cut on a
 * character boundary).  Returns the number of parts in *parts (free each
 * and the array). */
size_t render_markdown(const struct digest *d, size_t max_bytes, char ***parts);

/* Whom a digest for name addresses, as a person reads it: admin is
 * 系统管理员, the supervisors 督办部门, a unit its name. */
const char *render_addressee(const char *name);

/* The subject line (also the markdown title), opening with the
 * digest's level: "【督办】UNIT：N 项事项（…）". */
char *render_subject(const struct digest *d);

/* The level of item it: its stage's (plan/notice.h), 提醒 for a stage
 * this version does not know. */
enum level item_level(const struct notice_item *it);
/* The level of d: its most urgent item's (提醒 for none). */
enum level digest_level(const struct digest *d);

/* The From of mail when smtp.from is not set. */
#define RENDER_DEFAULT_FROM "deadlined <deadlined@localhost>"

/* A message that failed for good, as admin is told of it. */
struct failure {
	const char *id;		/* this notice's Message-ID / webhook-id */
	time_t generated_at;
	int64_t message_id;	/* the one that failed: deadlinectl retry ID */
	const char *unit;	/* whom it was for */
	enum channel_kind channel;
	const char *address;	/* as stored: shown with its secrets masked */
	const char *error;	/* its last error, NULL: none recorded */
	int attempts;
	time_t made, first_tried, last_tried;	/* 0: not known */
	const struct notice_item *items;	/* what it carried; none: a
						 * periodic report's (unit is
						 * the report's name) */
	size_t nitems;
};

/* "【投递失败】UNIT：CHANNEL提醒未能送达（N 项事项）". */
char *render_failure_subject(const struct failure *f);

/* Admin's notice of f for a channel of kind, made as render_for_channel
 * makes a digest's messages: the unit, channel, masked address, last
 * error, attempts and their times, the items, and the command that
 * sends it again.  Never an ack link (the items' ack_url is not read:
 * admin is not to answer for the unit) and never a secret of the
 * address. */
size_t render_failure_for_channel(const struct failure *f,
    enum channel_kind kind, const char *from, const char *to,
    char ***parts);

/* d as the messages of a channel of kind (conf/channels.h: its form and
 * size): one mail from `from` (NULL: RENDER_DEFAULT_FROM) to `to`, one
 * JSON body, or markdown parts.  Returns the count; the texts in a new
 * *parts, each and the array to be freed.  The one place that decides
 * what a channel gets, for the daemon and `send-test` alike. */
size_t render_for_channel(const struct digest *d, enum channel_kind kind,
    const char *from, const char *to, char ***parts);

/* A file attached to a mail. */
struct mail_file {
	const char *name;	/* UTF-8: "台账-2021-10-08.xlsx" */
	const char *type;	/* its MIME type */
	const char *data;
	size_t len;
};

/* A document sent whole rather than a digest of items: the periodic
 * report (情况通报), its texts made by its maker. */
struct document {
	const char *id;			/* Message-ID / webhook-id */
	time_t generated_at;
	const char *subject;
	const char *text;		/* a mail's text part */
	const char *html;		/* and its HTML part */
	const char *markdown;		/* the robots' and the generic
					 * webhook's text */
	const struct mail_file *file;	/* a mail's attachment, NULL: none */
};

/* d as the messages of a channel of kind, as render_for_channel makes a
 * digest's: one mail (with d's file), one generic JSON body
 * {"type":"report","id","generated_at","subject","text"}, or one robot
 * message, its markdown cut to the channel's size. */
size_t render_document_for_channel(const struct document *d,
    enum channel_kind kind, const char *from, const char *to,
    char ***parts);

#endif
