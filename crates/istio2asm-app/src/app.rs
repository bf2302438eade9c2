//! The app: state, loading (off the UI thread on native), and the top-level layout. The views
//! live in `views`; everything they show comes from core values.

use std::sync::{Arc, Mutex};

use egui::{Color32, RichText};
use istio2asm_core::changes::{self, Changes};
use istio2asm_core::i18n::Lang;
use istio2asm_core::plan::{self, Plan};
use istio2asm_core::progress::{
    cluster_identity, namespace_pods, workload_rows, NamespacePods, WorkloadRow,
};
use istio2asm_core::{analyze, demo, report, t, Analysis, Finding, Input, Settings};

use crate::clusters::{suggest_name, Cluster, Computed, MeshOutcome, Run, FIRST_CLUSTER};
use crate::files::WriteError;
use crate::state::{ClusterBar, FindingsTab, InputsTab, PlanTab, SettingsForm, WorkloadsTab};
use crate::ticks::Ticks;
use crate::views::{self, Request};

/// The views, as tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    /// State timeline, gates, next action.
    Overview,
    /// Every finding, filtered.
    Findings,
    /// Every workload and its proxy.
    Workloads,
    /// Phases, steps, commands, YAML, settings.
    Plan,
    /// Save the runbooks and files.
    Export,
    /// What was loaded; open, paste, drop.
    Inputs,
    /// With several clusters: the cross-cluster findings and the order of the runbooks.
    Mesh,
}

impl View {
    /// All views of one cluster in tab order (the Mesh tab follows them with several clusters).
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Findings,
        View::Workloads,
        View::Plan,
        View::Export,
        View::Inputs,
    ];

    /// The tab's label.
    pub fn label(self, lang: Lang) -> String {
        match self {
            View::Overview => t!(lang, "app-view-overview"),
            View::Findings => t!(lang, "app-view-findings"),
            View::Workloads => t!(lang, "app-view-workloads"),
            View::Plan => t!(lang, "app-view-plan"),
            View::Export => t!(lang, "app-view-export"),
            View::Inputs => t!(lang, "app-view-inputs"),
            View::Mesh => t!(lang, "app-view-mesh"),
        }
    }
}

/// Which slot loaded files go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The selected cluster's export.
    Cluster,
    /// The ASM control plane's export (proves the import gate).
    Asm,
    /// A cluster being added, under the name given when its dialog was opened.
    NewCluster,
}

/// Files picked or dropped, waiting to be taken in by the next frame.
pub type Inbox = Arc<Mutex<Vec<(Slot, Input)>>>;

/// What the status bar says: the last thing that happened, kept as data and worded when drawn,
/// so a language switch rewords it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The embedded demo is shown (at start).
    Demo,
    /// An analysis finished.
    Analysed {
        /// Files read.
        files: usize,
        /// Objects loaded.
        objects: usize,
        /// Errors found.
        errors: usize,
        /// Warnings found.
        warnings: usize,
        /// Infos found.
        infos: usize,
    },
    /// An analysis of several clusters finished.
    AnalysedMesh {
        /// Clusters analysed.
        clusters: usize,
        /// Files read, in every cluster.
        files: usize,
        /// Errors found, in every cluster and across them.
        errors: usize,
        /// Warnings found.
        warnings: usize,
        /// Infos found.
        infos: usize,
    },
    /// The analysis ended without a result.
    Stopped,
    /// A file could not be read.
    CannotRead {
        /// The file.
        name: String,
        /// The system's text.
        error: String,
    },
    /// A file was saved.
    Saved {
        /// Where.
        path: String,
    },
    /// A file could not be saved.
    CannotSave {
        /// Where it was to go.
        path: String,
        /// Why not.
        error: WriteError,
    },
    /// A download started (web).
    Downloading {
        /// The file's name.
        name: String,
    },
    /// Saving into a folder was refused: the folder already holds some of the files.
    NothingWritten {
        /// The folder.
        dir: String,
        /// The files it already holds.
        existing: Vec<String>,
    },
    /// Saving into a folder stopped at a file that could not be written.
    CannotWrite {
        /// The file.
        path: String,
        /// Why not.
        error: WriteError,
    },
    /// Saving into a folder wrote every file.
    Wrote {
        /// How many.
        count: usize,
        /// The folder.
        dir: String,
    },
}

