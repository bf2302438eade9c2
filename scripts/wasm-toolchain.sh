#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# wasm32-unknown-unknown builds on a machine that may or may not be able to get rustup's wasm target.
#
# Executed:
#   scripts/wasm-toolchain.sh build [CARGO-BUILD-ARGS...]
#       e.g. `scripts/wasm-toolchain.sh build -p istio2asm-core --lib --release`
#       Builds for wasm32-unknown-unknown; progress goes to stderr, and the one line on stdout is the
#       absolute output dir (<target-dir>/wasm32-unknown-unknown/<profile>), so
#       `out="$(scripts/wasm-toolchain.sh build ...)"` works.
#   scripts/wasm-toolchain.sh cargo SUBCOMMAND [ARGS...]
#       Any cargo subcommand with the same toolchain, flags, target dir and --target (e.g. `cargo check`).
#   scripts/wasm-toolchain.sh which
#       Makes a path usable and prints which one: `rustup` or `debian`.
#   scripts/wasm-toolchain.sh out-dir [CARGO-BUILD-ARGS...]
#       Prints the output dir that `build` with the same arguments would use, building nothing.
#
# Sourced (e.g. by scripts/test.sh): defines wasm_setup, wasm_build, wasm_cargo, wasm_out_dir with the
# same meaning as the commands above; it changes no shell option, no directory and no variable of the
# caller except ISTIO2ASM_WASM_RESOLVED / ISTIO2ASM_WASM_LLD (the cached choice).
#
# The two paths (see shared TOOLCHAIN.md):
#   rustup  rustup's wasm32-unknown-unknown target for the active toolchain. If it is not installed,
#           `timeout 120 rustup target add wasm32-unknown-unknown` is tried first.
#           Target dir: $CARGO_TARGET_DIR, else the workspace's target/.
#   debian  Debian's rustc-web, cargo-web and rust-web-src (installed with apt when missing) build std
#           for wasm with -Zbuild-std=std,panic_abort (RUSTC_BOOTSTRAP=1); rustup stable's rust-lld
#           links. Target dir: <that target dir>/wasm (the two compilers share no artefacts).
#
# Environment:
#   ISTIO2ASM_WASM_PATH=auto|rustup|debian   default auto: rustup's target if installed or
#                                            addable, else debian; the others force a path (no fallback)
#   ISTIO2ASM_RUSTUP_TIMEOUT=120             seconds allowed for `rustup target add`
#   ISTIO2ASM_WASM_TARGET_DIR=DIR            target dir to use instead of the defaults above
#   ISTIO2ASM_WASM_RUSTFLAGS="..."           extra rustflags, appended
#   ISTIO2ASM_RUST_LLD=PATH                  rust-lld to link with on the debian path
#                                            (default: from `rustc +stable --print sysroot`)
# On the debian path RUSTFLAGS get `-C target-feature=-reference-types,-multivalue` (std is rebuilt
# with them, so the whole .wasm goes without): Debian's wasm-opt (binaryen 108) silently breaks
# wasm-bindgen's externref table otherwise. The rustup path gets no such flags: its std comes
# precompiled with reference-types, the linked .wasm lists the feature whatever the crate was built
# with, and wasm-bindgen then runs its externref transform, which fails ("failed to find the
# `__wbindgen_externref_table_alloc` function", seen with wasm-bindgen 0.2.130) when the crate itself
# was built without the feature. So a rustup build has reference types and must be optimised with a
# wasm-opt that handles them (npm binaryen@132, as scripts/build-js.sh does), never Debian's 108.
# Any RUSTFLAGS/CARGO_ENCODED_RUSTFLAGS of the caller are replaced, not merged (use
# ISTIO2ASM_WASM_RUSTFLAGS).

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

WASM_TARGET=wasm32-unknown-unknown
# Only on the debian path (see above).
WASM_BASE_RUSTFLAGS="-C target-feature=-reference-types,-multivalue"
WASM_DEBIAN_PKGS=(rustc-web cargo-web rust-web-src)

_wasm_rustup_has_target() {
    local installed
    command -v rustup >/dev/null 2>&1 || return 1
    installed="$(rustup target list --installed 2>/dev/null)" || return 1
    grep -qx "$WASM_TARGET" <<<"$installed"
}

