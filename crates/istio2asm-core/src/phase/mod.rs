//! The `ASMMigrateFromIstio` state machine: where the migration stands, what is legal next, the
//! commands that move it, and the gates that block each transition.

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::finding::{Finding, ObjectRef};
use crate::i18n::Lang;
use crate::model::{Bundle, Object};
use crate::node::Node;
use crate::source::Span;
use crate::state::State;

mod gates;
mod resource;

pub use gates::{adjust_severities, gates, Gate, GateJson};
pub use resource::{
    eastwest_option_command, eastwest_option_verify, export_command, patch_command, resource_name,
    retry_command, served_shapes_command, served_shapes_expect, switch_command, verify_command,
    ResourceShape,
};

/// How the migration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Situation {
    /// No resource in the input: `Init` is assumed.
    Assumed,
    /// State equals desired, no message, counters reconciled.
    Settled,
    /// The switch (or a retry) was asked for and ASM has not finished it.
    InProgress,
    /// The last switch failed: `status.message` says why.
    Failed,
    /// desiredState skips a state or goes backwards, or a field is invalid.
    Illegal,
}

impl Situation {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Situation::Assumed => "assumed",
            Situation::Settled => "settled",
            Situation::InProgress => "in-progress",
            Situation::Failed => "failed",
            Situation::Illegal => "illegal",
        }
    }
}

/// The interpreted `ASMMigrateFromIstio` resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The resource, when it was in the input.
    pub object: Option<ObjectRef>,
    /// Where it starts.
    pub span: Option<Span>,
    /// `status.state` (Init when assumed or not yet reported).
    pub state: State,
    /// `spec.desiredState`, when valid.
    pub desired: Option<State>,
    /// `spec.retryCounter`, when a valid integer.
    pub retry_counter: Option<i64>,
    /// `status.retryCounter`.
    pub status_retry_counter: Option<i64>,
    /// `status.message`.
    pub message: String,
    /// The situation.
    pub situation: Situation,
    /// The shape the resource was exported in, when its apiVersion is one of the two.
    pub shape: Option<ResourceShape>,
    /// Whether ASM keeps istio-system's sidecar injection: the east-west option of the resource's
    /// shape (`disableIstioSystemLabelReconciliation` in v1beta1,
    /// `stopIstioSystemInjectionDisabling` in v1) is `true`.
    pub keeps_istio_system_injection: bool,
}

impl Migration {
    /// The state the next gate leads to: the one after `status.state`.
    pub fn next(&self) -> Option<State> {
        self.state.next()
    }

    /// Whether the resource was in the input.
    pub fn is_present(&self) -> bool {
        self.object.is_some()
    }
}

/// The largest retry counter the resource accepts (int32).
pub const MAX_RETRY_COUNTER: i64 = 2_147_483_647;

/// The retry counter that re-runs ASM's checks after a failed switch: the current one plus one;
/// `None` at the int32 maximum, where the retry writes 0 instead.
pub fn next_retry_counter(current: Option<i64>) -> Option<i64> {
    current
        .unwrap_or(0)
        .checked_add(1)
        .filter(|c| *c <= MAX_RETRY_COUNTER)
}

