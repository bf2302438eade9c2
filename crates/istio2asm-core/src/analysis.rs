//! The entry point: inputs and settings in, an [`Analysis`] out. Never fails.

use serde::{Deserialize, Serialize};

use crate::checks;
use crate::detect::{self, Facts, Version};
use crate::finding::{Finding, Severity};
use crate::kubectl::KubeconfigVars;
use crate::load::{self, Input, Limits};
use crate::model::Bundle;
use crate::names::{is_label_key, is_label_value};
use crate::phase::{self, Gate, Migration};
use crate::source::Sources;

/// What the user may set (SPEC §2). Every field has the documented default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The ASM instance's version (e.g. `1.24.6`); unknown when `None`.
    pub asm_version: Option<String>,
    /// The kubeconfig variable for the cluster.
    pub cluster_kubeconfig_var: String,
    /// The kubeconfig variable for the ASM control plane.
    pub asm_kubeconfig_var: String,
    /// The pod label that opts a workload into ASM's proxy: key.
    pub asm_label_key: String,
    /// The pod label that opts a workload into ASM's proxy: value.
    pub asm_label_value: String,
    /// The ASM egress gateway's share at each step, ending at 100.
    pub egress_weights: Vec<u32>,
    /// The ASM egress gateway Service host; read from the export when `None`.
    pub asm_egress_host: Option<String>,
    /// How many workloads one wave restarts or switches.
    pub wave_size: usize,
    /// Load limits.
    pub limits: Limits,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            asm_version: None,
            cluster_kubeconfig_var: "K8S_KUBECONFIG".into(),
            asm_kubeconfig_var: "ASM_KUBECONFIG".into(),
            asm_label_key: "sidecar.asm.aliyun.com/inject".into(),
            asm_label_value: "true".into(),
            egress_weights: vec![1, 10, 50, 100],
            asm_egress_host: None,
            wave_size: 10,
            limits: Limits::default(),
        }
    }
}

impl Settings {
    /// Checks every setting; the message names the setting and what is accepted.
    pub fn validate(&self) -> Result<(), String> {
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)?;
        if !is_label_key(&self.asm_label_key) {
            return Err(format!(
                "the ASM label key {:?} is not a Kubernetes label key (e.g. sidecar.asm.aliyun.com/inject)",
                self.asm_label_key
            ));
        }
        if !is_label_value(&self.asm_label_value) {
            return Err(format!(
                "the ASM label value {:?} is not a Kubernetes label value (at most 63 of A-Z a-z 0-9 - _ .)",
                self.asm_label_value
            ));
        }
        let weights = &self.egress_weights;
        if weights.is_empty()
            || weights.iter().any(|w| *w > 100)
            || weights.windows(2).any(|w| w[0] >= w[1])
            || weights.last() != Some(&100)
        {
            return Err(format!(
                "the egress weights {weights:?} must rise strictly from 0..100 and end at 100 (e.g. 1,10,50,100)"
            ));
        }
        if let Some(host) = &self.asm_egress_host {
            if !crate::names::is_dns1123_subdomain(host) {
                return Err(format!("the ASM egress host {host:?} is not a DNS name"));
            }
        }
        if self.wave_size == 0 {
            return Err("the wave size must be at least 1".into());
        }
        if let Some(version) = &self.asm_version {
            if Version::parse(version).number.is_none() {
                return Err(format!(
                    "the ASM version {version:?} is not a version like 1.24.6"
                ));
            }
        }
        Ok(())
    }

    /// The kubeconfig variable names. Callers check the settings with [`Settings::validate`]
    /// first (the CLI, the app and the JS library do); if they did not and a name is not a
    /// shell name, both defaults are used, so no command ever expands anything else.
    pub fn kubeconfig_vars(&self) -> KubeconfigVars {
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)
            .unwrap_or_default()
    }
}

/// What the checks see.
#[derive(Debug)]
pub struct Context<'a> {
    /// The cluster's objects.
    pub bundle: &'a Bundle,
    /// What was detected in them.
    pub facts: &'a Facts,
    /// The migration resource.
    pub migration: &'a Migration,
    /// The settings.
    pub settings: &'a Settings,
    /// The ASM control plane's export, when given.
    pub asm: Option<&'a Bundle>,
}

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
        self.findings
            .iter()
            .fold((0, 0, 0), |(e, w, i), f| match f.severity {
                Severity::Error => (e + 1, w, i),
                Severity::Warning => (e, w + 1, i),
                Severity::Info => (e, w, i + 1),
            })
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
        let mut sink = |doc| bundle.add(doc, &mut load_findings);
        load::load(
            inputs,
            &settings.limits,
            &mut sources,
            &mut findings,
            &mut sink,
        );
        findings.append(&mut load_findings);
    }
    let asm = (!asm_inputs.is_empty()).then(|| {
        let mut asm_bundle = Bundle::default();
        let mut load_findings = Vec::new();
        let mut sink = |doc| asm_bundle.add(doc, &mut load_findings);
        load::load(
            asm_inputs,
            &settings.limits,
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
            crate::finding::Code::Mig004,
            format!("{secrets} Secret(s) in the input were dropped unread; they are never stored or shown"),
        );
        finding.span = bundle
            .first_secret
            .or(asm.as_ref().and_then(|a| a.first_secret));
        findings.push(finding);
    }
    let facts = detect::detect(&bundle);
    let migration = phase::interpret(&bundle, &mut findings);
    {
        let cx = Context {
            bundle: &bundle,
            facts: &facts,
            migration: &migration,
            settings,
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
    let gates = phase::gates(&findings, asm.is_some());
    Analysis {
        sources,
        bundle,
        asm,
        facts,
        migration,
        findings,
        gates,
        settings: settings.clone(),
    }
}
