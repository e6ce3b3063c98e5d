# lixiao — build, test and try the pipeline on a Debian machine.
#
#   make demo    play a clearance season for a generated university (installs what it needs)
#   make test    run the whole test suite in two time zones (installs what it needs), then the differential test
#   make test-long  600 SIGKILLs of run and watch over a season (KILLS, SEED), storage faults and power cuts
#                   at every FAULT_STEP-th call of a season (default 4)
#   make test-asan, make test-tsan  the suite under AddressSanitizer or ThreadSanitizer
#   make fuzz    fuzz the spreadsheet readers with libFuzzer for SECONDS (default 60)
#   make bench   time lixiao beside the C floors, python-calamine and the openpyxl peer (SIZES, REPEAT, LIXIAO)

SWIFT       ?= swift
ROOT        := $(CURDIR)
DEMO_ROOT   ?= $(ROOT)/.build-demo
# Debian packages: the C libraries lixiao links, and the real programs the tests compare against.
APT_BUILD   := pkg-config libxlsxwriter-dev libxml2-dev libzip-dev libcsv-dev libpango1.0-dev libcairo2-dev libqrencode-dev fonts-noto-cjk
APT_TEST    := libreoffice-calc-nogui python3 python3-pip python3-venv time samba smbclient acl systemd poppler-utils fonts-noto-cjk zbar-tools unzip
PIP_TEST    := openpyxl
# The differential test's reference reader, in a venv of its own (Debian's Python refuses pip, PEP 668).
VENV        := $(ROOT)/.build/test-venv
PIP_VENV    := python-calamine xlsxwriter
FIXTURES    := Tests/SheetsTests/Fixtures

.PHONY: all deps deps-build build debug test test-long test-asan test-tsan differential corpus fuzz bench lint demo clean default-pipeline

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
	@# python-calamine and XlsxWriter in the test venv, installed only when missing.
	@$(VENV)/bin/python -c "import python_calamine, xlsxwriter" 2>/dev/null || \
	  { python3 -m venv $(VENV) && $(VENV)/bin/pip install -q $(PIP_VENV) >/dev/null; }
	@$(VENV)/bin/python -c "import python_calamine" || { echo "python-calamine could not be installed"; exit 1; }

deps-build:
	@missing=""; for p in $(APT_BUILD); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

build: deps-build
	$(SWIFT) build -c release

debug: deps-build
	$(SWIFT) build

# The whole suite runs in the university's own zone (Beijing time, UTC+8), never in the machine's: a test that
# assumes UTC fails here. Then the suites that turn ledger times into what staff read run again in a half-hour
# zone (India's, UTC+5:30), where arithmetic in whole hours goes wrong: the time type and the output builders
# (ClearanceTests, ReportsTests, PipelineTests), and the command-line suites that print and file by local time
# (show/history/status, withdrawals and moves, receipts filed by local day); not the 50,000-person timing of the
# statistics, which prints no time. About 2 minutes on 2 cores, beside 6-9 for the whole suite.
TZ_SUITES := '^(ClearanceTests|ReportsTests|PipelineTests)\.|^lixiaoTests\.(LocalTimeCommandTests|LeavingScenarioTests|ReceiptFilingTests)/'

test: deps
	$(SWIFT) build --build-tests
	TZ=Asia/Shanghai $(SWIFT) test --skip-build
	TZ=Asia/Kolkata $(SWIFT) test --skip-build --filter $(TZ_SUITES) --skip 'StatisticsScaleTests|FaultLoopTests|PowerLossTests'
	$(MAKE) --no-print-directory differential

# The long proof loops, outside make test: 600 SIGKILLs of run and watch over a 56-file season (KILLS sets how
# many, SEED replays a loop from the seed it printed).
KILLS ?= 600
FAULT_STEP ?= 4
test-long: deps
	$(SWIFT) build --build-tests
	TZ=Asia/Shanghai LIXIAO_KILLS=$(KILLS) $(if $(SEED),LIXIAO_KILL_SEED=$(SEED)) \
	  $(SWIFT) test --skip-build --filter 'KillLoopTests'
	LIXIAO_FAULT_STEP=$(FAULT_STEP) LIXIAO_POWER_STEP=$(FAULT_STEP) $(SWIFT) test --skip-build \
	  --filter 'FaultLoopTests|PowerLossTests'

