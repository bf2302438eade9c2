//! Renderers for a plan: Markdown (a runbook a person follows), bash (a runbook a shell runs, one
//! phase per run) and JSON (SPEC §7). Every command is rendered by `Command::render`, so the three
//! show the same text.

use serde::Serialize;

use crate::gate::{GateId, Verdict};
use crate::kubectl::{quote, KubeconfigVars, Target};
use crate::phase::Gate;
use crate::plan::{file_header, Phase, PhaseStatus, Plan, PlanFile, RiskRow, Step};
use crate::report::SCHEMA_VERSION;
use crate::state::State;

fn target_name(target: Target) -> &'static str {
    match target {
        Target::Cluster => "cluster",
        Target::Asm => "asm",
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StepJson<'a> {
    id: &'a str,
    title: &'a str,
    target: &'static str,
    commands: Vec<String>,
    verify: Vec<String>,
    expect: Vec<&'a str>,
    rollback: Vec<String>,
    files: &'a [PlanFile],
    needs: &'a [String],
    why: &'a str,
    notes: &'a [String],
    risks: &'a [RiskRow],
    wave: bool,
    blocked_by: &'a [GateId],
}

#[derive(Debug, Serialize)]
struct PhaseJson<'a> {
    state: &'static str,
    status: PhaseStatus,
    next: Option<&'static str>,
    gates: &'a [Gate],
    steps: Vec<StepJson<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanJson<'a> {
    schema_version: u32,
    state: &'static str,
    assumed: bool,
    forced: &'a [GateId],
    phases: Vec<PhaseJson<'a>>,
}

fn step_json<'a>(step: &'a Step, vars: &KubeconfigVars) -> StepJson<'a> {
    StepJson {
        id: &step.id,
        title: &step.title,
        target: target_name(step.target),
        commands: step.commands.iter().map(|c| c.render(vars)).collect(),
        verify: step.verify.iter().map(|v| v.command.render(vars)).collect(),
        expect: step.verify.iter().map(|v| v.expect.as_str()).collect(),
        rollback: step.rollback.iter().map(|c| c.render(vars)).collect(),
        files: &step.files,
        needs: &step.needs,
        why: &step.why,
        notes: &step.notes,
        risks: &step.risks,
        wave: step.wave,
        blocked_by: &step.blocked_by,
    }
}

/// The plan as a JSON value.
pub fn json_value(plan: &Plan) -> serde_json::Value {
    let vars = &plan.vars;
    let doc = PlanJson {
        schema_version: SCHEMA_VERSION,
        state: plan.current.as_str(),
        assumed: plan.assumed,
        forced: &plan.forced,
        phases: plan
            .phases
            .iter()
            .map(|phase| PhaseJson {
                state: phase.state.as_str(),
                status: phase.status,
                next: phase.state.next().map(State::as_str),
                gates: &phase.gates,
                steps: phase.steps.iter().map(|s| step_json(s, vars)).collect(),
            })
            .collect(),
    };
    serde_json::to_value(doc).unwrap_or(serde_json::Value::Null)
}

/// The plan as pretty JSON with a final newline.
pub fn json(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(&json_value(plan)).unwrap_or_default();
    text.push('\n');
    text
}

/// Every file of a plan as `plan --out` writes it and the app exports it: the Markdown runbook,
/// the bash runbook, the plan as JSON, then the YAML files of its steps.
pub fn files(plan: &Plan) -> Vec<PlanFile> {
    let mut files = vec![
        PlanFile {
            name: "runbook.md".into(),
            content: markdown(plan),
        },
        PlanFile {
            name: "runbook.sh".into(),
            content: shell(plan),
        },
        PlanFile {
            name: "plan.json".into(),
            content: json(plan),
        },
    ];
    files.extend(plan.files().cloned());
    files
}

/// Files larger than this are not repeated inside the Markdown runbook.
const INLINE_FILE_LIMIT: usize = 6000;

fn status_word(status: PhaseStatus) -> &'static str {
    match status {
        PhaseStatus::Done => "done",
        PhaseStatus::Current => "current",
        PhaseStatus::Upcoming => "upcoming",
    }
}

fn fence(out: &mut String, lang: &str, body: &str) {
    out.push_str(&format!("```{lang}\n{body}"));
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("```\n");
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn gate_table(out: &mut String, gates: &[Gate]) {
    out.push_str("| gate | result | detail |\n|---|---|---|\n");
    for gate in gates {
        let result = match gate.verdict {
            // Bold, so a failing gate stands out in the table.
            Verdict::Fail => format!("**{}**", gate.verdict.as_str()),
            other => other.as_str().to_string(),
        };
        out.push_str(&format!(
            "| `{}` | {result} | {} |\n",
            gate.id.as_str(),
            cell(&gate.detail)
        ));
    }
    out.push('\n');
}

fn risk_table(out: &mut String, rows: &[RiskRow]) {
    out.push_str("| workload | namespace | replicas | risks |\n|---|---|---|---|\n");
    for row in rows {
        let risks = row.risks.list();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            row.workload,
            row.namespace,
            row.replicas.map_or("-".to_string(), |r| r.to_string()),
            if risks.is_empty() {
                "none found".to_string()
            } else {
                cell(&risks.join("; "))
            }
        ));
    }
    out.push('\n');
}

