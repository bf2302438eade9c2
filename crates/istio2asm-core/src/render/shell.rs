//! The bash runbook: one phase per run, a pause before each wave, every command printed before it
//! runs, exactly the Markdown runbook's text.

use crate::kubectl::{quote, Target};
use crate::plan::{file_header, PhaseStatus};
use crate::state::State;

use super::{PlanDoc, StepDoc};

/// The bash runbook. One phase per run (`--phase STATE`, default: the current state), pauses before
/// each wave unless `--yes`, refuses to run without the kubeconfig variables, prints each command
/// before running it. The YAML files must sit next to the script.
pub fn render(plan: &PlanDoc) -> String {
    let vars = &plan.kubeconfig_vars;
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&file_header("#"));
    out.push_str("# The `say` lines print each command literally before running it, so their quotes are deliberate.\n# shellcheck disable=SC2016\n");
    out.push_str(&format!(
        "# Usage: bash runbook.sh [--phase STATE] [--yes]\n#   STATE: Init, SetupIstioForMigrate, Migrating or Finished (default: {}, the current state).\n#   --yes: do not pause before each wave.\nset -euo pipefail\n\n",
        plan.state.as_str()
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
        plan.state.as_str()
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
                    plan.state.as_str(),
                    phase.state.as_str()
                ))
            ));
            continue;
        }
        if phase.steps.is_empty() {
            out.push_str("  :\n");
        }
        for (i, step) in phase.steps.iter().enumerate() {
            self::step(&mut out, step);
            if !step.blocked_by.is_empty() {
                // `blocked` exits: the steps after it wait for the next plan.
                let rest = phase.steps.len() - i - 1;
                if rest > 0 {
                    out.push_str(&format!(
                        "  # {rest} more step(s) of this phase follow in runbook.md once it is unblocked\n"
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
    out.push_str("  *) echo \"runbook.sh: unknown phase $PHASE (Init, SetupIstioForMigrate, Migrating, Finished)\" >&2; exit 2 ;;\nesac\n");
    out
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

fn step(out: &mut String, step: &StepDoc) {
    out.push_str(&format!(
        "  step {}\n",
        quote(&format!("{}: {}", step.id, step.title))
    ));
    if !step.blocked_by.is_empty() {
        out.push_str(&format!(
            "  blocked {}\n",
            quote(&format!(
                "the gate(s) {} fail; fix them and plan again (or plan with the setting force)",
                crate::gate::GateId::list(&step.blocked_by)
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
    for preview in &step.preview {
        // Comments only: each line is free of control characters (`Preview::diff_lines`), so
        // nothing from the export can end the comment.
        out.push_str(&format!("  # changes {}:\n", preview.object.title()));
        let lines = preview.diff_lines();
        if lines.is_empty() {
            out.push_str("  #   (no change)\n");
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
