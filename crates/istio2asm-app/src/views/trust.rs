//! The Overview's Trust panel: per side (the cluster's export, ASM's), the roots of trust with
//! their fingerprints and expiry, the sets of namespaces that hold them, the trust domains, the
//! CA Secrets by name, and the trust findings (MIG7xx) with the commands that verify them on the
//! live clusters. Everything shown is core's (`istio2asm_core::trust`, the findings); the panel
//! only words and colours it.

use egui::{RichText, Ui};
use istio2asm_core::finding::Finding;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::KubeconfigVars;
use istio2asm_core::t;
use istio2asm_core::trust::{days_left, Root, TrustSide, EXPIRY_WARNING_DAYS};
use istio2asm_core::{Analysis, Code};

use super::widgets::{commands, severity_text, Labelled, AMBER, RED};

/// Which export a side of the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Cluster,
    Asm,
}

impl Side {
    fn heading(self, lang: Lang) -> String {
        match self {
            Side::Cluster => t!(lang, "views-trust-cluster"),
            Side::Asm => t!(lang, "views-trust-asm"),
        }
    }

    /// Keeps the widget ids of the two sides apart (a root may be on both).
    fn salt(self) -> &'static str {
        match self {
            Side::Cluster => "cluster",
            Side::Asm => "asm",
        }
    }
}

/// Whether a finding is about trust: the MIG7xx range of codes.
pub fn is_trust_finding(finding: &Finding) -> bool {
    finding.code.as_str().starts_with("MIG7")
}

/// The panel, in `lang` (the outcome's).
pub(super) fn show(ui: &mut Ui, analysis: &Analysis, vars: &KubeconfigVars, lang: Lang) {
    ui.heading(t!(lang, "views-trust-heading"));
    let judged = analysis.settings.judged_on();
    match judged {
        Some((date, _)) => ui.label(t!(lang, "views-trust-judged-on", date = date)),
        None => ui.label(t!(lang, "views-trust-not-judged")),
    };
    let now = judged.map(|(_, secs)| secs);
    side(ui, Side::Cluster, &analysis.trust.cluster, now, lang);
    ui.separator();
    match &analysis.trust.asm {
        Some(asm) => side(ui, Side::Asm, asm, now, lang),
        None => {
            ui.label(RichText::new(Side::Asm.heading(lang)).strong());
            ui.label(RichText::new(t!(lang, "views-trust-asm-not-exported")).color(AMBER));
        }
    }
    ui.separator();
    findings(ui, analysis, vars, lang);
}

