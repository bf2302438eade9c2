//! What the app derives from an analysis for its views: workload rows, the next action, finding
//! filters. Pure functions of core values, so tests can check them without a UI.

use std::collections::BTreeMap;

use istio2asm_core::codes::Severity;
use istio2asm_core::detect::{Flavor, OwnerKind, Role};
use istio2asm_core::kubectl::Command;
use istio2asm_core::phase::Situation;
use istio2asm_core::plan::StepKind;
use istio2asm_core::plan::{PhaseStatus, Plan};
use istio2asm_core::risk::assess;
use istio2asm_core::Analysis;

/// One row of the workloads table.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadRow {
    /// Namespace.
    pub namespace: String,
    /// `Deployment`, `StatefulSet`, ..., or `Pod` for bare pods.
    pub kind: String,
    /// Name.
    pub name: String,
    /// `spec.replicas`, when set.
    pub replicas: Option<i64>,
    /// `Istio 1.22.3`, `ASM v1.24.6.12-…`, `mixed`, or `none`.
    pub proxy: String,
    /// `yes`, `no`, `partly`, or `-` when there is no proxy.
    pub xds_agent: String,
    /// The restart risks, joined.
    pub risk: String,
    /// The switch wave (`shop #1`), when the plan has one.
    pub wave: String,
}

/// Builds the workloads table: every workload controller (ReplicaSets owned by a Deployment are
/// folded into it) and every bare pod, with its proxies.
pub fn workload_rows(analysis: &Analysis, plan: Option<&Plan>) -> Vec<WorkloadRow> {
    let bundle = &analysis.bundle;
    let mut proxies: BTreeMap<(String, String, String), Vec<&istio2asm_core::detect::Proxy>> =
        BTreeMap::new();
    for proxy in analysis
        .facts
        .proxies
        .iter()
        .filter(|p| p.role == Role::Sidecar)
    {
        let kind = match &proxy.owner.kind {
            OwnerKind::Workload(kind) => kind.as_str().to_string(),
            OwnerKind::Other(kind) => kind.clone(),
            OwnerKind::Bare => "Pod".to_string(),
        };
        proxies
            .entry((
                proxy.owner.namespace.clone(),
                kind,
                proxy.owner.name.clone(),
            ))
            .or_default()
            .push(proxy);
    }
    let mut waves: BTreeMap<(String, String), String> = BTreeMap::new();
    for step in plan.iter().flat_map(|p| &p.phases).flat_map(|p| &p.steps) {
        if let StepKind::SwitchWave { number, workloads } = &step.kind {
            for owner in workloads {
                waves.insert(
                    (owner.namespace.clone(), owner.name.clone()),
                    format!("{} #{number}", owner.namespace),
                );
            }
        }
    }
    let mut rows = Vec::new();
    for workload in &bundle.workloads {
        let owned_rs = workload.body.kind == istio2asm_core::model::WorkloadKind::ReplicaSet
            && workload.meta.owners.iter().any(|o| o.kind == "Deployment");
        let owned_job = workload.body.kind == istio2asm_core::model::WorkloadKind::Job
            && workload.meta.owners.iter().any(|o| o.kind == "CronJob");
        if owned_rs || owned_job {
            continue;
        }
        let key = (
            workload.ns().to_string(),
            workload.kind.clone(),
            workload.name().to_string(),
        );
        let pods = proxies.remove(&key).unwrap_or_default();
        let risks = assess(bundle, &analysis.facts, workload);
        rows.push(row(
            key,
            workload.body.replicas,
            &pods,
            risks.list().join("; "),
            &waves,
        ));
    }
    // Pods whose owner was not exported, and bare pods.
    for (key, pods) in proxies {
        rows.push(row(key, None, &pods, String::new(), &waves));
    }
    rows.sort_by(|a, b| (&a.namespace, &a.kind, &a.name).cmp(&(&b.namespace, &b.kind, &b.name)));
    rows
}

fn row(
    (namespace, kind, name): (String, String, String),
    replicas: Option<i64>,
    pods: &[&istio2asm_core::detect::Proxy],
    risk: String,
    waves: &BTreeMap<(String, String), String>,
) -> WorkloadRow {
    let flavors: std::collections::BTreeSet<(Flavor, &str)> =
        pods.iter().map(|p| (p.flavor, p.tag.as_str())).collect();
    let gateway = if pods.iter().any(|p| p.role == Role::Gateway) {
        " (gateway)"
    } else {
        ""
    };
    let proxy = match flavors.len() {
        0 => "none".to_string(),
        1 => match flavors.iter().next() {
            Some((Flavor::Istio, tag)) => format!("Istio {tag}{gateway}"),
            Some((Flavor::Asm, tag)) => format!("ASM {tag}{gateway}"),
            Some((Flavor::Unknown, tag)) => format!("unknown {tag}{gateway}"),
            None => "none".to_string(),
        },
        _ => format!("mixed{gateway}"),
    };
    let with_agent = pods.iter().filter(|p| p.xds_agent).count();
    let xds_agent = if pods.is_empty() {
        "-".to_string()
    } else if with_agent == pods.len() {
        "yes".to_string()
    } else if with_agent == 0 {
        "no".to_string()
    } else {
        format!("{with_agent}/{}", pods.len())
    };
    let wave = waves
        .get(&(namespace.clone(), name.clone()))
        .cloned()
        .unwrap_or_default();
    WorkloadRow {
        namespace,
        kind,
        name,
        replicas,
        proxy,
        xds_agent,
        risk,
        wave,
    }
}

