//! Versions as found (ACK suffixes are builds, not pre-releases), the Kubernetes version of an
//! export, and the version floors the migration and the plan depend on.

use crate::i18n::Lang;
use crate::model::Bundle;

use super::Evidence;

/// Istio 1.15 took `istioctl uninstall` out of experimental; before it, `istioctl x uninstall`.
pub const ISTIOCTL_UNINSTALL_GA: (u64, u64) = (1, 15);

/// `networking.istio.io/v1` is served from Istio 1.22; older Istio serves `v1beta1`/`v1alpha3`.
pub const ISTIO_NETWORKING_V1: (u64, u64) = (1, 22);

/// A version as found, and its numeric `MAJOR.MINOR.PATCH` when it has one.
///
/// Vendor builds such as `v1.22.3-aliyun.1` or `1.20.11-aliyunedge.1` compare on the numbers only:
/// the suffix is a build of that release, not a SemVer pre-release (which would sort it below
/// `1.22.3`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The text as found (`v1.28.3-aliyun.1`, `1.22.3`, `latest`).
    pub raw: String,
    /// The numbers, `None` when the text has none (`latest`, `auto`).
    pub number: Option<semver::Version>,
}

impl Version {
    /// Reads a version: an optional `v`, then `MAJOR.MINOR[.PATCH]`, then anything.
    pub fn parse(raw: &str) -> Version {
        Version {
            raw: raw.to_string(),
            number: numeric(raw),
        }
    }

    /// Whether the version is known and below `(major, minor)`.
    pub fn below(&self, floor: (u64, u64)) -> Option<bool> {
        self.minor().map(|minor| minor < floor)
    }

    /// `MAJOR.MINOR`, when known.
    pub fn minor(&self) -> Option<(u64, u64)> {
        self.number.as_ref().map(|n| (n.major, n.minor))
    }
}

fn numeric(raw: &str) -> Option<semver::Version> {
    let text = raw.trim().trim_start_matches(['v', 'V']);
    let mut parts = [0u64; 3];
    let mut count = 0;
    for (index, part) in text.splitn(4, '.').enumerate().take(3) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            break;
        }
        parts[index] = digits.parse().ok()?;
        count += 1;
        if digits.len() != part.len() {
            break;
        }
    }
    (count >= 2).then(|| semver::Version::new(parts[0], parts[1], parts[2]))
}

pub(super) fn kubernetes_version(bundle: &Bundle, lang: Lang) -> Option<(Version, Evidence)> {
    if let Some((raw, span)) = &bundle.server_version {
        return Some((
            Version::parse(raw),
            Evidence {
                what: t!(lang, "detect-kubectl-version", version = raw),
                object: None,
                span: Some(*span),
            },
        ));
    }
    bundle
        .nodes
        .iter()
        .filter_map(|n| Some((Version::parse(n.body.as_deref()?), n)))
        .filter(|(v, _)| v.number.is_some())
        .min_by(|(a, _), (b, _)| a.number.cmp(&b.number))
        .map(|(version, node)| {
            let what = t!(
                lang,
                "detect-lowest-kubelet",
                node = node.name(),
                version = &version.raw
            );
            (
                version,
                Evidence {
                    what,
                    object: Some(node.object_ref()),
                    span: Some(node.span),
                },
            )
        })
}
