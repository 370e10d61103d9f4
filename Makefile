# deadlined — build, test, run, install.
#
#   make              build build/deadlined and build/deadlinectl
#   make test         build and run every test (unit + end-to-end)
#   make test SANITIZE=1   the same suite built with ASan and UBSan
#   make run          import the bundled plan and show what is due
#   make install PREFIX=/usr DESTDIR=...
#
# Missing libraries are installed from Debian's packages on first use
# (see build/deps.mk below); elsewhere the package names are printed.

PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR    ?=
CC         ?= cc
CFLAGS     ?= -O2 -g
PKG_CONFIG ?= pkg-config

# What the build and the tests need (pkg-config modules, py:NAME for
# Debian's Python), and the Debian packages that provide it.
PKG_MODULES := libcurl sqlite3 libconfig libcrypto libmicrohttpd cmocka py:aiosmtpd
LIB_MODULES := $(filter-out cmocka py:%,$(PKG_MODULES))
DEB_PACKAGES := libcurl4-openssl-dev libsqlite3-dev libconfig-dev libssl-dev \
                libcmocka-dev libmicrohttpd-dev pkg-config python3-aiosmtpd

ifeq ($(SANITIZE),1)
BUILD      := build/sanitize
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD      := build
SAN_FLAGS  :=
endif

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
        -Wmissing-prototypes -Wpointer-arith -Wvla
ifeq ($(CI),true)
WARN += -Werror
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

# Project flags stay apart from the user's CFLAGS (Redis's FINAL_CFLAGS).
FINAL_CFLAGS  = -std=gnu11 -D_GNU_SOURCE $(WARN) -Iinclude -MMD -MP $(SAN_FLAGS) \
                $(PKG_CFLAGS) $(CFLAGS)
FINAL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LIBS          = $(PKG_LIBS) -lm

# Every module is linked into a static archive that the daemon, the admin
# tool and the unit tests share; main files stay tiny.
MAINS     := src/deadlined.c src/deadlinectl.c
LIB_SRCS  := $(filter-out $(MAINS),$(wildcard src/*.c))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libdeadlined.a
BINS      := $(BUILD)/deadlined $(BUILD)/deadlinectl

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all test unit e2e run install clean distclean deps
all: $(BINS)

# --- dependencies ---------------------------------------------------------
# build/deps.mk is an included makefile with a rule, so make builds it
# (installing packages if needed) and restarts before compiling anything.
-include build/deps.mk
build/deps.mk: Makefile tests/install-deps
	@mkdir -p build
	@sh tests/install-deps $(PKG_MODULES) -- $(DEB_PACKAGES)
	@printf 'PKG_CFLAGS := %s\nPKG_LIBS := %s\n' \
	    "$$($(PKG_CONFIG) --cflags $(LIB_MODULES))" \
	    "$$($(PKG_CONFIG) --libs $(LIB_MODULES))" > $@.tmp
	@printf 'CMOCKA_CFLAGS := %s\nCMOCKA_LIBS := %s\n' \
	    "$$($(PKG_CONFIG) --cflags cmocka)" "$$($(PKG_CONFIG) --libs cmocka)" >> $@.tmp
	@mv $@.tmp $@

deps: build/deps.mk

# --- build ------------------------------------------------------------------
$(BUILD)/obj/%.o: src/%.c | build/deps.mk
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%: $(BUILD)/obj/%.o $(LIB)
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/tests/%.o: tests/unit/%.c | build/deps.mk
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIB) $(LIBS) $(CMOCKA_LIBS)

.PRECIOUS: $(BUILD)/obj/%.o $(BUILD)/tests/%.o

# --- test -------------------------------------------------------------------
test: $(BINS) $(UNIT_BINS)
	@BUILD=$(BUILD) bash tests/run $(UNIT_BINS) tests/e2e/*.sh

unit: $(UNIT_BINS)
	@BUILD=$(BUILD) bash tests/run $(UNIT_BINS)

e2e: $(BINS)
	@BUILD=$(BUILD) bash tests/run tests/e2e/*.sh

# --- run --------------------------------------------------------------------
# The main job on the sample configuration: load the bundled plan as this
# year's plan into var/deadlined.db, show what is due, and run the daemon
# in the foreground; notices land in the Maildir var/mail (mutt -f var/mail).
RUN_DB := var/deadlined.db
run: $(BINS)
	@mkdir -p var
	$(BUILD)/deadlinectl -c etc/deadlined.conf --db $(RUN_DB) import etc/plans/2021-shandong-ip-workplan.txt --year current
	$(BUILD)/deadlinectl -c etc/deadlined.conf --db $(RUN_DB) list
	$(BUILD)/deadlined -c etc/deadlined.conf --db $(RUN_DB)

# --- install ----------------------------------------------------------------
install: $(BINS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SYSCONFDIR)/deadlined \
	    $(DESTDIR)$(PREFIX)/share/deadlined/plans \
	    $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 0755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 etc/deadlined.conf $(DESTDIR)$(SYSCONFDIR)/deadlined/deadlined.conf
	install -m 0644 etc/holidays-*.conf $(DESTDIR)$(SYSCONFDIR)/deadlined/
	install -m 0644 etc/plans/*.txt $(DESTDIR)$(PREFIX)/share/deadlined/plans/
	install -m 0644 systemd/deadlined.service $(DESTDIR)$(PREFIX)/lib/systemd/system/

clean:
	rm -rf build

distclean: clean
	rm -rf var

-include $(LIB_OBJS:.o=.d) $(BINS:$(BUILD)/%=$(BUILD)/obj/%.d) \
         $(UNIT_BINS:=.d)
