//! # MIG203 asm-too-old
//!
//! ## What it finds
//!
//! An ASM instance older than 1.24 (the setting `--asm-version`), or no ASM version given at all
//! (then a warning). ASM writes versions such as `v1.24.6.12-g<hash>-aliyun`; they compare on
//! `MAJOR.MINOR.PATCH`.
//!
//! ## Why it matters
//!
//! The in-place migration needs a new ASM instance of version 1.24 or later; an older instance has
//! no `ASMMigrateFromIstio` support, and the plan's apiVersions and steps assume 1.24.
//!
//! ## How to fix
//!
//! Create (or upgrade to) an ASM instance of 1.24 or later and pass its version with
//! `--asm-version 1.24.6` (in the app: Settings → ASM version).
//!
//! ## Example
//!
//! `istio2asm check cluster.yaml --asm-version 1.22.6`
//!
//! `error[MIG203]: ASM 1.22.6 is older than 1.24`

use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::detect::Version;
use crate::finding::Finding;
use crate::gate::ASM_FLOOR;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let floor = format!("{}.{}", ASM_FLOOR.0, ASM_FLOOR.1);
    let finding = match &cx.settings.asm_version {
        None => Finding::new(Code::Mig203, t!(cx.lang, "mig203-not-given", floor = floor))
            .severity(Severity::Warning),
        Some(raw) => match Version::parse(raw).below(ASM_FLOOR) {
            Some(false) => return,
            Some(true) => Finding::new(
                Code::Mig203,
                t!(cx.lang, "mig203-too-old", version = raw, floor = floor),
            ),
            None => Finding::new(
                Code::Mig203,
                t!(
                    cx.lang,
                    "mig203-not-a-version",
                    version = format!("{raw:?}")
                ),
            )
            .severity(Severity::Warning),
        },
    };
    out.push(finding.gate(State::SetupIstioForMigrate));
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{cr, findings_with};
    use crate::codes::{Code, Severity};
    use crate::settings::Settings;

    fn mig203(asm_version: Option<&str>, state: &str) -> Vec<(Severity, String)> {
        let settings = Settings {
            asm_version: asm_version.map(String::from),
            ..Settings::default()
        };
        findings_with(&cr(state), &settings)
            .into_iter()
            .filter(|(c, _, _)| *c == Code::Mig203)
            .map(|(_, s, m)| (s, m))
            .collect()
    }

    #[test]
    fn asm_1_22_is_too_old() {
        assert_eq!(
            mig203(Some("1.22.3"), "Init"),
            [(Severity::Error, "ASM 1.22.3 is older than 1.24".to_string())]
        );
    }

    #[test]
    fn a_missing_or_unreadable_version_is_a_warning() {
        assert_eq!(
            mig203(None, "Init"),
            [(
                Severity::Warning,
                "the ASM version is not given (setting asm-version); it must be 1.24 or later"
                    .to_string()
            )]
        );
        assert_eq!(
            mig203(Some("latest"), "Init"),
            [(
                Severity::Warning,
                r#"the ASM version "latest" is not a version"#.to_string()
            )]
        );
    }

    #[test]
    fn asm_1_24_passes_in_either_spelling() {
        assert_eq!(mig203(Some("1.24.6"), "Init"), []);
        assert_eq!(mig203(Some("v1.24.6.12-g1e1a2ab-aliyun"), "Init"), []);
        assert_eq!(mig203(Some("1.25.0"), "Init"), []);
    }

    #[test]
    fn once_passed_the_gate_it_is_at_most_a_warning() {
        assert_eq!(
            mig203(Some("1.22.3"), "Migrating"),
            [(
                Severity::Warning,
                "ASM 1.22.3 is older than 1.24".to_string()
            )]
        );
    }
}
