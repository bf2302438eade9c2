//! The bash runbook: one phase per run, a pause before each wave, every command printed before it
//! runs, exactly the Markdown runbook's text.

use crate::gate::GateId;
use crate::i18n::Lang;
use crate::kubectl::{quote, Target};
use crate::plan::{file_header, PhaseStatus};
use crate::state::State;

use super::{PlanDoc, StepDoc};

/// The bash runbook. One phase per run (`--phase STATE`, default: the current state), pauses before
/// each wave unless `--yes`, refuses to run without the kubeconfig variables, prints each command
/// before running it. The YAML files must sit next to the script. Its comments and what it prints
/// are in the plan's language; every line that runs something is the same in every language.
pub fn render(plan: &PlanDoc) -> String {
    let lang = plan.lang;
    let vars = &plan.kubeconfig_vars;
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&file_header("#"));
    out.push_str(&format!(
        "# {}\n# shellcheck disable=SC2016\n",
        t!(lang, "render-sh-say-quotes")
    ));
    out.push_str(&format!(
        "# {}\n#   {}\n#   {}\nset -euo pipefail\n\n",
        t!(lang, "render-sh-usage"),
        t!(lang, "render-sh-usage-phase", state = plan.state.as_str()),
        t!(lang, "render-sh-usage-yes")
    ));
    for (var, message) in [
        (
            vars.name(Target::Cluster),
            t!(
                lang,
                "render-sh-cluster-kubeconfig-unset",
                var = vars.name(Target::Cluster)
            ),
        ),
        (
            vars.name(Target::Asm),
            t!(
                lang,
                "render-sh-asm-kubeconfig-unset",
                var = vars.name(Target::Asm)
            ),
        ),
    ] {
        out.push_str(&format!(
            "if [[ -z \"${{{var}:-}}\" ]]; then\n  echo {} >&2\n  exit 2\nfi\n",
            quote(&message)
        ));
    }
    out.push('\n');
    // The texts below sit inside double quotes or `${2:?...}` next to a `$1`/`$PHASE` the shell
    // expands: the catalogs hold no `$`, backquote, backslash or double quote in them (the
    // runbook tests run shellcheck and bash on both languages).
    out.push_str(&format!(
        "PHASE={}\nYES=0\nwhile [[ $# -gt 0 ]]; do\n  case \"$1\" in\n    --phase) PHASE=\"${{2:?{}}}\"; shift 2 ;;\n    --yes) YES=1; shift ;;\n    *) echo \"{}\" >&2; exit 2 ;;\n  esac\ndone\n\n",
        plan.state.as_str(),
        t!(lang, "render-sh-phase-needs-state"),
        t!(lang, "render-sh-unknown-argument", argument = "$1")
    ));
    out.push_str(&format!(
        "# {}\ncd \"$(dirname \"${{BASH_SOURCE[0]}}\")\"\n\n",
        t!(lang, "render-sh-files-here")
    ));
    out.push_str(&format!(
        "say() {{ printf '\\n+ %s\\n' \"$1\" >&2; }}\nstep() {{ printf '\\n== %s\\n' \"$1\" >&2; }}\nexpect() {{ printf {} \"$1\" >&2; }}\n",
        quote(&format!("   {}\\n", t!(lang, "render-sh-expect", expect = "%s")))
    ));
    out.push_str(&format!(
        "pause() {{\n  if [[ $YES -eq 1 ]]; then return 0; fi\n  local answer\n  read -r -p \"$1 {} \" answer\n  [[ $answer == y || $answer == Y ]] || {{ echo {} >&2; exit 1; }}\n}}\n",
        t!(lang, "render-sh-continue"),
        single_quoted(&t!(lang, "render-sh-stopped"))
    ));
    out.push_str(&format!(
        "blocked() {{ printf {} \"$1\" >&2; exit 3; }}\n\n",
        quote(&format!(
            "\\n{}\\n",
            t!(lang, "render-sh-blocked", reason = "%s")
        ))
    ));
    for phase in &plan.phases {
        out.push_str(&format!("{}() {{\n", shell_function(phase.state)));
        if phase.status == PhaseStatus::Done {
            out.push_str(&format!(
                "  echo {} >&2\n}}\n\n",
                quote(&t!(
                    lang,
                    "render-sh-phase-done",
                    state = phase.state.as_str()
                ))
            ));
            continue;
        }
        if phase.status == PhaseStatus::Upcoming && !plan.force {
            out.push_str(&format!(
                "  blocked {}\n}}\n\n",
                quote(&t!(
                    lang,
                    "render-sh-phase-upcoming",
                    state = plan.state.as_str(),
                    phase = phase.state.as_str()
                ))
            ));
            continue;
        }
        if phase.steps.is_empty() {
            out.push_str("  :\n");
        }
        for (i, step) in phase.steps.iter().enumerate() {
            self::step(&mut out, step, plan.is_done(&step.id), lang);
            if !step.blocked_by.is_empty() {
                // `blocked` exits: the steps after it wait for the next plan.
                let rest = phase.steps.len() - i - 1;
                if rest > 0 {
                    out.push_str(&format!(
                        "  # {}\n",
                        t!(lang, "render-sh-more-steps", count = rest)
                    ));
                }
                break;
            }
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
    out.push_str(&format!(
        "  *) echo \"{}\" >&2; exit 2 ;;\nesac\n",
        t!(lang, "render-sh-unknown-phase", phase = "$PHASE")
    ));
    out
}

/// A text as one single-quoted shell word, quoted even when it needs no quotes (so a word like
/// `stopped` reads as a message, as it always has).
fn single_quoted(text: &str) -> String {
    let quoted = quote(text);
    if quoted.starts_with('\'') {
        quoted
    } else {
        format!("'{quoted}'")
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

fn step(out: &mut String, step: &StepDoc, done: bool, lang: Lang) {
    let title = format!("{}: {}", step.id, step.title);
    if done {
        // Marked done in istio2asm: said, not skipped; the user runs the phase again knowingly.
        out.push_str(&format!("  # {}\n", t!(lang, "render-sh-done-comment")));
        out.push_str(&format!(
            "  step {}\n",
            quote(&t!(lang, "render-sh-step-done", step = title))
        ));
    } else {
        out.push_str(&format!("  step {}\n", quote(&title)));
    }
    if !step.blocked_by.is_empty() {
        out.push_str(&format!(
            "  blocked {}\n",
            quote(&t!(
                lang,
                "render-sh-step-blocked",
                gates = GateId::list_in(&step.blocked_by, lang)
            ))
        ));
        return;
    }
    if !step.needs.is_empty() {
        let needs = step.needs.join(&t!(lang, "render-separator"));
        out.push_str(&format!(
            "  pause {}\n",
            quote(&t!(lang, "render-sh-needs", needs = needs))
        ));
    } else if step.wave {
        out.push_str(&format!(
            "  pause {}\n",
            quote(&t!(lang, "render-sh-next", title = &step.title))
        ));
    }
    for note in &step.notes {
        out.push_str(&format!(
            "  echo {} >&2\n",
            quote(&format!("   {}", t!(lang, "render-sh-note", note = note)))
        ));
    }
    for preview in &step.preview {
        // Comments only: each line is free of control characters (`Preview::diff_lines`), so
        // nothing from the export can end the comment.
        out.push_str(&format!(
            "  # {}\n",
            t!(lang, "render-sh-changes", object = preview.object.title())
        ));
        let lines = preview.diff_lines();
        if lines.is_empty() {
            out.push_str(&format!("  #   {}\n", t!(lang, "render-no-change")));
        }
        for line in lines {
            out.push_str(&format!("  #   {}\n", line.line()));
        }
    }
    for text in &step.commands {
        out.push_str(&format!("  say {}\n  {text}\n", quote(text)));
    }
    for (text, expect) in step.verify.iter().zip(&step.expect) {
        out.push_str(&format!(
            "  say {}\n  expect {}\n  {text}\n",
            quote(text),
            quote(expect)
        ));
    }
}
