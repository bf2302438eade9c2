//! `istio2asm`: checks an export of a cluster running community Istio before and during its
//! in-place migration to Alibaba Cloud Service Mesh, and prints what to do next.

mod lang;

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use istio2asm_core::clusters::{analyze_clusters, validate_names, ClusterInput};
use istio2asm_core::codes::{docs_markdown, Code};
use istio2asm_core::collect::{self, Format as CollectFormat};
use istio2asm_core::i18n::Lang;
use istio2asm_core::settings::Setting;
use istio2asm_core::{analyze, changes, demo, plan, render, report, t, Input, Settings, Severity};

#[derive(Debug, Parser)]
#[command(name = "istio2asm", version, about, long_about = None)]
struct Cli {
    /// The language of the output: en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG, else en).
    #[arg(long, global = true, value_name = "LANG", value_parser = lang::parse, display_order = 900)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check exported manifests: findings, the migration state and the gates of the next step.
    Check(Box<CheckArgs>),
    /// Build the runbook: every phase's gates and steps, exact commands and YAML.
    Plan(Box<PlanArgs>),
    /// Print the kubectl commands that export what istio2asm reads.
    Collect(CollectArgs),
    /// Print the documentation of a finding code (`MIG402`) or, with --all, of every code.
    Explain(ExplainArgs),
    /// Which injector webhooks give one workload its sidecar, now and after its switch (like
    /// `istioctl x check-inject`, offline): `istio2asm inject [INPUT]... NAMESPACE/KIND/NAME`.
    Inject(Box<InjectArgs>),
    /// Check the embedded demo cluster (a migration in SetupIstioForMigrate).
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
struct InjectArgs {
    /// Files or directories as for `check`, then the workload or bare pod as
    /// NAMESPACE/KIND/NAME (`shop/deployment/cart`, `shop/pod/debug`).
    #[arg(value_name = "INPUT... TARGET", required = true, num_args = 1..)]
    words: Vec<PathBuf>,
    /// Use the embedded demo cluster instead of inputs.
    #[arg(long)]
    demo: bool,
    #[command(flatten)]
    settings: SettingsArgs,
}

#[derive(Debug, Args)]
struct InputArgs {
    /// Files or directories (*.yaml, *.yml, *.json, recursively); `-` reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Use the embedded demo cluster instead of inputs.
    #[arg(long, conflicts_with = "inputs")]
    demo: bool,
    /// One cluster of a mesh and its exports (a file or directory), as NAME=PATH; repeat it for
    /// each cluster to analyse several clusters together.
    #[arg(
        long = "cluster",
        value_name = "NAME=PATH",
        conflicts_with_all = ["inputs", "demo"]
    )]
    clusters: Vec<String>,
    /// Exports of the ASM control plane's Istio API objects (proves the import gate).
    #[arg(long = "asm-config", value_name = "FILE", num_args = 1..)]
    asm_config: Vec<PathBuf>,
}

/// Settings given as flags. The flags are core's settings (`Setting::ALL`, or only the two
/// kubeconfig variables when `ALL` is false), named by their keys, with core's defaults in the help.
#[derive(Debug, Default)]
struct SettingFlags<const ALL: bool> {
    /// The settings given, with their text.
    given: Vec<(Setting, String)>,
}

/// Every setting as a flag (check, plan).
type SettingsArgs = SettingFlags<true>;
/// Only the kubeconfig variables (collect).
type KubeconfigArgs = SettingFlags<false>;

impl<const ALL: bool> SettingFlags<ALL> {
    fn settings() -> &'static [Setting] {
        if ALL {
            &Setting::ALL
        } else {
            &[Setting::ClusterKubeconfigVar, Setting::AsmKubeconfigVar]
        }
    }

    /// The settings in `lang`: core's defaults, then each flag given, then core's check of the
    /// whole.
    fn resolve(&self, lang: Lang) -> Result<Settings, Usage> {
        // Today from the system clock: certificates' expiry is judged on it unless --as-of says
        // another day.
        let today = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| istio2asm_core::trust::date_of(d.as_secs()));
        let mut settings = Settings {
            lang,
            today,
            ..Settings::default()
        };
        for (setting, text) in &self.given {
            settings
                .set(*setting, text)
                .map_err(|e| Usage(format!("--{}: {e}", setting.key())))?;
        }
        settings.validate().map_err(Usage)?;
        Ok(settings)
    }
}