impl Status {
    /// The status line in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Demo => t!(lang, "app-status-demo"),
            Status::Analysed {
                files,
                objects,
                errors,
                warnings,
                infos,
            } => t!(
                lang,
                "app-status-analysed",
                files = *files,
                objects = *objects,
                errors = *errors,
                warnings = *warnings,
                infos = *infos
            ),
            Status::AnalysedMesh {
                clusters,
                files,
                errors,
                warnings,
                infos,
            } => t!(
                lang,
                "app-status-analysed-mesh",
                clusters = *clusters,
                files = *files,
                errors = *errors,
                warnings = *warnings,
                infos = *infos
            ),
            Status::Stopped => t!(lang, "app-status-stopped"),
            Status::CannotRead { name, error } => {
                t!(lang, "app-status-cannot-read", name = name, error = error)
            }
            Status::Saved { path } => t!(lang, "app-status-saved", path = path),
            Status::CannotSave { path, error } => t!(
                lang,
                "app-status-cannot-save",
                path = path,
                error = error.text(lang)
            ),
            Status::Downloading { name } => t!(lang, "app-status-downloading", name = name),
            Status::NothingWritten { dir, existing } => t!(
                lang,
                "app-status-nothing-written",
                dir = dir,
                existing = existing.join(&t!(lang, "list-separator"))
            ),
            Status::CannotWrite { path, error } => t!(
                lang,
                "app-status-cannot-write",
                path = path,
                error = error.text(lang)
            ),
            Status::Wrote { count, dir } => t!(lang, "app-status-wrote", count = *count, dir = dir),
        }
    }
}

/// The result of one analysis run.
#[derive(Debug)]
pub struct Outcome {
    /// The analysis.
    pub analysis: Analysis,
    /// The plan built from it.
    pub plan: Plan,
    /// The workloads table.
    pub rows: Vec<WorkloadRow>,
    /// What changed since the export loaded before this one (same rules as `check --baseline`).
    pub changes: Option<Changes>,
    /// The live pods of each namespace by proxy, for the Overview's picture.
    pub pods: Vec<NamespacePods>,
    /// The cluster's identity, which the plan's ticks are remembered under.
    pub identity: String,
}

impl Outcome {
    /// The language of the outcome's texts: the `Settings::lang` it was computed with. The views
    /// word their own labels in it too, so a tab never mixes two languages; after a switch, a
    /// tab shows the new language when the analysis the switch starts lands.
    pub fn lang(&self) -> Lang {
        self.plan.lang
    }

    /// Analyses the inputs and plans from the analysis: what the app does with every load.
    /// `baseline` is the report of the export loaded before, when there was one.
    pub fn compute(
        inputs: Vec<Input>,
        asm: Vec<Input>,
        settings: &Settings,
        force: bool,
        baseline: Option<&serde_json::Value>,
    ) -> Self {
        let analysis = analyze(inputs, asm, settings);
        let plan = plan::plan(&analysis, force);
        Outcome::from_parts(analysis, plan, baseline)
    }

    /// The outcome of an analysis and its plan (one cluster's, or a mesh member's with the plan
    /// the mesh gives it). `baseline` is the report of the export loaded before, when there was one.
    pub fn from_parts(
        analysis: Analysis,
        plan: Plan,
        baseline: Option<&serde_json::Value>,
    ) -> Self {
        let rows = workload_rows(&analysis, Some(&plan));
        // The baseline is a report this app made, so it always reads; `ok()` only guards that.
        let changes = baseline.and_then(|b| changes::compare_value(b.clone(), &analysis).ok());
        Outcome {
            pods: namespace_pods(&analysis),
            identity: cluster_identity(&analysis),
            analysis,
            plan,
            rows,
            changes,
        }
    }
}

/// A running analysis.
#[derive(Debug)]
enum Job {
    /// Native: a thread computes it; the UI polls.
    #[cfg(not(target_arch = "wasm32"))]
    Thread(std::sync::mpsc::Receiver<Computed>),
    /// Web (no threads): computed on the next frame, after one frame shows the progress.
    Deferred { ready: bool },
}

/// The app. Its fields are private: each tab owns its own state and asks the app, with a
/// [`Request`], for anything beyond it (loading, re-planning, saving), so no view can put the
/// inputs, the settings and the analysis out of step.
pub struct App {
    /// Settings in force (persisted).
    settings: Settings,
    /// Emit switches whose gates fail.
    force: bool,
    /// The plan steps ticked as done, per cluster (persisted).
    ticks: Ticks,
    /// The clusters and their inputs (one, the demo, at start). Never empty.
    clusters: Vec<Cluster>,
    /// The cluster whose analysis the tabs show, an index into `clusters`.
    selected: usize,
    /// The ASM control plane's inputs, shared by every cluster.
    asm_inputs: Vec<Input>,
    /// Whether the loaded inputs are the embedded demo.
    is_demo: bool,
    /// The latest analysis, plan and rows of each cluster, by name.
    outcomes: Vec<(String, Arc<Outcome>)>,
    /// With several clusters: what is across them.
    mesh: Option<Arc<MeshOutcome>>,
    /// The name the next files of `Slot::NewCluster` are added under (a web dialog finishes
    /// after the request that opened it).
    pending_cluster: Option<String>,
    /// The cluster bar's half-typed names.
    bar: ClusterBar,
    /// Counts the outcomes shown, so a tab's caches can tell one outcome from the next; an
    /// address could not, since a new outcome may be kept where a freed one was.
    generation: u64,
    job: Option<Job>,
    job_started: f64,
    /// The current tab.
    view: View,
    findings: FindingsTab,
    workloads: WorkloadsTab,
    plan: PlanTab,
    inputs_tab: InputsTab,
    /// Files picked or dropped (from dialogs that finish later).
    inbox: Inbox,
    /// The last thing the app wants the user to know.
    status: Status,
    /// The egui context of the last frame (web dialogs finish later and wake the UI with it).
    egui_ctx: Option<egui::Context>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("view", &self.view)
            .field("clusters", &self.clusters.len())
            .finish_non_exhaustive()
    }
}

