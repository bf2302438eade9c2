//! The app's state per tab: what each tab filters, sorts, selects or holds half-typed. Each tab
//! changes only its own state; what it needs from the rest of the app it asks for with a
//! [`crate::views::Request`]. What the tabs show is derived in core (`istio2asm_core::progress`).

use std::borrow::Cow;

use istio2asm_core::codes::Severity;
use istio2asm_core::detect::{Flavor, OwnerKind};
use istio2asm_core::i18n::Lang;
use istio2asm_core::progress::{AgentCoverage, Dataplane, ProxyVersion, WorkloadRow};
use istio2asm_core::settings::Setting;
use istio2asm_core::{t, Analysis, Settings};

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
    /// The sidecar the next restart gives.
    NextRestart,
    /// The sidecar the first restart after the switch gives.
    AfterSwitch,
    /// Whether the proxies run the XDS agent.
    XdsAgent,
    /// The restart risks.
    Risk,
    /// The switch wave.
    Wave,
}

impl WorkloadColumn {
    /// Every column, in the table's order.
    pub const ALL: [WorkloadColumn; 10] = [
        WorkloadColumn::Namespace,
        WorkloadColumn::Kind,
        WorkloadColumn::Name,
        WorkloadColumn::Replicas,
        WorkloadColumn::Proxy,
        WorkloadColumn::NextRestart,
        WorkloadColumn::AfterSwitch,
        WorkloadColumn::XdsAgent,
        WorkloadColumn::Risk,
        WorkloadColumn::Wave,
    ];

    /// The column's header.
    pub fn title(self, lang: Lang) -> String {
        match self {
            WorkloadColumn::Namespace => t!(lang, "app-column-namespace"),
            WorkloadColumn::Kind => t!(lang, "app-column-kind"),
            WorkloadColumn::Name => t!(lang, "app-column-name"),
            WorkloadColumn::Replicas => t!(lang, "app-column-replicas"),
            WorkloadColumn::Proxy => t!(lang, "app-column-proxy"),
            WorkloadColumn::NextRestart => t!(lang, "app-column-next-restart"),
            WorkloadColumn::AfterSwitch => t!(lang, "app-column-after-switch"),
            WorkloadColumn::XdsAgent => t!(lang, "app-column-xds-agent"),
            WorkloadColumn::Risk => t!(lang, "app-column-risk"),
            WorkloadColumn::Wave => t!(lang, "app-column-wave"),
        }
    }

    /// The row's cell in this column, as the table shows it in `lang` (the language of the
    /// outcome the row comes from, so the cell's words and core's agree). The table sorts and
    /// filters on this text too, so what a user sees is what they sort and search.
    pub fn cell(self, row: &WorkloadRow, lang: Lang) -> Cow<'_, str> {
        match self {
            WorkloadColumn::Namespace => Cow::Borrowed(&row.namespace),
            WorkloadColumn::Kind => Cow::Borrowed(row.kind_name()),
            WorkloadColumn::Name => Cow::Borrowed(&row.name),
            WorkloadColumn::Replicas => row
                .replicas
                .map_or(Cow::Borrowed("-"), |n| Cow::Owned(n.to_string())),
            WorkloadColumn::Proxy => {
                let proxy = match &row.proxy {
                    ProxyVersion::None => t!(lang, "app-proxy-none"),
                    ProxyVersion::One { flavor, tag } => {
                        let flavor = match flavor {
                            Flavor::Istio => "Istio".to_string(),
                            Flavor::Asm => "ASM".to_string(),
                            Flavor::Unknown => t!(lang, "app-proxy-unknown"),
                        };
                        format!("{flavor} {tag}")
                    }
                    ProxyVersion::Mixed => t!(lang, "app-proxy-mixed"),
                };
                Cow::Owned(match row.dataplane {
                    Dataplane::Sidecar => proxy,
                    Dataplane::InjectedByHand => proxy + &t!(lang, "app-proxy-by-hand"),
                    Dataplane::Ambient => t!(lang, "app-proxy-ambient"),
                })
            }
            WorkloadColumn::NextRestart => Cow::Owned(row.next_restart.label(lang)),
            WorkloadColumn::AfterSwitch => row
                .after_switch
                .as_ref()
                .map_or(Cow::Borrowed("-"), |s| Cow::Owned(s.label(lang))),
            WorkloadColumn::XdsAgent => match row.xds_agent {
                AgentCoverage::NoSidecars => Cow::Borrowed("-"),
                AgentCoverage::All => Cow::Owned(t!(lang, "app-xds-agent-yes")),
                AgentCoverage::Missing => Cow::Owned(t!(lang, "app-xds-agent-no")),
                AgentCoverage::Partial {
                    with_agent,
                    sidecars,
                } => Cow::Owned(format!("{with_agent}/{sidecars}")),
            },
            WorkloadColumn::Risk => row
                .risks
                .as_ref()
                .map_or(Cow::Borrowed(""), |r| Cow::Owned(r.list().join("; "))),
            WorkloadColumn::Wave => row.wave.as_ref().map_or(Cow::Borrowed(""), |w| {
                Cow::Owned(format!("{} #{}", w.namespace, w.number))
            }),
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
    /// The language of the cells sorted and searched.
    lang: Lang,
    /// The outcome's generation. Not its address: a later outcome can be kept at a freed one's
    /// address, and would then get the old outcome's order, whose indexes may be out of its
    /// bounds.
    generation: u64,
}

/// A workload as the Workloads tab selects it: by namespace, kind and name rather than by row
/// index, so the selection means the same workload after a re-analysis reorders the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadKey {
    /// The namespace.
    pub namespace: String,
    /// The controller's kind, or bare.
    pub kind: OwnerKind,
    /// The name.
    pub name: String,
}

