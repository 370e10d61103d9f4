/* redact: URLs with their secrets masked, for everything a person reads
 * (logs, errors, `outbox`, `check-config --verbose`): robots carry their
 * password in the URL (DingTalk's access_token=, WeCom's key=), and a URL
 * may carry user:password@. */
#ifndef DEADLINED_REDACT_H
#define DEADLINED_REDACT_H

/* A new copy of s with the userinfo of a URL and the values of the query
 * parameters access_token, key, token, sign, secret, password and
 * signature replaced by "***".  Text that is no URL comes back as it is. */
char *redact_url(const char *s);

#endif
