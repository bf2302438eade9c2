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
