//! The Markdown runbook: a page a person follows, phase by phase, with every command to copy.

use crate::gate::{GateId, Verdict};
use crate::i18n::Lang;
use crate::kubectl::Target;
use crate::phase::GateJson;
use crate::plan::{file_header, PhaseStatus, RiskRow};
use crate::preview::Preview;

use super::{target_name, PhaseDoc, PlanDoc, StepDoc};
use crate::report::situation_label;

/// The Markdown runbook, in the plan's language. With steps marked done, each phase's steps
/// also come as a GitHub task list and each step heading is ticked.
pub fn render(plan: &PlanDoc) -> String {
    let lang = plan.lang;
    let vars = &plan.kubeconfig_vars;
    let mut out = file_header("<!--").replace('\n', " -->\n");
    out.push_str(&format!("\n# {}\n\n", t!(lang, "render-md-title")));
    if plan.assumed {
        out.push_str(&format!("> {}\n\n", t!(lang, "render-md-assumed")));
    } else {
        out.push_str(&format!(
            "> {}\n\n",
            t!(
                lang,
                "render-md-state",
                state = plan.state.as_str(),
                situation = situation_label(plan.situation, lang)
            )
        ));
    }
    if !plan.forced.is_empty() {
        out.push_str(&format!(
            "> {}\n\n",
            t!(
                lang,
                "render-md-forced",
                gates = GateId::list_in(&plan.forced, lang)
            )
        ));
    }
    if !plan.done.is_empty() {
        out.push_str(&format!(
            "> {}\n\n",
            t!(
                lang,
                "render-md-done-count",
                done = plan.done.len(),
                total = plan.steps().count()
            )
        ));
    }
    out.push_str(&format!(
        "{}\n\n```bash\nexport {}=/path/to/cluster-kubeconfig\nexport {}=/path/to/asm-kubeconfig\n```\n\n{}\n\n",
        t!(lang, "render-md-kubeconfig"),
        vars.name(Target::Cluster),
        vars.name(Target::Asm),
        t!(lang, "render-md-run-here")
    ));
    for (index, phase) in plan.phases.iter().enumerate() {
        self::phase(&mut out, index + 1, phase, plan);
    }
    out
}

fn phase(out: &mut String, number: usize, phase: &PhaseDoc, plan: &PlanDoc) {
    let lang = plan.lang;
    out.push_str(&format!(
        "## {}\n\n",
        t!(
            lang,
            "render-md-phase",
            number = number,
            state = phase.state.as_str(),
            status = status_word(phase.status, lang)
        )
    ));
    if phase.status == PhaseStatus::Done {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-phase-done")));
        return;
    }
    if phase.status == PhaseStatus::Upcoming {
        out.push_str(&format!("> {}\n\n", t!(lang, "render-md-upcoming")));
    }
    if let Some(next) = phase.state.next() {
        out.push_str(&format!(
            "### {}\n\n",
            t!(lang, "render-md-gates-for", transition = next.transition())
        ));
        gate_table(out, &phase.gates, lang);
    }
    if phase.steps.is_empty() {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-no-steps")));
        return;
    }
    out.push_str(&format!("### {}\n\n", t!(lang, "render-md-steps")));
    if !plan.done.is_empty() {
        // The checklist GitHub renders with boxes (a heading's box is only text).
        for step in &phase.steps {
            out.push_str(&format!(
                "- [{}] `{}` {}\n",
                if plan.is_done(&step.id) { 'x' } else { ' ' },
                step.id,
                step.title
            ));
        }
        out.push('\n');
    }
    for step in &phase.steps {
        self::step(out, step, plan.is_done(&step.id), lang);
    }
}

/// Files larger than this are not repeated inside the Markdown runbook.
const INLINE_FILE_LIMIT: usize = 6000;

fn status_word(status: PhaseStatus, lang: Lang) -> String {
    match status {
        PhaseStatus::Done => t!(lang, "render-phase-done"),
        PhaseStatus::Current => t!(lang, "render-phase-current"),
        PhaseStatus::Upcoming => t!(lang, "render-phase-upcoming"),
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
fn preview_text(previews: &[Preview], lang: Lang) -> String {
    let mut text = String::new();
    for preview in previews {
        text.push_str(&format!("@@ {} @@\n", preview.object.title()));
        let lines = preview.diff_lines();
        if lines.is_empty() {
            text.push_str(&format!("  {}\n", t!(lang, "render-no-change")));
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

fn gate_table(out: &mut String, gates: &[GateJson], lang: Lang) {
    out.push_str(&format!(
        "| {} |\n|---|---|---|\n",
        t!(lang, "render-md-gate-columns")
    ));
    for gate in gates {
        let result = match gate.verdict {
            // Bold, so a failing gate stands out in the table.
            Verdict::Fail => format!("**{}**", gate.verdict.label(lang)),
            other => other.label(lang),
        };
        out.push_str(&format!(
            "| `{}` | {result} | {} |\n",
            gate.id.as_str(),
            cell(&gate.detail)
        ));
    }
    out.push('\n');
}

fn risk_table(out: &mut String, rows: &[RiskRow], lang: Lang) {
    out.push_str(&format!(
        "| {} |\n|---|---|---|---|\n",
        t!(lang, "render-md-risk-columns")
    ));
    for row in rows {
        let risks = row.risks.list();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            row.workload,
            row.namespace,
            row.replicas.map_or("-".to_string(), |r| r.to_string()),
            if risks.is_empty() {
                t!(lang, "render-md-no-risk")
            } else {
                cell(&risks.join(&t!(lang, "render-separator")))
            }
        ));
    }
    out.push('\n');
}

fn step(out: &mut String, step: &StepDoc, done: bool, lang: Lang) {
    out.push_str(&format!(
        "#### - [{}] `{}` {} ({})\n\n{}\n\n",
        if done { 'x' } else { ' ' },
        step.id,
        step.title,
        target_name(step.target, lang),
        step.why
    ));
    if !step.blocked_by.is_empty() {
        let gates: Vec<String> = step
            .blocked_by
            .iter()
            .map(|g| format!("`{}`", g.as_str()))
            .collect();
        out.push_str(&format!(
            "> {}\n\n",
            t!(
                lang,
                "render-md-blocked",
                gates = gates.join(&t!(lang, "list-separator"))
            )
        ));
    }
    if !step.needs.is_empty() {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-needs")));
        for need in &step.needs {
            out.push_str(&format!("- {need}\n"));
        }
        out.push('\n');
    }
    if !step.risks.is_empty() {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-risks")));
        risk_table(out, &step.risks, lang);
    }
    if !step.commands.is_empty() {
        fence(out, "bash", &step.commands.join("\n"));
        out.push('\n');
    }
    if !step.preview.is_empty() {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-changes")));
        fence(out, "diff", &preview_text(&step.preview, lang));
        out.push('\n');
    }
    for (command, expect) in step.verify.iter().zip(&step.expect) {
        out.push_str(&format!(
            "{}\n\n",
            t!(lang, "render-md-verify", expect = expect)
        ));
        fence(out, "bash", command);
        out.push('\n');
    }
    if !step.rollback.is_empty() {
        out.push_str(&format!("{}\n\n", t!(lang, "render-md-rollback")));
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
                "{}\n\n",
                t!(
                    lang,
                    "render-md-file-beside",
                    name = &file.name,
                    bytes = file.content.len()
                )
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
