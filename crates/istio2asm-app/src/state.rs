//! The app's state per tab (what each tab filters, sorts, selects or holds half-typed), and for
//! now what the app derives from an analysis for its views: workload rows and the next action.
//! Each tab changes only its own state; what it needs from the rest of the app it asks for with a
//! [`crate::views::Request`].

use std::collections::BTreeMap;

use istio2asm_core::detect::{Flavor, OwnerKind, Role};
use istio2asm_core::finding::Severity;
use istio2asm_core::kubectl::Command;
use istio2asm_core::phase::Situation;
use istio2asm_core::plan::{PhaseStatus, Plan};
use istio2asm_core::risk::assess;
use istio2asm_core::{Analysis, Settings};

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
    if let Some(plan) = plan {
        for phase in &plan.phases {
            for step in phase
                .steps
                .iter()
                .filter(|s| s.id.starts_with("switch-wave-"))
            {
                let number = step.id.trim_start_matches("switch-wave-");
                for command in &step.commands {
                    if command.args.first().map(String::as_str) == Some("patch") {
                        if let (Some(ns), Some(name)) = (&command.namespace, command.args.get(2)) {
                            waves.insert((ns.clone(), name.clone()), format!("{ns} #{number}"));
                        }
                    }
                }
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

/// The Findings tab's state: which findings it lists and which one it details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsTab {
    /// Which findings the list shows.
    pub(crate) filter: FindingFilter,
    /// The finding shown in detail, as an index into the analysis' findings. A new analysis
    /// clears it, since the index would point into another list.
    pub(crate) selected: Option<usize>,
}

/// A column of the workloads table, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadColumn {
    /// The namespace.
    Namespace,
    /// The controller's kind, or `Pod`.
    Kind,
    /// The workload's name.
    Name,
    /// `spec.replicas`.
    Replicas,
    /// The proxy flavour and version.
    Proxy,
    /// Whether the proxies run the XDS agent.
    XdsAgent,
    /// The restart risks.
    Risk,
    /// The switch wave.
    Wave,
}

impl WorkloadColumn {
    /// Every column, in the table's order.
    pub const ALL: [WorkloadColumn; 8] = [
        WorkloadColumn::Namespace,
        WorkloadColumn::Kind,
        WorkloadColumn::Name,
        WorkloadColumn::Replicas,
        WorkloadColumn::Proxy,
        WorkloadColumn::XdsAgent,
        WorkloadColumn::Risk,
        WorkloadColumn::Wave,
    ];

    /// The column's header.
    pub fn title(self) -> &'static str {
        match self {
            WorkloadColumn::Namespace => "Namespace",
            WorkloadColumn::Kind => "Kind",
            WorkloadColumn::Name => "Name",
            WorkloadColumn::Replicas => "Replicas",
            WorkloadColumn::Proxy => "Proxy",
            WorkloadColumn::XdsAgent => "XDS agent",
            WorkloadColumn::Risk => "Risk",
            WorkloadColumn::Wave => "Wave",
        }
    }

    /// The row's cell in this column, as the table shows it.
    fn text(self, row: &WorkloadRow) -> &str {
        match self {
            WorkloadColumn::Namespace => &row.namespace,
            WorkloadColumn::Kind => &row.kind,
            WorkloadColumn::Name => &row.name,
            // Replicas sort as numbers and are never searched; see `WorkloadsTab::order`.
            WorkloadColumn::Replicas => "",
            WorkloadColumn::Proxy => &row.proxy,
            WorkloadColumn::XdsAgent => &row.xds_agent,
            WorkloadColumn::Risk => &row.risk,
            WorkloadColumn::Wave => &row.wave,
        }
    }
}

/// How the workloads table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkloadSort {
    /// The column sorted on.
    pub column: WorkloadColumn,
    /// Whether smallest first.
    pub ascending: bool,
}

impl Default for WorkloadSort {
    fn default() -> Self {
        WorkloadSort {
            column: WorkloadColumn::Namespace,
            ascending: true,
        }
    }
}

impl WorkloadSort {
    /// The sort after a click on `column`'s header: the same column turns around, another one
    /// starts ascending.
    pub fn clicked(self, column: WorkloadColumn) -> Self {
        WorkloadSort {
            column,
            ascending: self.column != column || !self.ascending,
        }
    }
}

/// What the workloads table's row order depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OrderKey {
    filter: String,
    sort: WorkloadSort,
    /// The outcome shown, by address.
    outcome: usize,
}

