#!/usr/bin/env bash
# Regenerates the PipelineTests intake fixtures: openpyxl writes the xlsx and the GBK CSV, LibreOffice the .xls.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 "$here/make_fixtures.py"
tmp="$(mktemp -d)"
soffice -env:UserInstallation=file:///tmp/lo-pipeline-fixtures --headless --convert-to xls --outdir "$tmp" \
    "$here/registry-update.xlsx" >/dev/null 2>&1
mv "$tmp/registry-update.xls" "$here/registry-update.xls"
rm -rf "$tmp"
echo "fixtures written to $here"
