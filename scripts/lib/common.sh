# shellcheck shell=bash
# Helpers shared by scripts/*.sh. Source it; it sets no shell options and changes no directory.
#
#   log MSG...            message on stderr
#   warn MSG...           "WARNING: MSG" on stderr
#   die MSG...            "ERROR: MSG" on stderr, then exit 1
#   banner MSG...         a loud, boxed message on stderr (for skipped checks and the like)
#   as_root CMD...        runs CMD as root (directly when root, else through sudo)
#   apt_missing PKG...    prints the PKGs that dpkg does not have installed, one per line
#   ensure_apt [APT-GET-INSTALL-OPTION...] PKG...
#                         installs the missing PKGs from Debian's archive; runs `apt-get update`
#                         at most once per shell (only when something is missing); any argument
#                         starting with '-' (e.g. --no-install-recommends) goes to `apt-get install`
#   ensure_wasm_bindgen   `wasm-bindgen` on PATH is the CLI version that the crates pin
#                         (WASM_BINDGEN_VERSION, default 0.2.130); `cargo install`s it when not (~4 min)
#   ensure_npm_ci DIR     `npm ci` in DIR when DIR/node_modules does not match DIR/package-lock.json

if [[ -n "${_ISTIO2ASM_COMMON_SH:-}" ]]; then
    return 0
fi
_ISTIO2ASM_COMMON_SH=1
_ISTIO2ASM_APT_UPDATED=0

log() {
    printf '%s\n' "$*" >&2
}

warn() {
    printf 'WARNING: %s\n' "$*" >&2
}

die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

banner() {
    local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
    printf '%s\n' "$line" "!!! $*" "$line" >&2
}

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -- "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

apt_missing() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            printf '%s\n' "$pkg"
        fi
    done
}

ensure_apt() {
    local opts=() pkgs=() missing=() arg
    for arg in "$@"; do
        if [[ "$arg" == -* ]]; then
            opts+=("$arg")
        else
            pkgs+=("$arg")
        fi
    done
    if [[ ${#pkgs[@]} -eq 0 ]]; then
        return 0
    fi
    command -v dpkg-query >/dev/null 2>&1 || die "ensure_apt: not a Debian system (no dpkg-query); install by hand: ${pkgs[*]}"
    mapfile -t missing < <(apt_missing "${pkgs[@]}")
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "apt: already installed: ${pkgs[*]}"
        return 0
    fi
    # Wait for another apt/dpkg (e.g. unattended upgrades) instead of failing at once.
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
    if [[ "$_ISTIO2ASM_APT_UPDATED" != 1 ]]; then
        log "apt: apt-get update"
        as_root "${apt[@]}" update >&2 || die "apt-get update failed"
        _ISTIO2ASM_APT_UPDATED=1
    fi
    log "apt: installing ${missing[*]}"
    as_root "${apt[@]}" install -y "${opts[@]}" "${missing[@]}" >&2 || die "apt-get install failed: ${missing[*]}"
}

# The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate the wasm crates pin
# (`=0.2.130` in their Cargo.toml): the CLI refuses a .wasm made by another version.
WASM_BINDGEN_VERSION="${WASM_BINDGEN_VERSION:-0.2.130}"

ensure_wasm_bindgen() {
    local have
    have="$(wasm-bindgen --version 2>/dev/null || true)"
    if [[ "$have" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
        log "wasm-bindgen: $have"
        return 0
    fi
    command -v cargo >/dev/null 2>&1 || die "ensure_wasm_bindgen: no cargo to install wasm-bindgen-cli with"
    log "wasm-bindgen: found '${have:-none}', installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, ~4 min cold)"
    # Not --locked: a dependency locked in the CLI's Cargo.lock is missing from the registry.
    # Without CARGO_TARGET_DIR, cargo install builds in a temporary directory of its own instead of
    # mixing the CLI's artefacts into the project's target dir.
    env -u CARGO_TARGET_DIR -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" >&2 \
        || die "cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION failed"
    hash -r
    have="$(wasm-bindgen --version 2>/dev/null || true)"
    [[ "$have" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]] \
        || die "wasm-bindgen on PATH says '${have:-nothing}' after the install (is ~/.cargo/bin on PATH?)"
    log "wasm-bindgen: $have"
}

# ensure_npm_ci DIR: node_modules of DIR installed exactly from its committed package-lock.json.
# Skips when node_modules/.package-lock.json (npm's record of the last install) equals the lock file
# apart from its top-level name, which is how npm itself decides that nothing changed.
ensure_npm_ci() {
    local dir="$1"
    [[ -f "$dir/package-lock.json" ]] || die "ensure_npm_ci: $dir/package-lock.json is missing"
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        # The machines come with Node.js 20 and npm; Debian's are the fallback.
        ensure_apt nodejs npm
    fi
    if [[ -f "$dir/node_modules/.package-lock.json" ]] \
        && node -e '
            const fs = require("fs");
            const [lock, seen] = process.argv.slice(1).map((p) => JSON.parse(fs.readFileSync(p, "utf8")).packages);
            const want = Object.entries(lock).filter(([k]) => k !== "").map(([k, v]) => k + "@" + v.version).sort();
            const have = Object.entries(seen).map(([k, v]) => k + "@" + v.version).sort();
            process.exit(JSON.stringify(want) === JSON.stringify(have) ? 0 : 1);
        ' "$dir/package-lock.json" "$dir/node_modules/.package-lock.json"; then
        log "npm: node_modules in $dir match package-lock.json"
        return 0
    fi
    log "npm: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund) >&2 || die "npm ci failed in $dir"
}
