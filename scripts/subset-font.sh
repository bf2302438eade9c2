#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# Regenerates the app's Chinese font, crates/istio2asm-app/assets/fonts/NotoSansSC-subset.otf, and
# its licence, OFL.txt beside it:
#
#   bash scripts/subset-font.sh
#
# Run it when a zh-CN text gains a character the font lacks (the app's test tests/fonts.rs names
# them). The font is a committed source asset: builds and CI use the committed file and need neither
# fonttools nor the Debian font.
#
# Source: Debian's fonts-noto-cjk, NotoSansCJK-Regular.ttc, the face whose name table says
# "Noto Sans CJK SC" (its index in the collection is read, not assumed). Subset with fonttools'
# pyftsubset (FONTTOOLS_VERSION, in a virtualenv under ~/.cache) to:
#   - GB2312's symbol rows (01–09: punctuation, kana, Greek, Cyrillic, pinyin, box drawing) and its
#     level-1 hanzi (rows 16–55, 3755 characters), each code decoded with Python's gb2312 codec;
#   - CJK Symbols and Punctuation (U+3000–303F) and the fullwidth forms (U+FF00–FFEF);
#   - every non-ASCII character of the zh-CN texts: crates/istio2asm-core/locales/zh-CN/**/*.ftl,
#     crates/istio2asm-core/src/checks/zh-CN/*.md and docs/*.zh-CN.md (whichever exist).
# ASCII is left out: egui's default fonts draw Latin, and this font is only their last fallback.
# GB2312's level-2 hanzi (rows 56–87, 3008 more) do not fit the web app's size budget
# (scripts/build-web.sh): the whole of GB2312 adds 1.31 MB to the gzipped .wasm, level 1 0.73 MB.
# No hinting and no layout features: egui neither hints CFF outlines nor applies OpenType features
# to Chinese. --desubroutinize makes this subset smaller, raw and deflated (measured without the
# texts' characters: 867,500 → 864,740 bytes raw, 752,351 → 723,241 deflated). The vertical-writing
# tables and BASE are dropped: egui lays out horizontally.
# The last line on stdout is the font's path.

set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=lib/common.sh
source scripts/lib/common.sh

FONTTOOLS_VERSION=4.68.0
SOURCE=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
FACE_NAME="Noto Sans CJK SC"
OUT_DIR="$ROOT/crates/istio2asm-app/assets/fonts"
OUT="$OUT_DIR/NotoSansSC-subset.otf"
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/istio2asm/fonttools-$FONTTOOLS_VERSION"

# fonttools at FONTTOOLS_VERSION in its own virtualenv (Debian's Python refuses `pip install`
# outside one); created only when missing.
ensure_fonttools() {
    if [[ -x "$VENV/bin/pyftsubset" ]] \
        && [[ "$("$VENV/bin/python" -c 'import fontTools; print(fontTools.version)')" == "$FONTTOOLS_VERSION" ]]; then
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || ensure_apt python3
    python3 -c 'import ensurepip, venv' 2>/dev/null || ensure_apt python3-venv
    log "subset-font: installing fonttools $FONTTOOLS_VERSION into $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "fonttools==$FONTTOOLS_VERSION"
}

# Prints the index of FACE_NAME in SOURCE, read from each face's name table.
face_index() {
    "$VENV/bin/python" - "$SOURCE" "$FACE_NAME" <<'EOF'
import sys
from fontTools.ttLib import TTCollection

path, wanted = sys.argv[1], sys.argv[2]
faces = TTCollection(path, lazy=True).fonts
found = [i for i, face in enumerate(faces) if face["name"].getDebugName(4) == wanted]
if len(found) != 1:
    names = [face["name"].getDebugName(4) for face in faces]
    sys.exit(f"subset-font: {len(found)} faces named {wanted!r} in {path}: {names}")
print(found[0])
EOF
}

