/* version: the release, in one place for both programs' --version (the
 * build may set VERSION, e.g. from git describe). */
#ifndef DEADLINED_VERSION_H
#define DEADLINED_VERSION_H

#ifndef VERSION
#define VERSION "0.1.0"
#endif

#endif
