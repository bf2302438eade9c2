//! The entry point: inputs and settings in, an [`Analysis`] out. Never fails.

use crate::checks::{self, Context};
use crate::codes::Severity;
use crate::detect::{self, Facts};
use crate::finding::Finding;
use crate::inject::{self, Simulation};
use crate::load::{self, Input};
use crate::model::Bundle;
use crate::phase::{self, Gate, Migration};
use crate::settings::Settings;
use crate::source::Sources;
use crate::trust::{self, Trust};

/// Everything known about the inputs.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The loaded files, for locations and excerpts.
    pub sources: Sources,
    /// The cluster's objects.
    pub bundle: Bundle,
    /// The ASM control plane's objects, when given.
    pub asm: Option<Bundle>,
    /// Detected facts.
    pub facts: Facts,
    /// Which injector gives each workload its sidecar, now and after its switch.
    pub injection: Simulation,
    /// Roots of trust and trust domains of both sides.
    pub trust: Trust,
    /// The migration resource.
    pub migration: Migration,
    /// Findings, sorted by place, then code.
    pub findings: Vec<Finding>,
    /// Gates of every transition.
    pub gates: Vec<Gate>,
    /// The settings used.
    pub settings: Settings,
}

impl Analysis {
    /// Counts of (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        Severity::tally(self.findings.iter().map(|f| f.severity))
    }

    /// The gates of the next transition.
    pub fn next_gates(&self) -> impl Iterator<Item = &Gate> {
        let next = self.migration.next();
        self.gates.iter().filter(move |g| Some(g.into) == next)
    }
}

/// Analyses the cluster's inputs (and, optionally, an export of the ASM control plane).
pub fn analyze(inputs: Vec<Input>, asm_inputs: Vec<Input>, settings: &Settings) -> Analysis {
    let mut sources = Sources::default();
    let mut findings = Vec::new();
    let mut bundle = Bundle::default();
    {
        let mut load_findings = Vec::new();
        let mut sink = |doc| bundle.add(doc, settings.lang, &mut load_findings);
        load::load(
            inputs,
            &settings.limits,
            crate::model::SCHEMA,
            settings.lang,
            &mut sources,
            &mut findings,
            &mut sink,
        );
        findings.append(&mut load_findings);
    }
    let asm = (!asm_inputs.is_empty()).then(|| {
        let mut asm_bundle = Bundle::default();
        let mut load_findings = Vec::new();
        let mut sink = |doc| asm_bundle.add(doc, settings.lang, &mut load_findings);
        load::load(
            asm_inputs,
            &settings.limits,
            crate::model::SCHEMA,
            settings.lang,
            &mut sources,
            &mut findings,
            &mut sink,
        );
        findings.append(&mut load_findings);
        asm_bundle
    });
    let secrets = bundle.secrets_dropped + asm.as_ref().map_or(0, |a| a.secrets_dropped);
    if secrets > 0 {
        let mut finding = Finding::new(
            crate::codes::Code::Mig004,
            t!(settings.lang, "mig004-dropped", count = secrets),
        );
        finding.span = bundle
            .first_secret
            .or(asm.as_ref().and_then(|a| a.first_secret));
        findings.push(finding);
    }
    let facts = detect::detect(&bundle, settings.lang);
    let injection = inject::simulate(&bundle, &facts, settings);
    let trust = trust::read(&bundle, &facts, asm.as_ref());
    let migration = phase::interpret(&bundle, settings.lang, &mut findings);
    {
        let cx = Context {
            bundle: &bundle,
            facts: &facts,
            injection: &injection,
            trust: &trust,
            migration: &migration,
            settings,
            lang: settings.lang,
            asm: asm.as_ref(),
        };
        checks::run_all(&cx, &mut findings);
    }
    phase::adjust_severities(&migration, &mut findings);
    findings.sort_by(|a, b| {
        (a.span.is_none(), a.span, a.code, &a.message).cmp(&(
            b.span.is_none(),
            b.span,
            b.code,
            &b.message,
        ))
    });
    let gates = phase::gates(&findings, asm.is_some(), settings.lang);
    Analysis {
        sources,
        bundle,
        asm,
        facts,
        injection,
        trust,
        migration,
        findings,
        gates,
        settings: settings.clone(),
    }
}
