# deadlined — build, test, run, install.
#
#   make              build build/deadlined, build/deadlined-send and build/deadlinectl
#   make test         build and run every test (unit + end-to-end)
#   make test SANITIZE=1   the same suite built with ASan and UBSan
#   make bench        the performance benchmarks (optimised, in build/bench)
#   make run          import the bundled plan, say what is due, run the daemon
#   make install PREFIX=/usr DESTDIR=...
#
# Missing packages are installed from Debian's on first use, each target
# what it needs: `make` what building needs (build/deps.mk below), the
# test targets what testing needs (test-deps); elsewhere the package names
# are printed.

PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR    ?=
CC         ?= cc
CFLAGS     ?= -O2 -g
PKG_CONFIG ?= pkg-config

# What building needs (pkg-config modules), and the Debian packages that
# provide it: all that plain `make` installs.
BUILD_MODULES := libcurl sqlite3 libconfig nettle libmicrohttpd libzip libxml-2.0 poppler-glib \
                 xlsxwriter
BUILD_DEBS    := libcurl4-openssl-dev libsqlite3-dev libconfig-dev nettle-dev \
                 libmicrohttpd-dev libzip-dev libxml2-dev libpoppler-glib-dev \
                 libxlsxwriter-dev pkg-config
# What the tests need besides (py:NAME for a module of Debian's Python,
# file:PATH for a program), installed by `make test` and `make unit`.
TEST_MODULES := cmocka py:aiosmtpd py:docx py:openpyxl py:lunardate py:ephem py:prometheus_client \
                file:/usr/bin/curl file:/usr/bin/groff file:/usr/bin/man file:/usr/bin/openssl
TEST_DEBS    := libcmocka-dev python3-aiosmtpd python3-docx python3-openpyxl python3-lunardate \
                python3-ephem python3-prometheus-client curl groff-base man-db openssl
# Each binary links only what it uses: the daemon never loads libcurl (its
# delivery agent, deadlined-send, does), the agent neither SQLite nor the
# HTTP server; the Word, Excel and PDF readers (libzip, libxml2, poppler) are for
# deadlinectl alone.  The ledger's XLSX writer (libxlsxwriter, with
# OpenSSL's libcrypto) is opened by the ledger when a workbook is written
# (dlopen), so the idle daemon does not carry it.  deadlinectl and the
# tests take everything.
DAEMON_MODULES := sqlite3 libconfig nettle libmicrohttpd
AGENT_MODULES  := libcurl nettle

ifeq ($(SANITIZE),1)
BUILD      := build/sanitize
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else ifeq ($(BENCH),1)
BUILD      := build/bench
SAN_FLAGS  :=
else
BUILD      := build
SAN_FLAGS  :=
endif
# The benchmarks measure optimised code whatever CFLAGS says (it comes
# last, so it wins).
BENCH_FLAGS := $(if $(filter 1,$(BENCH)),-O2 -DNDEBUG)

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
        -Wmissing-prototypes -Wpointer-arith -Wvla
ifeq ($(CI),true)
WARN += -Werror
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

# Project flags stay apart from the user's CFLAGS (Redis's FINAL_CFLAGS).
FINAL_CFLAGS  = -std=gnu11 -D_GNU_SOURCE $(WARN) -Isrc -MMD -MP $(SAN_FLAGS) \
                $(PKG_CFLAGS) $(CFLAGS) $(BENCH_FLAGS)
# The ledger's writer chooses the zip level libxlsxwriter cannot be told
# (store/ledger_write.c): the binaries export that one function to it.
FINAL_LDFLAGS = $(SAN_FLAGS) \
                -Wl,--export-dynamic-symbol=zipOpenNewFileInZip4_64 $(LDFLAGS)
LIBS          = $(PKG_LIBS) -lm

# Every module is linked into a static archive that the daemon, its
# delivery agent, the admin tool and the unit tests share (each binary
# pulls only the modules it calls); main files stay tiny.
MAINS     := src/deadlined.c src/deadlined-send.c src/deadlinectl.c
LIB_SRCS  := $(filter-out $(MAINS),$(wildcard src/*.c src/*/*.c))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libdeadlined.a
BINS      := $(BUILD)/deadlined $(BUILD)/deadlinectl
AGENT     := $(BUILD)/deadlined-send

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