# Writes the code points to keep to $1, one U+XXXX a line; the texts' characters come from $2...
write_unicodes() {
    local out="$1"
    shift
    "$VENV/bin/python" - "$out" "$@" <<'EOF'
import sys

out, texts = sys.argv[1], sys.argv[2:]
keep = set()
# GB2312 rows 01-09 (symbols) and 16-55 (level-1 hanzi); row r is lead byte 0xA0 + r.
for row in [*range(1, 10), *range(16, 56)]:
    for cell in range(1, 95):
        try:
            keep.update(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass  # An unassigned code.
keep = {ord(c) for c in keep}
hanzi = sum(1 for c in keep if 0x4E00 <= c <= 0x9FFF)
if hanzi != 3755:
    sys.exit(f"subset-font: GB2312 level 1 decoded to {hanzi} hanzi, not 3755")
keep.update(range(0x3000, 0x3040))
keep.update(range(0xFF00, 0xFFF0))
from_texts = set()
for path in texts:
    with open(path, encoding="utf-8") as f:
        from_texts.update(ord(c) for c in f.read() if ord(c) > 0x7F)
keep |= from_texts
with open(out, "w", encoding="ascii") as f:
    f.writelines(f"U+{c:04X}\n" for c in sorted(keep))
print(f"subset-font: {len(keep)} code points requested ({len(from_texts)} non-ASCII characters "
      f"from {len(texts)} zh-CN files)", file=sys.stderr)
EOF
}

# Prints the glyph count, the cmap's size and the sizes (raw, deflated, gzipped) of the font $1,
# and warns of the characters of the zh-CN texts $2... it lacks (Noto Sans CJK SC has none for them;
# the app's test tests/fonts.rs fails on those egui's default fonts do not draw either).
check_font() {
    "$VENV/bin/python" - "$@" <<'EOF'
import sys, zlib, gzip
from fontTools.ttLib import TTFont

path, texts = sys.argv[1], sys.argv[2:]
data = open(path, "rb").read()
font = TTFont(path)
cmap = font.getBestCmap()
hanzi = sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF)
print(f"subset-font: {font['maxp'].numGlyphs} glyphs, {len(cmap)} characters "
      f"({hanzi} CJK unified ideographs); {len(data)} bytes, "
      f"{len(zlib.compress(data, 9))} deflated, {len(gzip.compress(data, 9))} gzipped", file=sys.stderr)
missing = {}
for text in texts:
    with open(text, encoding="utf-8") as f:
        for c in f.read():
            if ord(c) > 0x7F and ord(c) not in cmap:
                missing.setdefault(c, text)
if missing:
    lines = "".join(f"\n  U+{ord(c):04X} {c} (in {text})" for c, text in sorted(missing.items()))
    print("WARNING: subset-font: Noto Sans CJK SC has no glyph for these characters of the zh-CN "
          f"texts:{lines}", file=sys.stderr)
EOF
}

# Writes the licence file $1: the copyright notice of face $2 (its name table) and the text of the
# SIL Open Font License 1.1 as Debian's copyright file for fonts-noto-cjk holds it.
write_licence() {
    "$VENV/bin/python" - "$1" "$SOURCE" "$2" /usr/share/doc/fonts-noto-cjk/copyright <<'EOF'
import sys
from fontTools.ttLib import TTFont

out, source, index, copyright_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
name = TTFont(source, fontNumber=index, lazy=True)["name"]
with open(copyright_file, encoding="utf-8") as f:
    stanzas = f.read().split("\n\n")
# The stand-alone licence stanza: "License: SIL-1.1" followed by the text, one space in, "." for
# an empty line (Debian's copyright format).
texts = [s for s in stanzas if s.startswith("License: SIL-1.1\n")]
if len(texts) != 1:
    sys.exit(f"subset-font: {copyright_file} has {len(texts)} SIL-1.1 licence texts, not 1")
body = [line[1:] for line in texts[0].splitlines()[1:]]
body = ["" if line == "." else line for line in body]
with open(out, "w", encoding="utf-8") as f:
    f.write(f"{name.getDebugName(0)}\n{name.getDebugName(7)}\n\n")
    f.write(f"{name.getDebugName(13)}\n\n")
    f.write("\n".join(body) + "\n")
EOF
}

subset_font_main() {
    local index work texts=()
    ensure_apt --no-install-recommends fonts-noto-cjk
    [[ -f "$SOURCE" ]] || die "subset-font: $SOURCE is missing although fonts-noto-cjk is installed"
    ensure_fonttools
    index="$(face_index)"
    log "subset-font: $SOURCE, face $index ($FACE_NAME), fonts-noto-cjk" \
        "$(dpkg-query -W -f='${Version}' fonts-noto-cjk)"

    shopt -s nullglob globstar
    texts=(crates/istio2asm-core/locales/zh-CN/**/*.ftl crates/istio2asm-core/src/checks/zh-CN/*.md
        docs/*.zh-CN.md)
    shopt -u nullglob globstar

    work="$(mktemp -d "${TMPDIR:-/tmp}/istio2asm-font.XXXXXX")"
    # shellcheck disable=SC2064 # expand now: the trap must remove this very directory
    trap "rm -rf '$work'" EXIT
    write_unicodes "$work/unicodes.txt" "${texts[@]}"

    mkdir -p "$OUT_DIR"
    "$VENV/bin/pyftsubset" "$SOURCE" --font-number="$index" --unicodes-file="$work/unicodes.txt" \
        --layout-features='' --no-hinting --desubroutinize --drop-tables+=vhea,vmtx,VORG,BASE \
        --output-file="$work/subset.otf"
    check_font "$work/subset.otf" "${texts[@]}"
    mv "$work/subset.otf" "$OUT"
    write_licence "$OUT_DIR/OFL.txt" "$index"
    printf '%s\n' "$OUT"
}

subset_font_main "$@"