/// The placeholder a setting's flag shows in `--help`.
fn value_name(setting: Setting) -> &'static str {
    match setting {
        Setting::AsmVersion => "VERSION",
        Setting::ClusterKubeconfigVar | Setting::AsmKubeconfigVar => "NAME",
        Setting::AsmLabel => "KEY=VALUE",
        Setting::EgressWeights => "LIST",
        Setting::AsmEgressHost => "HOST",
        Setting::MaxFileBytes | Setting::MaxTotalBytes => "BYTES",
        Setting::WaveSize | Setting::MaxDocuments | Setting::MaxDepth => "N",
        Setting::AsOf => "DATE",
        Setting::TrustHandled => "BOOL",
    }
}

impl<const ALL: bool> clap::FromArgMatches for SettingFlags<ALL> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = SettingFlags::default();
        flags.update_from_arg_matches(matches)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        for setting in Self::settings() {
            if let Some(text) = matches.get_one::<String>(setting.key()) {
                self.given.push((*setting, text.clone()));
            }
        }
        Ok(())
    }
}

impl<const ALL: bool> clap::Args for SettingFlags<ALL> {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        let defaults = Settings::default();
        for setting in Self::settings() {
            let default = defaults.text(*setting);
            let help = if default.is_empty() {
                setting.about(Lang::En).trim_end_matches('.').to_string()
            } else {
                format!(
                    "{} [default: {default}]",
                    setting.about(Lang::En).trim_end_matches('.')
                )
            };
            cmd = cmd.arg(
                clap::Arg::new(setting.key())
                    .long(setting.key())
                    .value_name(value_name(*setting))
                    .help(help),
            );
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Exit 1 when a finding reaches this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// An earlier report (`check --format json`) of the same cluster: prints what changed since
    /// (findings fixed and new, workloads switched to ASM, gates, the state).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlanFormat {
    Markdown,
    Shell,
    Json,
}

#[derive(Debug, Args)]
struct PlanArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Output format (when not writing files with --out).
    #[arg(long, value_enum, default_value_t = PlanFormat::Markdown)]
    format: PlanFormat,
    /// Write runbook.md, runbook.sh, plan.json and the YAML files into this directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace files that already exist in --out (and nothing more).
    #[arg(long)]
    overwrite: bool,
    /// Emit state switches even when their gates fail (the runbook names the gates overridden),
    /// and replace files that already exist in --out.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct DemoArgs {
    #[command(flatten)]
    output: OutputArgs,
    /// Write the demo's export files into this directory instead of checking them.
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Yaml,
    Json,
}

#[derive(Debug, Args)]
struct CollectArgs {
    /// Export format; JSON loads about twice as fast for big clusters.
    #[arg(long, value_enum, default_value_t = ExportFormat::Yaml)]
    format: ExportFormat,
    #[command(flatten)]
    settings: KubeconfigArgs,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// A code (MIG402) or name (sidecar-missing-xds-agent).
    #[arg(required_unless_present = "all")]
    code: Option<String>,
    /// Every code, as docs/checks.md (docs/checks.zh-CN.md with --lang zh-CN).
    #[arg(long)]
    all: bool,
}

/// A usage error: printed with the program name, exit 2.
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = match lang::choose(&args, |name| std::env::var_os(name)) {
        Ok(lang) => lang,
        Err((lang, message)) => return usage_error(lang, &message),
    };
    let cli: Cli = lang::parse_args(args, lang);
    let lang = cli.lang.unwrap_or(lang);
    let result = match cli.command {
        Command::Check(args) => check(*args, lang),
        Command::Plan(args) => plan_cmd(*args, lang),
        Command::Collect(args) => collect_cmd(&args, lang),
        Command::Explain(args) => explain(&args, lang),
        Command::Inject(args) => inject_cmd(*args, lang),
        Command::Demo(args) => demo_cmd(args, lang),
    };
    match result {
        Ok(code) => code,
        Err(Usage(message)) => usage_error(lang, &message),
    }
}

/// Prints a usage error and gives its exit code, 2.
fn usage_error(lang: Lang, message: &str) -> ExitCode {
    eprintln!("{}", t!(lang, "cli-error", message = message));
    ExitCode::from(2)
}

