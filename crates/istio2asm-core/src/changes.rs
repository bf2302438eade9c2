//! What changed since an earlier run: the current analysis compared with an earlier
//! `check --format json` report (the baseline). A migration runs over days with several
//! exports; this says what moved between two of them.
//!
//! - Findings are matched by code and object (kind, namespace, name), never by line or message:
//!   an export taken later shifts lines, and messages hold counts that change. A finding without
//!   an object (a file that does not parse) is matched by code and file. Matching counts: three
//!   MIG002 in one file before and one now is two fixed.
//! - Workloads switched to ASM: in the baseline some of its live pods ran Istio's sidecar, now
//!   none does and some run ASM's (the reports' `workloads` sections).
//! - Gates: each gate (by transition and id) that passed now and did not before, or blocks now
//!   and did not before.
//! - The state of the migration resource, when it changed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::gate::{GateId, Verdict};
use crate::i18n::Lang;
use crate::phase::GateJson;
use crate::report::{check_value, SCHEMA_VERSION};

/// What changed since the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// The state before and now, when it changed.
    pub state: Option<StateChange>,
    /// Findings of the baseline that are gone.
    pub fixed: Vec<FindingKey>,
    /// Findings that the baseline did not have.
    pub new: Vec<FindingKey>,
    /// Workloads that ran Istio's sidecar in the baseline and run only ASM's now.
    pub switched_to_asm: Vec<WorkloadKey>,
    /// Gates that pass now and did not.
    pub gates_passed: Vec<GateChange>,
    /// Gates that block now and did not.
    pub gates_failed: Vec<GateChange>,
    /// Whether the baseline had the `workloads` section (reports before it had none, so
    /// switches cannot be told).
    pub workloads_compared: bool,
}

/// The state of the migration resource, before and now (`None`: no resource in that export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateChange {
    /// In the baseline.
    pub from: Option<String>,
    /// Now.
    pub to: Option<String>,
}

/// A finding as the comparison knows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingKey {
    /// `MIG402`.
    pub code: String,
    /// `Deployment shop/cart`, or the file of an object-less finding.
    pub subject: String,
    /// Its message (in the language of the run it comes from).
    #[serde(default)]
    pub message: String,
}

/// A workload as the comparison knows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WorkloadKey {
    /// Kind as Kubernetes spells it.
    pub kind: String,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
}

/// A gate whose verdict changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateChange {
    /// `Init → SetupIstioForMigrate`.
    pub transition: String,
    /// The gate.
    pub id: GateId,
    /// Before.
    pub from: Verdict,
    /// Now.
    pub to: Verdict,
}

/// The parts of a report the comparison reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    #[serde(default)]
    migration: Option<MigrationPart>,
    #[serde(default)]
    gates: Vec<GateJson>,
    #[serde(default)]
    findings: Vec<FindingPart>,
    #[serde(default)]
    workloads: Option<Vec<WorkloadPart>>,
}

#[derive(Debug, Deserialize)]
struct MigrationPart {
    state: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FindingPart {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    object: Option<ObjectPart>,
    #[serde(default)]
    location: Option<LocationPart>,
}

#[derive(Debug, Deserialize)]
struct ObjectPart {
    kind: String,
    #[serde(default)]
    namespace: Option<String>,
    name: String,
}

#[derive(Debug, Deserialize)]
struct LocationPart {
    path: String,
}

#[derive(Debug, Deserialize)]
struct WorkloadPart {
    object: WorkloadKey,
    istio: usize,
    asm: usize,
}

impl FindingPart {
    fn key(&self) -> FindingKey {
        let subject = match (&self.object, &self.location) {
            (Some(o), _) => match &o.namespace {
                Some(ns) => format!("{} {ns}/{}", o.kind, o.name),
                None => format!("{} {}", o.kind, o.name),
            },
            (None, Some(l)) => l.path.clone(),
            (None, None) => String::new(),
        };
        FindingKey {
            code: self.code.clone(),
            subject,
            message: self.message.clone(),
        }
    }
}

/// Reads a baseline: the text of an earlier `check --format json` report. The error says what is
/// wrong in the language asked for; the caller adds the file's name.
fn read(text: &str, lang: Lang) -> Result<Report, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| t!(lang, "changes-not-json", error = e.to_string()))?;
    report_of(value, lang)
}