/// Interprets the resource(s) in the bundle, reporting MIG101–MIG108 in `lang`.
pub fn interpret(bundle: &Bundle, lang: Lang, findings: &mut Vec<Finding>) -> Migration {
    let assumed = Migration {
        object: None,
        span: None,
        state: State::Init,
        desired: None,
        retry_counter: None,
        status_retry_counter: None,
        message: String::new(),
        situation: Situation::Assumed,
        shape: None,
        keeps_istio_system_injection: false,
    };
    let candidates = &bundle.migration;
    let chosen = candidates
        .iter()
        .find(|cr| cr.name() == "default" && ResourceShape::parse(&cr.api_version).is_some())
        .or_else(|| {
            candidates
                .iter()
                .find(|cr| ResourceShape::parse(&cr.api_version).is_some())
        })
        .or_else(|| candidates.first());
    let Some(cr) = chosen else {
        findings.push(
            Finding::new(Code::Mig101, t!(lang, "mig101-assumed-init"))
                .commands([export_command()]),
        );
        return assumed;
    };
    let shape = ResourceShape::parse(&cr.api_version);
    for other in candidates.iter().filter(|c| !std::ptr::eq(*c, cr)) {
        findings.push(
            Finding::new(
                Code::Mig102,
                t!(
                    lang,
                    "mig102-another-ignored",
                    name = format!("{:?}", other.name()),
                    api_version = other.api_version.as_str(),
                ),
            )
            .at(other.object_ref(), other.span),
        );
    }
    let mut identity = Vec::new();
    if shape.is_none() {
        let known: Vec<String> = ResourceShape::ALL.iter().map(|s| s.api_version()).collect();
        identity.push(t!(
            lang,
            "mig102-api-version",
            api_version = format!("{:?}", cr.api_version),
            known = known.join(&t!(lang, "phase-or")),
        ));
    }
    if cr.name() != "default" {
        identity.push(t!(lang, "mig102-name", name = format!("{:?}", cr.name())));
    }
    let at = |f: Finding| f.at(cr.object_ref(), cr.span);
    if !identity.is_empty() {
        findings.push(at(Finding::new(
            Code::Mig102,
            t!(
                lang,
                "mig102-not-the-one",
                problems = identity.join(&t!(lang, "clause-separator")),
            ),
        )));
    }
    unknown_fields(lang, cr, shape, findings);

    let body = &cr.body;
    let mut illegal = false;
    let state = match body.at(&["status", "state"]) {
        None | Some(Node::Null) => State::Init,
        Some(node) => match node.as_str().and_then(State::parse) {
            Some(state) => state,
            None => {
                illegal = true;
                findings.push(at(invalid_state(lang, "status.state", node)));
                State::Init
            }
        },
    };
    let desired = match body.at(&["spec", "desiredState"]) {
        None | Some(Node::Null) => None,
        Some(node) => match node.as_str().and_then(State::parse) {
            Some(desired) => Some(desired),
            None => {
                illegal = true;
                findings.push(
                    at(invalid_state(lang, "spec.desiredState", node))
                        .commands([switch_command(shape, state)]),
                );
                None
            }
        },
    };
    let retry_counter = counter(
        lang,
        body.at(&["spec", "retryCounter"]),
        "spec.retryCounter",
        shape,
        &at,
        findings,
        &mut illegal,
    );
    let status_retry_counter = counter(
        lang,
        body.at(&["status", "retryCounter"]),
        "status.retryCounter",
        shape,
        &at,
        findings,
        &mut illegal,
    );
    let message = body
        .at(&["status", "message"])
        .and_then(Node::scalar_text)
        .unwrap_or_default();
    // The option of the resource's own shape; with an apiVersion of neither (MIG102), either.
    let keeps_istio_system_injection = ResourceShape::ALL
        .into_iter()
        .filter(|s| shape.is_none_or(|shape| shape == *s))
        .any(|s| {
            body.at(&["spec", "advancedOptions", s.eastwest_option()])
                .and_then(Node::as_bool)
                .unwrap_or(false)
        });

    if let Some(desired) = desired {
        let legal = desired == state || Some(desired) == state.next();
        if !legal {
            illegal = true;
            let (desired_text, state_text) = (desired.as_str(), state.as_str());
            let message = if desired < state {
                t!(
                    lang,
                    "mig104-backwards",
                    desired = desired_text,
                    state = state_text
                )
            } else {
                t!(
                    lang,
                    "mig104-skips",
                    desired = desired_text,
                    state = state_text
                )
            };
            findings.push(
                at(Finding::new(Code::Mig104, message))
                    .help(t!(lang, "mig104-help", state = state_text))
                    .commands([switch_command(shape, state)]),
            );
        }
    }

    let situation = if illegal {
        Situation::Illegal
    } else if !message.trim().is_empty() {
        let next_counter = next_retry_counter(retry_counter);
        let mut finding = at(Finding::new(
            Code::Mig106,
            t!(
                lang,
                "mig106-failed",
                state = desired.unwrap_or(state).as_str(),
                message = message.trim(),
            ),
        ));
        finding = match next_counter {
            Some(next) => finding
                .help(t!(lang, "mig106-help-retry", counter = next.to_string()))
                .commands([retry_command(shape, next), verify_command(shape)]),
            None => finding
                .help(t!(
                    lang,
                    "mig106-help-at-maximum",
                    max = MAX_RETRY_COUNTER.to_string()
                ))
                .commands([retry_command(shape, 0), verify_command(shape)]),
        };
        findings.push(finding);
        Situation::Failed
    } else {
        let pending_counter = matches!((retry_counter, status_retry_counter), (Some(a), Some(b)) if a != b)
            || retry_counter.is_some_and(|c| c > 0) && status_retry_counter.is_none();
        let pending_state = desired.is_some_and(|d| d != state);
        if pending_counter || pending_state {
            let what = if pending_state {
                t!(
                    lang,
                    "mig107-switch-pending",
                    desired = desired.map_or("?", State::as_str),
                    state = state.as_str(),
                )
            } else {
                t!(
                    lang,
                    "mig107-retry-pending",
                    counter = retry_counter.unwrap_or(0).to_string(),
                    status_counter = status_retry_counter
                        .map_or_else(|| t!(lang, "mig107-unset"), |c| c.to_string()),
                )
            };
            findings.push(at(Finding::new(Code::Mig107, what)).commands([verify_command(shape)]));
            Situation::InProgress
        } else {
            Situation::Settled
        }
    };
    Migration {
        object: Some(cr.object_ref()),
        span: Some(cr.span),
        state,
        desired,
        retry_counter,
        status_retry_counter,
        message,
        situation,
        shape,
        keeps_istio_system_injection,
    }
}

