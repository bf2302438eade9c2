//! Roots of trust and trust domains, per side (the cluster's export and ASM's): what the proxies
//! of each control plane trust, read offline.
//!
//! - Roots: the certificates in every namespace's `istio-ca-root-cert` ConfigMap (key
//!   `root-cert.pem`, public certificates only), parsed with RustCrypto's `x509-cert` (PEM and
//!   DER), fingerprinted with SHA-256 over the DER as `openssl x509 -fingerprint -sha256` prints
//!   it. ConfigMaps holding the same set of certificates form one [`RootSet`]; two sets in one
//!   export mean two writers (istio/istio#32778: two istiods overwrite each namespace's copy).
//! - Trust domains: `trustDomain` and `trustDomainAliases` of each mesh config (istio.io
//!   `MeshConfig`; the default is `cluster.local`).
//! - The CA Secrets by name only: `cacerts` (a plugged-in CA) and `istio-ca-secret` (istiod's
//!   self-signed CA) in istio-system. Their data is never read, so their expiry is not known.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::der::{DateTime, Encode};
use x509_cert::Certificate;

use crate::detect::{mesh_configs, Facts, MeshConfig};
use crate::finding::ObjectRef;
use crate::model::{Bundle, Object};
use crate::source::Span;

/// The key of the root certificate in `istio-ca-root-cert` (istio/istio
/// `pkg/kube/namespace` / `constants.CACertNamespaceConfigMapDataName`).
pub const ROOT_CERT_KEY: &str = "root-cert.pem";

/// Istio's default trust domain (istio.io `MeshConfig.trustDomain`).
pub const DEFAULT_TRUST_DOMAIN: &str = "cluster.local";

/// The names of the CA Secrets istiod reads in its namespace: a plugged-in CA, and its own
/// self-signed CA (istio/istio `security/pkg/pki/ca/ca.go`: `cacerts`, `istio-ca-secret`).
pub const CA_SECRETS: [&str; 2] = ["cacerts", "istio-ca-secret"];

/// What is known of trust on both sides.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trust {
    /// The cluster's export.
    pub cluster: TrustSide,
    /// ASM's export (`--asm-config`), when given.
    pub asm: Option<TrustSide>,
}

/// One side's trust domains, roots and CA Secrets.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustSide {
    /// The trust domain of each mesh config, in the export's order.
    pub trust_domains: Vec<TrustDomain>,
    /// Every distinct certificate of the `istio-ca-root-cert` ConfigMaps, by fingerprint.
    pub roots: Vec<Root>,
    /// The ConfigMaps grouped by the set of certificates they hold, largest group first.
    pub root_sets: Vec<RootSet>,
    /// How many `istio-ca-root-cert` ConfigMaps the export holds.
    pub root_cert_maps: usize,
    /// ConfigMaps whose `root-cert.pem` could not be read.
    pub unreadable: Vec<Unreadable>,
    /// CA Secrets seen by name (never their data).
    pub ca_secrets: Vec<SecretName>,
    /// Whether the export holds any Secret header at all (so an absent `cacerts` is known to be
    /// absent, not just not exported).
    pub secrets_exported: bool,
}

/// A mesh config's trust domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustDomain {
    /// The revision whose mesh config it is (`default` for ConfigMap `istio`).
    pub revision: String,
    /// `trustDomain`, or Istio's default when unset.
    pub trust_domain: String,
    /// Whether `trustDomain` is written in the mesh config (false: the default applies).
    pub explicit: bool,
    /// `trustDomainAliases`.
    pub aliases: Vec<String>,
    /// The ConfigMap.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

impl TrustDomain {
    /// Whether a proxy of this mesh config accepts peers of `domain`: its own trust domain or
    /// one of its aliases.
    pub fn accepts(&self, domain: &str) -> bool {
        self.trust_domain == domain || self.aliases.iter().any(|a| a == domain)
    }
}

/// One certificate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Root {
    /// SHA-256 of the DER, upper-case hex pairs joined by `:` (as openssl prints it).
    pub sha256: String,
    /// The subject, RFC 4514.
    pub subject: String,
    /// The issuer, RFC 4514.
    pub issuer: String,
    /// `notBefore`, RFC 3339 (`2025-01-01T00:00:00Z`).
    pub not_before: String,
    /// `notAfter`, RFC 3339.
    pub not_after: String,
    /// `notAfter` in seconds since the Unix epoch.
    #[serde(skip)]
    pub not_after_unix: u64,
    /// The namespaces whose ConfigMap holds it, sorted.
    pub namespaces: Vec<String>,
}

impl Root {
    /// `notAfter` as `openssl x509 -enddate` prints it: `notAfter=Jan  1 00:00:00 2035 GMT`.
    pub fn openssl_end_date(&self) -> String {
        openssl_date(&self.not_after)
    }

    /// Whether it is self-signed (subject equals issuer).
    pub fn self_signed(&self) -> bool {
        self.subject == self.issuer
    }
}

