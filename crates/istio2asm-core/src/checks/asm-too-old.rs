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

use crate::analysis::Context;
use crate::detect::Version;
use crate::finding::{Code, Finding, Severity};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let finding = match &cx.settings.asm_version {
        None => Finding::new(
            Code::Mig203,
            "the ASM version is not given (--asm-version); it must be 1.24 or later",
        )
        .severity(Severity::Warning),
        Some(raw) => match Version::parse(raw).below(1, 24) {
            Some(false) => return,
            Some(true) => Finding::new(Code::Mig203, format!("ASM {raw} is older than 1.24")),
            None => Finding::new(Code::Mig203, format!("the ASM version {raw:?} is not a version"))
                .severity(Severity::Warning),
        },
    };
    out.push(finding.gate(State::SetupIstioForMigrate));
}
