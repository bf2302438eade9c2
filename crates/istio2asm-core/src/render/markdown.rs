//! The Markdown runbook: a page a person follows, phase by phase, with every command to copy.

use crate::gate::Verdict;
use crate::kubectl::Target;
use crate::phase::GateJson;
use crate::plan::{file_header, PhaseStatus, RiskRow};
use crate::preview::Preview;

use super::{target_name, PhaseDoc, PlanDoc, StepDoc};

/// The Markdown runbook.
pub fn render(plan: &PlanDoc) -> String {
    let vars = &plan.kubeconfig_vars;
    let mut out = file_header("<!--").replace('\n', " -->\n");
    out.push_str("\n# Runbook: in-place migration from Istio to ASM\n\n");
    if plan.assumed {
        out.push_str("> No ASMMigrateFromIstio in the input: the migration is **assumed to be in Init**. Export it first (`istio2asm collect`).\n\n");
    } else {
        out.push_str(&format!(
            "> The migration is in **{}** ({}).\n\n",
            plan.state.as_str(),
            plan.situation.as_str()
        ));
    }
    if !plan.forced.is_empty() {
        out.push_str(&format!(
            "> **Gates overridden (setting force)**: {}.\n\n",
            crate::gate::GateId::list(&plan.forced)
        ));
    }
    out.push_str(&format!(
        "Every command reads the kubeconfig paths from two shell variables; set them first:\n\n```bash\nexport {}=/path/to/cluster-kubeconfig\nexport {}=/path/to/asm-kubeconfig\n```\n\nRun the commands from the directory that holds this runbook and its YAML files.\n\n",
        vars.name(Target::Cluster),
        vars.name(Target::Asm)
    ));
    for (index, phase) in plan.phases.iter().enumerate() {
        self::phase(&mut out, index + 1, phase);
    }
    out
}

fn phase(out: &mut String, number: usize, phase: &PhaseDoc) {
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
        self::step(out, step);
    }
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

/// A fenced block; its fence is longer than any run of backticks in `body`, so text from the
/// export (an annotation's value in a preview) cannot close it.
fn fence(out: &mut String, lang: &str, body: &str) {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let marks = "`".repeat(longest.max(2) + 1);
    out.push_str(&format!("{marks}{lang}\n{body}"));
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("{marks}\n"));
}

/// Each preview as a diff hunk: `@@ KIND NS/NAME @@`, then its `-`/`+` lines.
fn preview_text(previews: &[Preview]) -> String {
    let mut text = String::new();
    for preview in previews {
        text.push_str(&format!("@@ {} @@\n", preview.object.title()));
        let lines = preview.diff_lines();
        if lines.is_empty() {
            text.push_str("  (no change)\n");
        }
        for line in lines {
            text.push_str(&line.line());
            text.push('\n');
        }
    }
    text
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn gate_table(out: &mut String, gates: &[GateJson]) {
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

fn step(out: &mut String, step: &StepDoc) {
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
        fence(out, "bash", &step.commands.join("\n"));
        out.push('\n');
    }
    if !step.preview.is_empty() {
        out.push_str("What it changes (computed offline from the export):\n\n");
        fence(out, "diff", &preview_text(&step.preview));
        out.push('\n');
    }
    for (command, expect) in step.verify.iter().zip(&step.expect) {
        out.push_str(&format!("Verify (expect: {expect}):\n\n"));
        fence(out, "bash", command);
        out.push('\n');
    }
    if !step.rollback.is_empty() {
        out.push_str("Rollback:\n\n");
        fence(out, "bash", &step.rollback.join("\n"));
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