# Succeeds when rustup's wasm target is (now) installed for the active toolchain.
_wasm_rustup_try() {
    if _wasm_rustup_has_target; then
        log "wasm: rustup target $WASM_TARGET is installed ($(rustc --version 2>/dev/null || echo '?'))"
        return 0
    fi
    if ! command -v rustup >/dev/null 2>&1; then
        log "wasm: rustup not found"
        return 1
    fi
    local t="${ISTIO2ASM_RUSTUP_TIMEOUT:-120}" rc=0 start=$SECONDS
    log "wasm: timeout $t rustup target add $WASM_TARGET"
    timeout "$t" rustup target add "$WASM_TARGET" >&2 || rc=$?
    if [[ $rc -eq 0 ]] && _wasm_rustup_has_target; then
        log "wasm: rustup target added in $((SECONDS - start)) s"
        return 0
    fi
    if [[ $rc -eq 124 ]]; then
        log "wasm: rustup target add timed out after $t s"
    else
        log "wasm: rustup target add failed (exit $rc) after $((SECONDS - start)) s"
    fi
    return 1
}

_wasm_find_lld() {
    if [[ -n "${ISTIO2ASM_RUST_LLD:-}" ]]; then
        [[ -x "$ISTIO2ASM_RUST_LLD" ]] || die "ISTIO2ASM_RUST_LLD=$ISTIO2ASM_RUST_LLD is not executable"
        printf '%s\n' "$ISTIO2ASM_RUST_LLD"
        return 0
    fi
    # Ask rustup's stable toolchain (never Debian's rustc, which has no rust-lld): this must run
    # before /usr/bin is put first on PATH.
    local sysroot="" host="" lld
    if sysroot="$(rustc +stable --print sysroot 2>/dev/null)" && host="$(rustc +stable -vV 2>/dev/null)"; then
        :
    elif command -v rustup >/dev/null 2>&1 && sysroot="$(rustup run stable rustc --print sysroot 2>/dev/null)" \
        && host="$(rustup run stable rustc -vV 2>/dev/null)"; then
        :
    else
        die "wasm: cannot find rustup's stable toolchain to take rust-lld from (set ISTIO2ASM_RUST_LLD)"
    fi
    host="$(sed -n 's/^host: //p' <<<"$host")"
    lld="$sysroot/lib/rustlib/$host/bin/rust-lld"
    [[ -x "$lld" ]] || die "wasm: $lld not found (set ISTIO2ASM_RUST_LLD)"
    printf '%s\n' "$lld"
}

_wasm_debian_setup() {
    ISTIO2ASM_WASM_LLD="$(_wasm_find_lld)" || exit 1
    log "wasm: linker $ISTIO2ASM_WASM_LLD"
    # No recommends: rustc-web recommends rust-web-llvm, which pulls in all of llvm-22 for nothing here.
    ensure_apt --no-install-recommends "${WASM_DEBIAN_PKGS[@]}"
    [[ -x /usr/bin/cargo && -x /usr/bin/rustc ]] || die "wasm: /usr/bin/cargo or /usr/bin/rustc missing after installing ${WASM_DEBIAN_PKGS[*]}"
    local src
    src="$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library"
    [[ -d "$src" ]] || die "wasm: std sources not found at $src (package rust-web-src)"
    log "wasm: Debian $(/usr/bin/rustc --version) with std sources at $src"
}

# wasm_setup: picks and prepares a path once per shell; sets ISTIO2ASM_WASM_RESOLVED=rustup|debian.
wasm_setup() {
    if [[ -n "${ISTIO2ASM_WASM_RESOLVED:-}" ]]; then
        return 0
    fi
    local want="${ISTIO2ASM_WASM_PATH:-auto}"
    case "$want" in
        rustup)
            _wasm_rustup_try || die "wasm: ISTIO2ASM_WASM_PATH=rustup but rustup's $WASM_TARGET target is not available"
            ISTIO2ASM_WASM_RESOLVED=rustup
            ;;
        debian)
            _wasm_debian_setup
            ISTIO2ASM_WASM_RESOLVED=debian
            ;;
        auto)
            if _wasm_rustup_try; then
                ISTIO2ASM_WASM_RESOLVED=rustup
            else
                log "wasm: falling back to Debian's rustc-web with -Zbuild-std"
                _wasm_debian_setup
                ISTIO2ASM_WASM_RESOLVED=debian
            fi
            ;;
        *)
            die "ISTIO2ASM_WASM_PATH must be auto, rustup or debian (got '$want')"
            ;;
    esac
    log "wasm: using the $ISTIO2ASM_WASM_RESOLVED path"
}

