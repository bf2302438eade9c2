//! The `istio2asm` binary as a user runs it: output, exit codes, generated docs.
#![allow(clippy::expect_used, clippy::unwrap_used)] // Tests fail loudly on a broken premise.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn istio2asm(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

/// The binary without colour, and without the caller's locale: the language is English unless a
/// test sets `--lang` or a locale variable.
fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_istio2asm"));
    command.env("NO_COLOR", "1");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command
}

/// Runs the binary with these locale variables set.
fn with_locale(args: &[&str], vars: &[(&str, &str)]) -> Output {
    binary()
        .args(args)
        .envs(vars.iter().copied())
        .output()
        .expect("the binary runs")
}

fn run_with_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = binary()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin.unwrap_or("").as_bytes())
        .expect("stdin accepts input");
    drop(pipe);
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("istio2asm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What a case expects of one output stream.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The stream starts with this text.
    Starts(&'static str),
    /// The stream contains this text.
    Has(&'static str),
    /// The stream does not contain this text.
    Lacks(&'static str),
    /// Some line starts with the first text and contains the second.
    Line(&'static str, &'static str),
}

impl Expect {
    fn holds(self, text: &str) -> bool {
        match self {
            Expect::Starts(start) => text.starts_with(start),
            Expect::Has(part) => text.contains(part),
            Expect::Lacks(part) => !text.contains(part),
            Expect::Line(start, part) => text
                .lines()
                .any(|l| l.starts_with(start) && l.contains(part)),
        }
    }
}

/// One run of the binary: its arguments and standard input, the exit code it must give and
/// what its output and error streams must (not) hold.
#[derive(Debug)]
struct Case {
    args: &'static [&'static str],
    stdin: Option<&'static str>,
    code: i32,
    stdout: &'static [Expect],
    stderr: &'static [Expect],
}

use Expect::{Has, Lacks, Line, Starts};

const CLEAN_NAMESPACE: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: quiet\n";
const BROKEN_SECOND_DOCUMENT: &str =
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: value: other\n";
const PLANTED_SECRET: &str = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata:\n  password: cGxhbnRlZC1zZWNyZXQ=\nstringData:\n  token: planted-secret\n";

const CASES: &[Case] = &[
    // Several clusters: NAME=PATH, names checked, no mixing with one cluster's inputs.
    Case {
        args: &["check", "--cluster", "east"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has(
            "istio2asm: error: --cluster \"east\": expected NAME=PATH (a cluster's name, `=`, then a file or directory of its exports)",
        )],
    },
    Case {
        args: &["check", "--cluster", "=exports"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("--cluster \"=exports\": expected NAME=PATH")],
    },
    Case {
        args: &["plan", "--cluster", "East=exports"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has(
            "--cluster: the cluster name \"East\" is not a DNS-1123 label",
        )],
    },
    Case {
        args: &["check", "--cluster", "a=x", "--cluster", "a=y"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("--cluster: the cluster name a is given twice")],
    },
    Case {
        args: &["check", "--cluster", "a=x", "--demo"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("'--cluster <NAME=PATH>' cannot be used with '--demo'")],
    },
    Case {
        args: &["check", "--cluster", "a=x", "cluster.yaml"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("'--cluster <NAME=PATH>' cannot be used with '[INPUT]...'")],
    },
    Case {
        args: &["check", "--cluster", "a=/nonexistent/east"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("istio2asm: error: --cluster a: no input could be read")],
    },
    Case {
        args: &["check", "--cluster", "a=x", "--baseline", "report.json"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("--baseline compares one cluster's reports")],
    },
    // `inject` names a workload last; a wrong target is a usage error naming what exists.
    Case {
        args: &["inject", "--demo", "shop/deployment/checkout"],
        stdin: None,
        code: 0,
        stdout: &[
            Starts("Deployment shop/checkout\n"),
            Line(
                "istio-sidecar-injector ",
                "The injection webhook is deactivated",
            ),
            Has("Sidecar: none"),
        ],
        stderr: &[],
    },
    Case {
        args: &["inject", "--demo", "shop/cart"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("is not NAMESPACE/KIND/NAME")],
    },
    Case {
        args: &["inject", "--demo", "shop/deployment/nope"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[
            Has("no workload or bare pod shop/deployment/nope"),
            Has("shop/deployment/cart"),
        ],
    },
    // --fail-on decides the exit code.
    Case {
        args: &["check", "--demo", "--fail-on", "never"],
        stdin: None,
        code: 0,
        stdout: &[],
        stderr: &[],
    },
    Case {
        args: &["check", "--demo", "--fail-on", "warning"],
        stdin: None,
        code: 1,
        stdout: &[],
        stderr: &[],
    },
    // No Istio at all is a blocking error (MIG205).
    Case {
        args: &[
            "check",
            "-",
            "--fail-on",
            "error",
            "--asm-version",
            "1.24.6",
        ],
        stdin: Some(CLEAN_NAMESPACE),
        code: 1,
        stdout: &[Has("error[MIG205]")],
        stderr: &[],
    },
    // Text lines name the file, line and column.
    Case {
        args: &["check", "-"],
        stdin: Some(BROKEN_SECOND_DOCUMENT),
        code: 1,
        stdout: &[Line("<stdin>:6:", "error[MIG001]")],
        stderr: &[],
    },
    // Usage errors exit 2 with a message.
    Case {
        args: &["check"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("no input")],
    },
    Case {
        args: &["check", "/nonexistent/cluster.yaml"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("cannot read /nonexistent/cluster.yaml")],
    },
    Case {
        args: &["check", "--demo", "--cluster-kubeconfig-var", "X$(id)"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("not a shell variable name")],
    },
    Case {
        args: &["check", "--demo", "--egress-weights", "10,5,100"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("egress weights")],
    },
    Case {
        args: &["explain", "MIG999"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("unknown code")],
    },
    // explain prints the fixed sections of a check's documentation.
    Case {
        args: &["explain", "mig402"],
        stdin: None,
        code: 0,
        stdout: &[
            Starts("MIG402 sidecar-missing-xds-agent (error)"),
            Has("\nWhat it finds\n"),
            Has("\nWhy it matters\n"),
            Has("\nHow to fix\n"),
            Has("\nExample\n"),
        ],
        stderr: &[],
    },
    // ... and in Chinese with --lang zh-CN, the commands unchanged.
    Case {
        args: &["explain", "mig402", "--lang", "zh-CN"],
        stdin: None,
        code: 0,
        stdout: &[
            Starts("MIG402 sidecar-missing-xds-agent（错误）"),
            Has("\n发现什么\n"),
            Has("\n为什么重要\n"),
            Has("\n如何修复\n"),
            Has("\n示例\n"),
            Has("kubectl --kubeconfig=\"${K8S_KUBECONFIG}\" -n shop rollout restart deployment/cart"),
        ],
        stderr: &[],
    },
    Case {
        args: &["explain", "mig402", "--lang", "fr"],
        stdin: None,
        code: 2,
        stdout: &[],
        stderr: &[Has("unknown language \"fr\"")],
    },
    // collect prints the export commands as JSON too.
    Case {
        args: &["collect", "--format", "json"],
        stdin: None,
        code: 0,
        stdout: &[Has("-A -o json > cluster.json")],
        stderr: &[],
    },
    // A Secret is counted (MIG004), never shown.
    Case {
        args: &["check", "-", "--format", "text"],
        stdin: Some(PLANTED_SECRET),
        code: 1,
        stdout: &[
            Has("MIG004"),
            Lacks("planted-secret"),
            Lacks("cGxhbnRlZC1zZWNyZXQ="),
        ],
        stderr: &[],
    },
    Case {
        args: &["check", "-", "--format", "json"],
        stdin: Some(PLANTED_SECRET),
        code: 1,
        stdout: &[
            Has("MIG004"),
            Lacks("planted-secret"),
            Lacks("cGxhbnRlZC1zZWNyZXQ="),
        ],
        stderr: &[],
    },
    // The plan names the gate that blocks it, and the one --force overrides.
    Case {
        args: &["plan", "--demo"],
        stdin: None,
        code: 0,
        stdout: &[Has(
            "**Blocked**: the gate(s) `sidecars-keep-injector`, `sidecars-xds-agent` fail",
        )],
        stderr: &[],
    },
    Case {
        args: &["plan", "--demo", "--force"],
        stdin: None,
        code: 0,
        stdout: &[
            Has("Gates overridden (setting force)**: sidecars-keep-injector, sidecars-xds-agent"),
            Has("FORCED: the gate(s) sidecars-keep-injector, sidecars-xds-agent fail"),
        ],
        stderr: &[],
    },
];

#[test]
fn each_case_exits_and_prints_what_its_row_says() {
    let mut failures = Vec::new();
    for case in CASES {
        let before = failures.len();
        let output = run_with_stdin(case.args, case.stdin);
        let (out, err) = (stdout(&output), stderr(&output));
        if output.status.code() != Some(case.code) {
            failures.push(format!(
                "{:?}: exit code {:?}, expected {}",
                case.args,
                output.status.code(),
                case.code
            ));
        }
        for (name, text, expects) in [("stdout", &out, case.stdout), ("stderr", &err, case.stderr)]
        {
            for expect in expects.iter().filter(|e| !e.holds(text)) {
                failures.push(format!("{:?}: {name} fails {expect:?}", case.args));
            }
        }
        if failures.len() > before {
            failures.push(format!("stdout:\n{out}\nstderr:\n{err}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explain_takes_a_check_name_as_well_as_a_code() {
    let by_code = istio2asm(&["explain", "mig402"]);
    let by_name = istio2asm(&["explain", "sidecar-missing-xds-agent"]);
    assert_eq!(stdout(&by_name), stdout(&by_code));
}

#[test]
fn the_demo_text_report_matches_its_snapshot() {
    let output = istio2asm(&["check", "--demo", "--color", "never"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the demo has a blocking error"
    );
    insta::assert_snapshot!("demo_check_text", stdout(&output));
}

#[test]
fn inject_on_the_demo_matches_its_snapshot() {
    for target in ["shop/deployment/cart", "shop/deployment/checkout"] {
        let output = istio2asm(&["inject", "--demo", target]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        insta::assert_snapshot!(
            format!("inject_{}", target.replace('/', "_")),
            stdout(&output)
        );
    }
}

#[test]
fn the_demo_json_report_has_every_documented_field() {
    let output = istio2asm(&["check", "--demo", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["schemaVersion"], 1);
    for key in [
        "findings",
        "migration",
        "versions",
        "gates",
        "injection",
        "trust",
        "summary",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    let finding = &value["findings"][0];
    for key in [
        "code", "name", "severity", "message", "object", "location", "help", "commands",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks {key}: {finding}");
    }
    assert_eq!(value["migration"]["state"], "SetupIstioForMigrate");
    assert_eq!(value["migration"]["next"], "Migrating");
    assert_eq!(value["migration"]["situation"], "settled");
    assert_eq!(value["versions"]["kubernetes"], "v1.28.3-aliyun.1");
    assert_eq!(value["versions"]["istio"][0], "1.22.3");
    insta::assert_snapshot!("demo_check_json", text);
}

#[test]
fn the_demo_subcommand_is_check_demo() {
    let a = istio2asm(&["demo", "--format", "json"]);
    let b = istio2asm(&["check", "--demo", "--format", "json"]);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn directories_are_read_recursively_in_order() {
    let dir = temp_dir("dirs");
    std::fs::create_dir_all(dir.join("b")).expect("mkdir");
    std::fs::write(
        dir.join("a.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("b/c.json"),
        r#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"c"}}"#,
    )
    .expect("write");
    std::fs::write(dir.join("b/notes.txt"), "not an export").expect("write");
    let output = istio2asm(&[
        "check",
        dir.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let files: Vec<String> = value["inputs"]["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            f.as_str()
                .expect("str")
                .rsplit('/')
                .next()
                .expect("name")
                .to_string()
        })
        .collect();
    assert_eq!(files, ["a.yaml", "c.json"]);
    assert_eq!(value["inputs"]["kinds"]["v1/Namespace"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// docs/checks.md is generated from the check files; it must not go stale.
/// Regenerate with `cargo run -p istio2asm-cli -- explain --all --lang en > docs/checks.md`.
#[test]
fn the_checks_doc_is_current() {
    let generated = stdout(&istio2asm(&["explain", "--all"]));
    let path = repo().join("docs/checks.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/checks.md is stale: run `cargo run -p istio2asm-cli -- explain --all --lang en > docs/checks.md`"
    );
}

/// docs/checks.zh-CN.md is generated from the Chinese pages like docs/checks.md.
/// Regenerate with `cargo run -p istio2asm-cli -- explain --all --lang zh-CN > docs/checks.zh-CN.md`.
#[test]
fn the_chinese_checks_doc_is_current() {
    let generated = stdout(&istio2asm(&["explain", "--all", "--lang", "zh-CN"]));
    let path = repo().join("docs/checks.zh-CN.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/checks.zh-CN.md is stale: run `cargo run -p istio2asm-cli -- explain --all --lang zh-CN > docs/checks.zh-CN.md`"
    );
}

#[test]
fn collect_prints_the_export_commands() {
    let output = istio2asm(&["collect", "--cluster-kubeconfig-var", "PROD_KUBECONFIG"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("collect_yaml", stdout(&output));
}

#[test]
fn demo_write_refuses_to_overwrite() {
    let dir = temp_dir("demo-write");
    let target = dir.join("out");
    let path = target.to_str().expect("utf-8 path");
    assert_eq!(istio2asm(&["demo", "--write", path]).status.code(), Some(0));
    assert!(target.join("cluster.yaml").exists());
    let again = istio2asm(&["demo", "--write", path]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not overwriting"));
    let checked = istio2asm(&["check", path, "--asm-version", "1.24.6", "--format", "json"]);
    let demo = istio2asm(&["check", "--demo", "--format", "json"]);
    let strip = |o: &Output| -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("json");
        v["inputs"]["files"] = serde_json::Value::Null;
        for f in v["findings"].as_array_mut().expect("findings") {
            f["location"]["path"] = serde_json::Value::Null;
        }
        v
    };
    assert_eq!(strip(&checked)["summary"], strip(&demo)["summary"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plan_prints_each_format() {
    let markdown = stdout(&istio2asm(&["plan", "--demo"]));
    assert!(
        markdown.starts_with("<!-- Generated by istio2asm"),
        "{markdown}"
    );
    assert!(markdown.contains("## Phase 2: SetupIstioForMigrate (current)"));
    let shell = stdout(&istio2asm(&["plan", "--demo", "--format", "shell"]));
    assert!(shell.starts_with("#!/usr/bin/env bash\n"));
    assert!(shell.contains("set -euo pipefail"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&istio2asm(&["plan", "--demo", "--format", "json"])))
            .expect("json");
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["phases"].as_array().map(Vec::len), Some(4));
    let step = &json["phases"][1]["steps"][1];
    for key in [
        "id", "title", "target", "commands", "verify", "rollback", "files", "needs", "why",
    ] {
        assert!(step.get(key).is_some(), "step lacks {key}: {step}");
    }
    // The same command text in all three renderings.
    let command = json["phases"][1]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find_map(|s| s["commands"][0].as_str())
        .expect("a step with a command");
    assert!(
        markdown.contains(command) && shell.contains(command),
        "{command}"
    );
}

#[test]
fn plan_out_writes_every_file_or_none() {
    let dir = temp_dir("plan-out");
    let out = dir.join("runbook");
    let path = out.to_str().expect("utf-8 path");
    let first = istio2asm(&["plan", "--demo", "--out", path]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    for name in [
        "runbook.md",
        "runbook.sh",
        "plan.json",
        "istio-api-bundle.yaml",
    ] {
        assert!(out.join(name).is_file(), "missing {name}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let before = std::fs::read_to_string(out.join("runbook.md")).expect("read");

    // A second run refuses, names the files, and changes nothing.
    let second = istio2asm(&["plan", "--demo", "--asm-version", "1.25.0", "--out", path]);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains("--overwrite"),
        "{}",
        stderr(&second)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("runbook.md")).expect("read"),
        before
    );
    assert_eq!(
        istio2asm(&["plan", "--demo", "--out", path, "--overwrite"])
            .status
            .code(),
        Some(0)
    );
    // --force (issue 6's flag) replaces them too.
    assert_eq!(
        istio2asm(&["plan", "--demo", "--out", path, "--force"])
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read_to_string(out.join("runbook.md"))
        .expect("read")
        .contains("Gates overridden (setting force)"));

    // A symbolic link in the way is refused, and its target untouched.
    let other = temp_dir("plan-out-link");
    let victim = other.join("victim.txt");
    std::fs::write(&victim, "keep me").expect("write");
    let linked = dir.join("linked");
    std::fs::create_dir_all(&linked).expect("mkdir");
    std::os::unix::fs::symlink(&victim, linked.join("runbook.md")).expect("symlink");
    let refused = istio2asm(&[
        "plan",
        "--demo",
        "--out",
        linked.to_str().expect("utf-8"),
        "--overwrite",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("symbolic link"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
fn check_with_the_asm_export_proves_the_import_gate() {
    let dir = temp_dir("asm-config");
    let asm = dir.join("asm-config.yaml");
    std::fs::write(&asm, istio2asm_core_demo_istio_config()).expect("write");
    let output = istio2asm(&[
        "check",
        "--demo",
        "--asm-config",
        asm.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let gate = value["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .find(|g| g["id"] == "istio-api-in-asm")
        .expect("the gate")
        .clone();
    assert_eq!(gate["passed"], true, "{gate}");
    assert_eq!(gate["manual"], false);
    // Without one object, MIG604 names it.
    let text = istio2asm_core_demo_istio_config().replacen(
        "name: direct-cnn-through-egress-gateway",
        "name: renamed-elsewhere",
        1,
    );
    std::fs::write(&asm, text).expect("write");
    let output = istio2asm(&[
        "check",
        "--demo",
        "--asm-config",
        asm.to_str().expect("utf-8"),
    ]);
    assert!(
        stdout(&output).contains(
            "VirtualService shop/direct-cnn-through-egress-gateway is not in the ASM export"
        ),
        "{}",
        stdout(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn istio2asm_core_demo_istio_config() -> String {
    std::fs::read_to_string(repo().join("crates/istio2asm-core/demo/istio-config.yaml"))
        .expect("demo file")
}

/// `check` on real files from Istio's repository, run from the repository root so the paths in
/// the output are the same everywhere.
fn check_fixture(args: &[&str]) -> String {
    let output = binary()
        .args(["check", "--color", "never"])
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs");
    stdout(&output)
}

#[test]
fn reports_on_istios_own_files_match_their_snapshots() {
    insta::assert_snapshot!(
        "fixture_istiod_golden",
        check_fixture(&[
            "tests/fixtures/upstream-istio/install/default-istiod/pilot_default.golden.yaml"
        ])
    );
    insta::assert_snapshot!(
        "fixture_eastwest_helm",
        check_fixture(&[
            "tests/fixtures/upstream-istio/install/multinetwork/helm-gateway-network-gateway-default.golden.yaml",
            "--asm-version",
            "1.24.6",
        ])
    );
    insta::assert_snapshot!(
        "fixture_egress_json",
        check_fixture(&[
            "tests/fixtures/upstream-istio/samples/egress-gateway/egress-gateway-http.istio-api.v1alpha3.yaml",
            "--format",
            "json",
        ])
    );
}

/// `check --baseline`: the demo written out, checked, altered (one workload on ASM's proxy, one
/// finding fixed) and checked again against the first report.
#[test]
fn baseline_prints_what_changed_since_an_earlier_report() {
    let dir = temp_dir("baseline");
    let export = dir.join("export");
    let written = istio2asm(&["demo", "--write", export.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            export.to_str().unwrap(),
            "--asm-version",
            "1.24.6",
            "--fail-on",
            "never",
        ];
        args.extend_from_slice(extra);
        istio2asm(&args)
    };
    let before = check(&["--format", "json"]);
    let baseline = dir.join("before.json");
    std::fs::write(&baseline, &before.stdout).unwrap();
    let cluster = export.join("cluster.yaml");
    let text = std::fs::read_to_string(&cluster).unwrap();
    let altered: String = text
        .split_inclusive("\n- apiVersion:")
        .map(|item| {
            if item.contains("kind: Pod\n") && item.contains("name: ledger-78bd7d8599-") {
                item.replace(
                    "docker.io/istio/proxyv2:1.22.3",
                    "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.52-ge8ff3daa-aliyun",
                )
            } else {
                item.to_string()
            }
        })
        .collect::<String>()
        .replacen(
            "      istio-injection: disabled\n      kubernetes.io/metadata.name: istio-system\n",
            "      kubernetes.io/metadata.name: istio-system\n",
            1,
        );
    std::fs::write(&cluster, altered).unwrap();
    let b = baseline.to_str().unwrap();

    let text = check(&["--baseline", b]);
    let out = stdout(&text);
    assert!(out.contains(&format!("Changes since {b}:\n")), "{out}");
    assert!(
        out.contains("  switched to ASM's proxy: Deployment payments/ledger\n"),
        "{out}"
    );
    assert!(
        out.contains("  fixed: MIG302 Namespace istio-system: "),
        "{out}"
    );

    let json = check(&["--baseline", b, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["changes"]["baseline"], b);
    assert_eq!(value["changes"]["switchedToAsm"][0]["name"], "ledger");
    assert!(value["changes"]["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "MIG302"));

    // Without a baseline the report has no `changes`.
    let plain: serde_json::Value =
        serde_json::from_slice(&check(&["--format", "json"]).stdout).unwrap();
    assert!(plain.get("changes").is_none());

    // Bad baselines: usage errors naming the file and what to give instead.
    let missing = check(&["--baseline", "/nonexistent/before.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--baseline /nonexistent/before.json: cannot read it"),
        "{}",
        stderr(&missing)
    );
    let not_report = dir.join("plan.json");
    std::fs::write(&not_report, "{\"phases\": []}").unwrap();
    let wrong = check(&["--baseline", not_report.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("not an istio2asm report"),
        "{}",
        stderr(&wrong)
    );
    assert!(
        stderr(&wrong).contains("istio2asm check --format json"),
        "{}",
        stderr(&wrong)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The codes of a text report, in order: what must not change with the language.
fn codes(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|line| {
            let start = line.find("[MIG")? + 1;
            Some(line[start..start + 6].to_string())
        })
        .collect()
}

#[test]
fn lang_zh_cn_prints_the_report_in_chinese_with_the_same_codes_and_commands() {
    let english = istio2asm(&["demo", "--color", "never"]);
    let chinese = istio2asm(&["--lang", "zh-CN", "demo", "--color", "never"]);
    assert_eq!(chinese.status.code(), english.status.code());
    let (en, zh) = (stdout(&english), stdout(&chinese));
    assert!(
        zh.contains("上的 Istio Sidecar 缺少 PROXY_CONFIG_XDS_AGENT=true"),
        "{zh}"
    );
    assert_eq!(codes(&zh), codes(&en));
    let commands = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("$ "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(commands(&zh), commands(&en));
    // The option goes anywhere on the line, in either spelling.
    let after = istio2asm(&["demo", "--color", "never", "--lang=zh-CN"]);
    assert_eq!(stdout(&after), zh);
}

#[test]
fn the_locale_chooses_the_language_when_lang_is_not_given() {
    let english = stdout(&istio2asm(&["demo", "--color", "never"]));
    let chinese = stdout(&istio2asm(&["demo", "--color", "never", "--lang", "zh-CN"]));
    assert_ne!(english, chinese);
    for (vars, expected, why) in [
        (&[("LANG", "zh_CN.UTF-8")][..], &chinese, "LANG"),
        (
            &[("LC_MESSAGES", "zh_CN.UTF-8")][..],
            &chinese,
            "LC_MESSAGES",
        ),
        (
            &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")][..],
            &english,
            "LC_ALL wins over LANG",
        ),
        (
            &[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")][..],
            &chinese,
            "an empty LC_ALL is not set",
        ),
        (&[("LANG", "de_DE.UTF-8")][..], &english, "another language"),
    ] {
        let output = with_locale(&["demo", "--color", "never"], vars);
        assert!(&stdout(&output) == expected, "{why}: {vars:?}");
    }
    // --lang wins over the locale.
    let output = with_locale(
        &["demo", "--color", "never", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(stdout(&output), english);
}

#[test]
fn an_unknown_lang_is_a_usage_error_naming_the_two_languages() {
    let output = istio2asm(&["--lang", "fr", "demo"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "istio2asm: error: unknown language \"fr\"; use en or zh-CN\n"
    );
    assert!(output.stdout.is_empty());
    // In the locale's language.
    let output = with_locale(
        &["check", "--demo", "--lang=fr"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "istio2asm: 错误：未知语言 \"fr\"；请使用 en 或 zh-CN\n"
    );
}

#[test]
fn usage_errors_come_in_chinese_too() {
    for (args, expected) in [
        (
            &["--lang", "zh-CN", "check"][..],
            "istio2asm: 错误：没有输入：",
        ),
        (
            &["--lang", "zh-CN", "check", "/nonexistent/cluster.yaml"][..],
            "无法读取 /nonexistent/cluster.yaml：",
        ),
        (
            &["--lang", "zh-CN", "inject", "--demo", "shop/cart"][..],
            "不是 NAMESPACE/KIND/NAME 格式",
        ),
        // clap's own errors.
        (
            &["--lang", "zh-CN", "check", "--formt", "json"][..],
            "错误：未知参数 '--formt'",
        ),
        (
            &["--lang", "zh-CN", "check", "--demo", "--format", "xml"][..],
            "错误：'--format <FORMAT>' 的值 'xml' 无效\n  [可选值：text, json]",
        ),
    ] {
        let output = istio2asm(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let dir = temp_dir("demo-write-zh");
    let path = dir.to_str().expect("utf-8 path");
    let first = istio2asm(&["--lang", "zh-CN", "demo", "--write", path]);
    assert!(stderr(&first).contains("已写入 "), "{}", stderr(&first));
    let again = istio2asm(&["--lang", "zh-CN", "demo", "--write", path]);
    assert!(
        stderr(&again).contains("已存在；不覆盖它"),
        "{}",
        stderr(&again)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--help` of the program and of each subcommand, one after the other.
fn every_help(lang: &[&str]) -> String {
    let mut out = String::new();
    for command in [
        None,
        Some("check"),
        Some("plan"),
        Some("collect"),
        Some("explain"),
        Some("inject"),
        Some("demo"),
    ] {
        let mut args: Vec<&str> = lang.to_vec();
        args.extend(command);
        args.push("--help");
        let output = istio2asm(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        out.push_str(&format!(
            "$ istio2asm {}\n{}\n",
            args.join(" "),
            stdout(&output)
        ));
    }
    out
}

#[test]
fn the_help_matches_its_snapshot_in_english_and_in_chinese() {
    let english = every_help(&[]);
    assert!(english.contains(
        "  check    Check exported manifests: findings, the migration state and the gates of the next step\n"
    ));
    assert!(english.contains(
        "      --format <FORMAT>                Output format [default: text] [possible values: text, json]\n"
    ));
    insta::assert_snapshot!("help_en", english);
    let chinese = every_help(&["--lang", "zh-CN"]);
    assert!(chinese.contains("用法：istio2asm check [OPTIONS] [INPUT]..."));
    assert!(chinese.contains("  check    检查导出的清单：检查结果、迁移状态和下一步的门禁\n"));
    assert!(chinese.contains("输出格式 [默认：text] [可选值：text, json]"));
    insta::assert_snapshot!("help_zh_cn", chinese);
    // The locale chooses the help's language too.
    let output = with_locale(&["--help"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        stdout(&output).contains("用法：istio2asm"),
        "{}",
        stdout(&output)
    );
}

/// `--cluster NAME=PATH` for each directory of `tests/fixtures/multicluster`, from the
/// repository root so the paths in the output are the same everywhere.
fn mesh_args(clusters: &[&str]) -> Vec<String> {
    clusters
        .iter()
        .flat_map(|c| {
            [
                "--cluster".to_string(),
                format!("{c}=tests/fixtures/multicluster/{c}"),
            ]
        })
        .collect()
}

/// Runs the binary from the repository root.
fn in_repo(args: &[String]) -> Output {
    binary()
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs")
}

#[test]
fn the_three_cluster_mesh_reports_match_their_snapshots() {
    let mut args: Vec<String> = ["check", "--color", "never", "--asm-version", "1.24.6"]
        .map(String::from)
        .to_vec();
    args.extend(mesh_args(&["east", "west", "central"]));
    let text = in_repo(&args);
    // Errors across the clusters: exit 1 under the default --fail-on error.
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    let report = stdout(&text);
    for code in ["MIG801", "MIG802", "MIG803", "MIG804", "MIG805"] {
        assert!(report.contains(&format!("[{code}]")), "{code} in\n{report}");
    }
    insta::assert_snapshot!("mesh_check_text", report);
    args.extend(["--format", "json"].map(String::from));
    let json = in_repo(&args);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(value["tool"], "istio2asm");
    let names: Vec<&str> = value["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .map(|c| c["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["east", "west", "central"]);
    // Each cluster's report is today's report of that cluster, with its own kubeconfig variable.
    assert!(value["clusters"][2]["findings"][0]["commands"]
        .as_array()
        .is_some());
    assert!(stdout(&json).contains("${K8S_KUBECONFIG_CENTRAL}"));
    for finding in value["findings"].as_array().expect("findings") {
        assert!(finding["clusters"]
            .as_array()
            .is_some_and(|c| !c.is_empty()));
    }
    insta::assert_snapshot!("mesh_check_json", stdout(&json));
    // Two consistent clusters: no finding across them; --fail-on never always exits 0.
    let mut quiet: Vec<String> = ["check", "--fail-on", "never", "--format", "json"]
        .map(String::from)
        .to_vec();
    quiet.extend(mesh_args(&["east", "west"]));
    let output = in_repo(&quiet);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!(value["findings"], serde_json::json!([]));
}

#[test]
fn the_mesh_report_speaks_chinese_with_the_same_codes_and_commands() {
    let mut args: Vec<String> = ["--lang", "zh-CN", "check", "--color", "never"]
        .map(String::from)
        .to_vec();
    args.extend(mesh_args(&["east", "west", "central"]));
    let chinese = stdout(&in_repo(&args));
    for expected in [
        "== 集群 east：主集群，Istio 的 clusterName 为 east，网络为 network1，网格 ID 为 mesh1 ==",
        "== 跨集群 ==",
        "== 操作手册的顺序 ==",
        "错误[MIG805]",
        "网格汇总：3 个集群，",
    ] {
        assert!(chinese.contains(expected), "{expected:?} in\n{chinese}");
    }
    let english = stdout(&in_repo(&args[2..]));
    assert_eq!(codes(&chinese), codes(&english));
    let commands = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("$ "))
            .map(String::from)
            .collect()
    };
    assert_eq!(commands(&chinese), commands(&english));
}

#[test]
fn istios_inconsistent_services_load_cleanly_as_two_clusters() {
    let dir = "tests/fixtures/multicluster/upstream/analyzers/multicluster";
    let args: Vec<String> = [
        "check".to_string(),
        "--color".to_string(),
        "never".to_string(),
        "--cluster".to_string(),
        format!("cluster1={dir}/inconsistent-service-1.yaml"),
        "--cluster".to_string(),
        format!("cluster2={dir}/inconsistent-service-2.yaml"),
    ]
    .to_vec();
    let output = in_repo(&args);
    let report = stdout(&output);
    // No load error, and nothing across the clusters: these files hold Services only, no Istio.
    for code in ["MIG001", "MIG002", "MIG005", "MIG006", "MIG8"] {
        assert!(!report.contains(&format!("[{code}")), "{code} in\n{report}");
    }
    assert!(
        report.contains("no finding across the clusters"),
        "{report}"
    );
    insta::assert_snapshot!("mesh_upstream_inconsistent_services", report);
}

#[test]
fn plan_out_writes_a_directory_per_cluster_and_the_readme_or_nothing() {
    let dir = temp_dir("plan-mesh");
    let out = dir.join("mesh");
    let path = out.to_str().expect("utf-8 path").to_string();
    let mut args: Vec<String> = ["plan", "--out", &path].map(String::from).to_vec();
    args.extend(mesh_args(&["east", "west", "central"]));
    let first = in_repo(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    for name in [
        "README.md",
        "east/runbook.md",
        "east/runbook.sh",
        "east/plan.json",
        "west/runbook.md",
        "central/runbook.sh",
    ] {
        assert!(out.join(name).is_file(), "missing {name}");
    }
    let readme = std::fs::read_to_string(out.join("README.md")).expect("read");
    assert!(
        readme.contains("| 1 | [east](east/runbook.md) | primary |"),
        "{readme}"
    );
    assert!(
        readme.contains("export K8S_KUBECONFIG_CENTRAL="),
        "{readme}"
    );
    let east = std::fs::read_to_string(out.join("east/runbook.md")).expect("read");
    assert!(east.contains("`mesh-wait-for-clusters`"), "{east}");
    assert!(east.contains("${K8S_KUBECONFIG_EAST}"));
    for sub in ["", "east", "west", "central"] {
        let leftovers: Vec<_> = std::fs::read_dir(out.join(sub))
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
    // A second run refuses, names the files in their directories, and changes nothing.
    let second = in_repo(&args);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains("east/runbook.md") && stderr(&second).contains("--overwrite"),
        "{}",
        stderr(&second)
    );
    args.push("--overwrite".into());
    assert_eq!(in_repo(&args).status.code(), Some(0));
    // A cluster's directory that is a symbolic link is refused.
    let linked = dir.join("linked");
    std::fs::create_dir_all(&linked).expect("mkdir");
    let elsewhere = temp_dir("plan-mesh-elsewhere");
    std::os::unix::fs::symlink(&elsewhere, linked.join("east")).expect("symlink");
    let mut args: Vec<String> = ["plan", "--out", linked.to_str().expect("utf-8")]
        .map(String::from)
        .to_vec();
    args.extend(mesh_args(&["east", "west"]));
    let refused = in_repo(&args);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("symbolic link"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), 0);
    // Without --out: the README and the runbooks, or every plan as JSON; bash needs --out.
    let mut args: Vec<String> = ["plan"].map(String::from).to_vec();
    args.extend(mesh_args(&["east", "west"]));
    let markdown = stdout(&in_repo(&args));
    assert!(
        markdown.starts_with("<!-- Generated by istio2asm"),
        "{markdown}"
    );
    assert!(markdown.contains("<!-- runbook of cluster west -->"));
    args.extend(["--format", "json"].map(String::from));
    let json: serde_json::Value = serde_json::from_str(&stdout(&in_repo(&args))).expect("json");
    assert_eq!(json["clusters"][1]["name"], "west");
    assert_eq!(
        json["clusters"][1]["plan"]["kubeconfigVars"]["cluster"],
        "K8S_KUBECONFIG_WEST"
    );
    let mut shell: Vec<String> = ["plan", "--format", "shell"].map(String::from).to_vec();
    shell.extend(mesh_args(&["east", "west"]));
    let refused = in_repo(&shell);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--out DIR"),
        "{}",
        stderr(&refused)
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&elsewhere);
}