fn markdown_step(out: &mut String, step: &Step, vars: &KubeconfigVars) {
    out.push_str(&format!(
        "#### - [ ] `{}` {} ({})\n\n{}\n\n",
        step.id,
        step.title,
        target_name(step.target),
        step.why
    ));
    if !step.blocked_by.is_empty() {
        out.push_str(&format!(
            "> **Blocked**: the gate(s) {} fail. Fix them and plan again, or plan with the setting force to override.\n\n",
            step.blocked_by.iter().map(|g| format!("`{}`", g.as_str())).collect::<Vec<_>>().join(", ")
        ));
    }
    if !step.needs.is_empty() {
        out.push_str("Needs (not in the export; fill in before running):\n\n");
        for need in &step.needs {
            out.push_str(&format!("- {need}\n"));
        }
        out.push('\n');
    }
    if !step.risks.is_empty() {
        out.push_str("Risks before this wave:\n\n");
        risk_table(out, &step.risks);
    }
    if !step.commands.is_empty() {
        let body: Vec<String> = step.commands.iter().map(|c| c.render(vars)).collect();
        fence(out, "bash", &body.join("\n"));
        out.push('\n');
    }
    for verify in &step.verify {
        out.push_str(&format!("Verify (expect: {}):\n\n", verify.expect));
        fence(out, "bash", &verify.command.render(vars));
        out.push('\n');
    }
    if !step.rollback.is_empty() {
        out.push_str("Rollback:\n\n");
        let body: Vec<String> = step.rollback.iter().map(|c| c.render(vars)).collect();
        fence(out, "bash", &body.join("\n"));
        out.push('\n');
    }
    for file in &step.files {
        if file.content.len() <= INLINE_FILE_LIMIT {
            out.push_str(&format!(
                "<details><summary><code>{}</code></summary>\n\n",
                file.name
            ));
            fence(out, "yaml", &file.content);
            out.push_str("\n</details>\n\n");
        } else {
            out.push_str(&format!(
                "File `{}` ({} bytes) is written next to this runbook.\n\n",
                file.name,
                file.content.len()
            ));
        }
    }
    for note in &step.notes {
        out.push_str(&format!("> {note}\n"));
    }
    if !step.notes.is_empty() {
        out.push('\n');
    }
}

/// The Markdown runbook.
pub fn markdown(plan: &Plan) -> String {
    let vars = &plan.vars;
    let mut out = file_header("<!--").replace('\n', " -->\n");
    out.push_str("\n# Runbook: in-place migration from Istio to ASM\n\n");
    if plan.assumed {
        out.push_str("> No ASMMigrateFromIstio in the input: the migration is **assumed to be in Init**. Export it first (`istio2asm collect`).\n\n");
    } else {
        out.push_str(&format!(
            "> The migration is in **{}** ({}).\n\n",
            plan.current.as_str(),
            plan.situation.as_str()
        ));
    }
    if !plan.forced.is_empty() {
        out.push_str(&format!(
            "> **Gates overridden (setting force)**: {}.\n\n",
            crate::plan::ids(&plan.forced)
        ));
    }
    out.push_str(&format!(
        "Every command reads the kubeconfig paths from two shell variables; set them first:\n\n```bash\nexport {}=/path/to/cluster-kubeconfig\nexport {}=/path/to/asm-kubeconfig\n```\n\nRun the commands from the directory that holds this runbook and its YAML files.\n\n",
        vars.name(Target::Cluster),
        vars.name(Target::Asm)
    ));
    for (index, phase) in plan.phases.iter().enumerate() {
        markdown_phase(&mut out, index + 1, phase, vars);
    }
    out
}

fn markdown_phase(out: &mut String, number: usize, phase: &Phase, vars: &KubeconfigVars) {
    out.push_str(&format!(
        "## Phase {number}: {} ({})\n\n",
        phase.state.as_str(),
        status_word(phase.status)
    ));
    if phase.status == PhaseStatus::Done {
        out.push_str("Nothing left to do here.\n\n");
        return;
    }
    if phase.status == PhaseStatus::Upcoming {
        out.push_str("> Upcoming: these steps come from the current export. Export again and plan again when the migration reaches this phase.\n\n");
    }
    if let Some(next) = phase.state.next() {
        out.push_str(&format!("### Gates for {}\n\n", next.transition()));
        gate_table(out, &phase.gates);
    }
    if phase.steps.is_empty() {
        out.push_str("No steps.\n\n");
        return;
    }
    out.push_str("### Steps\n\n");
    for step in &phase.steps {
        markdown_step(out, step, vars);
    }
}

