/* describe: the configuration in force as text. */
#ifndef DEADLINED_DESCRIBE_H
#define DEADLINED_DESCRIBE_H

#include "base/buf.h"
#include "conf/config.h"

/* Write every option with its value and help (check-config --verbose),
 * secrets never shown. */
void config_describe(const struct config *c, struct buf *b);

#endif
