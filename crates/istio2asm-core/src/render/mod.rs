//! Renderers for a plan: Markdown (a runbook a person follows), bash (a runbook a shell runs, one
//! phase per run) and JSON (SPEC §7).
//!
//! All three read one document, [`PlanDoc`]: the plan with every command rendered by
//! `Command::render`, so the three show the same text. It is also exactly what `plan.json` holds,
//! so a plan read back from JSON (the JS library's `render(plan, format)`) renders the same
//! runbooks as the plan it came from.
//!
//! The texts are in the plan's language (`PlanDoc::lang`); commands, files and structure are the
//! same bytes in every language. The steps a user ticked as done in the app (`PlanDoc::done`) are
//! marked in both runbooks, and nothing changes when none is.

use serde::{Deserialize, Serialize};

use crate::gate::GateId;
use crate::i18n::Lang;
use crate::kubectl::{KubeconfigVars, Target};
use crate::phase::{GateJson, Situation};
use crate::plan::{PhaseStatus, Plan, PlanFile, RiskRow, Step};
use crate::preview::Preview;
use crate::report::SCHEMA_VERSION;
use crate::state::State;

mod markdown;
mod mesh;
mod shell;

pub use mesh::{mesh_files, mesh_json, mesh_json_value, mesh_markdown, mesh_readme};

/// A plan as its JSON document: every command rendered to the text a user pastes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanDoc {
    /// The JSON contract's version.
    pub schema_version: u32,
    /// The state the migration is in.
    pub state: State,
    /// Whether the state was assumed (no resource in the input).
    pub assumed: bool,
    /// How the migration stands.
    pub situation: Situation,
    /// Whether the plan was made with the setting force.
    pub force: bool,
    /// The shell variables the commands read the kubeconfig paths from.
    pub kubeconfig_vars: KubeconfigVars,
    /// The gates overridden with force.
    pub forced: Vec<GateId>,
    /// Init, SetupIstioForMigrate, Migrating, Finished.
    pub phases: Vec<PhaseDoc>,
    /// The language of the texts (English when absent, as plans before it were).
    #[serde(default)]
    pub lang: Lang,
    /// The ids of the steps the user marked done (in the app), in plan order. Absent from the
    /// JSON when none is, so a plan without marks reads and writes as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<String>,
}

/// A phase of a [`PlanDoc`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseDoc {
    /// The state this phase runs in.
    pub state: State,
    /// Done, current or upcoming.
    pub status: PhaseStatus,
    /// The state its switch leads to.
    pub next: Option<State>,
    /// The gates of that switch.
    pub gates: Vec<GateJson>,
    /// The steps, in order.
    pub steps: Vec<StepDoc>,
}

/// A step of a [`PlanDoc`]: commands, verifications and rollback as rendered text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepDoc {
    /// Stable id.
    pub id: String,
    /// One line.
    pub title: String,
    /// Which cluster its commands talk to.
    pub target: Target,
    /// The commands, in order.
    pub commands: Vec<String>,
    /// The verification commands.
    pub verify: Vec<String>,
    /// What each verification should print, one per entry of `verify`.
    pub expect: Vec<String>,
    /// How to undo it.
    pub rollback: Vec<String>,
    /// Files it applies.
    pub files: Vec<PlanFile>,
    /// Inputs the export does not hold.
    pub needs: Vec<String>,
    /// Why the step exists.
    pub why: String,
    /// Notes for the operator.
    pub notes: Vec<String>,
    /// The risk table shown before a wave.
    pub risks: Vec<RiskRow>,
    /// Whether the shell runbook pauses before it.
    pub wave: bool,
    /// For a state switch: the gates that fail.
    pub blocked_by: Vec<GateId>,
    /// What its commands change in each object they patch, before and after. Always written,
    /// like the other lists; a plan written before it existed reads back with none.
    #[serde(default)]
    pub preview: Vec<Preview>,
}