# The scheduling benchmark, linked against the library like a unit test;
# the ledger benchmark's baseline, libxlsxwriter alone.
BENCH_PASS := $(BUILD)/bench_pass
BENCH_XLSX := $(BUILD)/bench_xlsx

.PHONY: all test unit e2e run run-deps install clean distclean deps test-deps \
        browser-deps office-deps valgrind bench bench-deps holidays
all: $(BINS) $(AGENT)

# --- dependencies ---------------------------------------------------------
# build/deps.mk is an included makefile with a rule, so make builds it
# (installing packages if needed) and restarts before compiling anything.
# It takes what building needs, nothing more: the tests' packages come
# with test-deps, which only the test targets ask for.
-include build/deps.mk
build/deps.mk: Makefile tests/install-deps
	@mkdir -p build
	@sh tests/install-deps $(BUILD_MODULES) -- $(BUILD_DEBS)
	@printf 'PKG_CFLAGS := %s\nPKG_LIBS := %s\n' \
	    "$$($(PKG_CONFIG) --cflags $(BUILD_MODULES))" \
	    "$$($(PKG_CONFIG) --libs $(BUILD_MODULES))" > $@.tmp
	@printf 'DAEMON_LIBS := %s\nAGENT_LIBS := %s\n' \
	    "$$($(PKG_CONFIG) --libs $(DAEMON_MODULES))" \
	    "$$($(PKG_CONFIG) --libs $(AGENT_MODULES))" >> $@.tmp
	@mv $@.tmp $@

deps: build/deps.mk

test-deps: build/deps.mk
	@sh tests/install-deps $(TEST_MODULES) -- $(TEST_DEBS)

# --- build ------------------------------------------------------------------
$(BUILD)/obj/%.o: src/%.c | build/deps.mk
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%: $(BUILD)/obj/%.o $(LIB)
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/deadlined: LIBS = $(DAEMON_LIBS) -lm
$(AGENT): LIBS = $(AGENT_LIBS)

# cmocka's flags are asked for when a unit test is built: it is installed
# by test-deps, after build/deps.mk was written.
$(BUILD)/tests/%.o: tests/unit/%.c | build/deps.mk test-deps
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) $$($(PKG_CONFIG) --cflags cmocka) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIB) $(LIBS) $$($(PKG_CONFIG) --libs cmocka)

$(BUILD)/obj/bench/%.o: bench/%.c | build/deps.mk
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -c -o $@ $<

$(BENCH_PASS): $(BUILD)/obj/bench/bench_pass.o $(LIB)
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(BENCH_XLSX): $(BUILD)/obj/bench/bench_xlsx.o
	$(CC) $(FINAL_LDFLAGS) -o $@ $< $(LIBS)

.PRECIOUS: $(BUILD)/obj/%.o $(BUILD)/tests/%.o $(BUILD)/obj/bench/%.o


# --- test -------------------------------------------------------------------
# The browser test (tests/e2e/browser.sh) drives Debian's chromium (with a
# CJK font for the screenshot) through playwright-core from npm; the
# formats test reads the PDFs it prints with poppler-utils' pdftotext.
BROWSER_MODULES := file:/usr/bin/chromium file:/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc \
                   file:/usr/bin/pdftotext
BROWSER_DEBS    := chromium fonts-wqy-zenhei poppler-utils
browser-deps:
	@sh tests/install-deps $(BROWSER_MODULES) -- $(BROWSER_DEBS)
	@[ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/ical.js ] && [ -d tests/browser/node_modules/standardwebhooks ] || { \
	    command -v npm >/dev/null 2>&1 || { echo "deadlined: the browser test needs node (>= 20) and npm" >&2; exit 1; }; \
	    npm ci --prefix tests/browser --no-audit --no-fund; }