/// One side: its roots, the sets of namespaces holding them, unreadable ConfigMaps, trust
/// domains and CA Secrets.
fn side(ui: &mut Ui, which: Side, side: &TrustSide, now: Option<u64>, lang: Lang) {
    ui.label(RichText::new(which.heading(lang)).strong());
    if side.root_cert_maps == 0 {
        ui.label(t!(lang, "views-trust-no-roots"));
    }
    // In the order of core's sets (the one most namespaces hold first), so the roots read in the
    // order of the "Set" lines under them.
    let mut roots: Vec<&Root> = side.roots.iter().collect();
    roots.sort_by_key(|r| {
        side.root_sets
            .iter()
            .position(|set| set.sha256.contains(&r.sha256))
            .unwrap_or(usize::MAX)
    });
    for root in roots {
        root_ui(ui, which, root, now, lang);
    }
    if side.root_sets.len() > 1 {
        ui.label(
            RichText::new(t!(
                lang,
                "views-trust-two-writers",
                count = side.root_sets.len()
            ))
            .color(RED),
        );
        for (index, set) in side.root_sets.iter().enumerate() {
            let roots: Vec<String> = set.sha256.iter().map(|s| short(s)).collect();
            egui::CollapsingHeader::new(t!(
                lang,
                "views-trust-set",
                number = index + 1,
                roots = roots.join(&t!(lang, "list-separator")),
                count = set.namespaces.len()
            ))
            .id_salt(("trust-set", which.salt(), index))
            .show(ui, |ui| {
                ui.label(set.namespaces.join(&t!(lang, "list-separator")));
            });
        }
    }
    for unreadable in &side.unreadable {
        ui.label(
            RichText::new(t!(
                lang,
                "views-trust-unreadable",
                namespace = &unreadable.namespace,
                reason = &unreadable.reason
            ))
            .color(AMBER),
        );
    }
    ui.add_space(4.0);
    ui.label(RichText::new(t!(lang, "views-trust-domains")).strong());
    if side.trust_domains.is_empty() {
        ui.label(t!(lang, "views-trust-no-domain"));
    }
    for domain in &side.trust_domains {
        let text = if domain.explicit {
            t!(
                lang,
                "views-trust-domain",
                revision = &domain.revision,
                domain = &domain.trust_domain
            )
        } else {
            t!(
                lang,
                "views-trust-domain-default",
                revision = &domain.revision,
                domain = &domain.trust_domain
            )
        };
        ui.label(text);
        if !domain.aliases.is_empty() {
            ui.label(t!(
                lang,
                "views-trust-aliases",
                aliases = domain.aliases.join(&t!(lang, "list-separator"))
            ));
        }
    }
    ui.add_space(4.0);
    ui.label(RichText::new(t!(lang, "views-trust-ca-secrets")).strong());
    if !side.secrets_exported {
        ui.label(t!(lang, "views-trust-secrets-not-exported"));
    } else if side.ca_secrets.is_empty() {
        ui.label(t!(lang, "views-trust-no-ca-secret"));
    }
    for secret in &side.ca_secrets {
        let text = if secret.name == "cacerts" {
            t!(
                lang,
                "views-trust-cacerts",
                namespace = &secret.namespace,
                name = &secret.name
            )
        } else {
            t!(
                lang,
                "views-trust-ca-secret",
                namespace = &secret.namespace,
                name = &secret.name
            )
        };
        ui.label(text);
    }
}

/// One root: its short fingerprint (the whole on hover, a button copies it), subject, expiry
/// (red within 30 days or past) and the namespaces whose ConfigMap holds it.
fn root_ui(ui: &mut Ui, which: Side, root: &Root, now: Option<u64>, lang: Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let shown = short(&root.sha256);
        ui.horizontal(|ui| {
            ui.label(RichText::new(&shown).monospace().strong())
                .on_hover_text(&root.sha256);
            if ui
                .small_button(t!(lang, "app-copy"))
                .on_hover_text(t!(lang, "views-trust-copy-hover"))
                .labelled_by_text(&t!(
                    lang,
                    "app-copy-named",
                    name = t!(lang, "views-trust-fingerprint-id", fingerprint = &shown)
                ))
                .clicked()
            {
                ui.ctx().copy_text(root.sha256.clone());
            }
        });
        ui.label(t!(lang, "views-trust-subject", subject = &root.subject));
        if !root.self_signed() {
            ui.label(t!(lang, "views-trust-issuer", issuer = &root.issuer));
        }
        let date = root.not_after.get(..10).unwrap_or(&root.not_after);
        let expiry = match expiry(root, now) {
            Expiry::Unjudged => RichText::new(t!(lang, "views-trust-until-unjudged", date = date)),
            Expiry::Left { days, soon } => {
                let text = RichText::new(t!(lang, "views-trust-until", date = date, days = days));
                if soon {
                    text.color(RED)
                } else {
                    text
                }
            }
            Expiry::Expired { days } => {
                RichText::new(t!(lang, "views-trust-expired", date = date, days = days)).color(RED)
            }
        };
        ui.label(expiry);
        egui::CollapsingHeader::new(t!(
            lang,
            "views-trust-namespaces",
            count = root.namespaces.len()
        ))
        .id_salt(("trust-namespaces", which.salt(), &root.sha256))
        .show(ui, |ui| {
            ui.label(root.namespaces.join(&t!(lang, "list-separator")));
        });
    });
}

/// A root's expiry as of the day judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    /// No day to judge on.
    Unjudged,
    /// Whole days left; `soon` within core's warning days (MIG703's), shown red.
    Left { days: i64, soon: bool },
    /// Expired this many days ago.
    Expired { days: i64 },
}