/// The one thing to do next, with the command to copy when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAction {
    /// What to do, in words.
    pub text: String,
    /// The command, when one does it.
    pub command: Option<Command>,
}

/// Chooses the next action: fix a failed or illegal resource first, then a blocking gate's first
/// finding, else the current phase's first step.
pub fn next_action(analysis: &Analysis, plan: &Plan) -> NextAction {
    let blocking = |codes: &[&str]| {
        analysis
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error && codes.contains(&f.code.as_str()))
    };
    let situation = analysis.migration.situation;
    let urgent = match situation {
        Situation::Failed => blocking(&["MIG106"]),
        Situation::Illegal => blocking(&["MIG104", "MIG103", "MIG105", "MIG102"]),
        _ => None,
    };
    // Errors first: those with a command to copy, then any other (the fix is then in its help).
    let first_error = urgent
        .or_else(|| {
            analysis
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error && !f.commands.is_empty())
        })
        .or_else(|| {
            analysis
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
        });
    if let Some(finding) = first_error {
        let mut text = format!(
            "{} {}: {}",
            finding.code.as_str(),
            finding.code.name(),
            finding.message
        );
        if finding.commands.is_empty() {
            text.push_str(&format!(". {}", finding.help_text()));
        }
        return NextAction {
            text,
            command: finding.commands.first().cloned(),
        };
    }
    let step = plan
        .phases
        .iter()
        .filter(|p| p.status == PhaseStatus::Current)
        .flat_map(|p| p.steps.iter())
        .find(|s| !s.commands.is_empty() || !s.needs.is_empty());
    match step {
        Some(step) => NextAction {
            text: format!("{}: {}", step.id, step.title),
            command: step.commands.first().cloned(),
        },
        None => NextAction {
            text: "Nothing left: the migration is finished.".into(),
            command: None,
        },
    }
}

/// The findings filter of the Findings view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingFilter {
    /// Show errors.
    pub errors: bool,
    /// Show warnings.
    pub warnings: bool,
    /// Show infos.
    pub infos: bool,
    /// Only this code (`MIG402`), or all when empty.
    pub code: String,
    /// Only this namespace, or all when empty.
    pub namespace: String,
    /// Text that the message, object or code must contain (case-insensitive).
    pub text: String,
}

impl Default for FindingFilter {
    fn default() -> Self {
        FindingFilter {
            errors: true,
            warnings: true,
            infos: true,
            code: String::new(),
            namespace: String::new(),
            text: String::new(),
        }
    }
}

impl FindingFilter {
    /// Indexes of the findings that pass.
    pub fn apply(&self, analysis: &Analysis) -> Vec<usize> {
        let text = self.text.to_lowercase();
        analysis
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| match f.severity {
                Severity::Error => self.errors,
                Severity::Warning => self.warnings,
                Severity::Info => self.infos,
            })
            .filter(|(_, f)| self.code.is_empty() || f.code.as_str() == self.code)
            .filter(|(_, f)| {
                self.namespace.is_empty()
                    || f.object.as_ref().and_then(|o| o.namespace.as_deref())
                        == Some(self.namespace.as_str())
            })
            .filter(|(_, f)| {
                text.is_empty()
                    || f.message.to_lowercase().contains(&text)
                    || f.code.as_str().to_lowercase().contains(&text)
                    || f.code.name().contains(&text)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// The indexes of the rows that contain `filter` (case-insensitive, any column), sorted by a
/// column (0 namespace … 7 wave), then namespace and name.
pub fn order_rows(
    rows: &[WorkloadRow],
    filter: &str,
    (column, ascending): (usize, bool),
) -> Vec<usize> {
    let needle = filter.to_lowercase();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let r = &rows[i];
            needle.is_empty()
                || [&r.namespace, &r.kind, &r.name, &r.proxy, &r.risk, &r.wave]
                    .iter()
                    .any(|v| v.to_lowercase().contains(&needle))
        })
        .collect();
    fn text(r: &WorkloadRow, column: usize) -> &str {
        match column {
            0 => &r.namespace,
            1 => &r.kind,
            2 => &r.name,
            4 => &r.proxy,
            5 => &r.xds_agent,
            6 => &r.risk,
            _ => &r.wave,
        }
    }
    order.sort_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        let primary = if column == 3 {
            a.replicas.cmp(&b.replicas)
        } else {
            text(a, column).cmp(text(b, column))
        };
        let order = primary.then_with(|| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
    order
}