/// ConfigMaps that hold the same certificates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RootSet {
    /// The certificates' fingerprints, sorted.
    pub sha256: Vec<String>,
    /// The namespaces, sorted.
    pub namespaces: Vec<String>,
    /// The first ConfigMap of the set.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

/// A ConfigMap whose root certificate could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unreadable {
    /// Its namespace.
    pub namespace: String,
    /// Why, in the parser's words (English: it comes from the crate).
    pub reason: String,
    /// The ConfigMap.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

/// A Secret known by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretName {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The Secret.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

/// Reads both sides; the cluster's mesh configs are the ones `detect` already parsed.
pub fn read(cluster: &Bundle, facts: &Facts, asm: Option<&Bundle>) -> Trust {
    Trust {
        cluster: side(cluster, facts.mesh_configs.clone()),
        asm: asm.map(|asm| side(asm, mesh_configs(asm))),
    }
}

fn side(bundle: &Bundle, configs: Vec<MeshConfig>) -> TrustSide {
    let trust_domains = configs
        .into_iter()
        .map(|config| TrustDomain {
            revision: config.revision,
            explicit: config.trust_domain.is_some(),
            trust_domain: config
                .trust_domain
                .unwrap_or_else(|| DEFAULT_TRUST_DOMAIN.to_string()),
            aliases: config.trust_domain_aliases,
            object: config.object,
            span: config.span,
        })
        .collect();
    let mut roots: BTreeMap<String, Root> = BTreeMap::new();
    let mut sets: BTreeMap<Vec<String>, RootSet> = BTreeMap::new();
    let mut unreadable = Vec::new();
    for map in &bundle.root_cert_maps {
        match certificates(map) {
            Ok(certs) => {
                let mut fingerprints = Vec::new();
                for cert in certs {
                    let root = roots
                        .entry(cert.sha256.clone())
                        .or_insert_with(|| cert.clone());
                    if !root.namespaces.iter().any(|n| n == map.ns()) {
                        root.namespaces.push(map.ns().to_string());
                    }
                    fingerprints.push(cert.sha256);
                }
                fingerprints.sort();
                fingerprints.dedup();
                let set = sets.entry(fingerprints.clone()).or_insert_with(|| RootSet {
                    sha256: fingerprints,
                    namespaces: Vec::new(),
                    object: map.object_ref(),
                    span: map.span,
                });
                set.namespaces.push(map.ns().to_string());
            }
            Err(reason) => unreadable.push(Unreadable {
                namespace: map.ns().to_string(),
                reason,
                object: map.object_ref(),
                span: map.span,
            }),
        }
    }
    let mut roots: Vec<Root> = roots.into_values().collect();
    for root in &mut roots {
        root.namespaces.sort();
    }
    let mut root_sets: Vec<RootSet> = sets.into_values().collect();
    for set in &mut root_sets {
        set.namespaces.sort();
        set.namespaces.dedup();
    }
    // The set most namespaces hold comes first: it is the cluster's root as the majority sees it.
    root_sets.sort_by(|a, b| {
        b.namespaces
            .len()
            .cmp(&a.namespaces.len())
            .then_with(|| a.namespaces.cmp(&b.namespaces))
    });
    let ca_secrets = bundle
        .secrets
        .iter()
        .filter(|s| CA_SECRETS.contains(&s.name()))
        .map(|s| SecretName {
            namespace: s.ns().to_string(),
            name: s.name().to_string(),
            object: s.object_ref(),
            span: s.span,
        })
        .collect();
    TrustSide {
        trust_domains,
        roots,
        root_sets,
        root_cert_maps: bundle.root_cert_maps.len(),
        unreadable,
        ca_secrets,
        secrets_exported: !bundle.secrets.is_empty(),
    }
}

impl TrustSide {
    /// The fingerprints of every root the side's ConfigMaps hold.
    pub fn fingerprints(&self) -> BTreeSet<&str> {
        self.roots.iter().map(|r| r.sha256.as_str()).collect()
    }

    /// The root a fingerprint names.
    pub fn root(&self, sha256: &str) -> Option<&Root> {
        self.roots.iter().find(|r| r.sha256 == sha256)
    }
}

/// The certificates of a ConfigMap's `root-cert.pem`.
fn certificates(map: &Object<BTreeMap<String, String>>) -> Result<Vec<Root>, String> {
    let Some(pem) = map.body.get(ROOT_CERT_KEY) else {
        return Err(format!("no key {ROOT_CERT_KEY}"));
    };
    let certs = Certificate::load_pem_chain(pem.as_bytes()).map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("no certificate".into());
    }
    certs.iter().map(root).collect()
}

fn root(cert: &Certificate) -> Result<Root, String> {
    let der = cert.to_der().map_err(|e| e.to_string())?;
    let digest = Sha256::digest(&der);
    let sha256 = digest
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    let tbs = &cert.tbs_certificate;
    let not_after = tbs.validity.not_after;
    Ok(Root {
        sha256,
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        not_before: rfc3339(&tbs.validity.not_before.to_date_time()),
        not_after: rfc3339(&not_after.to_date_time()),
        not_after_unix: not_after.to_unix_duration().as_secs(),
        namespaces: Vec::new(),
    })
}

