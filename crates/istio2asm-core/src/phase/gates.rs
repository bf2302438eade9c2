//! The gates evaluated against the findings: each gate of `gate::GATES` gets a verdict, a detail
//! line and the objects involved, and findings get the severity of where their gate lies.

use serde::{Deserialize, Serialize};

use crate::codes::Severity;
use crate::finding::{Finding, ObjectRef};
use crate::gate::{GateId, Verdict, GATES};
use crate::i18n::Lang;
use crate::state::State;

use super::Migration;

/// One gate of a transition, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// The state it leads to.
    pub into: State,
    /// Which gate.
    pub id: GateId,
    /// What the findings made of it.
    pub verdict: Verdict,
    /// What was checked, and what failed.
    pub detail: String,
    /// The objects involved (at most a few; the findings list all).
    pub objects: Vec<ObjectRef>,
}

impl Gate {
    /// The transition, e.g. `Init → SetupIstioForMigrate`.
    pub fn transition(&self) -> String {
        self.into.transition()
    }
}

/// A gate as it reads back from a report's or a plan's JSON: everything a renderer shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "GateWire", into = "GateWire")]
pub struct GateJson {
    /// The transition, e.g. `Init → SetupIstioForMigrate`.
    pub transition: String,
    /// Which gate.
    pub id: GateId,
    /// What the findings made of it.
    pub verdict: Verdict,
    /// What was checked, and what failed.
    pub detail: String,
    /// The objects involved.
    pub objects: Vec<ObjectRef>,
}

/// The JSON shape of a gate (schema 1): the verdict spelled as the three flags it has always
/// been, so that reports stay comparable.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct GateWire {
    transition: String,
    id: GateId,
    passed: bool,
    blocking: bool,
    manual: bool,
    detail: String,
    objects: Vec<ObjectRef>,
}

impl TryFrom<GateWire> for GateJson {
    type Error = String;

    fn try_from(wire: GateWire) -> Result<Self, String> {
        let verdict =
            Verdict::from_flags(wire.passed, wire.blocking, wire.manual).ok_or_else(|| {
                format!(
                    "gate {}: passed {}, blocking {}, manual {} is no verdict",
                    wire.id.as_str(),
                    wire.passed,
                    wire.blocking,
                    wire.manual
                )
            })?;
        Ok(GateJson {
            transition: wire.transition,
            id: wire.id,
            verdict,
            detail: wire.detail,
            objects: wire.objects,
        })
    }
}

impl From<GateJson> for GateWire {
    fn from(gate: GateJson) -> Self {
        GateWire {
            transition: gate.transition,
            id: gate.id,
            passed: gate.verdict.passed(),
            blocking: gate.verdict.blocks(),
            manual: gate.verdict.manual(),
            detail: gate.detail,
            objects: gate.objects,
        }
    }
}

impl From<&Gate> for GateJson {
    fn from(gate: &Gate) -> Self {
        GateJson {
            transition: gate.transition(),
            id: gate.id,
            verdict: gate.verdict,
            detail: gate.detail.clone(),
            objects: gate.objects.clone(),
        }
    }
}

impl Serialize for Gate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        GateWire::from(GateJson::from(self)).serialize(s)
    }
}

/// Adjusts severities to the phase: a gate's findings keep their severity when it is the next
/// gate, become information when the gate lies further ahead, and are capped at warning when the
/// gate was already passed.
pub fn adjust_severities(migration: &Migration, findings: &mut [Finding]) {
    let next = migration.next();
    for finding in findings {
        let Some(gate) = finding.gate else {
            continue;
        };
        finding.severity = match next {
            Some(next) if gate == next => finding.severity,
            Some(next) if gate > next => Severity::Info,
            _ => finding.severity.min(Severity::Warning),
        };
    }
}

/// Evaluates every gate of every transition against the findings. A finding counts for the gate
/// its code names (`Code::gate`), in the transition it was raised for (any, when it names none).
/// The details are written in `lang`.
pub fn gates(findings: &[Finding], asm_export_given: bool, lang: Lang) -> Vec<Gate> {
    GATES
        .iter()
        .map(|def| {
            let hits: Vec<&Finding> = findings
                .iter()
                .filter(|f| {
                    f.code.gate() == Some(def.id) && f.gate.is_none_or(|into| into == def.into)
                })
                .collect();
            let manual = def.id.needs_asm_export() && !asm_export_given;
            // An error fails the gate even when the rest of it can only be checked by hand.
            let verdict = if hits.iter().any(|f| f.severity == Severity::Error) {
                Verdict::Fail
            } else if manual {
                Verdict::Manual
            } else if hits.is_empty() {
                Verdict::Pass
            } else {
                Verdict::Warn
            };
            let mut objects: Vec<ObjectRef> =
                hits.iter().filter_map(|f| f.object.clone()).collect();
            objects.sort();
            objects.dedup();
            let what = def.id.what(lang);
            let detail = match verdict {
                Verdict::Manual => t!(lang, "gate-detail-manual", what = what),
                Verdict::Pass => what,
                Verdict::Fail | Verdict::Warn => {
                    let mut codes: Vec<&str> = hits.iter().map(|f| f.code.as_str()).collect();
                    codes.sort_unstable();
                    codes.dedup();
                    t!(
                        lang,
                        "gate-detail-findings",
                        what = what,
                        count = hits.len(),
                        codes = codes.join(&t!(lang, "list-separator"))
                    )
                }
            };
            Gate {
                into: def.into,
                id: def.id,
                verdict,
                detail,
                objects,
            }
        })
        .collect()
}