/// Reads every input: files, directories (sorted, recursively), `-` for stdin. A path that cannot
/// be read is reported and skipped.
fn read_inputs(paths: &[PathBuf], what: Inputs, lang: Lang) -> Result<Vec<Input>, Usage> {
    let error = |message: String| eprintln!("{}", t!(lang, "cli-error", message = message));
    let mut inputs = Vec::new();
    let mut failed = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input::new("<stdin>", bytes)),
                Err(e) => {
                    error(t!(lang, "cli-cannot-read-stdin", error = e.to_string()));
                    failed += 1;
                }
            }
            continue;
        }
        match collect_files(path) {
            Ok(files) if files.is_empty() => {
                eprintln!(
                    "{}",
                    t!(lang, "cli-no-files", path = path.display().to_string())
                );
            }
            Ok(files) => {
                for file in files {
                    match std::fs::read(&file) {
                        Ok(bytes) => inputs.push(Input::new(file.display().to_string(), bytes)),
                        Err(e) => {
                            error(cannot_read(lang, &file, &e));
                            failed += 1;
                        }
                    }
                }
            }
            Err(e) => {
                error(cannot_read(lang, path, &e));
                failed += 1;
            }
        }
    }
    if inputs.is_empty() && !paths.is_empty() {
        return Err(Usage(match what {
            Inputs::Cluster => t!(lang, "cli-no-input-read", failed = failed),
            Inputs::AsmConfig => t!(lang, "cli-no-asm-config-read", failed = failed),
        }));
    }
    Ok(inputs)
}

/// Which inputs [`read_inputs`] reads, for its message when none could be read.
#[derive(Debug, Clone, Copy)]
enum Inputs {
    /// The cluster's exports.
    Cluster,
    /// `--asm-config`.
    AsmConfig,
}

fn cannot_read(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    t!(
        lang,
        "cli-cannot-read",
        path = path.display().to_string(),
        error = error.to_string()
    )
}

fn collect_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let child = entry.path();
        if entry.file_type()?.is_dir() {
            out.extend(collect_files(&child)?);
        } else if child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
        {
            out.push(child);
        }
    }
    Ok(out)
}

fn check(args: CheckArgs, lang: Lang) -> Result<ExitCode, Usage> {
    if !args.input.clusters.is_empty() {
        if args.baseline.is_some() {
            return Err(Usage(t!(lang, "cli-baseline-clusters")));
        }
        let (clusters, asm_inputs, settings) = load_clusters(&args.input, &args.settings, lang)?;
        let mesh = analyze_clusters(clusters, asm_inputs, &settings);
        let text = match args.output.format {
            CheckFormat::Json => report::mesh_json(&mesh),
            CheckFormat::Text => report::mesh_text(&mesh, color(args.output.color)),
        };
        if write_stdout(&text).is_err() {
            return Ok(ExitCode::from(2));
        }
        return Ok(exit_code(mesh.worst(), args.output.fail_on));
    }
    let (inputs, asm_inputs, settings) = load_args(&args.input, &args.settings, lang)?;
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Usage(t!(
                    lang,
                    "cli-baseline-unreadable",
                    path = path.display().to_string(),
                    error = e.to_string()
                ))
            })?;
            Some((path.display().to_string(), text))
        }
        None => None,
    };
    run_check(inputs, asm_inputs, &settings, &args.output, baseline)
}

/// Settings and inputs from the command line (the demo when asked).
fn load_args(
    input: &InputArgs,
    settings_args: &SettingsArgs,
    lang: Lang,
) -> Result<(Vec<Input>, Vec<Input>, Settings), Usage> {
    let mut settings = settings_args.resolve(lang)?;
    let args = input;
    let inputs = if args.demo {
        if settings.asm_version.is_none() {
            settings.asm_version = Some(demo::ASM_VERSION.to_string());
        }
        demo::inputs()
    } else {
        if args.inputs.is_empty() {
            return Err(Usage(t!(lang, "cli-no-input")));
        }
        read_inputs(&args.inputs, Inputs::Cluster, lang)?
    };
    let asm_inputs = read_inputs(&args.asm_config, Inputs::AsmConfig, lang)?;
    Ok((inputs, asm_inputs, settings))
}

