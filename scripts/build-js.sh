#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# Builds the JavaScript library (crates/istio2asm-wasm) into the npm package folder web/js/pkg/:
#
#   bash scripts/build-js.sh            build (installs what it needs: the wasm32 toolchain, the
#                                       wasm-bindgen CLI, npm's binaryen for wasm-opt)
#   bash scripts/build-js.sh --no-opt   skip wasm-opt (quicker; the package is then ~25% larger)
#
# Steps: cargo build for wasm32-unknown-unknown (scripts/wasm-toolchain.sh, profile wasm-release)
# → wasm-bindgen for `--target web` and `--target nodejs` → wasm-opt (npm binaryen, which handles
# the reference types that a rustup build has; Debian's binaryen 108 would break them) → the package:
#
#   web/js/pkg/
#     package.json        from web/js/package.json, with the crate's version
#     index.d.ts          hand-written types (web/js/index.d.ts)
#     README.md           web/js/README.md
#     web/istio2asm.js    ES module for pages and bundlers: `await init()` once, then call
#     web/istio2asm_bg.wasm
#     node/index.js       ES module for Node (web/js/node.js): ready on import
#     node/istio2asm.cjs  wasm-bindgen's nodejs glue
#     node/istio2asm_bg.wasm
#
# web/js/pkg/ is build output (git-ignored); a rebuild with nothing changed only runs cargo. The last
# line on stdout is the package folder.

set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=lib/common.sh
source scripts/lib/common.sh
# shellcheck source=wasm-toolchain.sh
source scripts/wasm-toolchain.sh

SRC="$ROOT/web/js"
PKG="$ROOT/web/js/pkg"
NAME=istio2asm

build_js_main() {
    local optimise=1 arg
    for arg in "$@"; do
        case "$arg" in
            --no-opt) optimise=0 ;;
            -h | --help) sed -n '3,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; return 0 ;;
            *) die "build-js: unknown argument $arg" ;;
        esac
    done
    local start=$SECONDS out wasm version stage
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

    wasm_setup
    out="$(wasm_build -p istio2asm-wasm --lib --profile wasm-release)"
    wasm="$out/istio2asm_wasm.wasm"
    [[ -f "$wasm" ]] || die "build-js: $wasm was not produced"

    ensure_wasm_bindgen
    ensure_npm_ci "$ROOT"
    local wasm_opt="$ROOT/node_modules/.bin/wasm-opt"
    [[ -x "$wasm_opt" ]] || die "build-js: $wasm_opt missing after npm ci (devDependency binaryen)"

    version="$(cargo metadata --no-deps --format-version 1 --offline 2>/dev/null \
        | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="istio2asm-wasm");if(!p)process.exit(1);process.stdout.write(p.version)})')" \
        || die "build-js: cannot read the version of istio2asm-wasm from cargo metadata"

    # Nothing to do when the package was made from this very .wasm, these sources and this script.
    local stamp
    stamp="$(cat "$wasm" "$SRC/package.json" "$SRC/node.js" "$SRC/index.d.ts" "$SRC/README.md" \
        "${BASH_SOURCE[0]}" <(printf '%s %s %s' "$version" "$optimise" "$(wasm-bindgen --version)") \
        | sha256sum | cut -d' ' -f1)"
    if [[ -f "$PKG/.build-stamp" && "$(cat "$PKG/.build-stamp")" == "$stamp" ]]; then
        log "build-js: $PKG is up to date"
        printf '%s\n' "$PKG"
        return 0
    fi

    stage="$(mktemp -d "${TMPDIR:-/tmp}/istio2asm-js.XXXXXX")"
    # shellcheck disable=SC2064 # expand now: the trap must remove this very directory
    trap "rm -rf '$stage'" EXIT
    log "build-js: wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2) for web and nodejs"
    wasm-bindgen --target web --no-typescript --out-dir "$stage/web" --out-name "$NAME" "$wasm"
    wasm-bindgen --target nodejs --no-typescript --out-dir "$stage/node" --out-name "$NAME" "$wasm"
    # Both targets get the same .wasm (only the JS glue differs), so it is optimised once.
    cmp -s "$stage/web/${NAME}_bg.wasm" "$stage/node/${NAME}_bg.wasm" \
        || die "build-js: wasm-bindgen made different .wasm files for web and nodejs"
    if [[ $optimise -eq 1 ]]; then
        local t=$SECONDS
        # Features come from the module's target_features section (reference types on the rustup
        # path, none on the debian path). -Os: measured as fast as -O3 here, and no larger.
        "$wasm_opt" -Os "$stage/web/${NAME}_bg.wasm" -o "$stage/opt.wasm" \
            || die "build-js: wasm-opt failed"
        log "build-js: wasm-opt -Os in $((SECONDS - t)) s"
        cp "$stage/opt.wasm" "$stage/web/${NAME}_bg.wasm"
        cp "$stage/opt.wasm" "$stage/node/${NAME}_bg.wasm"
        rm "$stage/opt.wasm"
    else
        warn "build-js: --no-opt: the .wasm is not optimised"
    fi

    # The nodejs glue is CommonJS; the package is "type": "module", so it must be *.cjs.
    mv "$stage/node/$NAME.js" "$stage/node/$NAME.cjs"
    cp "$SRC/node.js" "$stage/node/index.js"
    cp "$SRC/index.d.ts" "$SRC/README.md" "$stage/"
    node -e '
        const fs = require("fs");
        const [template, out, version] = process.argv.slice(1);
        const pkg = JSON.parse(fs.readFileSync(template, "utf8"));
        pkg.version = version;
        fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
    ' "$SRC/package.json" "$stage/package.json" "$version"

    printf '%s\n' "$stamp" > "$stage/.build-stamp"

    rm -rf "$PKG"
    mkdir -p "$PKG"
    cp -R "$stage/." "$PKG/"

    local bytes gz
    bytes="$(stat -c %s "$PKG/web/${NAME}_bg.wasm")"
    gz="$(gzip -9c "$PKG/web/${NAME}_bg.wasm" | wc -c)"
    log "build-js: istio2asm $version for JavaScript in $((SECONDS - start)) s:" \
        "${NAME}_bg.wasm $bytes bytes ($gz gzipped) [$ISTIO2ASM_WASM_RESOLVED path]"
    printf '%s\n' "$PKG"
}

build_js_main "$@"