# Target dir of the workspace around the current directory (or CARGO_TARGET_DIR), absolute.
_wasm_base_target_dir() {
    local dir manifest
    if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
        dir="$CARGO_TARGET_DIR"
    else
        manifest="$(cargo locate-project --workspace --message-format plain)" \
            || die "wasm: not inside a cargo workspace ($(pwd))"
        dir="$(dirname "$manifest")/target"
    fi
    [[ "$dir" == /* ]] || dir="$(pwd)/$dir"
    printf '%s\n' "$dir"
}

_wasm_target_dir() {
    if [[ -n "${ISTIO2ASM_WASM_TARGET_DIR:-}" ]]; then
        local dir="$ISTIO2ASM_WASM_TARGET_DIR"
        [[ "$dir" == /* ]] || dir="$(pwd)/$dir"
        printf '%s\n' "$dir"
    elif [[ "$ISTIO2ASM_WASM_RESOLVED" == debian ]]; then
        local base
        base="$(_wasm_base_target_dir)" || exit 1
        printf '%s/wasm\n' "$base"
    else
        _wasm_base_target_dir
    fi
}

# Profile directory that cargo uses for these build arguments.
_wasm_profile_dir() {
    local profile=dev
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -r | --release) profile=release ;;
            --profile) profile="${2:-dev}"; shift ;;
            --profile=*) profile="${1#--profile=}" ;;
            --) break ;;
        esac
        shift
    done
    case "$profile" in
        dev | test) printf 'debug\n' ;;
        bench) printf 'release\n' ;;
        *) printf '%s\n' "$profile" ;;
    esac
}

# wasm_cargo SUBCOMMAND [ARGS...]: cargo with the chosen wasm toolchain, flags, target dir and --target.
wasm_cargo() {
    [[ $# -ge 1 ]] || die "wasm_cargo: missing cargo subcommand"
    wasm_setup
    local sub="$1" tdir rustflags
    shift
    tdir="$(_wasm_target_dir)" || exit 1
    if [[ "$ISTIO2ASM_WASM_RESOLVED" == debian ]]; then
        rustflags="$WASM_BASE_RUSTFLAGS${ISTIO2ASM_WASM_RUSTFLAGS:+ $ISTIO2ASM_WASM_RUSTFLAGS}"
    else
        rustflags="${ISTIO2ASM_WASM_RUSTFLAGS:-}"
    fi
    log "wasm: [$ISTIO2ASM_WASM_RESOLVED] cargo $sub --target $WASM_TARGET $* (CARGO_TARGET_DIR=$tdir RUSTFLAGS='$rustflags')"
    if [[ "$ISTIO2ASM_WASM_RESOLVED" == debian ]]; then
        env -u CARGO_ENCODED_RUSTFLAGS -u RUSTUP_TOOLCHAIN -u CARGO \
            PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
            CARGO_TARGET_DIR="$tdir" RUSTFLAGS="$rustflags" \
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$ISTIO2ASM_WASM_LLD" \
            /usr/bin/cargo "$sub" --target "$WASM_TARGET" -Zbuild-std=std,panic_abort "$@" >&2
    else
        env -u CARGO_ENCODED_RUSTFLAGS CARGO_TARGET_DIR="$tdir" RUSTFLAGS="$rustflags" \
            cargo "$sub" --target "$WASM_TARGET" "$@" >&2
    fi
}

# wasm_out_dir [CARGO-BUILD-ARGS...]: the output dir of `wasm_build` with the same arguments.
wasm_out_dir() {
    wasm_setup
    local tdir
    tdir="$(_wasm_target_dir)" || exit 1
    printf '%s/%s/%s\n' "$tdir" "$WASM_TARGET" "$(_wasm_profile_dir "$@")"
}

# wasm_build [CARGO-BUILD-ARGS...]: builds, then prints the output dir on stdout.
wasm_build() {
    local start=$SECONDS out
    wasm_cargo build "$@" || die "wasm: cargo build failed"
    out="$(wasm_out_dir "$@")" || exit 1
    [[ -d "$out" ]] || die "wasm: build succeeded but $out does not exist"
    log "wasm: built in $((SECONDS - start)) s; output dir: $out"
    printf '%s\n' "$out"
}

_wasm_usage() {
    sed -n '3,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
}

wasm_toolchain_main() {
    local cmd="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        build) wasm_build "$@" ;;
        cargo) wasm_cargo "$@" ;;
        which) wasm_setup && printf '%s\n' "$ISTIO2ASM_WASM_RESOLVED" ;;
        out-dir) wasm_out_dir "$@" ;;
        -h | --help | help) _wasm_usage ;;
        *) _wasm_usage; die "unknown command '${cmd}'" ;;
    esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    shopt -s inherit_errexit
    wasm_toolchain_main "$@"
fi