fn report_of(value: serde_json::Value, lang: Lang) -> Result<Report, String> {
    let version = value
        .get("schemaVersion")
        .and_then(serde_json::Value::as_u64);
    if value.get("findings").is_none() || version.is_none() {
        return Err(t!(lang, "changes-not-a-report"));
    }
    if version != Some(u64::from(SCHEMA_VERSION)) {
        return Err(t!(
            lang,
            "changes-schema-version",
            found = version.unwrap_or_default().to_string(),
            wanted = SCHEMA_VERSION
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| t!(lang, "changes-not-a-report-detail", error = e.to_string()))
}

/// Compares the analysis with a baseline report given as JSON text.
pub fn compare_text(baseline: &str, analysis: &Analysis) -> Result<Changes, String> {
    let lang = analysis.settings.lang;
    Ok(compare_report(&read(baseline, lang)?, analysis))
}

/// Compares the analysis with a baseline report given as a JSON value (the JS library's object).
pub fn compare_value(baseline: serde_json::Value, analysis: &Analysis) -> Result<Changes, String> {
    let lang = analysis.settings.lang;
    Ok(compare_report(&report_of(baseline, lang)?, analysis))
}

fn compare_report(before: &Report, analysis: &Analysis) -> Changes {
    // The current analysis in the report's own shape: one reading of both sides.
    let now = report_of(check_value(analysis), analysis.settings.lang).unwrap_or(Report {
        migration: None,
        gates: Vec::new(),
        findings: Vec::new(),
        workloads: Some(Vec::new()),
    });
    let state_of = |r: &Report| r.migration.as_ref().and_then(|m| m.state.clone());
    let (from, to) = (state_of(before), state_of(&now));
    let (fixed, new) = diff_findings(&before.findings, &now.findings);
    let (gates_passed, gates_failed) = diff_gates(&before.gates, &now.gates);
    Changes {
        state: (from != to).then_some(StateChange { from, to }),
        fixed,
        new,
        switched_to_asm: switched(before.workloads.as_deref(), now.workloads.as_deref()),
        gates_passed,
        gates_failed,
        workloads_compared: before.workloads.is_some(),
    }
}

/// Findings only before (fixed) and only now (new), matched by code and subject with counts.
fn diff_findings(
    before: &[FindingPart],
    now: &[FindingPart],
) -> (Vec<FindingKey>, Vec<FindingKey>) {
    let group = |list: &[FindingPart]| {
        let mut map: BTreeMap<(String, String), Vec<FindingKey>> = BTreeMap::new();
        for f in list {
            let key = f.key();
            map.entry((key.code.clone(), key.subject.clone()))
                .or_default()
                .push(key);
        }
        map
    };
    let (before, now) = (group(before), group(now));
    let surplus = |a: &BTreeMap<(String, String), Vec<FindingKey>>,
                   b: &BTreeMap<(String, String), Vec<FindingKey>>| {
        let mut out = Vec::new();
        for (key, list) in a {
            let matched = b.get(key).map_or(0, Vec::len);
            out.extend(list.iter().skip(matched).cloned());
        }
        out
    };
    (surplus(&before, &now), surplus(&now, &before))
}

fn diff_gates(before: &[GateJson], now: &[GateJson]) -> (Vec<GateChange>, Vec<GateChange>) {
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    for gate in now {
        let Some(old) = before
            .iter()
            .find(|g| g.id == gate.id && g.transition == gate.transition)
        else {
            continue;
        };
        let change = GateChange {
            transition: gate.transition.clone(),
            id: gate.id,
            from: old.verdict,
            to: gate.verdict,
        };
        if gate.verdict.passed() && !old.verdict.passed() {
            passed.push(change);
        } else if gate.verdict.blocks() && !old.verdict.blocks() {
            failed.push(change);
        }
    }
    (passed, failed)
}

fn switched(before: Option<&[WorkloadPart]>, now: Option<&[WorkloadPart]>) -> Vec<WorkloadKey> {
    let (Some(before), Some(now)) = (before, now) else {
        return Vec::new();
    };
    before
        .iter()
        .filter(|b| b.istio > 0)
        .filter(|b| {
            now.iter()
                .any(|n| n.object == b.object && n.istio == 0 && n.asm > 0)
        })
        .map(|b| b.object.clone())
        .collect()
}

/// The `check --format json` document with the `changes` section, pretty-printed with a final
/// newline.
pub fn check_json(analysis: &Analysis, changes: &Changes, baseline: &str) -> String {
    let mut value = check_value(analysis);
    if let Some(map) = value.as_object_mut() {
        map.insert("changes".into(), changes.json(baseline));
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.state.is_none()
            && self.fixed.is_empty()
            && self.new.is_empty()
            && self.switched_to_asm.is_empty()
            && self.gates_passed.is_empty()
            && self.gates_failed.is_empty()
    }

    /// The `changes` section of the JSON report, with the baseline's name.
    pub fn json(&self, baseline: &str) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.insert("baseline".into(), baseline.into());
        }
        value
    }

    /// The text block `check` prints after the findings.
    pub fn text(&self, baseline: &str, lang: Lang) -> String {
        let mut out = t!(lang, "changes-heading", baseline = baseline);
        out.push('\n');
        let mut line = |s: String| {
            out.push_str("  ");
            out.push_str(&s);
            out.push('\n');
        };
        if self.is_empty() {
            line(t!(lang, "changes-none"));
        }
        if let Some(state) = &self.state {
            let none = t!(lang, "changes-no-resource");
            line(t!(
                lang,
                "changes-state",
                from = state.from.clone().unwrap_or_else(|| none.clone()),
                to = state.to.clone().unwrap_or(none)
            ));
        }
        for w in &self.switched_to_asm {
            line(t!(
                lang,
                "changes-switched",
                object = format!("{} {}/{}", w.kind, w.namespace, w.name)
            ));
        }
        if !self.workloads_compared {
            line(t!(lang, "changes-no-workloads"));
        }
        for f in &self.fixed {
            line(t!(
                lang,
                "changes-fixed",
                code = &f.code,
                subject = &f.subject,
                message = &f.message
            ));
        }
        for f in &self.new {
            line(t!(
                lang,
                "changes-new",
                code = &f.code,
                subject = &f.subject,
                message = &f.message
            ));
        }
        for g in &self.gates_passed {
            line(t!(
                lang,
                "changes-gate-passed",
                transition = &g.transition,
                gate = g.id.as_str(),
                from = g.from.as_str()
            ));
        }
        for g in &self.gates_failed {
            line(t!(
                lang,
                "changes-gate-failed",
                transition = &g.transition,
                gate = g.id.as_str(),
                from = g.from.as_str()
            ));
        }
        out
    }
}
