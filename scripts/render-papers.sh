#!/usr/bin/env bash
# The papers cchc writes, as a reader gets them: the report as a Word document, the
# follow-up letter and the workbook, made from the bundled data (with a title block
# and some progress recorded), converted to PDF by LibreOffice, the first page of each
# rendered to PNG. Prints each file's page count; fails if one does not convert.
#   scripts/render-papers.sh          # into a temporary folder, then removed
#   scripts/render-papers.sh --docs   # and copy the PNGs into docs/ (README links them)
# Needs: LibreOffice (soffice) and poppler-utils (pdftoppm, pdfinfo).
set -euo pipefail
cd "$(dirname "$0")/.."
cchc=.venv/bin/cchc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data="$work/data"
cp -r data "$data"
rm -rf "$data/.cchc"
cat >> "$data/config.yaml" <<'YAML'
office: Văn phòng HĐND và UBND huyện Vĩnh Linh
document:
  parent: UBND huyện Vĩnh Linh
  body: Văn phòng HĐND và UBND huyện
  symbol: VP
  drafter: TH
  place: Vĩnh Linh
  signer: {on_behalf: KT. Chánh Văn phòng, title: Phó Chánh Văn phòng, name: Lê Văn An}
  recipients: [Thường trực UBND huyện (b/c), "Lưu: VT, TH"]
YAML
run() { "$cchc" "$@" --data "$data" >/dev/null; }
# Some progress, so that not every number is a zero.
run done 2.3 --on 2023-11-24 --evidence "Báo cáo số 12/BC-NV" --as-of 2023-11-24
run done 1.2 --unit noi-vu --unit gd-dt --unit "Vĩnh Hà" --on 2023-11-23 --as-of 2023-11-23
run done 1.2 --unit kt-ht --unit "Hồ Xá" --unit "Vĩnh Tú" --on 2023-11-28 --as-of 2023-11-28
run done 8.2 --unit "Vĩnh Hà" --unit "Vĩnh Hòa" --unit "Hồ Xá" --on 2023-11-22 --as-of 2023-11-22
run extend 8.3 --unit "Vĩnh Thủy" --to 2023-12-29 --reason "Chờ kết nối phần mềm" --as-of 2023-12-01
run done 7.1 --on 2023-11-30 --as-of 2023-11-30

"$cchc" report --period 2023-12 --as-of 2024-01-05 -f docx -o "$work/bao-cao.docx" --data "$data"
"$cchc" letter --as-of 2023-12-05 --unit "Phòng Y tế" --unit "Kim Thạch" --unit "Vĩnh Thủy" \
  -o "$work/cong-van-don-doc.docx" --data "$data"
"$cchc" report --period 2023-12 --as-of 2024-01-05 -f xlsx -o "$work/bao-cao-tong-hop.xlsx" \
  --data "$data"
# A profile of its own: a LibreOffice the user has open does not block this one.
HOME="$work" soffice --headless --convert-to pdf --outdir "$work" \
  "$work/bao-cao.docx" "$work/cong-van-don-doc.docx" "$work/bao-cao-tong-hop.xlsx" >/dev/null
for name in bao-cao cong-van-don-doc bao-cao-tong-hop; do
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}')
  echo "$name.pdf: $pages pages"
  pdftoppm -r 80 -f 1 -l 1 -singlefile -png "$work/$name.pdf" "$work/$name"
done
if [ "${1:-}" = "--docs" ]; then
  cp "$work/bao-cao.png" docs/bao-cao-docx.png
  cp "$work/cong-van-don-doc.png" docs/cong-van-don-doc.png
  cp "$work/bao-cao-tong-hop.png" docs/bao-cao-xlsx.png
  echo "docs/bao-cao-docx.png docs/cong-van-don-doc.png docs/bao-cao-xlsx.png"
fi