# The whole suite under AddressSanitizer (with LeakSanitizer and UBSan's checks Swift allows) and under
# ThreadSanitizer, the C wrappers and C libraries' callers included; each build keeps its own scratch folder.
# The commands the tests start are the sanitized build's too. Slower than make test: not part of it.
SANITIZED_SUITES ?= .
test-asan: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address \
	  -Xcc -fsanitize=address -Xcc -fno-omit-frame-pointer
	TZ=Asia/Shanghai ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:fast_unwind_on_malloc=0 \
	  LSAN_OPTIONS=suppressions=$(ROOT)/Tests/Sanitizers/lsan.supp:print_suppressions=0 \
	  $(SWIFT) test --skip-build --scratch-path .build-asan --filter '$(SANITIZED_SUITES)'
test-tsan: deps
	$(SWIFT) build --build-tests --scratch-path .build-tsan -Xswiftc -sanitize=thread -Xcc -fsanitize=thread
	TZ=Asia/Shanghai TSAN_OPTIONS=halt_on_error=1 \
	  $(SWIFT) test --skip-build --scratch-path .build-tsan --filter '$(SANITIZED_SUITES)'

# Every xlsx/xls fixture read by lixiao and by python-calamine, compared cell by cell; prints the figure.
differential:
	$(VENV)/bin/python Tests/SheetsTests/Scripts/differential.py .build/debug/lixiao $(FIXTURES) $(FIXTURES)/Corpus

# Fuzzes the readers with libFuzzer and AddressSanitizer for SECONDS (default 60), seeded with every fixture;
# a crash is written to .build-fuzz/findings/; commit it beside the fixtures with a test that reads it.
SECONDS_FUZZ := $(or $(SECONDS),60)
fuzz: deps-build
	LIXIAO_FUZZ=1 $(SWIFT) build -c release --scratch-path .build-fuzz --product lixiao-fuzz-sheets \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	@mkdir -p .build-fuzz/corpus .build-fuzz/findings
	@find $(FIXTURES) -type f \( -name '*.xls' -o -name '*.xlsx' -o -name '*.csv' \) -size -100k \
	  -exec cp {} .build-fuzz/corpus/ \;
	.build-fuzz/release/lixiao-fuzz-sheets .build-fuzz/corpus -max_total_time=$(SECONDS_FUZZ) -max_len=131072 \
	  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix=.build-fuzz/findings/

# Regenerates the .xls/.xlsx corpus with every writer available (LibreOffice, Gnumeric, XlsxWriter, libxlsxwriter).
corpus: deps
	@dpkg-query -W -f='$${Status}' gnumeric 2>/dev/null | grep -q "ok installed" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnumeric >/dev/null; }
	$(VENV)/bin/python Tests/SheetsTests/Scripts/make_xls_corpus.py

# Times lixiao beside the C read and write floors, python-calamine and the openpyxl peer (Tests/Bench/), each
# step REPEAT times interleaved, at each of SIZES people from the demo generator; prints a table, writes
# .build/bench/results.json. Not part of `make test`. LIXIAO names another build to measure.
SIZES       ?= 10000 50000 200000
REPEAT      ?= 3
LIXIAO      ?= .build/release/lixiao
BENCH_VENV  := $(ROOT)/.build/bench-venv
APT_BENCH   := gcc python3 python3-venv time
bench: deps-build
	@missing=""; for p in $(APT_BENCH); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
	@$(BENCH_VENV)/bin/python -c "import openpyxl, python_calamine" 2>/dev/null || \
	  { python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q openpyxl python-calamine >/dev/null; }
	$(SWIFT) build -c release
	@mkdir -p .build/bench
	gcc -O2 -o .build/bench/read_floor Tests/Bench/read_floor.c $$(pkg-config --cflags --libs libzip libxml-2.0)
	gcc -O2 -o .build/bench/write_floor Tests/Bench/write_floor.c $$(pkg-config --cflags --libs xlsxwriter)
	$(BENCH_VENV)/bin/python Tests/Bench/bench.py --lixiao $(LIXIAO) --floors .build/bench --out .build/bench \
	  --sizes $(SIZES) --repeat $(REPEAT)

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