# The office tests (ledger.sh, office.sh, pdf.sh) read what we write and
# convert what offices send with LibreOffice headless (calc and writer,
# without their GUI: about 150 MB, so only make test installs them).
OFFICE_MODULES := file:/usr/bin/soffice file:/usr/lib/libreoffice/program/libsclo.so file:/usr/lib/libreoffice/program/libswlo.so
OFFICE_DEBS    := libreoffice-calc-nogui libreoffice-writer-nogui
office-deps:
	@sh tests/install-deps $(OFFICE_MODULES) -- $(OFFICE_DEBS)

test: test-deps $(BINS) $(AGENT) $(UNIT_BINS) $(BENCH_PASS) $(BENCH_XLSX) browser-deps bench-deps office-deps
	@BUILD=$(BUILD) bash tests/run $(UNIT_BINS) tests/e2e/*.sh

# The end-to-end tests with the binaries under valgrind (slow; not in CI's
# default run): errors and definite leaks fail the checks.
VALGRIND_TESTS := import_seed formats edit bad_input cli acks deliver
valgrind: test-deps $(BINS) $(AGENT) browser-deps
	@BUILD=$(BUILD) VALGRIND=1 bash tests/run $(VALGRIND_TESTS:%=tests/e2e/%.sh)

unit: test-deps $(UNIT_BINS)
	@BUILD=$(BUILD) bash tests/run $(UNIT_BINS)

e2e: test-deps $(BINS) $(AGENT)
	@BUILD=$(BUILD) bash tests/run tests/e2e/*.sh

# --- bench ------------------------------------------------------------------
# bench/run (see its header and the README's Performance section) against
# binaries built with BENCH=1 (-O2 -DNDEBUG, in build/bench); it starts its
# own peers: Debian's nginx for webhooks, aiosmtpd for mail; the sqlite3
# CLI is the import's baseline.  A report:
# it exits 0 when a target is missed, non-zero when a scenario could not
# run or its check failed.  BENCH_ARGS="--only webhook,smtp" or "--quick";
# RUNS=N, IDLE_SECONDS=N in the environment.
BENCH_MODULES := file:/usr/sbin/nginx file:/usr/bin/sqlite3
BENCH_DEBS    := nginx-light sqlite3
bench-deps:
	@sh tests/install-deps $(BENCH_MODULES) -- $(BENCH_DEBS)

ifeq ($(BENCH),1)
bench: $(BINS) $(AGENT) $(BENCH_PASS) $(BENCH_XLSX) bench-deps
	@BUILD=$(BUILD) bash bench/run $(BENCH_ARGS)
else
bench:
	@$(MAKE) --no-print-directory BENCH=1 bench
endif

# --- fuzz -------------------------------------------------------------------
# libFuzzer targets (tests/fuzz/fuzz_*.c) built with clang into build/fuzz/,
# the library compiled apart into build/fuzz/obj with the sanitizers'
# coverage.  `make fuzz-run FUZZ_SECONDS=N` runs each target N seconds on
# a copy of its seed corpus (tests/fuzz/corpus/TARGET stays as committed);
# crashes land in build/fuzz/artifacts/.  tests/e2e/fuzz.sh is the short
# run that `make test` does, replaying tests/fuzz/regress/TARGET/ too.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_TARGETS := plan_text csv deadline units config http_form docx xlsx interp
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
FUZZ_LIB_OBJS := $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o)
FUZZ_CFLAGS  = -std=gnu11 -D_GNU_SOURCE $(WARN) -Wno-format-nonliteral -Isrc -MMD -MP \
               $(PKG_CFLAGS) -g -O1 -fno-omit-frame-pointer
FUZZ_MODULES := file:/usr/bin/clang \
                file:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
FUZZ_DEBS    := clang libclang-rt-14-dev
.PHONY: fuzz fuzz-run fuzz-deps

fuzz: $(FUZZ_BINS)

fuzz-deps:
	@sh tests/install-deps $(FUZZ_MODULES) -- $(FUZZ_DEBS)

build/fuzz/obj/%.o: src/%.c | build/deps.mk fuzz-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

# An archive: each target pulls only the modules it calls.
build/fuzz/libdeadlined.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libdeadlined.a | fuzz-deps
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    build/fuzz/libdeadlined.a $(LIBS)

fuzz-run: $(FUZZ_BINS)
	@mkdir -p build/fuzz/artifacts
	@for t in $(FUZZ_TARGETS); do \
	    rm -rf build/fuzz/run/$$t && mkdir -p build/fuzz/run/$$t && \
	    cp tests/fuzz/corpus/$$t/* build/fuzz/run/$$t/ && \
	    echo "== fuzz_$$t ($(FUZZ_SECONDS) s)" && \
	    ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_$$t \
	        -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/artifacts/$$t- \
	        build/fuzz/run/$$t || exit 1; done

-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_BINS:=.d)

# --- run --------------------------------------------------------------------
# The main job on the sample configuration: load the bundled plan as this
# year's plan into var/deadlined.db, say in a few lines what there is and
# where to look (check-config: the ack links' address and the Maildir;
# the first items due), and run the daemon in the foreground (Ctrl-C
# stops it).  Notices land in the Maildir var/mail, which mutt reads:
# make run installs it.  RUN_CONF, RUN_DB and RUN_NOW (a --now instant)
# run it on another configuration, database or clock (tests/e2e/run.sh).
RUN_CONF ?= etc/deadlined.conf
RUN_DB   ?= var/deadlined.db
RUN_NOW  ?=
RUN_ARGS  = -c $(RUN_CONF) --db $(RUN_DB)$(if $(RUN_NOW), --now $(RUN_NOW))
RUN_MODULES := file:/usr/bin/mutt
RUN_DEBS    := mutt
run-deps:
	@sh tests/install-deps $(RUN_MODULES) -- $(RUN_DEBS)

run: $(BINS) $(AGENT) run-deps
	@mkdir -p $(dir $(RUN_DB))
	@$(BUILD)/deadlinectl $(RUN_ARGS) import etc/plans/2021-shandong-ip-workplan.txt --year current
	@$(BUILD)/deadlinectl $(RUN_ARGS) check-config
	@echo "Due first:"
	@$(BUILD)/deadlinectl $(RUN_ARGS) list --limit 5
	@echo "All of it: $(BUILD)/deadlinectl $(RUN_ARGS) list"
	@echo "Sent, waiting or skipped: $(BUILD)/deadlinectl $(RUN_ARGS) outbox --all"
	@m=$$($(BUILD)/deadlinectl $(RUN_ARGS) check-config --verbose 2>/dev/null | \
	    sed -n 's/^maildir = "\(.*\)";  # .*/\1/p'); [ -z "$$m" ] || \
	    echo "Read the mails in another terminal: mutt -f $$m (or ls $$m/new)"
	@echo "The sample sends on working days, 09:00-17:30 Beijing time.  Ctrl-C stops the daemon."
	@exec $(BUILD)/deadlined $(RUN_ARGS)

