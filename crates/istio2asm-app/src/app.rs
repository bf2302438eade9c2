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

use crate::files::WriteError;
use crate::state::{FindingsTab, InputsTab, PlanTab, SettingsForm, WorkloadsTab};
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
}

impl View {
    /// All views in tab order.
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
        }
    }
}

/// Which slot loaded files go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The cluster's export.
    Cluster,
    /// The ASM control plane's export (proves the import gate).
    Asm,
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
    Thread(std::sync::mpsc::Receiver<Outcome>),
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
    /// The cluster's inputs (the demo at start).
    inputs: Vec<Input>,
    /// The ASM control plane's inputs.
    asm_inputs: Vec<Input>,
    /// Whether the loaded inputs are the embedded demo.
    is_demo: bool,
    /// The latest analysis, plan and rows.
    outcome: Option<Arc<Outcome>>,
    /// The report of the export loaded before the current one: each outcome says what changed
    /// since. Kept across re-analyses of the same inputs (settings, language), dropped with the
    /// demo and Clear.
    baseline: Option<Arc<serde_json::Value>>,
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
            .field("inputs", &self.inputs.len())
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
            inputs,
            asm_inputs: Vec::new(),
            is_demo: true,
            outcome: Some(Arc::new(outcome)),
            baseline: None,
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

    /// The latest analysis with its plan and workload rows, if any.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_deref()
    }

    /// The settings in force: the last ones the settings form validated.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Why the settings form's text is not applied, while it does not validate.
    pub fn form_error(&self) -> Option<&str> {
        self.plan.form_error.as_deref()
    }

    /// The cluster's inputs.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
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

    /// Replaces the inputs of a slot and re-analyses.
    pub fn load(&mut self, slot: Slot, inputs: Vec<Input>, now: f64) {
        match slot {
            Slot::Cluster => {
                self.keep_baseline();
                self.inputs = inputs;
                self.is_demo = false;
            }
            Slot::Asm => self.asm_inputs = inputs,
        }
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Before a newer export of the cluster replaces the current one: the current analysis becomes
    /// the baseline. Not the demo's: a real export compared with the demo says nothing.
    fn keep_baseline(&mut self) {
        self.baseline = match &self.outcome {
            Some(outcome) if !self.is_demo && !self.inputs.is_empty() => {
                Some(Arc::new(report::check_value(&outcome.analysis)))
            }
            _ => None,
        };
    }

    /// Adds inputs to a slot (drops and multi-file picks add up) and re-analyses.
    pub fn add(&mut self, slot: Slot, inputs: Vec<Input>, now: f64) {
        match slot {
            Slot::Cluster => {
                if self.is_demo {
                    self.inputs.clear();
                    self.is_demo = false;
                    self.baseline = None;
                }
                self.inputs.extend(inputs);
            }
            Slot::Asm => self.asm_inputs.extend(inputs),
        }
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Forgets the selected finding and workload when other inputs are loaded: an index would
    /// point into another list, and a workload of the same name in another cluster is not the
    /// one the user chose. (A re-analysis of the same inputs keeps the workload selected.)
    fn forget_selections(&mut self) {
        self.findings.selected = None;
        self.workloads.selected = None;
    }

    /// Loads the demo again.
    pub fn load_demo(&mut self, now: f64) {
        self.inputs = demo::inputs();
        self.asm_inputs.clear();
        self.is_demo = true;
        self.baseline = None;
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Drops every input, the cluster's and the ASM control plane's, and re-analyses. Both are
    /// dropped before the analysis starts, since it takes a copy of the inputs as they are then.
    fn clear(&mut self, now: f64) {
        self.inputs.clear();
        self.asm_inputs.clear();
        self.is_demo = false;
        self.baseline = None;
        self.forget_selections();
        self.reanalyse(now);
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

    /// Starts a new analysis of the current inputs and settings.
    fn reanalyse(&mut self, now: f64) {
        self.job_started = now;
        #[cfg(not(target_arch = "wasm32"))]
        {
            let (sender, receiver) = std::sync::mpsc::channel();
            let inputs = self.inputs.clone();
            let asm = self.asm_inputs.clone();
            let settings = with_today(&self.settings);
            let force = self.force;
            let baseline = self.baseline.clone();
            let spawned = std::thread::Builder::new()
                .name("istio2asm-analysis".into())
                .spawn(move || {
                    let outcome =
                        Outcome::compute(inputs, asm, &settings, force, baseline.as_deref());
                    let _ = sender.send(outcome);
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
                if let Ok(outcome) = receiver.recv() {
                    self.show_outcome(outcome);
                }
            }
            Some(Job::Deferred { .. }) => {
                let outcome = Outcome::compute(
                    self.inputs.clone(),
                    self.asm_inputs.clone(),
                    &with_today(&self.settings),
                    self.force,
                    self.baseline.as_deref(),
                );
                self.show_outcome(outcome);
            }
            None => {}
        }
    }

    /// Shows an outcome: the one an analysis of the inputs returned, or one built elsewhere
    /// (the benchmark shows a table of 10,000 rows this way).
    pub fn show_outcome(&mut self, outcome: Outcome) {
        let (errors, warnings, infos) = outcome.analysis.counts();
        self.status = Status::Analysed {
            files: outcome.analysis.sources.files().len(),
            objects: outcome.analysis.bundle.object_count(),
            errors,
            warnings,
            infos,
        };
        self.outcome = Some(Arc::new(outcome));
        self.generation += 1;
    }

    /// Advances a running analysis; returns whether one is still running.
    fn poll(&mut self) -> bool {
        match self.job.take() {
            #[cfg(not(target_arch = "wasm32"))]
            Some(Job::Thread(receiver)) => match receiver.try_recv() {
                Ok(outcome) => {
                    self.show_outcome(outcome);
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
        let (cluster, asm): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|(slot, _)| *slot == Slot::Cluster);
        if !asm.is_empty() {
            self.add(Slot::Asm, asm.into_iter().map(|(_, i)| i).collect(), now);
        }
        if !cluster.is_empty() {
            self.add(
                Slot::Cluster,
                cluster.into_iter().map(|(_, i)| i).collect(),
                now,
            );
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
        let mut switch = None;
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("istio2asm");
                ui.separator();
                for view in View::ALL {
                    ui.selectable_value(&mut self.view, view, view.label(lang));
                }
                ui.separator();
                if let Some(analysis) = self.analysis() {
                    let (e, w, i) = analysis.counts();
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
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.busy() {
                    ui.spinner();
                    let size: usize = self.inputs.iter().map(|i| i.bytes.len()).sum();
                    ui.label(t!(
                        lang,
                        "app-status-analysing",
                        size = human_size(size, lang),
                        files = self.inputs.len(),
                        seconds = format!("{:.1}", (now - self.job_started).max(0.0))
                    ));
                } else {
                    ui.label(self.status.text(lang));
                }
            });
        });
        let request = egui::CentralPanel::default()
            .show(ui, |ui| {
                let Some(outcome) = self.outcome.clone() else {
                    ui.label(t!(lang, "app-nothing-loaded"));
                    return None;
                };
                let vars = self.settings.kubeconfig_vars();
                match self.view {
                    View::Overview => views::overview::show(ui, &outcome, &self.settings),
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
                }
            })
            .inner;
        if let Some(request) = request {
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
        }
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
