//! The runbook oracle: the bash runbook passes `bash -n` and `shellcheck`, and runs phase by
//! phase against stub `kubectl`/`istioctl` programs that record their argv: the recorded calls
//! must be exactly the plan's commands, and the script stops where the plan says it must (a
//! missing kubeconfig variable, an unconfirmed wave, a blocked switch).
//!
//! bash and shellcheck must be installed: a missing tool fails the test with the command that
//! installs it, it never skips.

// Core's clippy.toml forbids files, environment, processes and printing in the library, which
// must stay pure. These tests run bash and shellcheck on what the library produced, so they need
// exactly those doors.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command as Process, Output, Stdio};

use common::cluster::analyze_fixture;
use common::phase_fixtures::phase_fixtures;
use common::{demo_analysis, require_shellcheck, scratch, settings, vars, write};
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::{Command, Target};
use istio2asm_core::phase::{self};
use istio2asm_core::plan::{self, PhaseStatus, Plan, Step};
use istio2asm_core::render::{self, PlanDoc};
use istio2asm_core::state::State;
use istio2asm_core::{analyze, demo, Settings};

/// The kubeconfig paths the runbook tests export.
const CLUSTER_KUBECONFIG: &str = "/k/cluster";
const ASM_KUBECONFIG: &str = "/k/asm";

/// A stub that appends its argv to `$STUB_LOG`: the argument count, the program's name and each
/// argument, every one NUL-terminated (no argv word can hold a NUL). It prints nothing.
const STUB: &str = r#"#!/usr/bin/env bash
printf '%s\0' "$#" "${0##*/}" "$@" >> "$STUB_LOG"
"#;

/// What one run of the runbook did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    calls: Vec<Vec<String>>,
    stderr: String,
}