impl Default for App {
    fn default() -> Self {
        App::new(Settings::default())
    }
}

/// Storage key of the persisted settings.
pub const SETTINGS_KEY: &str = "istio2asm-settings";

impl App {
    /// The app with the demo loaded and analysed (synchronously, so the first frame shows it).
    pub fn new(settings: Settings) -> Self {
        let mut settings = settings;
        if settings.asm_version.is_none() {
            settings.asm_version = Some(demo::ASM_VERSION.to_string());
        }
        // Today is the clock's at each analysis (`with_today`), never a kept or persisted setting.
        settings.today = None;
        let form = SettingsForm::from_settings(&settings);
        let inputs = demo::inputs();
        let outcome = Outcome::compute(
            inputs.clone(),
            Vec::new(),
            &with_today(&settings),
            false,
            None,
        );
        App {
            settings,
            force: false,
            ticks: Ticks::default(),
            clusters: vec![Cluster::new(FIRST_CLUSTER, inputs)],
            selected: 0,
            asm_inputs: Vec::new(),
            is_demo: true,
            outcomes: vec![(FIRST_CLUSTER.to_string(), Arc::new(outcome))],
            mesh: None,
            pending_cluster: None,
            bar: ClusterBar::default(),
            generation: 0,
            job: None,
            job_started: 0.0,
            view: View::Overview,
            findings: FindingsTab::default(),
            workloads: WorkloadsTab::default(),
            plan: PlanTab {
                form,
                form_error: None,
            },
            inputs_tab: InputsTab::default(),
            inbox: Arc::default(),
            status: Status::Demo,
            egui_ctx: None,
        }
    }

    /// Restores persisted settings and plan ticks (never inputs: they may hold cluster data). `system` is the
    /// language of the system's locale (native) or of the browser (web), which the shells read:
    /// the app's language until one is persisted (the settings carry it, and are saved with the
    /// user's choice in the top bar).
    pub fn from_storage(storage: Option<&dyn eframe::Storage>, system: Option<Lang>) -> Self {
        let settings = storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
            .filter(|s| s.validate().is_ok())
            .unwrap_or_else(|| Settings {
                lang: system.unwrap_or_default(),
                ..Settings::default()
            });
        let mut app = App::new(settings);
        app.ticks = Ticks::load(storage);
        app
    }

    /// The plan steps ticked as done, per cluster.
    pub fn ticks(&self) -> &Ticks {
        &self.ticks
    }

    /// The language the app is shown in.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Shows the app in another language: the analysis and the plan are made again in it, since
    /// their texts come from core, and the choice is persisted with the settings.
    pub fn set_lang(&mut self, lang: Lang, now: f64) {
        if lang != self.settings.lang {
            self.settings.lang = lang;
            self.reanalyse(now);
        }
    }

