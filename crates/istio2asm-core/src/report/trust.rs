//! The text report's `trust:` line: each side's roots of trust and trust domains in one line.

use crate::i18n::Lang;
use crate::trust::{short_fingerprint, Trust, TrustSide};

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
                    fingerprint = short_fingerprint(&root.sha256, 2, "…"),
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
