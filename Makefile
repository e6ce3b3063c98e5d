# lixiao — build, test and try the pipeline on a Debian machine.
#
#   make demo    run lixiao on the bundled example files (installs what it needs)
#   make test    run the whole test suite (installs what it needs)

SWIFT       ?= swift
ROOT        := $(CURDIR)
DEMO_ROOT   ?= $(ROOT)/.build-demo
# Debian packages: the C libraries lixiao links, and the real programs the tests compare against.
APT_BUILD   := pkg-config libxlsxwriter-dev libxml2-dev libzip-dev libcsv-dev libfreexl-dev
APT_TEST    := libreoffice-calc-nogui python3 python3-pip
PIP_TEST    := openpyxl

.PHONY: all deps deps-build build debug test lint demo clean

all: build

# Installs only the Debian packages that are missing (and openpyxl when python3 lacks it).
deps: deps-build
	@missing=""; for p in $(APT_TEST); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q $(PIP_TEST) 2>&1 | grep -v "WARNING: Running pip as" || true
	@python3 -c "import openpyxl" 2>/dev/null || { echo "openpyxl could not be installed"; exit 1; }

deps-build:
	@missing=""; for p in $(APT_BUILD); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

build: deps-build
	$(SWIFT) build -c release

debug: deps-build
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --recursive --strict Package.swift Sources Tests

# Reads every bundled example file the way the inbox watcher will, and shows what lixiao makes of it.
demo: build
	@for f in Tests/SheetsTests/Fixtures/registry-libreoffice.xlsx Tests/SheetsTests/Fixtures/registry-gbk.csv \
	          Tests/SheetsTests/Fixtures/registry-libreoffice.xls Tests/SheetsTests/Fixtures/portal-export.xls; do \
	  echo "\$$ lixiao inspect $$f"; .build/release/lixiao inspect --sheet 1 "$$f" || true; echo; done

clean:
	rm -rf .build .build-* 