    /// The current analysis, if any.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.outcome().map(|o| &o.analysis)
    }

    /// The selected cluster's latest analysis with its plan and workload rows, if any.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.selected_outcome().map(|o| &**o)
    }

    /// The selected cluster's outcome: by name, else (while the analysis a rename started runs)
    /// by place.
    fn selected_outcome(&self) -> Option<&Arc<Outcome>> {
        let name = self.clusters.get(self.selected).map(|c| c.name.as_str());
        self.outcomes
            .iter()
            .find(|(n, _)| Some(n.as_str()) == name)
            .or_else(|| self.outcomes.get(self.selected))
            .or_else(|| self.outcomes.first())
            .map(|(_, outcome)| outcome)
    }

    /// Each cluster's latest outcome, by name, in the order the clusters were given.
    pub fn outcomes(&self) -> impl Iterator<Item = (&str, &Outcome)> {
        self.outcomes.iter().map(|(name, o)| (name.as_str(), &**o))
    }

    /// With several clusters: the cross-cluster findings, the order of the runbooks and the
    /// mesh's plan.
    pub fn mesh(&self) -> Option<&MeshOutcome> {
        self.mesh.as_deref()
    }

    /// The clusters' names, in the order given.
    pub fn cluster_names(&self) -> Vec<&str> {
        self.clusters.iter().map(|c| c.name.as_str()).collect()
    }

    /// The name of the cluster the tabs show.
    pub fn selected_cluster(&self) -> &str {
        self.clusters
            .get(self.selected)
            .map_or(FIRST_CLUSTER, |c| c.name.as_str())
    }

    /// The settings in force: the last ones the settings form validated.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Why the settings form's text is not applied, while it does not validate.
    pub fn form_error(&self) -> Option<&str> {
        self.plan.form_error.as_deref()
    }

    /// The selected cluster's inputs.
    pub fn inputs(&self) -> &[Input] {
        self.clusters
            .get(self.selected)
            .map_or(&[], |c| c.inputs.as_slice())
    }

    /// The ASM control plane's inputs.
    pub fn asm_inputs(&self) -> &[Input] {
        &self.asm_inputs
    }

    /// Whether the cluster's inputs are the embedded demo.
    pub fn is_demo(&self) -> bool {
        self.is_demo
    }

    /// The tab shown.
    pub fn view(&self) -> View {
        self.view
    }

    /// Shows another tab.
    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    /// The finding the Findings tab details, if one is selected.
    pub fn selected_finding(&self) -> Option<&Finding> {
        let index = self.findings.selected?;
        self.analysis()?.findings.get(index)
    }

    /// The egui context of the last frame drawn, once one was.
    pub fn egui_ctx(&self) -> Option<&egui::Context> {
        self.egui_ctx.as_ref()
    }

    /// Whether an analysis is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Replaces the inputs of a slot and re-analyses: the selected cluster's, or ASM's, or a
    /// new cluster's (under the name its dialog was opened with).
    pub fn load(&mut self, slot: Slot, inputs: Vec<Input>, now: f64) {
        match slot {
            Slot::Cluster => {
                self.keep_baseline();
                if let Some(cluster) = self.clusters.get_mut(self.selected) {
                    cluster.inputs = inputs;
                }
                self.is_demo = false;
            }
            Slot::Asm => self.asm_inputs = inputs,
            Slot::NewCluster => {
                self.add_pending_cluster(inputs, now);
                return;
            }
        }
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Before a newer export of the selected cluster replaces the current one: the current
    /// analysis becomes its baseline. Not the demo's: a real export compared with the demo says
    /// nothing.
    fn keep_baseline(&mut self) {
        let baseline = match self.selected_outcome() {
            Some(outcome) if !self.is_demo && !self.inputs().is_empty() => {
                Some(Arc::new(report::check_value(&outcome.analysis)))
            }
            _ => None,
        };
        if let Some(cluster) = self.clusters.get_mut(self.selected) {
            cluster.baseline = baseline;
        }
    }

    /// Adds inputs to a slot (drops and multi-file picks add up) and re-analyses.
    pub fn add(&mut self, slot: Slot, inputs: Vec<Input>, now: f64) {
        match slot {
            Slot::Cluster => {
                if self.is_demo {
                    self.drop_demo();
                }
                if let Some(cluster) = self.clusters.get_mut(self.selected) {
                    cluster.inputs.extend(inputs);
                }
            }
            Slot::Asm => self.asm_inputs.extend(inputs),
            Slot::NewCluster => {
                self.add_pending_cluster(inputs, now);
                return;
            }
        }
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Replaces the demo by one empty cluster, before the user's own exports go in.
    fn drop_demo(&mut self) {
        self.clusters = vec![Cluster::new(FIRST_CLUSTER, Vec::new())];
        self.selected = 0;
        self.is_demo = false;
    }

    /// Adds the files of `Slot::NewCluster` as a cluster under the pending name.
    fn add_pending_cluster(&mut self, inputs: Vec<Input>, now: f64) {
        let name = self.pending_cluster.take().unwrap_or_else(|| {
            let names = self.cluster_names();
            suggest_name(None, &names, self.settings.lang)
        });
        if let Err(problem) = self.add_cluster(&name, inputs, now) {
            self.bar.error = Some(problem);
        }
    }

    /// Adds a cluster of the same mesh with its exports, shows it, and re-analyses every
    /// cluster. The name must be a cluster name none of the others has (core's
    /// `clusters::validate_names`; the message says why not, in the app's language). While the
    /// demo is shown, the new cluster replaces it. When the first cluster becomes one of two
    /// and still has its first name, it takes Istio's name for it if that is a free cluster name.
    pub fn add_cluster(&mut self, name: &str, inputs: Vec<Input>, now: f64) -> Result<(), String> {
        let lang = self.settings.lang;
        if self.is_demo {
            istio2asm_core::clusters::validate_names(&[name], lang)?;
            self.drop_demo();
            self.clusters[0].name = name.to_string();
            self.clusters[0].inputs = inputs;
        } else {
            let mut names = self.cluster_names();
            names.push(name);
            istio2asm_core::clusters::validate_names(&names, lang)?;
            if self.clusters.len() == 1 && self.clusters[0].name == FIRST_CLUSTER {
                let istio = self.selected_outcome().and_then(|o| {
                    let analysis = &o.analysis;
                    istio2asm_core::detect::identity(&analysis.bundle, &analysis.facts)
                        .cluster_id
                        .map(|n| n.value)
                });
                self.clusters[0].name = suggest_name(istio.as_deref(), &[name], lang);
            }
            self.clusters.push(Cluster::new(name, inputs));
            self.selected = self.clusters.len() - 1;
        }
        self.bar = ClusterBar::default();
        self.forget_selections();
        self.reanalyse(now);
        Ok(())
    }

    /// Whether a new cluster may take `name`: a cluster name none of the others has (the demo
    /// makes way for the new cluster).
    fn check_new_name(&self, name: &str) -> Result<(), String> {
        let mut names = if self.is_demo {
            Vec::new()
        } else {
            self.cluster_names()
        };
        names.push(name);
        istio2asm_core::clusters::validate_names(&names, self.settings.lang)
    }

    /// Shows another cluster's analysis in the tabs.
    pub fn select_cluster(&mut self, index: usize) {
        if index < self.clusters.len() && index != self.selected {
            self.selected = index;
            self.bar.renaming = None;
            self.forget_selections();
            // Another outcome in the same tabs: their caches must not take it for the last one.
            self.generation += 1;
        }
    }

    /// Renames a cluster and re-analyses (its kubeconfig variable and the mesh's reasons carry
    /// its name). The name must be a cluster name none of the others has.
    pub fn rename_cluster(&mut self, index: usize, name: &str, now: f64) -> Result<(), String> {
        let mut names = self.cluster_names();
        if index >= names.len() {
            return Ok(());
        }
        names[index] = name;
        istio2asm_core::clusters::validate_names(&names, self.settings.lang)?;
        self.clusters[index].name = name.to_string();
        self.bar = ClusterBar::default();
        self.reanalyse(now);
        Ok(())
    }

    /// Drops a cluster and its exports and re-analyses the others; the last cluster stays (Clear
    /// empties it). Back to one cluster, the app is as before the second was added.
    pub fn remove_cluster(&mut self, index: usize, now: f64) {
        if self.clusters.len() < 2 || index >= self.clusters.len() {
            return;
        }
        self.clusters.remove(index);
        if self.selected >= index && self.selected > 0 {
            self.selected -= 1;
        }
        if self.clusters.len() == 1 && self.view == View::Mesh {
            self.view = View::Overview;
        }
        self.bar = ClusterBar::default();
        self.forget_selections();
        self.generation += 1;
        self.reanalyse(now);
    }

    /// Forgets the selected finding and workload when other inputs are loaded: an index would
    /// point into another list, and a workload of the same name in another cluster is not the
    /// one the user chose. (A re-analysis of the same inputs keeps the workload selected.)
    fn forget_selections(&mut self) {
        self.findings.selected = None;
        self.workloads.selected = None;
    }

    /// Loads the demo again, as the only cluster.
    pub fn load_demo(&mut self, now: f64) {
        self.clusters = vec![Cluster::new(FIRST_CLUSTER, demo::inputs())];
        self.selected = 0;
        self.asm_inputs.clear();
        self.is_demo = true;
        self.leave_mesh();
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Drops every input, every cluster's and the ASM control plane's, and re-analyses one empty
    /// cluster. Everything is dropped before the analysis starts, since it takes a copy of the
    /// inputs as they are then.
    fn clear(&mut self, now: f64) {
        self.clusters = vec![Cluster::new(FIRST_CLUSTER, Vec::new())];
        self.selected = 0;
        self.asm_inputs.clear();
        self.is_demo = false;
        self.leave_mesh();
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Back to one cluster: no Mesh tab, no cluster bar.
    fn leave_mesh(&mut self) {
        if self.view == View::Mesh {
            self.view = View::Overview;
        }
        self.bar = ClusterBar::default();
        self.generation += 1;
    }

    /// Opens the file dialog for a slot, as the Inputs tab's buttons do. Does nothing before the
    /// first frame, since the web dialog needs the egui context to wake the UI when it finishes.
    pub fn open_files(&mut self, slot: Slot) {
        if let Some(ctx) = self.egui_ctx.clone() {
            if let Some(problem) = crate::files::pick(&self.inbox, slot, &ctx, self.settings.lang) {
                self.status = problem;
            }
        }
    }

    /// What an analysis of the current inputs and settings needs, with today's date.
    fn run(&self) -> Run {
        Run {
            clusters: self.clusters.clone(),
            asm: self.asm_inputs.clone(),
            settings: with_today(&self.settings),
            force: self.force,
        }
    }

    /// Starts a new analysis of the current inputs and settings.
    fn reanalyse(&mut self, now: f64) {
        self.job_started = now;
        #[cfg(not(target_arch = "wasm32"))]
        {
            let (sender, receiver) = std::sync::mpsc::channel();
            let run = self.run();
            let spawned = std::thread::Builder::new()
                .name("istio2asm-analysis".into())
                .spawn(move || {
                    let _ = sender.send(run.compute());
                });
            if spawned.is_ok() {
                self.job = Some(Job::Thread(receiver));
                return;
            }
        }
        self.job = Some(Job::Deferred { ready: false });
    }

    /// Runs any analysis to completion now (tests and the web test hook use it).
    pub fn finish_now(&mut self) {
        match self.job.take() {
            #[cfg(not(target_arch = "wasm32"))]
            Some(Job::Thread(receiver)) => {
                if let Ok(computed) = receiver.recv() {
                    self.show_computed(computed);
                }
            }
            Some(Job::Deferred { .. }) => {
                let computed = self.run().compute();
                self.show_computed(computed);
            }
            None => {}
        }
    }

    /// Shows what an analysis run gave: each cluster's outcome, and the mesh.
    fn show_computed(&mut self, computed: Computed) {
        let Computed { outcomes, mesh } = computed;
        self.outcomes = outcomes
            .into_iter()
            .map(|(name, outcome)| (name, Arc::new(outcome)))
            .collect();
        self.status = match &mesh {
            None => self
                .selected_outcome()
                .map(|o| analysed(&o.analysis))
                .unwrap_or(Status::Stopped),
            Some(mesh) => {
                let (errors, warnings, infos) = mesh.counts;
                Status::AnalysedMesh {
                    clusters: self.outcomes.len(),
                    // ASM's export is in every cluster's analysis: counted once.
                    files: self.clusters.iter().map(|c| c.inputs.len()).sum::<usize>()
                        + self.asm_inputs.len(),
                    errors,
                    warnings,
                    infos,
                }
            }
        };
        self.mesh = mesh.map(Arc::new);
        if self.mesh.is_none() && self.view == View::Mesh {
            self.view = View::Overview;
        }
        self.generation += 1;
    }

    /// Shows an outcome as the selected cluster's: the one an analysis of the inputs returned,
    /// or one built elsewhere (the benchmark shows a table of 10,000 rows this way).
    pub fn show_outcome(&mut self, outcome: Outcome) {
        self.status = analysed(&outcome.analysis);
        let name = self.selected_cluster().to_string();
        let outcome = Arc::new(outcome);
        match self.outcomes.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = outcome,
            None => self.outcomes.push((name, outcome)),
        }
        self.generation += 1;
    }

    /// Advances a running analysis; returns whether one is still running.
    fn poll(&mut self) -> bool {
        match self.job.take() {
            #[cfg(not(target_arch = "wasm32"))]
            Some(Job::Thread(receiver)) => match receiver.try_recv() {
                Ok(computed) => {
                    self.show_computed(computed);
                    false
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    self.job = Some(Job::Thread(receiver));
                    true
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.status = Status::Stopped;
                    false
                }
            },
            Some(Job::Deferred { ready: false }) => {
                // One frame shows the progress first; the next one computes.
                self.job = Some(Job::Deferred { ready: true });
                true
            }
            Some(Job::Deferred { ready: true }) => {
                self.job = Some(Job::Deferred { ready: true });
                self.finish_now();
                false
            }
            None => false,
        }
    }

    /// Applies the settings form when it validates; re-plans at once.
    fn apply_form(&mut self, now: f64) {
        match self.plan.form.to_settings(&self.settings) {
            Ok(settings) => {
                self.plan.form_error = None;
                if settings != self.settings {
                    self.settings = settings;
                    self.reanalyse(now);
                }
            }
            Err(error) => self.plan.form_error = Some(error),
        }
    }

    fn take_inbox(&mut self, now: f64) {
        let items: Vec<(Slot, Input)> = match self.inbox.lock() {
            Ok(mut inbox) => std::mem::take(&mut *inbox),
            Err(_) => return,
        };
        if items.is_empty() {
            return;
        }
        // ASM's export first, so the clusters' analysis that follows uses it.
        let mut by_slot: [(Slot, Vec<Input>); 3] = [
            (Slot::Asm, Vec::new()),
            (Slot::NewCluster, Vec::new()),
            (Slot::Cluster, Vec::new()),
        ];
        for (slot, input) in items {
            if let Some((_, inputs)) = by_slot.iter_mut().find(|(s, _)| *s == slot) {
                inputs.push(input);
            }
        }
        for (slot, inputs) in by_slot {
            if !inputs.is_empty() {
                self.add(slot, inputs, now);
            }
        }
    }

    fn take_dropped(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let name = file.path().display().to_string();
            #[cfg(not(target_arch = "wasm32"))]
            match file.bytes() {
                Ok(bytes) => {
                    if let Ok(mut inbox) = self.inbox.lock() {
                        inbox.push((Slot::Cluster, Input::new(name, bytes)));
                    }
                }
                Err(e) => {
                    self.status = Status::CannotRead {
                        name,
                        error: e.to_string(),
                    }
                }
            }
            #[cfg(target_arch = "wasm32")]
            {
                let inbox = self.inbox.clone();
                let ctx = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(bytes) = file.bytes_async().await {
                        if let Ok(mut inbox) = inbox.lock() {
                            inbox.push((Slot::Cluster, Input::new(name, bytes)));
                        }
                    }
                    ctx.request_repaint();
                });
            }
        }
    }

    /// The whole UI, inside any `Ui` (eframe's root or a test harness).
    pub fn ui_contents(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        if self.egui_ctx.is_none() {
            // The first frame, in every shell and test harness: the fonts go in before any text
            // is laid out, so they apply to this very frame.
            crate::fonts::install(ui.ctx());
            self.egui_ctx = Some(ui.ctx().clone());
        }
        self.take_dropped(ui.ctx());
        self.take_inbox(now);
        if self.poll() {
            ui.ctx().request_repaint();
        }
        // The app's own frame is in the language chosen; the tabs show the outcome's (see
        // `Outcome::lang`), which catches up when the analysis a switch starts lands.
        let lang = self.settings.lang;
        let several = self.clusters.len() > 1;
        let mut switch = None;
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("istio2asm");
                ui.separator();
                let views = View::ALL.into_iter().chain(several.then_some(View::Mesh));
                for view in views {
                    ui.selectable_value(&mut self.view, view, view.label(lang));
                }
                ui.separator();
                // The Mesh tab counts every cluster's findings and those across them; the
                // others, the selected cluster's.
                let counts = match (&self.mesh, self.view) {
                    (Some(mesh), View::Mesh) => Some(mesh.counts),
                    _ => self.analysis().map(Analysis::counts),
                };
                if let Some((e, w, i)) = counts {
                    ui.label(
                        RichText::new(t!(lang, "app-count-errors", count = e))
                            .color(Color32::from_rgb(220, 60, 60)),
                    );
                    ui.label(
                        RichText::new(t!(lang, "app-count-warnings", count = w))
                            .color(Color32::from_rgb(210, 150, 20)),
                    );
                    ui.label(t!(lang, "app-count-infos", count = i));
                }
                ui.separator();
                // Each language in its own name, so a reader of either finds theirs.
                for option in Lang::ALL {
                    if ui
                        .selectable_label(option == lang, option.native_name())
                        .on_hover_text(t!(lang, "app-language-hover"))
                        .clicked()
                    {
                        switch = Some(option);
                    }
                }
            });
        });
        if let Some(lang) = switch {
            self.set_lang(lang, now);
        }
        // The cluster bar: only once a second cluster is being added or is there, so one
        // cluster looks as it always did.
        let mut request = None;
        if several || self.bar.adding.is_some() {
            let entries: Vec<views::clusters::ClusterEntry<'_>> = self
                .clusters
                .iter()
                .map(|c| views::clusters::ClusterEntry {
                    name: &c.name,
                    counts: self
                        .outcomes
                        .iter()
                        .find(|(n, _)| *n == c.name)
                        .map(|(_, o)| o.analysis.counts()),
                })
                .collect();
            request = egui::Panel::top("clusters")
                .show(ui, |ui| {
                    views::clusters::bar(ui, &mut self.bar, &entries, self.selected, lang)
                })
                .inner;
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.busy() {
                    ui.spinner();
                    let inputs = self.clusters.iter().flat_map(|c| c.inputs.iter());
                    let size: usize = inputs.clone().map(|i| i.bytes.len()).sum();
                    ui.label(t!(
                        lang,
                        "app-status-analysing",
                        size = human_size(size, lang),
                        files = inputs.count(),
                        seconds = format!("{:.1}", (now - self.job_started).max(0.0))
                    ));
                } else {
                    ui.label(self.status.text(lang));
                }
            });
        });
        let tab_request = egui::CentralPanel::default()
            .show(ui, |ui| {
                if self.view == View::Mesh {
                    return match self.mesh.clone() {
                        Some(mesh) => {
                            let outcomes = self.outcomes.iter().map(|(n, o)| (n.as_str(), &**o));
                            views::mesh::show(ui, &mesh, outcomes, &self.ticks)
                        }
                        None => {
                            ui.label(t!(lang, "app-mesh-pending"));
                            None
                        }
                    };
                }
                let Some(outcome) = self.selected_outcome().cloned() else {
                    ui.label(t!(lang, "app-nothing-loaded"));
                    return None;
                };
                // The variables the outcome's commands run with (with several clusters, each
                // cluster has its own).
                let vars = outcome.plan.vars.clone();
                match self.view {
                    View::Overview => views::overview::show(ui, &outcome),
                    View::Findings => {
                        views::findings::show(ui, &mut self.findings, &outcome, &vars);
                        None
                    }
                    View::Workloads => {
                        views::workloads::show(ui, &mut self.workloads, &outcome, self.generation);
                        None
                    }
                    View::Plan => views::plan::show(
                        ui,
                        &mut self.plan,
                        &mut self.ticks,
                        self.force,
                        &outcome,
                        &vars,
                    ),
                    View::Export => {
                        views::export::show(ui, &outcome, self.ticks.done(&outcome.identity))
                    }
                    View::Inputs => views::inputs::show(ui, &mut self.inputs_tab, &outcome),
                    View::Mesh => None,
                }
            })
            .inner;
        if let Some(request) = tab_request.or(request) {
            self.handle(request, ui.ctx(), now);
            // What the request changed (a form error, another tab) shows in the next frame.
            ui.ctx().request_repaint();
        }
    }

    /// Does what a tab asked for.
    fn handle(&mut self, request: Request, ctx: &egui::Context, now: f64) {
        match request {
            Request::Show(view) => self.view = view,
            Request::ApplyForm => self.apply_form(now),
            Request::Force(force) => {
                self.force = force;
                self.reanalyse(now);
            }
            Request::Pick(slot) => {
                if let Some(problem) =
                    crate::files::pick(&self.inbox, slot, ctx, self.settings.lang)
                {
                    self.status = problem;
                }
            }
            Request::LoadDemo => self.load_demo(now),
            Request::Clear => self.clear(now),
            Request::Add(slot, inputs) => self.add(slot, inputs, now),
            #[cfg(not(target_arch = "wasm32"))]
            Request::SaveAll(files) => {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    self.status = crate::files::write_all(&dir, &files);
                }
            }
            Request::SaveOne { name, content } => {
                if let Some(status) = crate::files::save_one(&name, &content) {
                    self.status = status;
                }
            }
            Request::StartAddCluster => {
                let names = if self.is_demo {
                    Vec::new()
                } else {
                    self.cluster_names()
                };
                self.bar.adding = Some(suggest_name(None, &names, self.settings.lang));
                self.bar.renaming = None;
                self.bar.error = None;
            }
            Request::PickNewCluster { name, folder } => match self.check_new_name(&name) {
                Ok(()) => {
                    self.pending_cluster = Some(name);
                    self.bar.error = None;
                    #[cfg(not(target_arch = "wasm32"))]
                    let problem = if folder {
                        crate::files::pick_folder(&self.inbox, Slot::NewCluster)
                    } else {
                        crate::files::pick(&self.inbox, Slot::NewCluster, ctx, self.settings.lang)
                    };
                    #[cfg(target_arch = "wasm32")]
                    let problem = {
                        let _ = folder;
                        crate::files::pick(&self.inbox, Slot::NewCluster, ctx, self.settings.lang)
                    };
                    if let Some(problem) = problem {
                        self.status = problem;
                    }
                }
                Err(problem) => self.bar.error = Some(problem),
            },
            Request::SelectCluster(index) => self.select_cluster(index),
            Request::OpenCluster(index) => {
                self.select_cluster(index);
                self.view = View::Overview;
            }
            Request::RenameCluster(index, name) => {
                if let Err(problem) = self.rename_cluster(index, &name, now) {
                    self.bar.error = Some(problem);
                }
            }
            Request::RemoveCluster(index) => self.remove_cluster(index, now),
        }
    }
}

