/* notify: the systemd notification protocol (sd_notify(3)), written
 * directly: datagrams to $NOTIFY_SOCKET, and the watchdog interval from
 * $WATCHDOG_USEC.  Without NOTIFY_SOCKET every call does nothing. */
#ifndef DEADLINED_NOTIFY_H
#define DEADLINED_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include "base/util.h"

/* Read the environment (and unset it, so children do not inherit it). */
void notify_init(void);

/* Send one state string, e.g. "READY=1" or "STATUS=…"; false when it
 * could not be sent (or there is no socket). */
bool notify(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* The watchdog interval in microseconds, 0 when there is none: the loop
 * must send WATCHDOG=1 at least every half of it. */
uint64_t notify_watchdog_usec(void);

/* RELOADING=1 with MONOTONIC_USEC=now, as systemd wants before a reload. */
bool notify_reloading(void);

#endif