fn rfc3339(t: &DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minutes(),
        t.seconds()
    )
}

/// `2035-01-01T00:00:00Z` as openssl's `-enddate` prints it (`notAfter=Jan  1 00:00:00 2035 GMT`).
fn openssl_date(rfc3339: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let field = |range: std::ops::Range<usize>| rfc3339.get(range).unwrap_or("");
    let month = field(5..7)
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("???");
    let day = field(8..10).trim_start_matches('0');
    format!(
        "notAfter={month} {day:>2} {} {} GMT",
        field(11..19),
        field(0..4)
    )
}

/// A fingerprint shortened to its first `head` bytes and its last two, joined by `joiner`
/// (`AB:CD…EF:01` with 2 and `…`); the whole when it is not longer than that.
pub fn short_fingerprint(sha256: &str, head: usize, joiner: &str) -> String {
    let bytes: Vec<&str> = sha256.split(':').collect();
    if bytes.len() <= head + 2 {
        return sha256.to_string();
    }
    format!(
        "{}{joiner}{}",
        bytes[..head].join(":"),
        bytes[bytes.len() - 2..].join(":")
    )
}

/// Seconds since the Unix epoch at the start of a day written `YYYY-MM-DD`, or `None` when it is
/// not a date.
pub fn day_start(date: &str) -> Option<u64> {
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    if parts.next().is_some() || date.len() != 10 {
        return None;
    }
    DateTime::new(year, month, day, 0, 0, 0)
        .ok()
        .map(|t| t.unix_duration().as_secs())
}

/// The day of a moment given in seconds since the Unix epoch, `YYYY-MM-DD`.
pub fn date_of(secs: u64) -> Option<String> {
    let t = DateTime::from_unix_duration(std::time::Duration::from_secs(secs)).ok()?;
    Some(format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()))
}

/// How close a root's expiry may come, in days, before MIG703 reports it and the app shows it
/// red: the 30 days.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Whole days from `now` to `until` (negative once passed).
pub fn days_left(now: u64, until: u64) -> i64 {
    (until as i64 - now as i64).div_euclid(86_400)
}

/// Certificates and ConfigMaps for the trust tests.
#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests {
    use super::*;

    use super::fixtures::{
        root_cert_map, ISTIO_ROOT, ISTIO_ROOT_SHA256, OTHER_ROOT, OTHER_ROOT_SHA256,
    };
    use crate::checks::testing::analysis;

    #[test]
    fn roots_are_read_as_openssl_reads_them() {
        let yaml = [
            root_cert_map("default", ISTIO_ROOT),
            root_cert_map("shop", ISTIO_ROOT),
            root_cert_map("ledger", &format!("{ISTIO_ROOT}{OTHER_ROOT}")),
        ]
        .concat();
        let trust = analysis(&yaml).trust;
        let side = &trust.cluster;
        assert_eq!(side.root_cert_maps, 3);
        // The fingerprints openssl printed when the certificates were made.
        let istio = side.root(ISTIO_ROOT_SHA256).unwrap();
        assert_eq!(istio.subject, "O=cluster.local");
        assert!(istio.self_signed());
        assert_eq!(istio.not_after, "2036-11-30T12:43:53Z");
        assert_eq!(
            istio.openssl_end_date(),
            "notAfter=Nov 30 12:43:53 2036 GMT"
        );
        assert_eq!(istio.namespaces, ["default", "ledger", "shop"]);
        assert_eq!(side.root(OTHER_ROOT_SHA256).unwrap().namespaces, ["ledger"]);
        // A rotation bundle is its own set: the majority set comes first.
        assert_eq!(side.root_sets.len(), 2);
        assert_eq!(side.root_sets[0].namespaces, ["default", "shop"]);
        assert_eq!(side.root_sets[1].sha256.len(), 2);
        assert_eq!(trust.asm, None);
    }

    #[test]
    fn dates_as_openssl_prints_them() {
        assert_eq!(
            openssl_date("2035-01-01T00:00:00Z"),
            "notAfter=Jan  1 00:00:00 2035 GMT"
        );
        assert_eq!(
            openssl_date("2026-12-20T13:05:09Z"),
            "notAfter=Dec 20 13:05:09 2026 GMT"
        );
    }

    #[test]
    fn a_day_is_a_date_or_nothing() {
        assert_eq!(day_start("1970-01-02"), Some(86_400));
        assert_eq!(day_start("2026-12-03"), Some(1_796_256_000));
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-12-03",
            "2026-12-3",
            "today",
            "",
        ] {
            assert_eq!(day_start(bad), None, "{bad}");
        }
        assert_eq!(days_left(86_400, 86_400 * 31), 30);
        assert_eq!(days_left(86_400 * 2, 86_400), -1);
    }
}