/// The Workloads tab's state: its filter, its sort, and the row order they give.
#[derive(Debug, Clone, Default)]
pub struct WorkloadsTab {
    /// Text a row must contain (case-insensitive, in any column but replicas and XDS agent).
    pub(crate) filter: String,
    /// The sort column and direction.
    pub(crate) sort: WorkloadSort,
    /// The row order, kept because filtering and sorting 10,000 rows every frame would cost
    /// more than drawing them.
    order: Option<(OrderKey, Vec<usize>)>,
}

impl WorkloadsTab {
    /// The indexes of the rows that pass the filter, in the table's order. Computed once per
    /// change of filter, sort or outcome.
    pub fn order(&mut self, rows: &[WorkloadRow], outcome: usize) -> &[usize] {
        let key = OrderKey {
            filter: self.filter.clone(),
            sort: self.sort,
            outcome,
        };
        let order = match self.order.take() {
            Some((cached, order)) if cached == key => order,
            _ => order_rows(rows, &key.filter, key.sort),
        };
        &self.order.insert((key, order)).1
    }
}

/// The indexes of the rows that contain `filter` (case-insensitive, any column but replicas and
/// XDS agent), sorted by a column, then namespace and name.
fn order_rows(rows: &[WorkloadRow], filter: &str, sort: WorkloadSort) -> Vec<usize> {
    use WorkloadColumn as C;
    let needle = filter.to_lowercase();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            needle.is_empty()
                || [C::Namespace, C::Kind, C::Name, C::Proxy, C::Risk, C::Wave]
                    .iter()
                    .any(|c| c.text(&rows[i]).to_lowercase().contains(&needle))
        })
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        let primary = if sort.column == C::Replicas {
            a.replicas.cmp(&b.replicas)
        } else {
            sort.column.text(a).cmp(sort.column.text(b))
        };
        let order = primary.then_with(|| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    });
    order
}

/// The Plan tab's state: the settings form as typed, and why it was not applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanTab {
    /// The form's text; it may not validate while the user types.
    pub(crate) form: SettingsForm,
    /// What is wrong with the form, while it does not validate.
    pub(crate) form_error: Option<String>,
}

/// The Inputs tab's state: the paste area's text, until it is analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputsTab {
    /// The pasted text.
    pub(crate) paste: String,
}

/// The settings form's text fields (applied when they parse and validate).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SettingsForm {
    /// ASM version.
    pub asm_version: String,
    /// Cluster kubeconfig variable.
    pub cluster_var: String,
    /// ASM kubeconfig variable.
    pub asm_var: String,
    /// ASM label, `key=value`.
    pub asm_label: String,
    /// Egress weights, `1,10,50,100`.
    pub egress_weights: String,
    /// ASM egress host.
    pub asm_egress_host: String,
    /// Wave size.
    pub wave_size: usize,
}

impl SettingsForm {
    /// The form showing `settings`.
    pub fn from_settings(settings: &Settings) -> Self {
        SettingsForm {
            asm_version: settings.asm_version.clone().unwrap_or_default(),
            cluster_var: settings.cluster_kubeconfig_var.clone(),
            asm_var: settings.asm_kubeconfig_var.clone(),
            asm_label: format!("{}={}", settings.asm_label_key, settings.asm_label_value),
            egress_weights: settings
                .egress_weights
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
            asm_egress_host: settings.asm_egress_host.clone().unwrap_or_default(),
            wave_size: settings.wave_size,
        }
    }

    /// The settings the form describes, or what is wrong with it.
    pub fn to_settings(&self, base: &Settings) -> Result<Settings, String> {
        let (key, value) = self
            .asm_label
            .split_once('=')
            .ok_or_else(|| "the ASM label must be KEY=VALUE".to_string())?;
        let egress_weights = self
            .egress_weights
            .split(',')
            .map(|w| w.trim().parse::<u32>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| {
                "the egress weights must be whole numbers separated by commas".to_string()
            })?;
        let settings = Settings {
            asm_version: Some(self.asm_version.trim().to_string()).filter(|v| !v.is_empty()),
            cluster_kubeconfig_var: self.cluster_var.trim().to_string(),
            asm_kubeconfig_var: self.asm_var.trim().to_string(),
            asm_label_key: key.trim().to_string(),
            asm_label_value: value.trim().to_string(),
            egress_weights,
            asm_egress_host: Some(self.asm_egress_host.trim().to_string())
                .filter(|v| !v.is_empty()),
            wave_size: self.wave_size,
            limits: base.limits.clone(),
        };
        settings.validate()?;
        Ok(settings)
    }
}