/// Writes runbook.sh and every plan file into `dir` (as `istio2asm plan --out` does), plus the
/// stubs under `dir/bin`.
fn write_runbook(dir: &Path, plan: &Plan) {
    write(&dir.join("runbook.sh"), &render::shell(plan));
    for file in plan.files() {
        write(&dir.join(&file.name), &file.content);
    }
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    for program in ["kubectl", "istioctl"] {
        let path = bin.join(program);
        write(&path, STUB);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    // The programs verifications pipe into (`| openssl x509 ...`, `| base64 -d | ...`) read
    // what kubectl printed and print nothing; they are not the runbook's commands.
    for program in ["openssl", "base64"] {
        let path = bin.join(program);
        write(&path, PIPE_STUB);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// A stub for a program at the end of a pipe: it reads its input and prints nothing.
const PIPE_STUB: &str = "#!/usr/bin/env bash\ncat >/dev/null\n";

fn parse_calls(log: &[u8]) -> Vec<Vec<String>> {
    let mut words = log
        .split(|b| *b == 0)
        .map(|w| String::from_utf8_lossy(w).into_owned());
    let mut calls = Vec::new();
    while let Some(count) = words.next() {
        if count.is_empty() {
            // The text after the last NUL.
            break;
        }
        let count: usize = count
            .parse()
            .unwrap_or_else(|e| panic!("bad stub log ({e}): {count:?}"));
        let call: Vec<String> = words.by_ref().take(count + 1).collect();
        assert_eq!(call.len(), count + 1, "truncated stub log");
        calls.push(call);
    }
    calls
}

/// Runs `bash runbook.sh ARGS` in `dir` with the stubs first on PATH. `stdin` `None` is closed.
fn run_runbook(
    dir: &Path,
    args: &[&str],
    env: &[(&str, Option<&str>)],
    stdin: Option<&str>,
) -> Run {
    let log = dir.join("calls.log");
    if log.exists() {
        std::fs::remove_file(&log).unwrap_or_else(|e| panic!("{e}"));
    }
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Process::new("bash");
    command
        .arg(dir.join("runbook.sh"))
        .args(args)
        // Somewhere else than the runbook's folder: the script must find its files itself.
        .current_dir(dir.join("bin"))
        .env("PATH", path)
        .env("STUB_LOG", &log)
        .env("K8S_KUBECONFIG", CLUSTER_KUBECONFIG)
        .env("ASM_KUBECONFIG", ASM_KUBECONFIG)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("bash: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // The script may stop reading early; a broken pipe is part of the test.
        let _ = pipe.write_all(text.as_bytes());
    }
    let output: Output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let calls = if log.exists() {
        parse_calls(&std::fs::read(&log).unwrap_or_else(|e| panic!("{e}")))
    } else {
        Vec::new()
    };
    Run {
        code: output.status.code(),
        calls,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The argv a command reaches its program with, once bash expanded the kubeconfig variable.
fn resolved_argv(command: &Command) -> Vec<String> {
    let mut argv = command.argv(&vars());
    let (name, path) = match command.target {
        Target::Cluster => ("K8S_KUBECONFIG", CLUSTER_KUBECONFIG),
        Target::Asm => ("ASM_KUBECONFIG", ASM_KUBECONFIG),
    };
    assert_eq!(argv[1], format!("--kubeconfig=${{{name}}}"));
    argv[1] = format!("--kubeconfig={path}");
    argv
}

/// The calls a run of `steps` makes: each step's commands, then its verifications.
fn expected_calls<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Vec<Vec<String>> {
    steps
        .into_iter()
        .flat_map(|s| s.commands.iter().chain(s.verify.iter().map(|v| &v.command)))
        .map(resolved_argv)
        .collect()
}

fn check_script(name: &str, script: &str) {
    let dir = scratch(&format!("shellcheck-{name}"));
    let path = dir.join("runbook.sh");
    write(&path, script);
    let syntax = Process::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(
        syntax.status.success(),
        "{name}: bash -n: {}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let lint = Process::new("shellcheck")
        .args(["--shell=bash", "--severity=style"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("shellcheck: {e}"));
    assert!(
        lint.status.success() && lint.stdout.is_empty(),
        "{name}: shellcheck findings:\n{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn runbooks_pass_bash_n_and_shellcheck() {
    require_shellcheck();
    let analysis = demo_analysis();
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        check_script(&format!("demo-force-{force}"), &render::shell(&plan));
    }
    for (name, inputs) in phase_fixtures() {
        let analysis = analyze_fixture(&inputs);
        check_script(name, &render::shell(&plan::plan(&analysis, false)));
    }
}

#[test]
fn chinese_runbooks_and_runbooks_with_steps_done_pass_bash_n_and_shellcheck() {
    require_shellcheck();
    let zh = Settings {
        lang: Lang::ZhCn,
        ..settings()
    };
    let analysis = analyze(demo::inputs(), Vec::new(), &zh);
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        check_script(&format!("demo-zh-cn-force-{force}"), &render::shell(&plan));
        let ids: Vec<&str> = plan
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .map(|s| s.id.as_str())
            .step_by(3)
            .collect();
        let doc = PlanDoc::new(&plan).with_done(ids);
        check_script(&format!("demo-zh-cn-done-force-{force}"), &doc.shell());
    }
    for (name, inputs) in phase_fixtures() {
        let inputs = inputs
            .iter()
            .map(|(n, t)| istio2asm_core::Input::new(*n, t.as_str()))
            .collect();
        let analysis = analyze(inputs, Vec::new(), &zh);
        check_script(
            &format!("{name}-zh-cn"),
            &render::shell(&plan::plan(&analysis, false)),
        );
    }
}

#[test]
fn chinese_runbooks_and_runbooks_with_steps_done_run_the_same_commands() {
    let zh = Settings {
        lang: Lang::ZhCn,
        ..settings()
    };
    let plan = plan::plan(&analyze(demo::inputs(), Vec::new(), &zh), true);
    // Every step marked done: each still runs (done is a mark, not a skip).
    let all: Vec<&str> = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .map(|s| s.id.as_str())
        .collect();
    for (name, script) in [
        ("zh-cn", render::shell(&plan)),
        (
            "zh-cn-done",
            PlanDoc::new(&plan).with_done(all.clone()).shell(),
        ),
    ] {
        let dir = scratch(&format!("runbook-{name}"));
        write_runbook(&dir, &plan);
        write(&dir.join("runbook.sh"), &script);
        for state in State::ALL {
            let phase = plan.phase(state).unwrap_or_else(|| panic!("{state:?}"));
            let run = run_runbook(&dir, &["--phase", state.as_str(), "--yes"], &[], None);
            assert_eq!(run.code, Some(0), "{name} {state:?}: {}", run.stderr);
            assert_eq!(run.calls, expected_calls(&phase.steps), "{name} {state:?}");
            if phase.status == PhaseStatus::Done {
                assert!(run.stderr.contains("已完成"), "{}", run.stderr);
            }
        }
        // A refusal speaks Chinese too (bash shows the question only on a terminal).
        let run = run_runbook(&dir, &["--phase", "Migrating"], &[], Some("n\n"));
        assert_eq!(run.code, Some(1));
        assert!(run.stderr.contains("已停止"), "{}", run.stderr);
    }
}

#[test]
fn runbook_runs_each_phase_exactly_as_planned() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-phases");
    write_runbook(&dir, &plan);
    let mut total = 0;
    for state in State::ALL {
        let phase = plan.phase(state).unwrap_or_else(|| panic!("{state:?}"));
        assert!(
            phase.steps.iter().all(|s| s.blocked_by.is_empty()),
            "a forced plan blocks nothing"
        );
        let run = run_runbook(&dir, &["--phase", state.as_str(), "--yes"], &[], None);
        assert_eq!(run.code, Some(0), "{state:?}: {}", run.stderr);
        let expected = expected_calls(&phase.steps);
        assert_eq!(
            run.calls, expected,
            "{state:?}: the calls are the plan's commands"
        );
        if phase.status == PhaseStatus::Done {
            assert!(run.stderr.contains("is done"), "{}", run.stderr);
        }
        total += run.calls.len();
    }
    assert!(total > 80, "{total} calls in all");
    let uninstall = resolved_argv(&Command::istioctl("uninstall").args(["--purge", "-y"]));
    let migrating = run_runbook(&dir, &["--phase", "Migrating", "--yes"], &[], None);
    assert!(
        migrating.calls.contains(&uninstall),
        "istioctl is called too"
    );

    // Answering y at every pause is the same as --yes.
    let answers = "y\n".repeat(200);
    let confirmed = run_runbook(&dir, &["--phase", "Migrating"], &[], Some(&answers));
    assert_eq!(confirmed.code, Some(0), "{}", confirmed.stderr);
    assert_eq!(confirmed.calls, migrating.calls);
}

#[test]
fn fixture_runbooks_run_their_current_phase_up_to_a_blocked_switch() {
    let mut outcomes = BTreeMap::new();
    for (name, fixture) in phase_fixtures() {
        let analysis = analyze_fixture(&fixture);
        let plan = plan::plan(&analysis, false);
        let dir = scratch(&format!("runbook-{name}"));
        write_runbook(&dir, &plan);
        let steps = &plan
            .phase(plan.current)
            .unwrap_or_else(|| unreachable!())
            .steps;
        let blocked = steps.iter().position(|s| !s.blocked_by.is_empty());
        let run = run_runbook(&dir, &["--yes"], &[], None);
        assert_eq!(
            run.calls,
            expected_calls(&steps[..blocked.unwrap_or(steps.len())]),
            "{name}: the current phase runs by default, up to a blocked switch"
        );
        assert_eq!(
            run.code,
            Some(if blocked.is_some() { 3 } else { 0 }),
            "{name}: {}",
            run.stderr
        );
        outcomes.insert(name, (run.code, run.calls.len()));
    }
    insta::assert_debug_snapshot!("fixture_runbook_outcomes", outcomes);
}

#[test]
fn runbook_refuses_to_run_without_the_kubeconfig_variables() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-kubeconfig");
    write_runbook(&dir, &plan);
    for missing in ["K8S_KUBECONFIG", "ASM_KUBECONFIG"] {
        for value in [None, Some("")] {
            let run = run_runbook(
                &dir,
                &["--phase", "Migrating", "--yes"],
                &[(missing, value)],
                None,
            );
            assert_ne!(run.code, Some(0), "{missing}={value:?}");
            assert!(run.calls.is_empty(), "{missing}={value:?}: {:?}", run.calls);
            assert!(run.stderr.contains(missing), "{}", run.stderr);
        }
    }
}

#[test]
fn runbook_stops_at_the_first_wave_unless_confirmed() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-pause");
    write_runbook(&dir, &plan);
    for state in [State::SetupIstioForMigrate, State::Migrating] {
        let steps = &plan
            .phase(state)
            .unwrap_or_else(|| panic!("{state:?}"))
            .steps;
        // The runbook pauses before a wave and before a step that needs inputs.
        let before: Vec<&Step> = steps
            .iter()
            .take_while(|s| !s.wave && s.needs.is_empty())
            .collect();
        assert!(before.len() < steps.len(), "{state:?} has a wave");
        let expected = expected_calls(before);
        for stdin in [None, Some("n\n"), Some("\n")] {
            let run = run_runbook(&dir, &["--phase", state.as_str()], &[], stdin);
            assert_ne!(run.code, Some(0), "{state:?} with stdin {stdin:?}");
            assert_eq!(run.calls, expected, "{state:?} with stdin {stdin:?}");
            if stdin.is_some() {
                assert_eq!(run.code, Some(1));
                assert!(run.stderr.contains("stopped"), "{}", run.stderr);
            }
        }
    }
}

#[test]
fn runbook_stops_at_a_blocked_switch() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    let dir = scratch("runbook-blocked");
    write_runbook(&dir, &plan);
    let steps = &plan
        .phase(State::SetupIstioForMigrate)
        .unwrap_or_else(|| unreachable!())
        .steps;
    let switch = steps
        .iter()
        .position(|s| s.id == "switch-migrating")
        .unwrap_or_else(|| panic!("no switch step"));
    use istio2asm_core::gate::GateId;
    assert_eq!(
        steps[switch].blocked_by,
        vec![GateId::SidecarsKeepInjector, GateId::SidecarsXdsAgent]
    );
    // The demo's shop/checkout would lose its sidecar (MIG513): the wave that restarts it is
    // blocked first, and the runbook stops there.
    let first_blocked = steps
        .iter()
        .position(|s| !s.blocked_by.is_empty())
        .unwrap_or_else(|| unreachable!());
    assert!(first_blocked < switch);
    assert_eq!(
        steps[first_blocked].blocked_by,
        vec![GateId::SidecarsKeepInjector]
    );
    let run = run_runbook(
        &dir,
        &["--phase", "SetupIstioForMigrate", "--yes"],
        &[],
        None,
    );
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(run.stderr.contains("BLOCKED"), "{}", run.stderr);
    assert!(
        run.stderr.contains("sidecars-keep-injector"),
        "{}",
        run.stderr
    );
    assert_eq!(run.calls, expected_calls(&steps[..first_blocked]));
    let patch = resolved_argv(&phase::switch_command(
        Some(phase::ResourceShape::V1beta1),
        State::Migrating,
    ));
    assert!(!run.calls.contains(&patch), "the switch never runs");
    assert!(
        run.calls
            .iter()
            .all(|c| !c.iter().any(|w| w.starts_with("asmmigratefromistio"))),
        "the migration resource is not touched"
    );
}
