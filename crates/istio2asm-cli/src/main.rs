//! `istio2asm`: checks an export of a cluster running community Istio before and during its
//! in-place migration to Alibaba Cloud Service Mesh, and prints what to do next.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use istio2asm_core::codes::{docs_markdown, Code};
use istio2asm_core::collect::{self, Format as CollectFormat};
use istio2asm_core::i18n::Lang;
use istio2asm_core::settings::Setting;
use istio2asm_core::{analyze, changes, demo, plan, render, report, Input, Settings, Severity};

#[derive(Debug, Parser)]
#[command(name = "istio2asm", version, about, long_about = None)]
struct Cli {
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

    /// The settings: core's defaults, then each flag given, then core's check of the whole.
    fn resolve(&self) -> Result<Settings, Usage> {
        let mut settings = Settings::default();
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
    /// The language of the pages: en or zh-CN.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
}

/// A `--lang` value: `en`, `zh-CN` and their usual spellings.
fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| format!("unknown language {tag:?}; use en or zh-CN"))
}

/// A usage error: printed with the program name, exit 2.
struct Usage(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Plan(args) => plan_cmd(*args),
        Command::Collect(args) => collect_cmd(&args),
        Command::Explain(args) => explain(&args),
        Command::Inject(args) => inject_cmd(*args),
        Command::Demo(args) => demo_cmd(args),
    };
    match result {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("istio2asm: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads every input: files, directories (sorted, recursively), `-` for stdin. A path that cannot
/// be read is reported and skipped.
fn read_inputs(paths: &[PathBuf], what: &str) -> Result<Vec<Input>, Usage> {
    let mut inputs = Vec::new();
    let mut failed = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input::new("<stdin>", bytes)),
                Err(e) => {
                    eprintln!("istio2asm: error: cannot read stdin: {e}");
                    failed += 1;
                }
            }
            continue;
        }
        match collect_files(path) {
            Ok(files) if files.is_empty() => {
                eprintln!(
                    "istio2asm: warning: {} holds no *.yaml, *.yml or *.json file",
                    path.display()
                );
            }
            Ok(files) => {
                for file in files {
                    match std::fs::read(&file) {
                        Ok(bytes) => inputs.push(Input::new(file.display().to_string(), bytes)),
                        Err(e) => {
                            eprintln!("istio2asm: error: cannot read {}: {e}", file.display());
                            failed += 1;
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("istio2asm: error: cannot read {}: {e}", path.display());
                failed += 1;
            }
        }
    }
    if inputs.is_empty() && !paths.is_empty() {
        return Err(Usage(format!(
            "no {what} could be read ({failed} failed); give files or directories of kubectl exports"
        )));
    }
    Ok(inputs)
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

fn check(args: CheckArgs) -> Result<ExitCode, Usage> {
    let (inputs, asm_inputs, settings) = load_args(&args.input, &args.settings)?;
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Usage(format!(
                    "--baseline {}: cannot read it: {e}",
                    path.display()
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
) -> Result<(Vec<Input>, Vec<Input>, Settings), Usage> {
    let mut settings = settings_args.resolve()?;
    let args = input;
    let inputs = if args.demo {
        if settings.asm_version.is_none() {
            settings.asm_version = Some(demo::ASM_VERSION.to_string());
        }
        demo::inputs()
    } else {
        if args.inputs.is_empty() {
            return Err(Usage(
                "no input: give exported files or directories, `-` for stdin, or --demo (see `istio2asm collect`)".into(),
            ));
        }
        read_inputs(&args.inputs, "input")?
    };
    let asm_inputs = read_inputs(&args.asm_config, "--asm-config file")?;
    Ok((inputs, asm_inputs, settings))
}

fn plan_cmd(args: PlanArgs) -> Result<ExitCode, Usage> {
    let (inputs, asm_inputs, settings) = load_args(&args.input, &args.settings)?;
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
    let files: Vec<(String, String)> = render::files(&plan)
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect();
    write_all(&dir, &files, args.overwrite || args.force)?;
    eprintln!("wrote {} files into {}", files.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes every file or none: all targets are checked first (no symlinks, nothing overwritten
/// without --overwrite), then each file is written to a temporary name and renamed into place.
fn write_all(dir: &Path, files: &[(String, String)], overwrite: bool) -> Result<(), Usage> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Usage(format!("cannot create {}: {e}", dir.display())))?;
    let mut existing = Vec::new();
    for (name, _) in files {
        let path = dir.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Usage(format!(
                    "{} is a symbolic link; refusing to write through it",
                    path.display()
                )));
            }
            Ok(meta) if meta.is_dir() => {
                return Err(Usage(format!("{} is a directory", path.display())));
            }
            Ok(_) => existing.push(name.as_str()),
            Err(_) => {}
        }
    }
    if !existing.is_empty() && !overwrite {
        return Err(Usage(format!(
            "{} already holds {}; nothing was written (use --overwrite to replace them, or --force, which also overrides failing gates)",
            dir.display(),
            existing.join(", ")
        )));
    }
    for (name, content) in files {
        let path = dir.join(name);
        let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let result = std::fs::write(&temp, content).and_then(|()| {
            if name.ends_with(".sh") {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o755))?;
            }
            std::fs::rename(&temp, &path)
        });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(Usage(format!("cannot write {}: {e}", path.display())));
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
        CheckFormat::Text => {
            let color = match output.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            report::check_text(&analysis, color)
        }
    };
    if let (CheckFormat::Text, Some((name, changes))) = (output.format, &changes) {
        text.push('\n');
        text.push_str(&report::terminal_safe(&changes.text(name, settings.lang)));
    }
    if write_stdout(&text).is_err() {
        return Ok(ExitCode::from(2));
    }
    let threshold = match output.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity >= t));
    Ok(ExitCode::from(u8::from(failed)))
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

