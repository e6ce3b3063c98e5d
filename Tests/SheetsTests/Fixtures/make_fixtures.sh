#!/usr/bin/env bash
# Regenerates every committed spreadsheet fixture in this folder.
#
# Needs: python3 with openpyxl>=3.1 and msoffcrypto-tool (pip install openpyxl msoffcrypto-tool),
#        LibreOffice (soffice) on PATH (Debian: apt-get install libreoffice-calc libreoffice-writer).
# Runnable from any working directory; writes only into the folder this script lives in.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-python3}"
HELPER="$HERE/make_fixtures.py"

command -v soffice >/dev/null || { echo "soffice (LibreOffice) not found" >&2; exit 1; }
"$PY" -c 'import openpyxl, sys; sys.exit(0 if tuple(map(int, openpyxl.__version__.split(".")[:2])) >= (3, 1) else 1)' \
    || { echo "openpyxl>=3.1 is required (pip install openpyxl)" >&2; exit 1; }
"$PY" -c 'import msoffcrypto' 2>/dev/null \
    || { echo "msoffcrypto-tool is required (pip install msoffcrypto-tool)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lixiao-fixtures.XXXXXX)"
LO_PROFILE="/tmp/lo-fixtures"
trap 'rm -rf "$WORK"' EXIT

# lo_convert IN FILTER DEST [extra soffice args...]: convert IN with LibreOffice, copy the result to DEST
lo_convert() {
    local in="$1" filter="$2" dest="$3" out
    shift 3
    out="$(mktemp -d "$WORK/lo.XXXXXX")"
    soffice -env:UserInstallation="file://$LO_PROFILE" --headless --norestore "$@" \
        --convert-to "$filter" --outdir "$out" "$in" >"$out.log" 2>&1 || true
    local produced
    produced="$(find "$out" -type f | head -n 1)"
    if [[ -z "$produced" ]]; then
        echo "soffice failed to convert $in to $filter:" >&2
        cat "$out.log" >&2
        exit 1
    fi
    cp "$produced" "$dest"
}

cd "$WORK"

# 1, 4, 6, 8, 12, 14: written by Python (openpyxl, csv module, zipfile).
"$PY" "$HELPER" python "$WORK/py"
for f in registry-openpyxl.xlsx registry-utf8.csv registry-utf8-bom.csv registry-gbk.csv \
         ids-and-formulas-openpyxl.xlsx rich-text.xlsx portal-export.xls numbers-like.numbers; do
    cp "$WORK/py/$f" "$HERE/$f"
done

SRC="$HERE/registry-openpyxl.xlsx"

# 2, 3, 11: re-saved by LibreOffice.
lo_convert "$SRC" xlsx "$HERE/registry-libreoffice.xlsx"
lo_convert "$SRC" xls  "$HERE/registry-libreoffice.xls"
lo_convert "$SRC" ods  "$HERE/registry.ods"

# 5: LibreOffice CSV export in GBK. The CSV filter's charset token must be the numeric
# rtl_TextEncoding: 67 = RTL_TEXTENCODING_GBK (61 = MS_936 gives the same bytes here).
# Names such as "GBK" or "CP936" are silently ignored by LibreOffice 7.4 (it writes UTF-8).
GBK_CSV="$WORK/registry-gbk-excel-style.csv"
lo_convert "$SRC" 'csv:Text - txt - csv (StarCalc):44,34,67,1' "$GBK_CSV"
"$PY" "$HELPER" check-gbk "$GBK_CSV" || { echo "LibreOffice did not write GBK" >&2; exit 1; }
cp "$GBK_CSV" "$HERE/registry-gbk-excel-style.csv"

# 7: formulas re-saved through LibreOffice (stores the cached value 3 for =1+2).
lo_convert "$HERE/ids-and-formulas-openpyxl.xlsx" xlsx "$HERE/formulas-libreoffice.xlsx"

# 9: encrypted with password "lixiao" (ECMA-376 agile encryption, OLE compound file).
"$PY" "$HELPER" encrypt "$SRC" "$HERE/encrypted.xlsx"

# 10: a real PDF wearing an .xlsx name (import filter: comma, quote, UTF-8 (76), start at line 1).
cp "$HERE/registry-utf8.csv" "$WORK/registry.csv"
lo_convert "$WORK/registry.csv" pdf "$HERE/not-a-spreadsheet.pdf.xlsx" \
    --infilter='Text - txt - csv (StarCalc):44,34,76,1'

# 13: a tiny Word document.
"$PY" "$HELPER" docx-input "$WORK/document.txt"
lo_convert "$WORK/document.txt" 'docx:MS Word 2007 XML' "$HERE/document.docx" \
    --infilter='Text (encoded):UTF8,LF,,,'

# 15: WPS Spreadsheets extension on BIFF8 bytes.
cp "$HERE/registry-libreoffice.xls" "$HERE/wps-sheet.et"

echo "fixtures written to $HERE:"
( cd "$HERE" && ls -l -- *.xlsx *.xls *.csv *.ods *.docx *.numbers *.et )
