//! # MIG703 root-cert-expiring
//!
//! ## What it finds
//!
//! A root certificate in an `istio-ca-root-cert` ConfigMap (either side) that expires within 30
//! days of the day judged on (`--as-of`, else today), or has expired. An expired root is an error.
//!
//! ## Why it matters
//!
//! Every workload certificate chains to the root; once the root expires, proxies refuse every
//! peer certificate and mTLS fails mesh-wide. istiod's self-signed root lives 10 years
//! (`DefaultSelfSignedCACertTTL`, istio/istio `security/pkg/cmd/constants.go`), but plugged-in
//! roots live as long as their owner made them. A root that expires during the change window
//! turns the migration's restarts into an outage.
//!
//! ## How to fix
//!
//! Rotate the root before the migration (Istio's documentation: plug in a new `cacerts` whose
//! `root-cert.pem` holds both the old and the new root, restart the proxies, then remove the old
//! root), or move the change window. The command prints the root's expiry as openssl reads it.
//!
//! ## Example
//!
//! `root-certs.yaml:12:3: warning[MIG703]: The root of trust BF:84:AB…CB:10 (O=expiring-root) in 3 namespaces expires on 2026-12-13, in 10 days`

use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::commands::root_cert_summary;
use crate::finding::Finding;
use crate::kubectl::Target;
pub(crate) use crate::trust::EXPIRY_WARNING_DAYS;
use crate::trust::{days_left, TrustSide};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some((_, now)) = cx.settings.judged_on() else {
        return;
    };
    side(cx, &cx.trust.cluster, Target::Cluster, now, out);
    if let Some(asm) = &cx.trust.asm {
        side(cx, asm, Target::Asm, now, out);
    }
}

fn side(cx: &Context, side: &TrustSide, target: Target, now: u64, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    for root in &side.roots {
        let days = days_left(now, root.not_after_unix);
        if days >= EXPIRY_WARNING_DAYS {
            continue;
        }
        let Some(set) = side
            .root_sets
            .iter()
            .find(|s| s.sha256.contains(&root.sha256))
        else {
            continue;
        };
        let date = root.not_after.get(..10).unwrap_or(&root.not_after);
        let (message, severity) = if days < 0 {
            (
                t!(
                    lang,
                    "mig703-expired",
                    sha256 = root.sha256.as_str(),
                    subject = root.subject.as_str(),
                    count = root.namespaces.len(),
                    date = date,
                    days = -days
                ),
                Severity::Error,
            )
        } else {
            (
                t!(
                    lang,
                    "mig703-expiring",
                    sha256 = root.sha256.as_str(),
                    subject = root.subject.as_str(),
                    count = root.namespaces.len(),
                    date = date,
                    days = days
                ),
                Severity::Warning,
            )
        };
        out.push(
            Finding::new(Code::Mig703, message)
                .severity(severity)
                .at(set.object.clone(), set.span)
                .commands(
                    root.namespaces
                        .first()
                        .map(|ns| root_cert_summary(target, ns)),
                )
                .help(format!(
                    "{}{}",
                    Code::Mig703.doc(lang).how_to_fix(),
                    t!(
                        lang,
                        "trust-expect",
                        expect = t!(
                            lang,
                            "mig703-expect",
                            sha256 = root.sha256.as_str(),
                            end = root.openssl_end_date()
                        )
                    )
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::findings_with;
    use crate::codes::{Code, Severity};
    use crate::i18n::Lang;
    use crate::settings::Settings;
    use crate::trust::fixtures::{root_cert_map, EXPIRED_ROOT, EXPIRING_ROOT, ISTIO_ROOT};

    fn on(date: &str, lang: Lang) -> Settings {
        Settings {
            as_of: Some(date.into()),
            lang,
            ..Settings::default()
        }
    }

    fn mig703(yaml: &str, settings: &Settings) -> Vec<(Severity, String)> {
        findings_with(yaml, settings)
            .into_iter()
            .filter(|(c, _, _)| *c == Code::Mig703)
            .map(|(_, s, m)| (s, m))
            .collect()
    }

    #[test]
    fn expiry_is_judged_on_the_day_given() {
        let yaml = [
            root_cert_map("default", ISTIO_ROOT),
            root_cert_map("shop", EXPIRING_ROOT),
            root_cert_map("ledger", EXPIRED_ROOT),
        ]
        .concat();
        let found = mig703(&yaml, &on("2026-12-03", Lang::En));
        assert_eq!(found.len(), 2, "{found:?}");
        let expired = found
            .iter()
            .find(|(_, m)| m.contains("expired-root"))
            .unwrap();
        assert_eq!(expired.0, Severity::Error);
        assert!(
            expired.1.contains("expired on 2026-11-01, 32 days ago"),
            "{}",
            expired.1
        );
        let expiring = found
            .iter()
            .find(|(_, m)| m.contains("expiring-root"))
            .unwrap();
        assert_eq!(expiring.0, Severity::Warning);
        assert!(
            expiring.1.contains("expires on 2026-12-13, in 10 days"),
            "{}",
            expiring.1
        );
        // Three months earlier neither is within 30 days of its expiry.
        assert_eq!(mig703(&yaml, &on("2026-09-01", Lang::En)), []);
        // No day known: nothing is judged.
        assert_eq!(mig703(&yaml, &Settings::default()), []);
        let zh = mig703(&yaml, &on("2026-12-03", Lang::ZhCn));
        assert!(zh.iter().all(|(_, m)| m.contains("到期")), "{zh:?}");
    }
}
