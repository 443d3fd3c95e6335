#!/usr/bin/env bash
# Opens the PowerPoint files Lectern writes in a real office suite: every course lecture and the
# all-kinds, math and figures fixtures (or the lecture files given) go through `lectern render --pptx`, then LibreOffice
# Impress converts each deck.pptx to PDF, headless; each PDF must have one page per slide of its deck
# (deck.json). With PNG_DIR set, the pages are also drawn as PNG there (pdftoppm) to look at.
#
# Needs: apt-get install -y --no-install-recommends libreoffice-impress poppler-utils
# Usage: scripts/check-pptx-office.sh [lecture files…]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in soffice pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-pptx-office: $tool is not installed (apt-get install libreoffice-impress poppler-utils)" >&2
    exit 2
  fi
done

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$root"/content/cold-war/*.yaml "$root/test/fixtures/lectures/all-kinds.yaml"
    "$root/test/fixtures/lectures/math.yaml" "$root/test/fixtures/media/figures.yaml")
  # course.yaml is the course, not a lecture: render reads it for the order only
fi

work="$(mktemp -d)"
# LibreOffice wants a profile of its own when run as root or beside another instance.
profile="/tmp/lo-profile-$$"
trap 'rm -rf "$work" "$profile"' EXIT

(cd "$root" && npx tsx lambdas/cli/main.ts render "${files[@]}" --out "$work/out" --pptx --quiet)

mkdir -p "$work/pptx" "$work/pdf"
for deck in "$work"/out/*/deck.pptx; do
  id="$(basename "$(dirname "$deck")")"
  cp "$deck" "$work/pptx/$id.pptx"
done
soffice "-env:UserInstallation=file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$work/pdf" "$work"/pptx/*.pptx >"$work/soffice.log" 2>&1 || {
  cat "$work/soffice.log" >&2
  exit 1
}

failed=0
checked=0
for deck in "$work"/pptx/*.pptx; do
  id="$(basename "$deck" .pptx)"
  slides="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).slides)' "$work/out/$id/deck.json")"
  pdf="$work/pdf/$id.pdf"
  if [ ! -f "$pdf" ]; then
    echo "FAIL $id: LibreOffice wrote no PDF" >&2
    failed=$((failed + 1))
    continue
  fi
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
  checked=$((checked + 1))
  if [ "$pages" = "$slides" ]; then
    echo "ok   $id: $slides slides, $pages pages"
  else
    echo "FAIL $id: $slides slides, but LibreOffice printed $pages pages" >&2
    failed=$((failed + 1))
  fi
  if [ -n "${PNG_DIR:-}" ]; then
    mkdir -p "$PNG_DIR"
    pdftoppm -r 50 -png "$pdf" "$PNG_DIR/$id"
  fi
done
echo "$checked checked, $failed failed"
[ "$failed" -eq 0 ] && [ "$checked" -gt 0 ]