/// One cluster's `--cluster NAME=PATH`, or a usage error naming the flag and the form.
fn cluster_arg(text: &str, lang: Lang) -> Result<(&str, &str), Usage> {
    match text.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => Ok((name, path)),
        _ => Err(Usage(t!(
            lang,
            "cli-cluster-malformed",
            value = format!("{text:?}")
        ))),
    }
}

/// The clusters of `--cluster NAME=PATH ...` with their exports, the ASM export and the
/// settings. Names must be DNS-1123 labels, each given once.
fn load_clusters(
    input: &InputArgs,
    settings_args: &SettingsArgs,
    lang: Lang,
) -> Result<(Vec<ClusterInput>, Vec<Input>, Settings), Usage> {
    let settings = settings_args.resolve(lang)?;
    let pairs = input
        .clusters
        .iter()
        .map(|text| cluster_arg(text, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let names: Vec<&str> = pairs.iter().map(|(name, _)| *name).collect();
    validate_names(&names, lang)
        .map_err(|message| Usage(t!(lang, "cli-cluster-names", message = message)))?;
    let mut clusters = Vec::new();
    for (name, path) in pairs {
        let inputs = read_inputs(&[PathBuf::from(path)], Inputs::Cluster, lang).map_err(
            |Usage(message)| {
                Usage(t!(
                    lang,
                    "cli-cluster-inputs",
                    name = name,
                    message = message
                ))
            },
        )?;
        clusters.push(ClusterInput {
            name: name.to_string(),
            inputs,
        });
    }
    let asm_inputs = read_inputs(&input.asm_config, Inputs::AsmConfig, lang)?;
    Ok((clusters, asm_inputs, settings))
}

fn plan_cmd(args: PlanArgs, lang: Lang) -> Result<ExitCode, Usage> {
    if !args.input.clusters.is_empty() {
        return plan_mesh_cmd(args, lang);
    }
    let (inputs, asm_inputs, settings) = load_args(&args.input, &args.settings, lang)?;
    let analysis = analyze(inputs, asm_inputs, &settings);
    let plan = plan::plan(&analysis, args.force);
    let Some(dir) = args.out else {
        let text = match args.format {
            PlanFormat::Markdown => render::markdown(&plan),
            PlanFormat::Shell => render::shell(&plan),
            PlanFormat::Json => render::json(&plan),
        };
        let _ = write_stdout(&text);
        return Ok(ExitCode::SUCCESS);
    };
    write_plan_files(
        &dir,
        render::files(&plan),
        args.overwrite || args.force,
        lang,
    )
}

/// `plan --cluster NAME=PATH ...`: one runbook per cluster in the mesh's order. With --out,
/// `DIR/<cluster>/…` and `DIR/README.md`; else the README and the Markdown runbooks, or the JSON
/// of every plan (bash runbooks are one per cluster, so only with --out).
fn plan_mesh_cmd(args: PlanArgs, lang: Lang) -> Result<ExitCode, Usage> {
    let (clusters, asm_inputs, settings) = load_clusters(&args.input, &args.settings, lang)?;
    let mesh = analyze_clusters(clusters, asm_inputs, &settings);
    let plan = plan::plan_mesh(&mesh, args.force);
    let Some(dir) = args.out else {
        let text = match args.format {
            PlanFormat::Markdown => render::mesh_markdown(&plan),
            PlanFormat::Json => render::mesh_json(&plan),
            PlanFormat::Shell => return Err(Usage(t!(lang, "cli-mesh-shell-needs-out"))),
        };
        let _ = write_stdout(&text);
        return Ok(ExitCode::SUCCESS);
    };
    write_plan_files(
        &dir,
        render::mesh_files(&plan),
        args.overwrite || args.force,
        lang,
    )
}

/// `plan --out DIR`: writes a plan's files (all or none) and says how many on stderr.
fn write_plan_files(
    dir: &Path,
    files: Vec<plan::PlanFile>,
    overwrite: bool,
    lang: Lang,
) -> Result<ExitCode, Usage> {
    let files: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.content)).collect();
    write_all(dir, &files, overwrite, lang)?;
    eprintln!(
        "{}",
        t!(
            lang,
            "cli-wrote-files",
            count = files.len(),
            dir = dir.display().to_string()
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes every file or none: all targets are checked first (no symlinks, nothing overwritten
/// without --overwrite), then each file is written to a temporary name and renamed into place.
fn write_all(
    dir: &Path,
    files: &[(String, String)],
    overwrite: bool,
    lang: Lang,
) -> Result<(), Usage> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Usage(t!(
            lang,
            "cli-cannot-create",
            path = dir.display().to_string(),
            error = e.to_string()
        ))
    })?;
    let mut existing = Vec::new();
    for (name, _) in files {
        let path = dir.join(name);
        // A file in a subdirectory (`east/runbook.md`): the subdirectory is checked like a file,
        // and made when missing, before anything is written.
        if let Some(parent) = path.parent().filter(|p| *p != dir) {
            match std::fs::symlink_metadata(parent) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Usage(t!(
                        lang,
                        "cli-symlink",
                        path = parent.display().to_string()
                    )));
                }
                Ok(meta) if !meta.is_dir() => {
                    return Err(Usage(t!(
                        lang,
                        "cli-not-directory",
                        path = parent.display().to_string()
                    )));
                }
                _ => {}
            }
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Usage(t!(
                    lang,
                    "cli-symlink",
                    path = path.display().to_string()
                )));
            }
            Ok(meta) if meta.is_dir() => {
                return Err(Usage(t!(
                    lang,
                    "cli-is-directory",
                    path = path.display().to_string()
                )));
            }
            Ok(_) => existing.push(name.as_str()),
            Err(_) => {}
        }
    }
    if !existing.is_empty() && !overwrite {
        return Err(Usage(t!(
            lang,
            "cli-already-holds",
            dir = dir.display().to_string(),
            files = existing.join(&t!(lang, "list-separator"))
        )));
    }
    for (name, _) in files {
        if let Some(parent) = dir.join(name).parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Usage(t!(
                    lang,
                    "cli-cannot-create",
                    path = parent.display().to_string(),
                    error = e.to_string()
                ))
            })?;
        }
    }
    for (name, content) in files {
        let path = dir.join(name);
        let (parent, file) = match name.rsplit_once('/') {
            Some((parent, file)) => (dir.join(parent), file),
            None => (dir.to_path_buf(), name.as_str()),
        };
        let temp = parent.join(format!(".{file}.tmp-{}", std::process::id()));
        let result = std::fs::write(&temp, content).and_then(|()| {
            if name.ends_with(".sh") {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o755))?;
            }
            std::fs::rename(&temp, &path)
        });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(Usage(cannot_write(lang, &path, &e)));
        }
    }
    Ok(())
}

