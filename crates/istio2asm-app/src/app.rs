//! The app: state, loading (off the UI thread on native), and the top-level layout. The views
//! live in `views`; everything they show comes from core values.

use std::sync::{Arc, Mutex};

use egui::{Color32, RichText};
use istio2asm_core::plan::{self, Plan};
use istio2asm_core::progress::{workload_rows, WorkloadRow};
use istio2asm_core::{analyze, demo, Analysis, Finding, Input, Settings};

use crate::state::{FindingsTab, InputsTab, PlanTab, SettingsForm, WorkloadsTab};
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
    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Findings => "Findings",
            View::Workloads => "Workloads",
            View::Plan => "Plan",
            View::Export => "Export",
            View::Inputs => "Inputs",
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

/// The result of one analysis run.
#[derive(Debug)]
pub struct Outcome {
    /// The analysis.
    pub analysis: Analysis,
    /// The plan built from it.
    pub plan: Plan,
    /// The workloads table.
    pub rows: Vec<WorkloadRow>,
}

impl Outcome {
    /// Analyses the inputs and plans from the analysis: what the app does with every load.
    pub fn compute(inputs: Vec<Input>, asm: Vec<Input>, settings: &Settings, force: bool) -> Self {
        let analysis = analyze(inputs, asm, settings);
        let plan = plan::plan(&analysis, force);
        let rows = workload_rows(&analysis, Some(&plan));
        Outcome {
            analysis,
            plan,
            rows,
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
    /// The cluster's inputs (the demo at start).
    inputs: Vec<Input>,
    /// The ASM control plane's inputs.
    asm_inputs: Vec<Input>,
    /// Whether the loaded inputs are the embedded demo.
    is_demo: bool,
    /// The latest analysis, plan and rows.
    outcome: Option<Arc<Outcome>>,
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
    status: String,
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
        let form = SettingsForm::from_settings(&settings);
        let inputs = demo::inputs();
        let outcome = Outcome::compute(inputs.clone(), Vec::new(), &settings, false);
        App {
            settings,
            force: false,
            inputs,
            asm_inputs: Vec::new(),
            is_demo: true,
            outcome: Some(Arc::new(outcome)),
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
            status: "Showing the embedded demo cluster. Load your own export under Inputs.".into(),
            egui_ctx: None,
        }
    }

    /// Restores persisted settings (never inputs: they may hold cluster data).
    pub fn from_storage(storage: Option<&dyn eframe::Storage>) -> Self {
        let settings = storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default();
        App::new(settings)
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
                self.inputs = inputs;
                self.is_demo = false;
            }
            Slot::Asm => self.asm_inputs = inputs,
        }
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Adds inputs to a slot (drops and multi-file picks add up) and re-analyses.
    pub fn add(&mut self, slot: Slot, inputs: Vec<Input>, now: f64) {
        match slot {
            Slot::Cluster => {
                if self.is_demo {
                    self.inputs.clear();
                    self.is_demo = false;
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
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Drops every input, the cluster's and the ASM control plane's, and re-analyses. Both are
    /// dropped before the analysis starts, since it takes a copy of the inputs as they are then.
    fn clear(&mut self, now: f64) {
        self.inputs.clear();
        self.asm_inputs.clear();
        self.is_demo = false;
        self.forget_selections();
        self.reanalyse(now);
    }

    /// Opens the file dialog for a slot, as the Inputs tab's buttons do. Does nothing before the
    /// first frame, since the web dialog needs the egui context to wake the UI when it finishes.
    pub fn open_files(&mut self, slot: Slot) {
        if let Some(ctx) = self.egui_ctx.clone() {
            if let Some(problem) = crate::files::pick(&self.inbox, slot, &ctx) {
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
            let settings = self.settings.clone();
            let force = self.force;
            let spawned = std::thread::Builder::new()
                .name("istio2asm-analysis".into())
                .spawn(move || {
                    let _ = sender.send(Outcome::compute(inputs, asm, &settings, force));
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
                    &self.settings,
                    self.force,
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
        self.status = format!(
            "Analysed {} file(s), {} objects: {errors} errors, {warnings} warnings, {infos} infos.",
            outcome.analysis.sources.files().len(),
            outcome.analysis.bundle.object_count()
        );
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
                    self.status =
                        "The analysis stopped unexpectedly; the previous results are shown.".into();
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
                Err(e) => self.status = format!("Cannot read {name}: {e}"),
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
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("istio2asm");
                ui.separator();
                for view in View::ALL {
                    ui.selectable_value(&mut self.view, view, view.label());
                }
                ui.separator();
                if let Some(analysis) = self.analysis() {
                    let (e, w, i) = analysis.counts();
                    ui.label(
                        RichText::new(format!("{e} errors")).color(Color32::from_rgb(220, 60, 60)),
                    );
                    ui.label(
                        RichText::new(format!("{w} warnings"))
                            .color(Color32::from_rgb(210, 150, 20)),
                    );
                    ui.label(format!("{i} infos"));
                }
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.busy() {
                    ui.spinner();
                    let size: usize = self.inputs.iter().map(|i| i.bytes.len()).sum();
                    ui.label(format!(
                        "Analysing {} in {} file(s)… {:.1} s",
                        human_size(size),
                        self.inputs.len(),
                        (now - self.job_started).max(0.0)
                    ));
                } else {
                    ui.label(&self.status);
                }
            });
        });
        let request = egui::CentralPanel::default()
            .show(ui, |ui| {
                let Some(outcome) = self.outcome.clone() else {
                    ui.label("Nothing loaded yet.");
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
                    View::Plan => {
                        views::plan::show(ui, &mut self.plan, self.force, &outcome, &vars)
                    }
                    View::Export => views::export::show(ui, &outcome),
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
                if let Some(problem) = crate::files::pick(&self.inbox, slot, ctx) {
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

/// `1.2 MB`.
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_contents(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    #[cfg(target_arch = "wasm32")]
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(&mut *self)
    }
}