fn expiry(root: &Root, now: Option<u64>) -> Expiry {
    match now.map(|now| days_left(now, root.not_after_unix)) {
        None => Expiry::Unjudged,
        Some(days) if days < 0 => Expiry::Expired { days: -days },
        Some(days) => Expiry::Left {
            days,
            soon: days < EXPIRY_WARNING_DAYS,
        },
    }
}

/// The trust findings, each with its message, its verify commands (each with a copy button) and
/// its help, which says what the commands should print.
fn findings(ui: &mut Ui, analysis: &Analysis, vars: &KubeconfigVars, lang: Lang) {
    ui.label(RichText::new(t!(lang, "views-trust-findings")).strong());
    let trust: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| is_trust_finding(f))
        .collect();
    if trust.is_empty() {
        ui.label(t!(lang, "views-trust-no-findings"));
    }
    for (index, finding) in trust.iter().enumerate() {
        let code = finding.code.as_str();
        let codes: Vec<Code> = trust.iter().map(|f| f.code).collect();
        let id = copy_id(lang, &codes, index);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(severity_text(finding.severity, lang));
                ui.label(RichText::new(format!("{code} {}", finding.code.name())).monospace());
            });
            ui.add(egui::Label::new(&finding.message).wrap());
            commands(ui, &finding.commands, vars, &id, lang);
            egui::CollapsingHeader::new(t!(lang, "app-finding-how-to-fix"))
                .id_salt(("trust-help", index))
                .show(ui, |ui| {
                    ui.add(egui::Label::new(finding.help_text(lang)).wrap());
                });
        });
    }
}

/// A fingerprint shortened to its first four and last two bytes, `F8:BA:D2:1E…D6:01`; the
/// whole when it is that short already.
fn short(sha256: &str) -> String {
    istio2asm_core::trust::short_fingerprint(sha256, 4, "…")
}

/// The accessible name of the `index`th finding's copy buttons among findings of `codes`: its
/// code, numbered when the code is found more than once, so each button has its own name.
pub(super) fn copy_id(lang: Lang, codes: &[Code], index: usize) -> String {
    let code = codes[index];
    let seen = codes[..index].iter().filter(|c| **c == code).count();
    if codes.iter().filter(|c| **c == code).count() > 1 {
        t!(
            lang,
            "views-trust-finding-id",
            code = code.as_str(),
            number = seen + 1
        )
    } else {
        code.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{expiry, short, Expiry};
    use istio2asm_core::trust::{day_start, Root};

    #[test]
    fn a_root_is_red_within_thirty_days_of_its_expiry_and_after() {
        let root = Root {
            sha256: String::new(),
            subject: "O=expiring-test-root".into(),
            issuer: "O=expiring-test-root".into(),
            not_before: "2016-12-20T00:00:00Z".into(),
            not_after: "2026-12-20T00:00:00Z".into(),
            not_after_unix: day_start("2026-12-20").unwrap_or_default(),
            namespaces: Vec::new(),
        };
        let on = |date: &str| expiry(&root, day_start(date));
        assert_eq!(
            on("2026-11-19"),
            Expiry::Left {
                days: 31,
                soon: false
            }
        );
        assert_eq!(
            on("2026-11-20"),
            Expiry::Left {
                days: 30,
                soon: false
            }
        );
        assert_eq!(
            on("2026-11-21"),
            Expiry::Left {
                days: 29,
                soon: true
            }
        );
        assert_eq!(
            on("2026-12-20"),
            Expiry::Left {
                days: 0,
                soon: true
            }
        );
        assert_eq!(on("2026-12-21"), Expiry::Expired { days: 1 });
        assert_eq!(expiry(&root, None), Expiry::Unjudged);
    }

    #[test]
    fn a_fingerprint_is_shortened_to_its_ends() {
        assert_eq!(
            short("F8:BA:D2:1E:02:2E:4F:7E:52:AE:CC:4F:DA:7C:89:32:CB:B7:B6:A8:5E:24:59:AA:A3:F2:D2:2A:AE:88:D6:01"),
            "F8:BA:D2:1E…D6:01"
        );
        assert_eq!(short("AB:CD"), "AB:CD");
    }
}