/// The status line of one cluster's analysis.
fn analysed(analysis: &Analysis) -> Status {
    let (errors, warnings, infos) = analysis.counts();
    Status::Analysed {
        files: analysis.sources.files().len(),
        objects: analysis.bundle.object_count(),
        errors,
        warnings,
        infos,
    }
}

/// The settings an analysis runs with: `settings` and today's date from the system's clock, the
/// day certificate expiry is judged on unless the as-of setting names another (core reads no
/// clock). Read at every analysis, so an app left open over midnight judges on the new day.
pub fn with_today(settings: &Settings) -> Settings {
    Settings {
        today: today(),
        ..settings.clone()
    }
}

/// Today's date, `YYYY-MM-DD` (UTC, as certificates' dates are), from the system's clock; `None`
/// when the clock reads before 1970.
fn today() -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    // std's SystemTime panics on wasm32-unknown-unknown: the browser's clock, in milliseconds.
    #[cfg(target_arch = "wasm32")]
    let secs = {
        let millis = js_sys::Date::now();
        if millis < 0.0 {
            return None;
        }
        (millis / 1000.0) as u64
    };
    istio2asm_core::trust::date_of(secs)
}

/// `1.2 MB`, `3.4 kB`, `56 bytes` (the units are the same in every language; bytes are words).
pub fn human_size(bytes: usize, lang: Lang) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        t!(lang, "app-size-bytes", count = bytes)
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_contents(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        self.ticks.save(storage);
    }

    #[cfg(target_arch = "wasm32")]
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(&mut *self)
    }
}
