//! The text report's `trust:` line: each side's roots of trust and trust domains in one line.

use crate::i18n::Lang;
use crate::trust::{Trust, TrustSide};

/// One line: the cluster's roots (fingerprint, subject, expiry, how many namespaces), its trust
/// domains, and the same of ASM's side, or that ASM's side was not exported.
pub(super) fn summary(trust: &Trust, lang: Lang) -> String {
    let cluster = side(&trust.cluster, lang);
    match &trust.asm {
        Some(asm) => t!(
            lang,
            "report-trust-both",
            cluster = cluster,
            asm = side(asm, lang)
        ),
        None => t!(lang, "report-trust-cluster-only", cluster = cluster),
    }
}

fn side(side: &TrustSide, lang: Lang) -> String {
    let roots = if side.roots.is_empty() {
        t!(lang, "report-trust-no-roots")
    } else {
        side.roots
            .iter()
            .map(|root| {
                t!(
                    lang,
                    "report-trust-root",
                    fingerprint = short(&root.sha256),
                    subject = root.subject.as_str(),
                    until = root.not_after.get(..10).unwrap_or(&root.not_after),
                    count = root.namespaces.len()
                )
            })
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"))
    };
    let mut domains: Vec<&str> = side
        .trust_domains
        .iter()
        .map(|d| d.trust_domain.as_str())
        .collect();
    domains.sort_unstable();
    domains.dedup();
    let domains = if domains.is_empty() {
        t!(lang, "report-trust-no-domain")
    } else {
        domains.join(&t!(lang, "list-separator"))
    };
    t!(lang, "report-trust-side", roots = roots, domains = domains)
}

/// The first and last two bytes of a fingerprint: `AB:CD…EF:01`.
fn short(sha256: &str) -> String {
    match (
        sha256.get(..5),
        sha256.get(sha256.len().saturating_sub(5)..),
    ) {
        (Some(head), Some(tail)) if sha256.len() > 10 => format!("{head}…{tail}"),
        _ => sha256.to_string(),
    }
}