fn inject_cmd(mut args: InjectArgs) -> Result<ExitCode, Usage> {
    let target = args
        .words
        .pop()
        .map(|w| w.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<&str> = target.split('/').collect();
    let [namespace, kind, name] = parts[..] else {
        return Err(Usage(format!(
            "{target:?} is not NAMESPACE/KIND/NAME (for example shop/deployment/cart); it is the last argument, after the inputs"
        )));
    };
    if args.demo && !args.words.is_empty() {
        return Err(Usage("give inputs or --demo, not both".into()));
    }
    let input = InputArgs {
        inputs: std::mem::take(&mut args.words),
        demo: args.demo,
        asm_config: Vec::new(),
    };
    let (inputs, asm_inputs, settings) = load_args(&input, &args.settings)?;
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
        return Err(Usage(format!(
            "no workload or bare pod {target} in the inputs ({} in all{}{})",
            sim.subjects.len(),
            if known.is_empty() { "" } else { ", e.g. " },
            known.join(", ")
        )));
    };
    let _ = write_stdout(&report::inject_text(&analysis, subject));
    Ok(ExitCode::SUCCESS)
}

fn collect_cmd(args: &CollectArgs) -> Result<ExitCode, Usage> {
    let settings = args.settings.resolve()?;
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

fn explain(args: &ExplainArgs) -> Result<ExitCode, Usage> {
    if args.all {
        let _ = write_stdout(&docs_markdown(args.lang));
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args.code.as_deref().unwrap_or_default();
    let code = Code::parse(wanted).ok_or_else(|| {
        Usage(format!(
            "{} (`istio2asm explain --all` lists them)",
            Code::unknown(wanted)
        ))
    })?;
    let _ = write_stdout(&code.explain_text(args.lang));
    Ok(ExitCode::SUCCESS)
}

fn demo_cmd(args: DemoArgs) -> Result<ExitCode, Usage> {
    if let Some(dir) = args.write {
        for (name, text) in demo::FILES {
            let file = name.rsplit('/').next().unwrap_or(name);
            let path = dir.join(file);
            if path.exists() {
                return Err(Usage(format!(
                    "{} exists; not overwriting it",
                    path.display()
                )));
            }
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, text))
                .map_err(|e| Usage(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = Settings {
        asm_version: Some(demo::ASM_VERSION.to_string()),
        ..Settings::default()
    };
    run_check(demo::inputs(), Vec::new(), &settings, &args.output, None)
}
