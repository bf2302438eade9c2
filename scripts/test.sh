#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# The project's test command: `bash scripts/test.sh` (CI runs it through .ci/run).
# It installs what it needs and skips what is already there, so it runs on a fresh Debian 12 machine
# with rustup's stable toolchain, and again and again on the same one.
#
#   bash scripts/test.sh               all steps, in order
#   bash scripts/test.sh --quick       all steps except the wasm ones (local iteration)
#   bash scripts/test.sh STEP...       only these steps, in the order given (e.g. `fmt clippy`)
#   bash scripts/test.sh --list        the steps
#
# Steps stop at the first failure (set -e); the exit code is non-zero then, and the last lines name the
# failed step. Environment: ISTIO2ASM_WASM_PATH=auto|rustup|debian (see scripts/wasm-toolchain.sh).
#
# Adding a step: write `step_NAME() { ...; }` below, add NAME to STEPS (and to QUICK_SKIP if it is slow
# or needs extra system packages); install its system packages inside the step with `ensure_apt PKG...`.

set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=lib/common.sh
source scripts/lib/common.sh
# shellcheck source=wasm-toolchain.sh
source scripts/wasm-toolchain.sh

# All steps, in the order they run.
STEPS=(fmt clippy test wasm wasm_clippy js js_browser app_native web)
# Steps that --quick leaves out.
QUICK_SKIP=(wasm wasm_clippy js js_browser app_native web)

# One target dir for the native steps (a CARGO_TARGET_DIR from outside would split the caches).
export CARGO_TARGET_DIR="$ROOT/target"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
if [[ -n "${CI:-}" ]]; then
    # Fresh clone, one run: incremental caches cost time and disk and are never reused.
    export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
fi

section() {
    printf '\n========== %s ==========\n' "$*"
}

# ensure_cargo_tool SUBCOMMAND COMPONENT: `cargo SUBCOMMAND` works, installing the rustup component if not.
ensure_cargo_tool() {
    local sub="$1" component="$2"
    if cargo "$sub" --version >/dev/null 2>&1; then
        return 0
    fi
    command -v rustup >/dev/null 2>&1 || die "cargo $sub is missing and there is no rustup to add $component"
    log "rustup component add $component"
    timeout 600 rustup component add "$component" || die "could not install the rustup component $component"
}

rustup_has_wasm_target() {
    _wasm_rustup_has_target
}

# ---------------------------------------------------------------------------------------------- steps

step_fmt() {
    ensure_cargo_tool fmt rustfmt
    local color=never
    [[ -t 1 ]] && color=auto
    cargo fmt --all -- --check --color "$color"
}

step_clippy() {
    ensure_cargo_tool clippy clippy
    cargo clippy --workspace --all-targets -- -D warnings
}

step_test() {
    # The plan tests run the generated runbook through shellcheck and the patches through kubectl.
    ensure_apt shellcheck
    command -v kubectl >/dev/null 2>&1 \
        || die "kubectl is missing: the plan tests run every generated patch through kubectl patch --local"
    cargo test --workspace
}

step_wasm() {
    local out
    wasm_setup # here, not inside $(...), so that later steps reuse the choice (and a failed rustup try)
    # The browser app's profile, so the web step reuses what this one built.
    out="$(wasm_build -p istio2asm-core --lib --profile web-release)"
    log "wasm: artefacts in $out:"
    find "$out" -maxdepth 1 -type f \( -name '*.rlib' -o -name '*.wasm' \) -printf '  %f  %s bytes\n' >&2
    [[ -f "$out/libistio2asm_core.rlib" ]] || die "wasm: $out/libistio2asm_core.rlib was not produced"
}

step_wasm_clippy() {
    if ! rustup_has_wasm_target; then
        banner "SKIPPED: clippy for wasm32-unknown-unknown: rustup's wasm32 target is not installed" \
            "(the wasm build above used Debian's compiler, which has no clippy)"
        return 0
    fi
    ensure_cargo_tool clippy clippy
    cargo clippy -p istio2asm-core -p istio2asm-wasm --lib --target wasm32-unknown-unknown -- -D warnings
}