/// Analyses, prints the report (with what changed since `baseline`, a name and its text) and
/// returns the exit code of `--fail-on`. A baseline that is no report is a usage error.
fn run_check(
    inputs: Vec<Input>,
    asm: Vec<Input>,
    settings: &Settings,
    output: &OutputArgs,
    baseline: Option<(String, String)>,
) -> Result<ExitCode, Usage> {
    let analysis = analyze(inputs, asm, settings);
    let changes = match &baseline {
        Some((name, text)) => Some((
            name,
            changes::compare_text(text, &analysis)
                .map_err(|e| Usage(format!("--baseline {name}: {e}")))?,
        )),
        None => None,
    };
    let mut text = match output.format {
        CheckFormat::Json => match &changes {
            Some((name, changes)) => changes::check_json(&analysis, changes, name),
            None => report::check_json(&analysis),
        },
        CheckFormat::Text => report::check_text(&analysis, color(output.color)),
    };
    if let (CheckFormat::Text, Some((name, changes))) = (output.format, &changes) {
        text.push('\n');
        text.push_str(&report::terminal_safe(&changes.text(name, settings.lang)));
    }
    if write_stdout(&text).is_err() {
        return Ok(ExitCode::from(2));
    }
    let worst = analysis.findings.iter().map(|f| f.severity).max();
    Ok(exit_code(worst, output.fail_on))
}

