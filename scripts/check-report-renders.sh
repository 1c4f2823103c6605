#!/usr/bin/env bash
# Does the Excel report open and render in LibreOffice? Converts the report of
# the bundled data to PDF headlessly and checks that it has pages.
# Needs: apt-get install libreoffice-calc poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/cchc report --period 2023-11 --format xlsx --output "$work/bao-cao.xlsx" --data data
libreoffice --headless --convert-to pdf --outdir "$work" "$work/bao-cao.xlsx" >/dev/null
pages=$(pdfinfo "$work/bao-cao.pdf" | awk '/^Pages:/ {print $2}')
echo "bao-cao.xlsx -> bao-cao.pdf: $pages pages"
[ "$pages" -ge 4 ]