impl WorkloadKey {
    /// The key of a row.
    pub fn of(row: &WorkloadRow) -> Self {
        WorkloadKey {
            namespace: row.namespace.clone(),
            kind: row.kind.clone(),
            name: row.name.clone(),
        }
    }

    /// Whether `row` is this workload.
    pub fn is(&self, row: &WorkloadRow) -> bool {
        self.namespace == row.namespace && self.kind == row.kind && self.name == row.name
    }
}

/// The Workloads tab's state: its filter, its sort, the row order they give, and the workload
/// whose panel is open.
#[derive(Debug, Clone, Default)]
pub struct WorkloadsTab {
    /// Text a row must contain (case-insensitive, in any column but replicas and XDS agent).
    pub(crate) filter: String,
    /// The sort column and direction.
    pub(crate) sort: WorkloadSort,
    /// The workload whose panel is shown, if any. A workload the outcome does not have shows
    /// no panel.
    pub(crate) selected: Option<WorkloadKey>,
    /// The row order, kept because filtering and sorting 10,000 rows every frame would cost
    /// more than drawing them.
    order: Option<(OrderKey, Vec<usize>)>,
}

impl WorkloadsTab {
    /// The indexes of the rows that pass the filter, in the table's order, their cells in
    /// `lang`. Computed once per change of filter, sort, language or outcome; `generation` must
    /// differ for every outcome the rows come from (the app counts the outcomes it shows).
    pub fn order(&mut self, rows: &[WorkloadRow], generation: u64, lang: Lang) -> &[usize] {
        let key = OrderKey {
            filter: self.filter.clone(),
            sort: self.sort,
            lang,
            generation,
        };
        let order = match self.order.take() {
            Some((cached, order)) if cached == key => order,
            _ => order_rows(rows, &key.filter, key.sort, lang),
        };
        &self.order.insert((key, order)).1
    }
}

/// The indexes of the rows that contain `filter` (case-insensitive, in any column but replicas
/// and XDS agent), sorted by a column, then namespace and name.
fn order_rows(rows: &[WorkloadRow], filter: &str, sort: WorkloadSort, lang: Lang) -> Vec<usize> {
    use WorkloadColumn as C;
    let needle = filter.to_lowercase();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            needle.is_empty()
                || [
                    C::Namespace,
                    C::Kind,
                    C::Name,
                    C::Proxy,
                    C::NextRestart,
                    C::AfterSwitch,
                    C::Risk,
                    C::Wave,
                ]
                .iter()
                .any(|c| c.cell(&rows[i], lang).to_lowercase().contains(&needle))
        })
        .collect();
    // Each row's cell is formatted once, not once per comparison. Replicas sort as
    // numbers, not as text.
    let cells: Vec<Cow<'_, str>> = if sort.column == C::Replicas {
        Vec::new()
    } else {
        rows.iter().map(|r| sort.column.cell(r, lang)).collect()
    };
    order.sort_by(|&a, &b| {
        let primary = if sort.column == C::Replicas {
            rows[a].replicas.cmp(&rows[b].replicas)
        } else {
            cells[a].cmp(&cells[b])
        };
        let (a, b) = (&rows[a], &rows[b]);
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

/// The cluster bar's state: the names typed for a cluster being added or renamed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterBar {
    /// The name typed for a cluster being added; `Some` while the add form is open.
    pub(crate) adding: Option<String>,
    /// The new name typed for the selected cluster; `Some` while it is renamed.
    pub(crate) renaming: Option<String>,
    /// Why the last name typed was refused (core's words).
    pub(crate) error: Option<String>,
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
    /// The day certificate expiry is judged on, `YYYY-MM-DD`; empty for today.
    pub as_of: String,
    /// Whether the roots of trust of the two control planes are handled.
    pub trust_handled: bool,
}

impl SettingsForm {
    /// The form showing `settings`, each field in core's text form of its setting.
    pub fn from_settings(settings: &Settings) -> Self {
        SettingsForm {
            asm_version: settings.text(Setting::AsmVersion),
            cluster_var: settings.text(Setting::ClusterKubeconfigVar),
            asm_var: settings.text(Setting::AsmKubeconfigVar),
            asm_label: settings.text(Setting::AsmLabel),
            egress_weights: settings.text(Setting::EgressWeights),
            asm_egress_host: settings.text(Setting::AsmEgressHost),
            wave_size: settings.wave_size,
            as_of: settings.text(Setting::AsOf),
            trust_handled: settings.trust_handled,
        }
    }

    /// The settings the form describes (core reads each field and checks the whole), or what is
    /// wrong with it. Settings the form does not show (the load limits, the language, today) come from `base`.
    pub fn to_settings(&self, base: &Settings) -> Result<Settings, String> {
        let mut settings = base.clone();
        for (setting, text) in [
            (Setting::AsmVersion, self.asm_version.trim()),
            (Setting::ClusterKubeconfigVar, self.cluster_var.trim()),
            (Setting::AsmKubeconfigVar, self.asm_var.trim()),
            (Setting::AsmLabel, self.asm_label.as_str()),
            (Setting::EgressWeights, self.egress_weights.as_str()),
            (Setting::AsmEgressHost, self.asm_egress_host.trim()),
            (Setting::AsOf, self.as_of.trim()),
            (Setting::TrustHandled, &self.trust_handled.to_string()),
        ] {
            settings.set(setting, text)?;
        }
        settings.wave_size = self.wave_size;
        settings.validate()?;
        Ok(settings)
    }
}
