#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# Reads a screenshot back as text with Debian's tesseract (Simplified Chinese and English) and
# fails unless every word given appears in it: bash scripts/ocr.sh IMAGE WORD... Whitespace is
# dropped from both before comparing (tesseract puts spaces between Chinese characters). Installs
# tesseract-ocr, tesseract-ocr-chi-sim and ImageMagick from Debian's archive when missing. The text
# read is kept beside the image as IMAGE.txt.
set -euo pipefail
shopt -s inherit_errexit

[[ $# -ge 2 ]] || { echo "usage: bash scripts/ocr.sh IMAGE WORD..." >&2; exit 2; }
IMAGE="$(realpath -m "$1")"
shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

[[ -f "$IMAGE" ]] || die "ocr: no image at $IMAGE"
ensure_apt tesseract-ocr tesseract-ocr-chi-sim imagemagick

# egui draws 13–14 px text: three times larger, in grey, tesseract reads it far better.
BIG="$(mktemp --suffix=.png)"
trap 'rm -f "$BIG"' EXIT
convert "$IMAGE" -resize 300% -colorspace Gray "$BIG"
tesseract "$BIG" - -l chi_sim+eng --psm 3 2>/dev/null >"$IMAGE.txt"
flat="$(tr -d '[:space:]' <"$IMAGE.txt")"
missing=()
for word in "$@"; do
    [[ "$flat" == *"$(tr -d '[:space:]' <<<"$word")"* ]] || missing+=("$word")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    die "ocr: $IMAGE does not read as containing: ${missing[*]} (the text read is in $IMAGE.txt)"
fi
log "ocr: $IMAGE contains: $*"