impl PlanDoc {
    /// The document of a plan.
    pub fn new(plan: &Plan) -> Self {
        PlanDoc {
            schema_version: SCHEMA_VERSION,
            state: plan.current,
            assumed: plan.assumed,
            situation: plan.situation,
            force: plan.force,
            kubeconfig_vars: plan.vars.clone(),
            forced: plan.forced.clone(),
            phases: plan
                .phases
                .iter()
                .map(|phase| PhaseDoc {
                    state: phase.state,
                    status: phase.status,
                    next: phase.state.next(),
                    gates: phase.gates.iter().map(GateJson::from).collect(),
                    steps: phase
                        .steps
                        .iter()
                        .map(|s| StepDoc::new(s, &plan.vars))
                        .collect(),
                })
                .collect(),
            lang: plan.lang,
            done: Vec::new(),
        }
    }

    /// The document with the steps `ids` marked done, as the app's ticks give them: ids that
    /// are no step of this plan (ticks kept from an earlier export) are left out, the rest kept
    /// once each, in plan order.
    pub fn with_done<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
        let ticked: std::collections::BTreeSet<&str> = ids.into_iter().collect();
        self.done = self
            .steps()
            .map(|s| s.id.as_str())
            .filter(|id| ticked.contains(id))
            .map(str::to_string)
            .collect::<Vec<_>>();
        self.done.dedup();
        self
    }

    /// Whether the user marked step `id` done.
    pub fn is_done(&self, id: &str) -> bool {
        self.done.iter().any(|d| d == id)
    }

    /// Every step of every phase, in order.
    pub fn steps(&self) -> impl Iterator<Item = &StepDoc> {
        self.phases.iter().flat_map(|p| &p.steps)
    }

    /// Reads a plan's JSON (what `plan.json` holds, or the JS library's plan object), refusing
    /// anything else with a message in `lang` (the caller's language: the plan's may be unknown)
    /// that says what is wrong.
    pub fn from_json(text: &str, lang: Lang) -> Result<Self, String> {
        let mut doc: PlanDoc = serde_json::from_str(text)
            .map_err(|e| t!(lang, "render-json-not-a-plan", error = e.to_string()))?;
        // The risks' words are in the plan's language, which the JSON says once, at the top.
        let plan_lang = doc.lang;
        for step in doc.phases.iter_mut().flat_map(|p| &mut p.steps) {
            for row in &mut step.risks {
                row.risks.lang = plan_lang;
            }
        }
        if doc.schema_version != SCHEMA_VERSION {
            return Err(t!(
                lang,
                "render-json-schema-version",
                version = doc.schema_version,
                supported = SCHEMA_VERSION
            ));
        }
        for step in doc.steps() {
            if step.verify.len() != step.expect.len() {
                return Err(t!(
                    lang,
                    "render-json-verify-count",
                    step = &step.id,
                    verify = step.verify.len(),
                    expect = step.expect.len()
                ));
            }
            if let Some(p) = step
                .preview
                .iter()
                .find(|p| !p.before.is_object() || !p.after.is_object())
            {
                return Err(t!(
                    lang,
                    "render-json-preview-not-object",
                    step = &step.id,
                    object = p.object.title()
                ));
            }
        }
        if let Some(id) = doc
            .done
            .iter()
            .find(|id| !doc.steps().any(|s| &s.id == *id))
        {
            return Err(t!(lang, "render-json-done-unknown", step = id));
        }
        Ok(doc)
    }

    /// The Markdown runbook.
    pub fn markdown(&self) -> String {
        markdown::render(self)
    }

    /// The bash runbook.
    pub fn shell(&self) -> String {
        shell::render(self)
    }

    /// Pretty JSON with a final newline: `plan.json`. Keys are sorted (it goes through a
    /// `serde_json::Value`), as the check report's are.
    pub fn json(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Every file as `plan --out` writes it and the app exports it: the Markdown runbook, the
    /// bash runbook, the plan as JSON, then the YAML files of its steps.
    pub fn files(&self) -> Vec<PlanFile> {
        let mut files = vec![
            PlanFile {
                name: "runbook.md".into(),
                content: self.markdown(),
            },
            PlanFile {
                name: "runbook.sh".into(),
                content: self.shell(),
            },
            PlanFile {
                name: "plan.json".into(),
                content: self.json(),
            },
        ];
        files.extend(
            self.phases
                .iter()
                .flat_map(|p| &p.steps)
                .flat_map(|s| s.files.iter().cloned()),
        );
        files
    }
}