fn shell_function(state: State) -> String {
    let mut name = String::from("phase_");
    for (i, c) in state.as_str().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// The bash runbook. One phase per run (`--phase STATE`, default: the current state), pauses before
/// each wave unless `--yes`, refuses to run without the kubeconfig variables, prints each command
/// before running it. The YAML files must sit next to the script.
pub fn shell(plan: &Plan) -> String {
    let vars = &plan.vars;
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&file_header("#"));
    out.push_str("# The `say` lines print each command literally before running it, so their quotes are deliberate.\n# shellcheck disable=SC2016\n");
    out.push_str(&format!(
        "# Usage: bash runbook.sh [--phase STATE] [--yes]\n#   STATE: Init, SetupIstioForMigrate, Migrating or Finished (default: {}, the current state).\n#   --yes: do not pause before each wave.\nset -euo pipefail\n\n",
        plan.current.as_str()
    ));
    for (var, what) in [
        (vars.name(Target::Cluster), "the cluster"),
        (vars.name(Target::Asm), "the ASM control plane"),
    ] {
        out.push_str(&format!(
            "if [[ -z \"${{{var}:-}}\" ]]; then\n  echo 'runbook.sh: set {var} to the kubeconfig path of {what} first' >&2\n  exit 2\nfi\n"
        ));
    }
    out.push('\n');
    out.push_str(&format!(
        "PHASE={}\nYES=0\nwhile [[ $# -gt 0 ]]; do\n  case \"$1\" in\n    --phase) PHASE=\"${{2:?--phase needs a state}}\"; shift 2 ;;\n    --yes) YES=1; shift ;;\n    *) echo \"runbook.sh: unknown argument $1\" >&2; exit 2 ;;\n  esac\ndone\n\n",
        plan.current.as_str()
    ));
    out.push_str(
        "# The YAML files live next to this script.\ncd \"$(dirname \"${BASH_SOURCE[0]}\")\"\n\n",
    );
    out.push_str("say() { printf '\\n+ %s\\n' \"$1\" >&2; }\nstep() { printf '\\n== %s\\n' \"$1\" >&2; }\nexpect() { printf '   expect: %s\\n' \"$1\" >&2; }\n");
    out.push_str("pause() {\n  if [[ $YES -eq 1 ]]; then return 0; fi\n  local answer\n  read -r -p \"$1 Continue? [y/N] \" answer\n  [[ $answer == y || $answer == Y ]] || { echo 'stopped' >&2; exit 1; }\n}\n");
    out.push_str("blocked() { printf '\\nBLOCKED: %s\\n' \"$1\" >&2; exit 3; }\n\n");
    for phase in &plan.phases {
        out.push_str(&format!("{}() {{\n", shell_function(phase.state)));
        if phase.status == PhaseStatus::Done {
            out.push_str(&format!(
                "  echo {} >&2\n}}\n\n",
                quote(&format!(
                    "{} is done: nothing to run.",
                    phase.state.as_str()
                ))
            ));
            continue;
        }
        if phase.status == PhaseStatus::Upcoming && !plan.force {
            out.push_str(&format!(
                "  blocked {}\n}}\n\n",
                quote(&format!(
                    "the migration is in {}; export again and plan when it reaches {} (these steps come from the current export)",
                    plan.current.as_str(),
                    phase.state.as_str()
                ))
            ));
            continue;
        }
        if phase.steps.is_empty() {
            out.push_str("  :\n");
        }
        for step in &phase.steps {
            shell_step(&mut out, step, vars);
        }
        out.push_str("}\n\n");
    }
    out.push_str("case \"$PHASE\" in\n");
    for phase in &plan.phases {
        out.push_str(&format!(
            "  {}) {} ;;\n",
            phase.state.as_str(),
            shell_function(phase.state)
        ));
    }
    out.push_str("  *) echo \"runbook.sh: unknown phase $PHASE (Init, SetupIstioForMigrate, Migrating, Finished)\" >&2; exit 2 ;;\nesac\n");
    out
}

fn shell_step(out: &mut String, step: &Step, vars: &KubeconfigVars) {
    out.push_str(&format!(
        "  step {}\n",
        quote(&format!("{}: {}", step.id, step.title))
    ));
    if !step.blocked_by.is_empty() {
        out.push_str(&format!(
            "  blocked {}\n",
            quote(&format!(
                "the gate(s) {} fail; fix them and plan again (or plan with the setting force)",
                crate::plan::ids(&step.blocked_by)
            ))
        ));
        return;
    }
    if !step.needs.is_empty() {
        let needs = step.needs.join("; ");
        out.push_str(&format!(
            "  pause {}\n",
            quote(&format!("This step needs inputs the export does not hold: {needs}. Fill them into its files first."))
        ));
    } else if step.wave {
        out.push_str(&format!(
            "  pause {}\n",
            quote(&format!("Next: {}.", step.title))
        ));
    }
    for note in &step.notes {
        out.push_str(&format!(
            "  echo {} >&2\n",
            quote(&format!("   note: {note}"))
        ));
    }
    for command in &step.commands {
        let text = command.render(vars);
        out.push_str(&format!("  say {}\n  {text}\n", quote(&text)));
    }
    for verify in &step.verify {
        let text = verify.command.render(vars);
        out.push_str(&format!(
            "  say {}\n  expect {}\n  {text}\n",
            quote(&text),
            quote(&verify.expect)
        ));
    }
}
