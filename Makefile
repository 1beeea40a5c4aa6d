# kensa: one non-recursive Makefile. Sources are found by wildcard, so adding
# a file to a module directory needs no edit here.
#   make            build/kensa and build/libkensa.a (optimised)
#   make check      install deps, build with ASan+UBSan, run unit + e2e tests
#   make scan       install deps, build, run `kensa scan` on this host
#   make bench      install deps (incl. oscap), run the benchmarks vs oscap
#   make fuzz       build libFuzzer targets and run each briefly
#   make install PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS     = libxml-2.0 libxslt libpcre2-8 openssl libcurl libarchive yaml-0.1 rpm libselinux libsystemd libsepol
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# librpm, libcurl, libxslt, libselinux, libsepol, libsystemd, libarchive,
# libcrypto and libyaml are opened with dlopen on first use (ks_dl_load in
# platform/base/dl.c): compiled against, not linked. Their sonames come from
# the libraries the linker would find, so the two agree.
DL_PKGS    = libcurl rpm libxslt libselinux libarchive openssl yaml-0.1 libsystemd libsepol
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DL_PKGS),$(PKGS)) 2>/dev/null)
# Unit tests that check against a library directly link it themselves.
TEST_LIBS  := $(shell pkg-config --libs libselinux libarchive libcrypto libsystemd 2>/dev/null)
soname      = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
SONAMES    := -DKS_SONAME_RPM='"$(call soname,librpm.so)"' \
              -DKS_SONAME_CURL='"$(call soname,libcurl.so)"' \
              -DKS_SONAME_XSLT='"$(call soname,libxslt.so)"' \
              -DKS_SONAME_SELINUX='"$(call soname,libselinux.so)"' \
              -DKS_SONAME_ARCHIVE='"$(call soname,libarchive.so)"' \
              -DKS_SONAME_CRYPTO='"$(call soname,libcrypto.so)"' \
              -DKS_SONAME_YAML='"$(call soname,libyaml.so)"' \
              -DKS_SONAME_SYSTEMD='"$(call soname,libsystemd.so)"' \
              -DKS_SONAME_SEPOL='"$(call soname,libsepol.so)"'
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 -I. $(WARN) $(PKG_CFLAGS) $(CFLAGS) \
             -DKS_DATADIR='"$(PREFIX)/share/kensa"' -DKS_SRCDIR='"$(CURDIR)"' $(SONAMES)
LDLIBS   = $(PKG_LIBS) -lm -lpthread

LIB_SRC  := $(sort $(wildcard platform/base/*.c platform/*.c oval/*.c \
              xccdf/*.c feeds/*.c agent/*.c))
LIB_SRC  := $(filter-out agent/main.c,$(LIB_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HDRS     := $(wildcard platform/base/*.h platform/*.h oval/*.h xccdf/*.h \
              feeds/*.h agent/*.h tests/unit/*.h)

.PHONY: all deps check unit e2e scan bench fuzz install clean asan
all: $(BUILD)/kensa $(BUILD)/libkensa.a

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libkensa.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/kensa: $(BUILD)/agent/main.o $(BUILD)/libkensa.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libkensa.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libkensa.a $(LDLIBS) $(TEST_LIBS) -lcmocka

# make check: everything under ASan + UBSan, any report fails the run.
SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
      -fno-omit-frame-pointer
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1

check: deps
	@sh scripts/deps.sh check
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(SAN)" asan

asan: $(BUILD)/kensa $(UNIT_BIN)
	@sh tests/run-unit.sh $(BUILD)
	@sh tests/e2e/run.sh $(BUILD)/kensa

unit: $(BUILD)/kensa $(UNIT_BIN)
	@sh tests/run-unit.sh $(BUILD)

e2e: $(BUILD)/kensa
	@sh tests/e2e/run.sh $(BUILD)/kensa

scan: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/kensa scan --output $(BUILD)

bench: deps
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BUILD)/kensa

FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	    CFLAGS="$(FUZZ_CFLAGS)" WARN="-Wall -Wno-unused-parameter" \
	    build/fuzz/libkensa.a
	@sh tests/fuzz/run.sh build/fuzz "$(ALL_CFLAGS)" "$(LDLIBS)"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kensa
	install -m 755 $(BUILD)/kensa $(DESTDIR)$(PREFIX)/bin/kensa
	cp -r data/. $(DESTDIR)$(PREFIX)/share/kensa/

clean:
	rm -rf build
