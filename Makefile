# lixiao — build, test and try the pipeline on a Debian machine.
#
#   make demo    play a clearance season for a generated university (installs what it needs)
#   make test    run the whole test suite (installs what it needs)

SWIFT       ?= swift
ROOT        := $(CURDIR)
DEMO_ROOT   ?= $(ROOT)/.build-demo
# Debian packages: the C libraries lixiao links, and the real programs the tests compare against.
APT_BUILD   := pkg-config libxlsxwriter-dev libxml2-dev libzip-dev libcsv-dev libfreexl-dev
APT_TEST    := libreoffice-calc-nogui python3 python3-pip time samba smbclient acl systemd
PIP_TEST    := openpyxl

.PHONY: all deps deps-build build debug test lint demo clean default-pipeline

all: build

# Installs only the Debian packages that are missing (and openpyxl when python3 lacks it).
deps: deps-build
	@missing=""; for p in $(APT_TEST); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
	@# openpyxl: pip where python3 allows it (pyenv, venv); Debian's own package where the system Python
	@# refuses pip (PEP 668).
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q $(PIP_TEST) >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-openpyxl >/dev/null; } || true
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

# Plays a whole clearance season for a generated university in a fresh folder (see `lixiao demo --help`).
demo: build
	@rm -rf $(DEMO_ROOT)
	.build/release/lixiao demo --root $(DEMO_ROOT) --people 2000

clean:
	rm -rf .build .build-* 

# pipelines/default.toml is built into the binary; run this after editing it (a test checks they match).
default-pipeline:
	@{ printf '%s\n' '/// `pipelines/default.toml`, built into the binary so every command works with no file given.' \
	    '///' '/// A test keeps this byte-for-byte equal to the file; `make default-pipeline` regenerates it.' \
	    'enum DefaultPipeline {' '    static let text = #"""'; cat pipelines/default.toml; printf '\n%s\n%s\n' '"""#' '}'; } \
	  > Sources/Pipeline/Definition/DefaultPipeline.swift