impl StepDoc {
    fn new(step: &Step, vars: &KubeconfigVars) -> Self {
        StepDoc {
            id: step.id.clone(),
            title: step.title.clone(),
            target: step.target,
            commands: step.commands.iter().map(|c| c.render(vars)).collect(),
            verify: step.verify.iter().map(|v| v.command.render(vars)).collect(),
            expect: step.verify.iter().map(|v| v.expect.clone()).collect(),
            rollback: step.rollback.iter().map(|c| c.render(vars)).collect(),
            files: step.files.clone(),
            needs: step.needs.clone(),
            why: step.why.clone(),
            notes: step.notes.clone(),
            risks: step.risks.clone(),
            wave: step.wave,
            blocked_by: step.blocked_by.clone(),
            preview: step.preview.clone(),
        }
    }
}

/// The Markdown runbook of a plan.
pub fn markdown(plan: &Plan) -> String {
    PlanDoc::new(plan).markdown()
}

/// The bash runbook of a plan.
pub fn shell(plan: &Plan) -> String {
    PlanDoc::new(plan).shell()
}

/// The plan as pretty JSON with a final newline.
pub fn json(plan: &Plan) -> String {
    PlanDoc::new(plan).json()
}

/// The plan as a JSON value.
pub fn json_value(plan: &Plan) -> serde_json::Value {
    serde_json::to_value(PlanDoc::new(plan)).unwrap_or(serde_json::Value::Null)
}

/// Every file of a plan (see [`PlanDoc::files`]).
pub fn files(plan: &Plan) -> Vec<PlanFile> {
    PlanDoc::new(plan).files()
}

/// Every file of a plan with the steps `done` marked done (see [`PlanDoc::with_done`]): what
/// the app exports once steps are ticked.
pub fn files_with_done<'a>(plan: &Plan, done: impl IntoIterator<Item = &'a str>) -> Vec<PlanFile> {
    PlanDoc::new(plan).with_done(done).files()
}