# --- holidays ---------------------------------------------------------------
# etc/holidays/YYYY.conf, the official days off and make-up working days of
# every year published, converted from the npm package chinese-days (a
# maintained transcription of the State Council's notices) by
# tools/holidays-from-chinese-days.py.  The files are committed: only
# refreshing them needs npm (the package is unpacked in build/holidays).
HOLIDAYS_PKG := chinese-days@1.5
holidays:
	@command -v npm >/dev/null 2>&1 || { echo "deadlined: make holidays needs npm" >&2; exit 1; }
	@rm -rf build/holidays && mkdir -p build/holidays
	@cd build/holidays && tar -xzf "$$(npm pack --silent $(HOLIDAYS_PKG))"
	@/usr/bin/python3 tools/holidays-from-chinese-days.py build/holidays/package etc/holidays

# --- install ----------------------------------------------------------------
# Both commands in bin, the delivery agent in lib/deadlined (where the
# daemon looks for it, from its own directory: ../lib/deadlined); man
# pages gzipped; the holiday calendars in $(SYSCONFDIR)/deadlined/holidays
# (the sample's calendar); the operator's deadlined.conf is
# never overwritten (deadlined.conf.sample is always the shipped one); the
# unit's paths follow PREFIX and SYSCONFDIR.  uninstall removes what install
# put there, except a deadlined.conf that differs from the sample.
MANPAGES := etc/man/deadlinectl.1 etc/man/deadlined.conf.5 etc/man/deadlined.8
BINDIR   := $(DESTDIR)$(PREFIX)/bin
MANDIR   := $(DESTDIR)$(PREFIX)/share/man
CONFDIR  := $(DESTDIR)$(SYSCONFDIR)/deadlined
PLANDIR  := $(DESTDIR)$(PREFIX)/share/deadlined/plans
UNITDIR  := $(DESTDIR)$(PREFIX)/lib/systemd/system
AGENTDIR := $(DESTDIR)$(PREFIX)/lib/deadlined
.PHONY: uninstall