/// Whether text output is coloured.
fn color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// `--fail-on`'s exit code for the worst severity found: 1 when it reaches the threshold.
fn exit_code(worst: Option<Severity>, fail_on: FailOn) -> ExitCode {
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failed = matches!((threshold, worst), (Some(t), Some(w)) if w >= t);
    ExitCode::from(u8::from(failed))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn cannot_write(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    t!(
        lang,
        "cli-cannot-write",
        path = path.display().to_string(),
        error = error.to_string()
    )
}

fn inject_cmd(mut args: InjectArgs, lang: Lang) -> Result<ExitCode, Usage> {
    let target = args
        .words
        .pop()
        .map(|w| w.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<&str> = target.split('/').collect();
    let [namespace, kind, name] = parts[..] else {
        return Err(Usage(t!(
            lang,
            "cli-inject-bad-target",
            target = format!("{target:?}")
        )));
    };
    if args.demo && !args.words.is_empty() {
        return Err(Usage(t!(lang, "cli-inputs-or-demo")));
    }
    let input = InputArgs {
        inputs: std::mem::take(&mut args.words),
        demo: args.demo,
        clusters: Vec::new(),
        asm_config: Vec::new(),
    };
    let (inputs, asm_inputs, settings) = load_args(&input, &args.settings, lang)?;
    let analysis = analyze(inputs, asm_inputs, &settings);
    let sim = &analysis.injection;
    let Some(subject) = sim.subjects.iter().find(|s| {
        s.namespace() == namespace
            && s.object.name == name
            && (s.object.kind.eq_ignore_ascii_case(kind)
                || s.kind
                    .is_some_and(|k| k.resource().eq_ignore_ascii_case(kind)))
    }) else {
        // Those of the namespace asked for first.
        let mut near: Vec<&istio2asm_core::inject::Subject> = sim.subjects.iter().collect();
        near.sort_by_key(|s| s.namespace() != namespace);
        let known: Vec<String> = near
            .into_iter()
            .take(8)
            .map(|s| {
                format!(
                    "{}/{}/{}",
                    s.namespace(),
                    s.object.kind.to_lowercase(),
                    s.object.name
                )
            })
            .collect();
        let count = sim.subjects.len();
        return Err(Usage(if known.is_empty() {
            t!(
                lang,
                "cli-inject-not-found",
                target = &target,
                count = count
            )
        } else {
            t!(
                lang,
                "cli-inject-not-found-examples",
                target = &target,
                count = count,
                examples = known.join(&t!(lang, "list-separator"))
            )
        }));
    };
    let _ = write_stdout(&report::inject_text(&analysis, subject));
    Ok(ExitCode::SUCCESS)
}

fn collect_cmd(args: &CollectArgs, lang: Lang) -> Result<ExitCode, Usage> {
    let settings = args.settings.resolve(lang)?;
    let format = match args.format {
        ExportFormat::Yaml => CollectFormat::Yaml,
        ExportFormat::Json => CollectFormat::Json,
    };
    let _ = write_stdout(&collect::script(
        format,
        &settings.kubeconfig_vars(),
        settings.lang,
    ));
    Ok(ExitCode::SUCCESS)
}

fn explain(args: &ExplainArgs, lang: Lang) -> Result<ExitCode, Usage> {
    if args.all {
        let _ = write_stdout(&docs_markdown(lang));
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args.code.as_deref().unwrap_or_default();
    let code = Code::parse(wanted).ok_or_else(|| {
        Usage(t!(
            lang,
            "cli-explain-unknown",
            message = Code::unknown(wanted, lang)
        ))
    })?;
    let _ = write_stdout(&code.explain_text(lang));
    Ok(ExitCode::SUCCESS)
}

fn demo_cmd(args: DemoArgs, lang: Lang) -> Result<ExitCode, Usage> {
    if let Some(dir) = args.write {
        for (name, text) in demo::FILES {
            let file = name.rsplit('/').next().unwrap_or(name);
            let path = dir.join(file);
            if path.exists() {
                return Err(Usage(t!(
                    lang,
                    "cli-exists",
                    path = path.display().to_string()
                )));
            }
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, text))
                .map_err(|e| Usage(cannot_write(lang, &path, &e)))?;
            eprintln!(
                "{}",
                t!(lang, "cli-wrote", path = path.display().to_string())
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = Settings {
        asm_version: Some(demo::ASM_VERSION.to_string()),
        lang,
        ..Settings::default()
    };
    run_check(demo::inputs(), Vec::new(), &settings, &args.output, None)
}