fn invalid_state(lang: Lang, field: &str, node: &Node) -> Finding {
    let shown = node
        .scalar_text()
        .unwrap_or_else(|| node.type_name().to_string());
    let hint = State::ALL
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(shown.trim()))
        .map(|s| t!(lang, "phase-did-you-mean", suggestion = s.as_str()))
        .unwrap_or_default();
    let states: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
    Finding::new(
        Code::Mig103,
        t!(
            lang,
            "mig103-invalid-state",
            field = field,
            value = format!("{shown:?}"),
            states = states.join(&t!(lang, "list-separator")),
            hint = hint,
        ),
    )
}

fn counter(
    lang: Lang,
    node: Option<&Node>,
    field: &str,
    shape: Option<ResourceShape>,
    at: &dyn Fn(Finding) -> Finding,
    findings: &mut Vec<Finding>,
    illegal: &mut bool,
) -> Option<i64> {
    let node = node?;
    if matches!(node, Node::Null) {
        return None;
    }
    match node.as_int() {
        Some(value) if (0..=i128::from(MAX_RETRY_COUNTER)).contains(&value) => {
            i64::try_from(value).ok()
        }
        _ => {
            *illegal = true;
            let shown = match node {
                // Quoted, so "3" reads as the string it is and not as a valid 3.
                Node::Str(text) => t!(lang, "mig105-the-string", text = format!("{text:?}")),
                other => other
                    .scalar_text()
                    .unwrap_or_else(|| other.type_name().to_string()),
            };
            findings.push(
                at(Finding::new(
                    Code::Mig105,
                    t!(
                        lang,
                        "mig105-invalid-counter",
                        field = field,
                        value = shown,
                        max = MAX_RETRY_COUNTER.to_string(),
                    ),
                ))
                .commands(field.starts_with("spec").then(|| retry_command(shape, 0))),
            );
            None
        }
    }
}

/// MIG108 for every field of `spec` its shape does not have (with an apiVersion of neither
/// shape, MIG102's case, the fields of both are known).
fn unknown_fields(
    lang: Lang,
    cr: &Object<Node>,
    shape: Option<ResourceShape>,
    findings: &mut Vec<Finding>,
) {
    let shapes: Vec<ResourceShape> = match shape {
        Some(shape) => vec![shape],
        None => ResourceShape::ALL.to_vec(),
    };
    let spec_fields = ResourceShape::SPEC_FIELDS;
    let advanced: Vec<&str> = shapes.iter().map(|s| s.eastwest_option()).collect();
    let version = shape.map_or(String::new(), |s| {
        t!(lang, "mig108-in-version", api_version = s.api_version())
    });
    let mut report = |path: String, known: &[&str]| {
        let key = path.rsplit('.').next().unwrap_or(&path).to_string();
        let hint = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(key.trim()))
            .map(|k| t!(lang, "phase-did-you-mean", suggestion = *k))
            .unwrap_or_default();
        findings.push(
            Finding::new(
                Code::Mig108,
                t!(
                    lang,
                    "mig108-unknown-field",
                    path = path.as_str(),
                    version = &version,
                    hint = hint,
                ),
            )
            .at(cr.object_ref(), cr.span),
        );
    };
    for (key, value) in cr.body.at(&["spec"]).map(Node::entries).unwrap_or_default() {
        if !spec_fields.contains(&key.as_ref()) {
            report(format!("spec.{key}"), &spec_fields);
        } else if key.as_ref() == "advancedOptions" {
            for (inner, _) in value.entries() {
                if !advanced.contains(&inner.as_ref()) {
                    report(format!("spec.advancedOptions.{inner}"), &advanced);
                }
            }
        }
    }
}