install: $(BINS) $(AGENT)
	install -d $(BINDIR) $(AGENTDIR) $(MANDIR)/man1 $(MANDIR)/man5 \
	    $(MANDIR)/man8 $(CONFDIR) $(PLANDIR) $(UNITDIR)
	install -m 0755 $(BINS) $(BINDIR)/
	install -m 0755 $(AGENT) $(AGENTDIR)/
	for m in $(MANPAGES); do \
	    gzip -9n -c $$m > $(MANDIR)/man$${m##*.}/$${m##*/}.gz && \
	    chmod 0644 $(MANDIR)/man$${m##*.}/$${m##*/}.gz || exit 1; done
	install -m 0644 etc/deadlined.conf $(CONFDIR)/deadlined.conf.sample
	[ -e $(CONFDIR)/deadlined.conf ] || \
	    install -m 0644 etc/deadlined.conf $(CONFDIR)/deadlined.conf
	install -d $(CONFDIR)/holidays
	install -m 0644 etc/holidays/*.conf $(CONFDIR)/holidays/
	[ -e $(CONFDIR)/smtp.pass ] || install -m 0600 /dev/null $(CONFDIR)/smtp.pass
	install -m 0644 etc/plans/*.txt $(PLANDIR)/
	sed -e '/^ExecStart=/s|/usr/bin/|$(PREFIX)/bin/|' \
	    -e '/^ExecStart=/s|/etc/deadlined/|$(SYSCONFDIR)/deadlined/|' \
	    systemd/deadlined.service > $(UNITDIR)/deadlined.service.tmp
	chmod 0644 $(UNITDIR)/deadlined.service.tmp
	mv -f $(UNITDIR)/deadlined.service.tmp $(UNITDIR)/deadlined.service

uninstall:
	rm -f $(BINS:$(BUILD)/%=$(BINDIR)/%) $(AGENTDIR)/$(notdir $(AGENT)) \
	    $(foreach m,$(MANPAGES),$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)).gz) \
	    $(addprefix $(CONFDIR)/holidays/,$(notdir $(wildcard etc/holidays/*.conf))) \
	    $(addprefix $(PLANDIR)/,$(notdir $(wildcard etc/plans/*.txt))) \
	    $(UNITDIR)/deadlined.service
	if cmp -s $(CONFDIR)/deadlined.conf etc/deadlined.conf || \
	    cmp -s $(CONFDIR)/deadlined.conf $(CONFDIR)/deadlined.conf.sample; then \
	    rm -f $(CONFDIR)/deadlined.conf; \
	elif [ -e $(CONFDIR)/deadlined.conf ]; then \
	    echo "keeping the changed $(CONFDIR)/deadlined.conf"; fi
	rm -f $(CONFDIR)/deadlined.conf.sample
	[ -s $(CONFDIR)/smtp.pass ] || rm -f $(CONFDIR)/smtp.pass
	rmdir $(PLANDIR) $(DESTDIR)$(PREFIX)/share/deadlined $(AGENTDIR) \
	    $(CONFDIR)/holidays $(CONFDIR) 2>/dev/null || :

clean:
	rm -rf build

distclean: clean
	rm -rf var

-include $(LIB_OBJS:.o=.d) $(BINS:$(BUILD)/%=$(BUILD)/obj/%.d) \
         $(AGENT:$(BUILD)/%=$(BUILD)/obj/%.d) \
         $(UNIT_BINS:=.d) $(BUILD)/obj/bench/bench_pass.d \
         $(BUILD)/obj/bench/bench_xlsx.d