# The JavaScript library: build the npm package (web/js/pkg), then the Node tests on its nodejs build:
# every API function, the errors, the package as npm packs it, its TypeScript types, and parity with
# the CLI (which the parity tests run, so it is built first).
step_js() {
    bash scripts/build-js.sh >/dev/null
    cargo build -p istio2asm-cli
    ISTIO2ASM_CLI="$CARGO_TARGET_DIR/debug/istio2asm" node --test tests/js/
}

# The library page (web/lib.html) in Debian's headless Chromium, driven by playwright-core.
step_js_browser() {
    ensure_apt chromium
    ensure_npm_ci "$ROOT"
    bash scripts/build-js.sh >/dev/null
    cargo build -p istio2asm-cli
    ISTIO2ASM_CLI="$CARGO_TARGET_DIR/debug/istio2asm" node --test tests/browser/lib-page.test.mjs
}

# The native app in a real X server (Xvfb): it starts with the demo and draws, in English and, from
# a Chinese locale, in Chinese (read back by OCR); screenshots in tests/output/app-native*.png.
step_app_native() {
    env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 bash scripts/app-native-shot.sh tests/output/app-native.png
    # The first language comes from the locale: Chinese, read back from the screenshot by OCR.
    env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 bash scripts/app-native-shot.sh tests/output/app-native-zh-CN.png
    bash scripts/ocr.sh tests/output/app-native-zh-CN.png 检查结果 工作负载 门禁
}

# The app for the browser (web/app), then the page in Debian's headless Chromium: it starts, loads a
# fixture through its file input, works from disk, shows start-up errors, and makes no request
# outside its origin. Screenshots in tests/output/.
step_web() {
    ensure_apt chromium
    ensure_npm_ci "$ROOT"
    bash scripts/build-web.sh >/dev/null
    node --test tests/browser/app.test.mjs
}

# ----------------------------------------------------------------------------------------------- main

usage() {
    sed -n '3,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
    printf 'Steps: %s\n' "${STEPS[*]}"
}

contains() {
    local needle="$1" item
    shift
    for item in "$@"; do
        [[ "$item" == "$needle" ]] && return 0
    done
    return 1
}

CURRENT_STEP=""
DONE_STEPS=()

on_exit() {
    local rc=$?
    if [[ $rc -ne 0 && -n "$CURRENT_STEP" ]]; then
        printf '\n' >&2
        banner "scripts/test.sh: step '$CURRENT_STEP' FAILED (exit $rc) after $((SECONDS - STEP_START)) s" \
            "[done before it: ${DONE_STEPS[*]:-none}]"
    fi
}

main() {
    local quick=0 selected=() arg step
    for arg in "$@"; do
        case "$arg" in
            --quick) quick=1 ;;
            --list) printf '%s\n' "${STEPS[@]}"; return 0 ;;
            -h | --help) usage; return 0 ;;
            -*) usage >&2; die "unknown option $arg" ;;
            *)
                contains "$arg" "${STEPS[@]}" || die "unknown step '$arg' (steps: ${STEPS[*]})"
                selected+=("$arg")
                ;;
        esac
    done
    if [[ ${#selected[@]} -eq 0 ]]; then
        for step in "${STEPS[@]}"; do
            if [[ $quick -eq 1 ]] && contains "$step" "${QUICK_SKIP[@]}"; then
                continue
            fi
            selected+=("$step")
        done
    fi

    section "scripts/test.sh: ${selected[*]}"
    log "repo: $ROOT"
    log "toolchain: $(cargo --version 2>/dev/null || echo 'no cargo'), $(rustc --version 2>/dev/null || echo 'no rustc')"
    if [[ $quick -eq 1 ]]; then
        banner "--quick: skipping ${QUICK_SKIP[*]}"
    fi

    trap on_exit EXIT
    local total_start=$SECONDS timings=()
    for step in "${selected[@]}"; do
        CURRENT_STEP="$step"
        STEP_START=$SECONDS
        section "$step"
        "step_$step"
        timings+=("$step $((SECONDS - STEP_START))s")
        DONE_STEPS+=("$step")
    done
    CURRENT_STEP=""

    section "scripts/test.sh: OK in $((SECONDS - total_start)) s"
    printf '  %s\n' "${timings[@]}"
}

main "$@"
