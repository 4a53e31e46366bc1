#!/bin/sh
# make.sh regenerates the office and scan fixtures from the development
# set (../dev/docs). The outputs are committed; run this only to change
# them. It needs Go, LibreOffice (libreoffice-writer-nogui), Chromium,
# poppler-utils, ImageMagick, img2pdf and the DejaVu fonts.
#
#   cd testdata/office && ./make.sh
#
# It writes, for each plan of the development set:
#   docx/NAME.docx   typed in Word form: LibreOffice from a page whose
#                    header is a two-column table (issuer | motto)
#   doc/NAME.doc     the same, as Word 97-2003
#   pdf/NAME.pdf     printed to PDF by Chromium (a text layer; tables ruled)
#   scan/NAME.pdf    as a scanner would: Chromium's PDF of the page, each
#                    page rasterized at 200 dpi grey, turned 0.5°, saved as
#                    JPEG quality 75, wrapped as an image-only PDF (img2pdf)
# and:
#   numbered.docx    automatic numbering (I., 1., a), -) and a tracked
#                    change (60% deleted, 65% inserted), from a flat ODT
#   mixed.pdf        a text PDF whose last page is scanned
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docx doc pdf scan "$tmp/html" "$tmp/pdf"
# ImageMagick itself, not a stand-in of the same name earlier on PATH
CONVERT=convert
[ -x /usr/bin/convert ] && CONVERT=/usr/bin/convert

go run office.go html ../dev/docs "$tmp/html"
soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" --outdir docx "$tmp"/html/*.html >/dev/null
soffice --headless --infilter="HTML (StarWriter)" --convert-to doc:"MS Word 97" --outdir doc "$tmp"/html/*.html >/dev/null

go run office.go fodt "$tmp/numbered.fodt"
soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" "$tmp/numbered.fodt" >/dev/null
cp "$tmp/numbered.docx" numbered.docx

scanpdf() { # scanpdf IN.pdf OUT.pdf [FIRST LAST]
  rm -f "$tmp"/pg-*
  pdftoppm -r 200 -gray ${3:+-f $3 -l $4} -png "$1" "$tmp/pg"
  for p in "$tmp"/pg-*.png; do
    $CONVERT "$p" -background white -rotate 0.5 -units PixelsPerInch -density 200 -quality 75 "${p%.png}.jpg"
  done
  img2pdf "$tmp"/pg-*.jpg -o "$2"
}
for h in "$tmp"/html/*.html; do
  n=$(basename "$h" .html)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --no-pdf-header-footer --print-to-pdf="$tmp/pdf/$n.pdf" "file://$h" 2>/dev/null
  cp "$tmp/pdf/$n.pdf" "pdf/$n.pdf"
  scanpdf "$tmp/pdf/$n.pdf" "scan/$n.pdf"
done

# A typed plan whose last page (the signatures) was scanned.
m=D12_chogao_kh_lotrinh_2022_2025
last=$(pdfinfo "$tmp/pdf/$m.pdf" | awk '/^Pages:/ {print $2}')
pdfseparate -f 1 -l $((last - 1)) "$tmp/pdf/$m.pdf" "$tmp/text-%d.pdf"
scanpdf "$tmp/pdf/$m.pdf" "$tmp/last.pdf" "$last" "$last"
pdfunite $(ls "$tmp"/text-*.pdf | sort -V) "$tmp/last.pdf" mixed.pdf

# The plan of seed 002 (68/KH-UBND of Bến Cát) as a Word file, beside its
# text (../seeds), HTML (../fixtures/html) and PDF (../fixtures/pdf)
# forms: one document in four files, for the index's document identity.
mkdir -p "$tmp/seed" "$tmp/seedhtml" seed
cp ../seeds/002_c57fbb1e870047eb.txt "$tmp/seed/002.txt"
go run office.go html "$tmp/seed" "$tmp/seedhtml"
soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" --outdir seed "$tmp"/seedhtml/002.html >/dev/null