/// Which cluster a step's commands talk to, in `lang`.
fn target_name(target: Target, lang: Lang) -> String {
    match target {
        Target::Cluster => t!(lang, "render-target-cluster"),
        Target::Asm => t!(lang, "render-target-asm"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::settings::Settings;

    fn demo_plan(force: bool) -> Plan {
        let settings = Settings {
            asm_version: Some(crate::demo::ASM_VERSION.into()),
            ..Settings::default()
        };
        crate::plan::plan(
            &analyze(crate::demo::inputs(), Vec::new(), &settings),
            force,
        )
    }

    #[test]
    fn a_plan_read_back_from_its_json_renders_the_same_runbooks() {
        for (force, lang) in [
            (false, Lang::En),
            (true, Lang::En),
            (false, Lang::ZhCn),
            (true, Lang::ZhCn),
        ] {
            let settings = Settings {
                asm_version: Some(crate::demo::ASM_VERSION.into()),
                lang,
                ..Settings::default()
            };
            let plan = crate::plan::plan(
                &analyze(crate::demo::inputs(), Vec::new(), &settings),
                force,
            );
            let doc = PlanDoc::new(&plan);
            // Read in the other language: the plan's own decides its texts.
            let back = PlanDoc::from_json(&doc.json(), Lang::En).expect("reads back");
            assert_eq!(back, doc);
            assert_eq!(back.markdown(), doc.markdown());
            assert_eq!(back.shell(), doc.shell());
            assert_eq!(back.json(), doc.json());
        }
    }

    #[test]
    fn a_plan_written_before_previews_existed_reads_back_without_them() {
        let doc = PlanDoc::new(&demo_plan(false));
        assert!(doc
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .any(|s| !s.preview.is_empty()));
        let mut value = serde_json::to_value(&doc).expect("value");
        for phase in value["phases"].as_array_mut().expect("phases") {
            for step in phase["steps"].as_array_mut().expect("steps") {
                step.as_object_mut().expect("a step").remove("preview");
            }
        }
        let back = PlanDoc::from_json(&value.to_string(), Lang::En).expect("reads back");
        assert!(back
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .all(|s| s.preview.is_empty()));
    }

    #[test]
    fn json_that_is_not_a_plan_is_refused_with_a_reason() {
        let doc = PlanDoc::new(&demo_plan(false));
        let mut value = serde_json::to_value(&doc).expect("value");
        value["kubeconfigVars"]["cluster"] = "X$(id)".into();
        let error = PlanDoc::from_json(&value.to_string(), Lang::En).unwrap_err();
        assert!(error.contains("not a shell variable name"), "{error}");

        let mut value = serde_json::to_value(&doc).expect("value");
        value["schemaVersion"] = 2.into();
        let error = PlanDoc::from_json(&value.to_string(), Lang::En).unwrap_err();
        assert!(error.contains("schemaVersion 2"), "{error}");

        let mut value = serde_json::to_value(&doc).expect("value");
        value["phases"][0]["gates"][0]["blocking"] = true.into();
        value["phases"][0]["gates"][0]["passed"] = true.into();
        let error = PlanDoc::from_json(&value.to_string(), Lang::En).unwrap_err();
        assert!(error.contains("is no verdict"), "{error}");

        let mut value = serde_json::to_value(&doc).expect("value");
        let step = value["phases"]
            .as_array_mut()
            .and_then(|phases| {
                phases
                    .iter_mut()
                    .flat_map(|p| p["steps"].as_array_mut().into_iter().flatten())
                    .find(|s| s["preview"].as_array().is_some_and(|p| !p.is_empty()))
            })
            .expect("a step with a preview");
        step["preview"][0]["after"] = "Migrating".into();
        let error = PlanDoc::from_json(&value.to_string(), Lang::En).unwrap_err();
        assert!(error.contains("no object"), "{error}");

        for text in ["", "[]", "{\"findings\": []}", "null"] {
            let error = PlanDoc::from_json(text, Lang::En).unwrap_err();
            assert!(
                error.contains("not the JSON of an istio2asm plan"),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn json_errors_are_in_the_callers_language() {
        let error = PlanDoc::from_json("[]", Lang::ZhCn).unwrap_err();
        assert!(
            error.starts_with("不是 istio2asm 迁移计划的 JSON"),
            "{error}"
        );
        let doc = PlanDoc::new(&demo_plan(false));
        let mut value = serde_json::to_value(&doc).expect("value");
        value["schemaVersion"] = 2.into();
        let error = PlanDoc::from_json(&value.to_string(), Lang::ZhCn).unwrap_err();
        assert_eq!(
            error,
            "该迁移计划的 schemaVersion 为 2；此版本的 istio2asm 只能读取 1"
        );
    }

    #[test]
    fn done_marks_read_back_and_only_name_steps_of_the_plan() {
        let doc = PlanDoc::new(&demo_plan(false));
        let value: serde_json::Value = serde_json::from_str(&doc.json()).expect("JSON");
        assert!(value.get("done").is_none(), "no marks, no key");
        let ids: Vec<&str> = doc.steps().map(|s| s.id.as_str()).collect();
        // Unknown ids (ticks of an earlier export) are dropped, the rest kept in plan order.
        let marked = doc
            .clone()
            .with_done([ids[2], "no-such-step", ids[0], ids[2]]);
        assert_eq!(marked.done, vec![ids[0].to_string(), ids[2].to_string()]);
        assert!(marked.is_done(ids[0]) && !marked.is_done(ids[1]));
        let back = PlanDoc::from_json(&marked.json(), Lang::En).expect("reads back");
        assert_eq!(back, marked);
        assert_eq!(back.markdown(), marked.markdown());

        let mut value = serde_json::to_value(&marked).expect("value");
        value["done"] = serde_json::json!(["no-such-step"]);
        let error = PlanDoc::from_json(&value.to_string(), Lang::En).unwrap_err();
        assert_eq!(
            error,
            "the plan marks no-such-step done, but it has no step no-such-step"
        );
    }

    #[test]
    fn without_marks_the_runbooks_are_unchanged() {
        let plan = demo_plan(false);
        let doc = PlanDoc::new(&plan);
        let unmarked = doc.clone().with_done(["no-such-step"]);
        assert!(unmarked.done.is_empty());
        assert_eq!(unmarked.markdown(), doc.markdown());
        assert_eq!(unmarked.shell(), doc.shell());
        assert_eq!(files_with_done(&plan, []), files(&plan));
    }
}
