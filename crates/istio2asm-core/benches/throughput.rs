//! Throughput and peak memory of `analyze` on large generated exports, next to the parser floors.
//!
//! `cargo bench -p istio2asm-core --bench throughput` generates the missing exports under
//! `bench-data/` (1k, 5k and 10k injected pods with their Deployments, ReplicaSets and Services, as
//! a kubectl `kind: List` YAML, a multi-document YAML stream and `kubectl -o json`), then runs every
//! measurement in a child process of its own (this binary, re-executed) so that the peak resident
//! memory it reports (`VmHWM`) belongs to that measurement alone. Time is the best of three runs,
//! peak memory the highest of them. The Markdown table goes to stdout and to
//! `bench-data/throughput.md`; progress goes to stderr.
//!
//! A second table measures hostile nesting (`tests/common/nesting.rs`: every form at 10^4, 10^5
//! and 10^6 levels), each refusal in a child process stopped after `--nesting-cap` seconds
//! (default 60), so a loader that has gone quadratic shows as stopped rather than hanging the run.
//! Its time per MB should not grow with the size.
//!
//! Options (after `--`): `--sizes 1000,5000` (pod counts), `--runs N`, `--only MEASURE`
//! (`--only nesting` runs the nesting table alone), `--nesting-cap SECONDS`.
//! `ISTIO2ASM_BENCH_DATA` overrides the data directory.

// Benches are not core code: like the CLI they read files, the clock and the environment, start
// processes and print. The core crate's clippy.toml forbids exactly that for the library itself.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use istio2asm_core::{analyze, Input, Limits, Settings};

#[path = "../tests/common/nesting.rs"]
mod nesting;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Bumped whenever the generated data changes, so stale files are not measured.
const GENERATOR_VERSION: u32 = 1;
const DEFAULT_SIZES: [usize; 3] = [1_000, 5_000, 10_000];
const DEFAULT_RUNS: usize = 3;
/// Pods per Deployment (and so per ReplicaSet and Service).
const REPLICAS: usize = 5;
/// Pods per namespace.
const PODS_PER_NAMESPACE: usize = 50;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--child-nesting") {
        return child_nesting(&args[1..]);
    }
    let mut sizes = DEFAULT_SIZES.to_vec();
    let mut runs = DEFAULT_RUNS;
    let mut only: Option<String> = None;
    let mut nesting_cap = Duration::from_secs(60);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--sizes" => {
                let list = rest.next().ok_or("--sizes needs a value")?;
                sizes = list
                    .split(',')
                    .map(str::parse)
                    .collect::<std::result::Result<_, _>>()?;
            }
            "--runs" => runs = rest.next().ok_or("--runs needs a value")?.parse()?,
            "--only" => only = Some(rest.next().ok_or("--only needs a value")?.clone()),
            "--nesting-cap" => {
                let seconds = rest.next().ok_or("--nesting-cap needs a value")?.parse()?;
                nesting_cap = Duration::from_secs(seconds);
            }
            // cargo bench passes `--bench`; libtest-style filters are not supported.
            _ => {}
        }
    }
    let dir = data_dir();
    fs::create_dir_all(&dir)?;
    if only.as_deref() == Some("nesting") {
        let table = nesting_table(runs, nesting_cap)?;
        println!("{table}");
        fs::write(dir.join("nesting.md"), &table)?;
        return Ok(());
    }
    verify_generator()?;
    for &pods in &sizes {
        ensure_data(&dir, pods)?;
    }

    let load_before = load_average();
    let mut rows = Vec::new();
    for form in Form::ALL {
        for &pods in &sizes {
            let path = dir.join(form.file_name(pods));
            let bytes = fs::metadata(&path)?.len();
            // The default limits refuse a file above max-file-bytes: that refusal is measured and
            // shown, and the same file is measured again with the limit raised.
            let over_limit = bytes > Limits::default().max_file_bytes as u64;
            let mut measures = Vec::new();
            for &measure in form.measures() {
                measures.push(measure);
                if measure == Measure::Istio2asm && over_limit {
                    measures.push(Measure::Istio2asmRaisedLimit);
                }
            }
            for measure in &measures {
                if only
                    .as_deref()
                    .is_some_and(|o| !measure.id().starts_with(o))
                {
                    continue;
                }
                let refused = *measure == Measure::Istio2asm && over_limit;
                eprintln!(
                    "bench: {} {} pods ({:.1} MB), {} ...",
                    form.label(),
                    pods,
                    mb(bytes),
                    measure.label()
                );
                let mut best: Option<Sample> = None;
                let mut peak_kb = 0;
                for _ in 0..if refused { 1 } else { runs } {
                    let sample = run_child(*measure, form, &path)?;
                    peak_kb = peak_kb.max(sample.peak_kb);
                    check_counts(*measure, pods, refused, &sample)?;
                    if best.as_ref().is_none_or(|b| sample.total < b.total) {
                        best = Some(sample);
                    }
                }
                let Some(best) = best else { continue };
                eprintln!(
                    "       {:.2} s, {:.1} MB/s, peak {:.0} MB ({})",
                    best.total.as_secs_f64(),
                    mb(bytes) / best.total.as_secs_f64(),
                    peak_kb as f64 / 1024.0,
                    best.summary
                );
                rows.push(Row {
                    form,
                    pods,
                    bytes,
                    measure: *measure,
                    best,
                    peak_kb,
                    refused,
                });
            }
        }
    }
    let mut table = render_table(&rows, runs);
    let _ = writeln!(
        table,
        "Machine: {} CPUs ({}); 1-minute load average {} before the run, {} after it.",
        std::thread::available_parallelism().map_or(0, usize::from),
        cpu_model(),
        load_before,
        load_average()
    );
    println!("{table}");
    fs::write(dir.join("throughput.md"), &table)?;
    if only.is_none() {
        let table = nesting_table(runs, nesting_cap)?;
        println!("{table}");
        fs::write(dir.join("nesting.md"), &table)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Hostile nesting: time per MB of refusing documents nested 10^4, 10^5 and 10^6 levels deep.

/// What one child measured: the time of `analyze` (the document is built before the clock
/// starts), and the findings it gave (`MIG005: …`), or `None` when the cap stopped it.
struct NestingSample {
    time: Duration,
    findings: Option<String>,
}

fn nesting_table(runs: usize, cap: Duration) -> Result<String> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| form | levels | input MB | time ms (best of {runs}) | ms per MB | MB/s | finding |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---|");
    for (index, form) in nesting::FORMS.iter().enumerate() {
        for levels in nesting::LEVELS {
            let bytes = form.text(levels).len();
            eprintln!("bench: {} at {levels} levels ...", form.name);
            let mut best: Option<NestingSample> = None;
            for _ in 0..runs {
                let sample = run_nesting_child(index, levels, cap)?;
                let stopped = sample.findings.is_none();
                if best.as_ref().is_none_or(|b| sample.time < b.time) {
                    best = Some(sample);
                }
                // A run the cap stopped is not repeated: the next would be stopped too.
                if stopped {
                    break;
                }
            }
            let Some(best) = best else { continue };
            let megabytes = mb(bytes as u64);
            let row = match &best.findings {
                Some(findings) => format!(
                    "| {} | {levels} | {megabytes:.2} | {:.1} | {:.1} | {} | {findings} |",
                    form.name,
                    best.time.as_secs_f64() * 1e3,
                    best.time.as_secs_f64() * 1e3 / megabytes,
                    rate(megabytes / best.time.as_secs_f64()),
                ),
                None => format!(
                    "| {} | {levels} | {megabytes:.2} | stopped after {} s | — | — | — |",
                    form.name,
                    cap.as_secs()
                ),
            };
            eprintln!("       {row}");
            let _ = writeln!(out, "{row}");
        }
    }
    let _ = writeln!(
        out,
        "\nMachine: {} CPUs ({}); 1-minute load average {} after the run.",
        std::thread::available_parallelism().map_or(0, usize::from),
        cpu_model(),
        load_average()
    );
    Ok(out)
}

/// A rate with two significant digits at least, so a loader that crawls does not show as 0.
fn rate(mb_per_s: f64) -> String {
    if mb_per_s < 10.0 {
        format!("{mb_per_s:.2}")
    } else {
        format!("{mb_per_s:.0}")
    }
}

fn run_nesting_child(form: usize, levels: usize, cap: Duration) -> Result<NestingSample> {
    let mut child = Command::new(std::env::current_exe()?)
        .arg("--child-nesting")
        .arg(form.to_string())
        .arg(levels.to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > cap {
            child.kill()?;
            child.wait()?;
            return Ok(NestingSample {
                time: cap,
                findings: None,
            });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!("nesting child failed ({}): {stdout}", output.status).into());
    }
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .ok_or_else(|| format!("nesting child printed no result: {stdout}"))?;
    let (nanos, findings) = line.split_once(' ').ok_or("short result line")?;
    Ok(NestingSample {
        time: Duration::from_nanos(nanos.parse()?),
        findings: Some(findings.to_string()),
    })
}

fn child_nesting(args: &[String]) -> Result<()> {
    let [form, levels] = args else {
        return Err("usage: --child-nesting FORM LEVELS".into());
    };
    let form = nesting::FORMS
        .get(form.parse::<usize>()?)
        .ok_or("no such nesting form")?;
    let text = form.text(levels.parse()?);
    let input = Input::new(form.file, text);
    let start = Instant::now();
    let analysis = analyze(vec![input], Vec::new(), &Settings::default());
    let time = start.elapsed();
    // The input limits' findings only: the rest are about the empty cluster.
    let findings: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| matches!(f.code.as_str(), "MIG001" | "MIG005"))
        .map(|f| format!("{}: {}", f.code.as_str(), f.message))
        .collect();
    let findings = if findings.is_empty() {
        "none (loaded)".to_string()
    } else {
        findings.join("; ")
    };
    println!("RESULT {} {findings}", time.as_nanos());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Forms, measurements and the table.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    List,
    Multi,
    Json,
}

impl Form {
    const ALL: [Form; 3] = [Form::List, Form::Multi, Form::Json];

    fn id(self) -> &'static str {
        match self {
            Form::List => "list",
            Form::Multi => "multi",
            Form::Json => "json",
        }
    }

    fn parse(id: &str) -> Result<Form> {
        Form::ALL
            .into_iter()
            .find(|f| f.id() == id)
            .ok_or_else(|| format!("unknown form {id}").into())
    }

    fn label(self) -> &'static str {
        match self {
            Form::List => "YAML `kind: List`",
            Form::Multi => "YAML multi-doc",
            Form::Json => "JSON (`-o json`)",
        }
    }

    fn file_name(self, pods: usize) -> String {
        let ext = match self {
            Form::List => "list.yaml",
            Form::Multi => "multi.yaml",
            Form::Json => "json",
        };
        format!("v{GENERATOR_VERSION}-pods-{pods}.{ext}")
    }

    fn measures(self) -> &'static [Measure] {
        match self {
            Form::List | Form::Multi => {
                &[Measure::Istio2asm, Measure::YamlTyped, Measure::YamlEvents]
            }
            Form::Json => &[Measure::Istio2asm, Measure::JsonTyped, Measure::JsonIgnored],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// Read the file and run `analyze` with default settings: load, model, detect, all checks.
    Istio2asm,
    /// The same with `max-file-bytes` raised to 1 GiB, for files the default limit refuses.
    Istio2asmRaisedLimit,
    /// serde_yaml into a small typed struct (the header of each object, the rest ignored).
    YamlTyped,
    /// serde_yaml into `IgnoredAny`: libyaml's event parse plus serde's minimum.
    YamlEvents,
    /// serde_json into the same small typed struct.
    JsonTyped,
    /// serde_json into `IgnoredAny`: a validating scan.
    JsonIgnored,
}

impl Measure {
    const ALL: [Measure; 6] = [
        Measure::Istio2asm,
        Measure::Istio2asmRaisedLimit,
        Measure::YamlTyped,
        Measure::YamlEvents,
        Measure::JsonTyped,
        Measure::JsonIgnored,
    ];

    fn id(self) -> &'static str {
        match self {
            Measure::Istio2asm => "istio2asm",
            Measure::Istio2asmRaisedLimit => "istio2asm-raised-limit",
            Measure::YamlTyped => "yaml-typed",
            Measure::YamlEvents => "yaml-events",
            Measure::JsonTyped => "json-typed",
            Measure::JsonIgnored => "json-ignored",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Measure::Istio2asm => "**istio2asm** load + all checks",
            Measure::Istio2asmRaisedLimit => {
                "**istio2asm** load + all checks, max-file-bytes raised to 1 GiB"
            }
            Measure::YamlTyped => "floor: serde_yaml typed",
            Measure::YamlEvents => "floor: libyaml events (serde_yaml → IgnoredAny)",
            Measure::JsonTyped => "floor: serde_json typed",
            Measure::JsonIgnored => "floor: serde_json → IgnoredAny",
        }
    }

    fn parse(id: &str) -> Result<Measure> {
        Measure::ALL
            .into_iter()
            .find(|m| m.id() == id)
            .ok_or_else(|| format!("unknown measure {id}").into())
    }
}

struct Sample {
    /// Reading the file (from the page cache).
    read: Duration,
    /// Reading plus the measured work.
    total: Duration,
    peak_kb: u64,
    /// How many objects the measurement saw (`pods=N objects=M ...`).
    summary: String,
}

struct Row {
    form: Form,
    pods: usize,
    bytes: u64,
    measure: Measure,
    best: Sample,
    peak_kb: u64,
    /// istio2asm refused the file under its default limits (MIG005).
    refused: bool,
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn render_table(rows: &[Row], runs: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| form | pods | input MB | measurement | time s (best of {runs}) | MB/s | peak RSS MB | peak / input |"
    );
    let _ = writeln!(out, "|---|---:|---:|---|---:|---:|---:|---:|");
    for row in rows {
        let secs = row.best.total.as_secs_f64();
        let peak_mb = row.peak_kb as f64 * 1024.0 / 1e6;
        if row.refused {
            let _ = writeln!(
                out,
                "| {} | {} | {:.1} | {} | refused (MIG005: above max-file-bytes {} MiB) | — | {:.0} | {:.2}× |",
                row.form.label(),
                row.pods,
                mb(row.bytes),
                row.measure.label(),
                Limits::default().max_file_bytes >> 20,
                peak_mb,
                peak_mb / mb(row.bytes),
            );
            continue;
        }
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {} | {:.3} | {:.1} | {:.0} | {:.2}× |",
            row.form.label(),
            row.pods,
            mb(row.bytes),
            row.measure.label(),
            secs,
            mb(row.bytes) / secs,
            peak_mb,
            peak_mb / mb(row.bytes),
        );
    }
    let reads: Vec<String> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.measure,
                Measure::Istio2asm | Measure::Istio2asmRaisedLimit
            ) && !r.refused
        })
        .map(|r| {
            format!(
                "{} {}: {:.0} ms",
                r.form.id(),
                r.pods,
                r.best.read.as_secs_f64() * 1e3
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "\nTimes include reading the file from the page cache ({}).",
        reads.join(", ")
    );
    out
}

/// Fails the run when a measurement did not see every object, so a broken loader cannot look fast.
fn check_counts(measure: Measure, pods: usize, refused: bool, sample: &Sample) -> Result<()> {
    let cluster = Cluster::new(pods);
    let expected = match measure {
        Measure::Istio2asm if refused => "pods=0 workloads=0 services=0 objects=0".to_string(),
        Measure::Istio2asm | Measure::Istio2asmRaisedLimit => format!(
            "pods={} workloads={} services={}",
            cluster.total_pods(),
            2 * (cluster.deployments + 1),
            cluster.deployments + 1
        ),
        Measure::YamlTyped | Measure::JsonTyped => format!("objects={}", cluster.total_objects()),
        Measure::YamlEvents | Measure::JsonIgnored => return Ok(()),
    };
    if !sample.summary.starts_with(&expected) {
        return Err(format!(
            "{}: expected {expected}, got {}",
            measure.id(),
            sample.summary
        )
        .into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Child processes.

fn run_child(measure: Measure, form: Form, path: &Path) -> Result<Sample> {
    let exe = std::env::current_exe()?;
    let output = Command::new(exe)
        .arg("--child")
        .arg(measure.id())
        .arg(form.id())
        .arg(path)
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "child {} {} failed ({}): {}{}",
            measure.id(),
            form.id(),
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .ok_or_else(|| format!("child printed no result: {stdout}"))?;
    let mut fields = line.splitn(4, ' ');
    let mut next = || fields.next().ok_or("short result line");
    let read = Duration::from_nanos(next()?.parse()?);
    let total = Duration::from_nanos(next()?.parse()?);
    let peak_kb = next()?.parse()?;
    let summary = next()?.to_string();
    Ok(Sample {
        read,
        total,
        peak_kb,
        summary,
    })
}

/// The header of an object: what a typed consumer that only lists objects would read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    #[allow(dead_code)]
    api_version: String,
    #[allow(dead_code)]
    kind: String,
    #[allow(dead_code)]
    metadata: HeaderMeta,
}

#[derive(Deserialize)]
struct HeaderMeta {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    namespace: Option<String>,
}

#[derive(Deserialize)]
struct HeaderList {
    items: Vec<Header>,
}

fn child(args: &[String]) -> Result<()> {
    let [measure, form, path] = args else {
        return Err("usage: --child MEASURE FORM PATH".into());
    };
    let measure = Measure::parse(measure)?;
    let form = Form::parse(form)?;
    let start = Instant::now();
    let bytes = fs::read(path)?;
    let read = start.elapsed();
    // Each arm stops the clock before it looks at its result, and then leaks it: the process ends
    // right after, and freeing would only blur a profile of the child.
    let (total, summary) = match measure {
        Measure::Istio2asm | Measure::Istio2asmRaisedLimit => {
            let mut settings = Settings::default();
            if measure == Measure::Istio2asmRaisedLimit {
                settings.limits.max_file_bytes = 1 << 30;
            }
            let analysis = analyze(vec![Input::new(path.clone(), bytes)], Vec::new(), &settings);
            let total = start.elapsed();
            let analysis = std::hint::black_box(analysis);
            let summary = format!(
                "pods={} workloads={} services={} objects={} findings={}",
                analysis.bundle.pods.len(),
                analysis.bundle.workloads.len(),
                analysis.bundle.services.len(),
                analysis.bundle.object_count(),
                analysis.findings.len()
            );
            std::mem::forget(analysis);
            (total, summary)
        }
        Measure::YamlTyped => {
            let text = String::from_utf8(bytes)?;
            let headers: Vec<Header> = if form == Form::List {
                serde_yaml::from_str::<HeaderList>(&text)?.items
            } else {
                serde_yaml::Deserializer::from_str(&text)
                    .map(Header::deserialize)
                    .collect::<std::result::Result<_, _>>()?
            };
            let total = start.elapsed();
            let headers = std::hint::black_box(headers);
            let summary = format!("objects={}", headers.len());
            std::mem::forget(headers);
            (total, summary)
        }
        Measure::YamlEvents => {
            let text = String::from_utf8(bytes)?;
            let mut documents = 0usize;
            for document in serde_yaml::Deserializer::from_str(&text) {
                IgnoredAny::deserialize(document)?;
                documents += 1;
            }
            let total = start.elapsed();
            (total, format!("documents={documents}"))
        }
        Measure::JsonTyped => {
            let text = String::from_utf8(bytes)?;
            let list: HeaderList = serde_json::from_str(&text)?;
            let total = start.elapsed();
            let list = std::hint::black_box(list);
            let summary = format!("objects={}", list.items.len());
            std::mem::forget(list);
            (total, summary)
        }
        Measure::JsonIgnored => {
            let text = String::from_utf8(bytes)?;
            let _: IgnoredAny = serde_json::from_str(&text)?;
            (start.elapsed(), "documents=1".to_string())
        }
    };
    println!(
        "RESULT {} {} {} {summary}",
        read.as_nanos(),
        total.as_nanos(),
        peak_rss_kb()?
    );
    Ok(())
}

/// The 1-minute load average, or `?` off Linux.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// The process's peak resident set size (`VmHWM`), in KiB.
fn peak_rss_kb() -> Result<u64> {
    let status = fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .ok_or("no VmHWM in /proc/self/status")?;
    Ok(line.trim().trim_end_matches("kB").trim().parse()?)
}

// ---------------------------------------------------------------------------------------------
// Data files.

fn data_dir() -> PathBuf {
    match std::env::var_os("ISTIO2ASM_BENCH_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench-data"),
    }
}

/// Writes the three forms of one size unless all of them are there. Each file is written under a
/// temporary name and renamed, so an interrupted run never leaves a truncated export behind.
fn ensure_data(dir: &Path, pods: usize) -> Result<()> {
    let paths: Vec<PathBuf> = Form::ALL
        .iter()
        .map(|f| dir.join(f.file_name(pods)))
        .collect();
    if paths.iter().all(|p| p.exists()) {
        return Ok(());
    }
    eprintln!("bench: generating {pods} pods into {}", dir.display());
    let started = Instant::now();
    let temps: Vec<PathBuf> = paths.iter().map(|p| p.with_extension("tmp")).collect();
    let mut writers = Vec::new();
    for temp in &temps {
        writers.push(BufWriter::with_capacity(1 << 20, fs::File::create(temp)?));
    }
    let [list, multi, json] = writers.as_mut_slice() else {
        return Err("three writers expected".into());
    };
    write_cluster(&Cluster::new(pods), list, multi, json)?;
    for writer in &mut writers {
        writer.flush()?;
    }
    drop(writers);
    for (temp, path) in temps.iter().zip(&paths) {
        fs::rename(temp, path)?;
    }
    eprintln!(
        "bench: generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Streams the cluster's objects into the three forms.
fn write_cluster(
    cluster: &Cluster,
    list: &mut impl Write,
    multi: &mut impl Write,
    json: &mut impl Write,
) -> Result<()> {
    list.write_all(b"apiVersion: v1\nitems:\n")?;
    json.write_all(b"{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n")?;
    let mut yaml = String::new();
    let mut first = true;
    for object in cluster.objects() {
        yaml.clear();
        yaml_item(&mut yaml, &object);
        list.write_all(yaml.as_bytes())?;

        yaml.clear();
        yaml.push_str("---\n");
        yaml_document(&mut yaml, &object);
        multi.write_all(yaml.as_bytes())?;

        if !first {
            json.write_all(b",\n")?;
        }
        first = false;
        json_item(json, &object)?;
    }
    list.write_all(b"kind: List\nmetadata:\n  resourceVersion: \"\"\n")?;
    json.write_all(
        b"\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n",
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Emitters: YAML as kubectl (go-yaml) prints it, JSON as `kubectl -o json` prints it.

/// One item of a List: `- ` at column 0, the object's keys at column 2.
fn yaml_item(out: &mut String, object: &Value) {
    yaml_seq(out, std::slice::from_ref(object), 0);
}

/// One object as a document's root mapping.
fn yaml_document(out: &mut String, object: &Value) {
    match object {
        Value::Object(map) => yaml_map(out, map, 0, false),
        other => {
            yaml_scalar(out, other);
            out.push('\n');
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Map entries with keys at `indent`; with `inline_first`, the first key follows a `- ` already
/// written.
fn yaml_map(out: &mut String, map: &Map<String, Value>, indent: usize, inline_first: bool) {
    for (index, (key, value)) in map.iter().enumerate() {
        if index > 0 || !inline_first {
            pad(out, indent);
        }
        yaml_string(out, key);
        out.push(':');
        match value {
            Value::Object(inner) if inner.is_empty() => out.push_str(" {}\n"),
            Value::Object(inner) => {
                out.push('\n');
                yaml_map(out, inner, indent + 2, false);
            }
            Value::Array(items) if items.is_empty() => out.push_str(" []\n"),
            // go-yaml does not indent a sequence under a mapping key.
            Value::Array(items) => {
                out.push('\n');
                yaml_seq(out, items, indent);
            }
            Value::String(text) if text.contains('\n') => {
                out.push(' ');
                yaml_literal(out, text, indent + 2);
            }
            scalar => {
                out.push(' ');
                yaml_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

fn yaml_seq(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => yaml_map(out, map, indent + 2, true),
            Value::Object(_) => out.push_str("{}\n"),
            Value::Array(items) if items.is_empty() => out.push_str("[]\n"),
            Value::Array(_) => unreachable!("the generator writes no nested sequences"),
            Value::String(text) if text.contains('\n') => yaml_literal(out, text, indent + 2),
            scalar => {
                yaml_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

/// A multi-line string as a literal block scalar (`|` keeps one final newline, `|-` none).
fn yaml_literal(out: &mut String, text: &str, indent: usize) {
    let body = match text.strip_suffix('\n') {
        Some(body) => {
            out.push_str("|\n");
            body
        }
        None => {
            out.push_str("|-\n");
            text
        }
    };
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn yaml_scalar(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => yaml_string(out, s),
        Value::Array(_) | Value::Object(_) => unreachable!("containers are not scalars"),
    }
}

/// go-yaml's choice: `""` when empty, double quotes when the plain text would read as another type
/// (numbers, booleans, null, timestamps), single quotes when it would not parse as plain text.
fn yaml_string(out: &mut String, s: &str) {
    if s.is_empty() {
        out.push_str("\"\"");
    } else if reads_as_non_string(s) {
        out.push('"');
        for c in s.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    } else if needs_quotes(s) {
        out.push('\'');
        out.push_str(&s.replace('\'', "''"));
        out.push('\'');
    } else {
        out.push_str(s);
    }
}

fn reads_as_non_string(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let bytes = s.as_bytes();
    matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    ) || s.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower.starts_with(".nan")
        || (bytes.len() >= 10 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-')
}

fn needs_quotes(s: &str) -> bool {
    let bytes = s.as_bytes();
    let first = bytes[0];
    let indicator = b"-?:,[]{}#&*!|>'\"%@`".contains(&first);
    // `-p` and `--domain` are plain; `-`, `- x` and `*` are not.
    let dash_ok = first == b'-' && bytes.len() > 1 && bytes[1] != b' ';
    (indicator && !dash_ok)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.contains('\t')
}

/// One List item as `kubectl -o json` prints it: Go's 4-space indentation, two levels deep.
fn json_item(out: &mut impl Write, object: &Value) -> Result<()> {
    let mut buffer = Vec::with_capacity(32 << 10);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
    serde::Serialize::serialize(object, &mut serializer)?;
    for (index, line) in buffer.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"        ")?;
        out.write_all(line)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The generated cluster.
//
// Shapes follow a real export (crates/istio2asm-core/demo/cluster.yaml) and Istio's own injection
// golden file (fixtures/upstream-istio/injected/hello.yaml.injected): Deployments and ReplicaSets
// carry the uninjected template, pods the injected one (istio-init + istio-proxy, or istio-proxy as
// a native sidecar in every tenth Deployment), with the full status block kubectl prints.

const APPS: [&str; 12] = [
    "cart",
    "catalog",
    "checkout",
    "currency",
    "email",
    "frontend",
    "payment",
    "productcatalog",
    "recommendation",
    "shipping",
    "ad",
    "quote",
];
const TEAMS: [&str; 10] = [
    "shop",
    "payments",
    "orders",
    "search",
    "users",
    "inventory",
    "billing",
    "reviews",
    "media",
    "ops",
];
const PROXY_IMAGE: &str = "docker.io/istio/proxyv2:1.22.3";
const PROXY_IMAGE_ID: &str =
    "docker.io/istio/proxyv2@sha256:c7650d719cf8c08f3c86630274a7af15262152521f33a0f22cb132e7425c3148";
/// kube's random suffix alphabet (no vowels, no look-alikes).
const KUBE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// splitmix64: a deterministic stream per object, so any object can be built on its own.
struct Rng(u64);

impl Rng {
    fn new(kind: u64, index: usize) -> Rng {
        Rng(kind.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize] as char)
            .collect()
    }

    fn hex(&mut self, len: usize) -> String {
        self.chars(b"0123456789abcdef", len)
    }

    fn uid(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(4),
            self.hex(4),
            self.hex(12)
        )
    }

    fn resource_version(&mut self) -> String {
        (10_000_000 + self.below(60_000_000)).to_string()
    }

    /// A time in 2025 to the second, as kubectl prints it.
    fn timestamp(&mut self) -> String {
        timestamp(self.below(300 * 86_400))
    }
}

fn timestamp(seconds_into_2025: u64) -> String {
    let days = seconds_into_2025 / 86_400;
    let rest = seconds_into_2025 % 86_400;
    let month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut month, mut day) = (0, days);
    while day >= month_days[month] {
        day -= month_days[month];
        month += 1;
    }
    format!(
        "2025-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        month + 1,
        day + 1,
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Adds a few seconds to a timestamp made by [`timestamp`].
fn later(stamp: &str, seconds: u64) -> String {
    let parse = |range: std::ops::Range<usize>| stamp[range].parse::<u64>().unwrap_or(0);
    let month_days = [31u64, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let days: u64 = month_days[..(parse(5..7) as usize - 1)].iter().sum::<u64>() + parse(8..10) - 1;
    timestamp(days * 86_400 + parse(11..13) * 3600 + parse(14..16) * 60 + parse(17..19) + seconds)
}

struct Cluster {
    pods: usize,
    namespaces: usize,
    deployments: usize,
}

/// One application Deployment and what belongs to it.
struct App {
    index: usize,
    name: String,
    namespace: String,
    replicas: usize,
    hash: String,
    deployment_uid: String,
    replicaset_uid: String,
    image: String,
    created: String,
    /// istio-proxy as an init container with `restartPolicy: Always`.
    native_sidecar: bool,
    /// `PROXY_CONFIG_XDS_AGENT` set in the proxy's environment.
    xds_agent: bool,
    grpc: bool,
}

impl Cluster {
    fn new(pods: usize) -> Cluster {
        Cluster {
            pods,
            namespaces: pods.div_ceil(PODS_PER_NAMESPACE).max(1),
            deployments: pods.div_ceil(REPLICAS),
        }
    }

    /// Application pods plus istiod's two.
    fn total_pods(&self) -> usize {
        self.pods + 2
    }

    fn total_objects(&self) -> usize {
        // Namespaces (+ istio-system), Deployments, ReplicaSets, Services (+ istiod's), pods.
        (self.namespaces + 1) + 3 * (self.deployments + 1) + self.total_pods()
    }

    fn namespace(&self, index: usize) -> String {
        format!("{}-{:02}", TEAMS[index % TEAMS.len()], index / TEAMS.len())
    }

    fn app(&self, index: usize) -> App {
        let mut rng = Rng::new(1, index);
        let base = APPS[index % APPS.len()];
        App {
            index,
            name: format!("{base}-{index}"),
            namespace: self.namespace(index * REPLICAS / PODS_PER_NAMESPACE),
            replicas: REPLICAS.min(self.pods - index * REPLICAS),
            hash: rng.chars(KUBE_ALPHABET, 10),
            deployment_uid: rng.uid(),
            replicaset_uid: rng.uid(),
            image: format!(
                "registry.example.com/shop/{base}:1.{}.{}",
                rng.below(20),
                rng.below(10)
            ),
            created: rng.timestamp(),
            native_sidecar: index % 10 == 7,
            xds_agent: index % 3 == 0,
            grpc: index % 2 == 1,
        }
    }

    /// Every object in the order `kubectl get namespaces,deployments,replicasets,pods,services`
    /// prints them.
    fn objects(&self) -> impl Iterator<Item = Value> + '_ {
        let namespaces = std::iter::once(istio_system_namespace())
            .chain((0..self.namespaces).map(|i| self.namespace_object(i)));
        let deployments = std::iter::once(istiod_deployment(false))
            .chain((0..self.deployments).map(|d| deployment(&self.app(d), false)));
        let replicasets = std::iter::once(istiod_deployment(true))
            .chain((0..self.deployments).map(|d| deployment(&self.app(d), true)));
        let pods = (0..2)
            .map(istiod_pod)
            .chain((0..self.deployments).flat_map(|d| {
                let app = self.app(d);
                (0..app.replicas).map(|r| pod(&app, r)).collect::<Vec<_>>()
            }));
        let services = std::iter::once(istiod_service())
            .chain((0..self.deployments).map(|d| service(&self.app(d))));
        namespaces
            .chain(deployments)
            .chain(replicasets)
            .chain(pods)
            .chain(services)
    }

    fn namespace_object(&self, index: usize) -> Value {
        let mut rng = Rng::new(2, index);
        let name = self.namespace(index);
        json!({
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {
                "creationTimestamp": rng.timestamp(),
                "labels": {
                    "istio-injection": "enabled",
                    "kubernetes.io/metadata.name": name,
                    "team": TEAMS[index % TEAMS.len()],
                },
                "name": name,
                "resourceVersion": rng.resource_version(),
                "uid": rng.uid(),
            },
            "spec": {"finalizers": ["kubernetes"]},
            "status": {"phase": "Active"},
        })
    }
}

fn istio_system_namespace() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "creationTimestamp": "2024-08-05T06:14:42Z",
            "labels": {"kubernetes.io/metadata.name": "istio-system"},
            "name": "istio-system",
            "resourceVersion": "1877",
            "uid": "0bd2c3a1-1f3e-4a3c-9a51-3b7d0a2f6c11",
        },
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    })
}

fn app_labels(app: &App) -> Value {
    json!({"app": app.name, "version": "v1"})
}

fn app_ports(app: &App) -> Value {
    let mut ports = vec![json!({"containerPort": 8080, "name": "http", "protocol": "TCP"})];
    if app.grpc {
        ports.push(json!({"containerPort": 9090, "name": "grpc", "protocol": "TCP"}));
    }
    Value::Array(ports)
}

fn app_container(app: &App, kube_api_access: Option<&str>) -> Value {
    let mounts: Vec<Value> = kube_api_access
        .map(|token| {
            json!({
                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                "name": token,
                "readOnly": true,
            })
        })
        .into_iter()
        .collect();
    json!({
        "env": [{"name": "PORT", "value": "8080"}],
        "image": app.image,
        "imagePullPolicy": "IfNotPresent",
        "name": app.name,
        "ports": app_ports(app),
        "resources": {
            "limits": {"cpu": "1", "memory": "512Mi"},
            "requests": {"cpu": "100m", "memory": "128Mi"},
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "volumeMounts": mounts,
    })
}

fn template_metadata(app: &App, hash: Option<&str>) -> Value {
    let mut labels = app_labels(app);
    if let (Some(hash), Value::Object(map)) = (hash, &mut labels) {
        map.insert("pod-template-hash".into(), hash.into());
    }
    json!({
        "annotations": {"kubectl.kubernetes.io/restartedAt": later(&app.created, 3600)},
        "creationTimestamp": null,
        "labels": labels,
    })
}

/// A Deployment, or (with `replicaset`) its current ReplicaSet.
fn deployment(app: &App, replicaset: bool) -> Value {
    let mut rng = Rng::new(if replicaset { 4 } else { 3 }, app.index);
    let hash = replicaset.then_some(app.hash.as_str());
    let mut selector = app_labels(app);
    if let (Some(hash), Value::Object(map)) = (hash, &mut selector) {
        map.insert("pod-template-hash".into(), hash.into());
    }
    let template = json!({
        "metadata": template_metadata(app, hash),
        "spec": {
            "containers": [app_container(app, None)],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": app.name,
            "serviceAccountName": app.name,
            "terminationGracePeriodSeconds": 30,
        },
    });
    let replicas = app.replicas;
    if replicaset {
        json!({
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "annotations": {
                    "deployment.kubernetes.io/desired-replicas": replicas.to_string(),
                    "deployment.kubernetes.io/max-replicas": (replicas + 2).to_string(),
                    "deployment.kubernetes.io/revision": "2",
                },
                "creationTimestamp": later(&app.created, 3600),
                "generation": 1,
                "labels": {"app": app.name, "pod-template-hash": app.hash, "version": "v1"},
                "name": format!("{}-{}", app.name, app.hash),
                "namespace": app.namespace,
                "ownerReferences": [{
                    "apiVersion": "apps/v1",
                    "blockOwnerDeletion": true,
                    "controller": true,
                    "kind": "Deployment",
                    "name": app.name,
                    "uid": app.deployment_uid,
                }],
                "resourceVersion": rng.resource_version(),
                "uid": app.replicaset_uid,
            },
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": selector},
                "template": template,
            },
            "status": {
                "availableReplicas": replicas,
                "fullyLabeledReplicas": replicas,
                "observedGeneration": 1,
                "readyReplicas": replicas,
                "replicas": replicas,
            },
        })
    } else {
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "annotations": {"deployment.kubernetes.io/revision": "2"},
                "creationTimestamp": app.created,
                "generation": 2,
                "labels": {"app": app.name, "version": "v1"},
                "name": app.name,
                "namespace": app.namespace,
                "resourceVersion": rng.resource_version(),
                "uid": app.deployment_uid,
            },
            "spec": {
                "progressDeadlineSeconds": 600,
                "replicas": replicas,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": selector},
                "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                "template": template,
            },
            "status": {
                "availableReplicas": replicas,
                "conditions": [
                    {
                        "lastTransitionTime": later(&app.created, 40),
                        "lastUpdateTime": later(&app.created, 40),
                        "message": "Deployment has minimum availability.",
                        "reason": "MinimumReplicasAvailable",
                        "status": "True",
                        "type": "Available",
                    },
                    {
                        "lastTransitionTime": app.created,
                        "lastUpdateTime": later(&app.created, 3700),
                        "message": format!("ReplicaSet \"{}-{}\" has successfully progressed.", app.name, app.hash),
                        "reason": "NewReplicaSetAvailable",
                        "status": "True",
                        "type": "Progressing",
                    },
                ],
                "observedGeneration": 2,
                "readyReplicas": replicas,
                "replicas": replicas,
                "updatedReplicas": replicas,
            },
        })
    }
}

fn field_env(name: &str, path: &str) -> Value {
    json!({"name": name, "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": path}}})
}

fn resource_env(name: &str, resource: &str) -> Value {
    json!({"name": name, "valueFrom": {"resourceFieldRef": {"divisor": "0", "resource": resource}}})
}

fn value_env(name: &str, value: &str) -> Value {
    json!({"name": name, "value": value})
}

fn proxy_resources() -> Value {
    json!({
        "limits": {"cpu": "2", "memory": "1Gi"},
        "requests": {"cpu": "100m", "memory": "128Mi"},
    })
}

fn proxy_container(app: &App, token: &str) -> Value {
    let mut pod_ports = String::from("[\n");
    let _ = write!(
        pod_ports,
        "    {{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"}}"
    );
    if app.grpc {
        pod_ports
            .push_str("\n    ,{\"name\":\"grpc\",\"containerPort\":9090,\"protocol\":\"TCP\"}");
    }
    pod_ports.push_str("\n]");
    let mut env = vec![
        value_env("PILOT_CERT_PROVIDER", "istiod"),
        value_env("CA_ADDR", "istiod.istio-system.svc:15012"),
        field_env("POD_NAME", "metadata.name"),
        field_env("POD_NAMESPACE", "metadata.namespace"),
        field_env("INSTANCE_IP", "status.podIP"),
        field_env("SERVICE_ACCOUNT", "spec.serviceAccountName"),
        field_env("HOST_IP", "status.hostIP"),
        resource_env("ISTIO_CPU_LIMIT", "limits.cpu"),
        value_env("PROXY_CONFIG", "{}\n"),
        value_env("ISTIO_META_POD_PORTS", &pod_ports),
        value_env("ISTIO_META_APP_CONTAINERS", &app.name),
        resource_env("GOMEMLIMIT", "limits.memory"),
        value_env("ISTIO_META_CLUSTER_ID", "cluster1"),
        field_env("ISTIO_META_NODE_NAME", "spec.nodeName"),
        value_env("ISTIO_META_INTERCEPTION_MODE", "REDIRECT"),
        value_env("ISTIO_META_WORKLOAD_NAME", &app.name),
        value_env(
            "ISTIO_META_OWNER",
            &format!(
                "kubernetes://apis/apps/v1/namespaces/{}/deployments/{}",
                app.namespace, app.name
            ),
        ),
        value_env("ISTIO_META_MESH_ID", "cluster.local"),
        value_env("TRUST_DOMAIN", "cluster.local"),
    ];
    if app.xds_agent {
        env.push(value_env("PROXY_CONFIG_XDS_AGENT", "true"));
    }
    let probe = |threshold: u32, period: u32| {
        json!({
            "failureThreshold": threshold,
            "httpGet": {"path": "/healthz/ready", "port": 15021, "scheme": "HTTP"},
            "periodSeconds": period,
            "successThreshold": 1,
            "timeoutSeconds": 3,
        })
    };
    let mut container = json!({
        "args": [
            "proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local",
            "--proxyLogLevel=warning", "--proxyComponentLogLevel=misc:error",
            "--log_output_level=default:info",
        ],
        "env": env,
        "image": PROXY_IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "lifecycle": {"preStop": {"exec": {"command": [
            "pilot-agent", "request", "--debug-port=15020", "POST", "drain",
        ]}}},
        "name": "istio-proxy",
        "ports": [{"containerPort": 15090, "name": "http-envoy-prom", "protocol": "TCP"}],
        "readinessProbe": probe(4, 15),
        "resources": proxy_resources(),
        "securityContext": {
            "allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]},
            "privileged": false,
            "readOnlyRootFilesystem": true,
            "runAsGroup": 1337,
            "runAsNonRoot": true,
            "runAsUser": 1337,
        },
        "startupProbe": probe(600, 1),
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "volumeMounts": [
            {"mountPath": "/var/run/secrets/workload-spiffe-uds", "name": "workload-socket"},
            {"mountPath": "/var/run/secrets/credential-uds", "name": "credential-socket"},
            {"mountPath": "/var/run/secrets/workload-spiffe-credentials", "name": "workload-certs"},
            {"mountPath": "/var/run/secrets/istio", "name": "istiod-ca-cert"},
            {"mountPath": "/var/lib/istio/data", "name": "istio-data"},
            {"mountPath": "/etc/istio/proxy", "name": "istio-envoy"},
            {"mountPath": "/var/run/secrets/tokens", "name": "istio-token"},
            {"mountPath": "/etc/istio/pod", "name": "istio-podinfo"},
            {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": token, "readOnly": true},
        ],
    });
    if app.native_sidecar {
        if let Value::Object(map) = &mut container {
            map.insert("restartPolicy".into(), "Always".into());
        }
    }
    container
}

fn istio_init_container() -> Value {
    json!({
        "args": [
            "istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT",
            "-i", "*", "-x", "", "-b", "*", "-d", "15090,15021,15020",
            "--log_output_level=default:info",
        ],
        "image": PROXY_IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "name": "istio-init",
        "resources": proxy_resources(),
        "securityContext": {
            "allowPrivilegeEscalation": false,
            "capabilities": {"add": ["NET_ADMIN", "NET_RAW"], "drop": ["ALL"]},
            "privileged": false,
            "readOnlyRootFilesystem": false,
            "runAsGroup": 0,
            "runAsNonRoot": false,
            "runAsUser": 0,
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
    })
}

fn pod_volumes(token: &str) -> Value {
    let mut volumes = vec![
        json!({"emptyDir": {}, "name": "workload-socket"}),
        json!({"emptyDir": {}, "name": "credential-socket"}),
        json!({"emptyDir": {}, "name": "workload-certs"}),
        json!({"emptyDir": {"medium": "Memory"}, "name": "istio-envoy"}),
        json!({"emptyDir": {}, "name": "istio-data"}),
        json!({
            "downwardAPI": {
                "defaultMode": 420,
                "items": [
                    {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}, "path": "labels"},
                    {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.annotations"}, "path": "annotations"},
                ],
            },
            "name": "istio-podinfo",
        }),
        json!({
            "name": "istio-token",
            "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"audience": "istio-ca", "expirationSeconds": 43200, "path": "istio-token"}},
            ]},
        }),
        json!({"configMap": {"defaultMode": 420, "name": "istio-ca-root-cert"}, "name": "istiod-ca-cert"}),
    ];
    volumes.push(json!({
        "name": token,
        "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
            {"downwardAPI": {"items": [
                {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"},
            ]}},
        ]},
    }));
    Value::Array(volumes)
}

fn container_status(
    name: &str,
    image: &str,
    image_id: &str,
    rng: &mut Rng,
    started: &str,
) -> Value {
    json!({
        "containerID": format!("containerd://{}", rng.hex(64)),
        "image": image,
        "imageID": image_id,
        "lastState": {},
        "name": name,
        "ready": true,
        "restartCount": 0,
        "started": true,
        "state": {"running": {"startedAt": started}},
    })
}

fn pod_conditions(created: &str) -> Value {
    json!([
        {"lastProbeTime": null, "lastTransitionTime": later(created, 2), "status": "True", "type": "Initialized"},
        {"lastProbeTime": null, "lastTransitionTime": later(created, 9), "status": "True", "type": "Ready"},
        {"lastProbeTime": null, "lastTransitionTime": later(created, 9), "status": "True", "type": "ContainersReady"},
        {"lastProbeTime": null, "lastTransitionTime": created, "status": "True", "type": "PodScheduled"},
    ])
}

fn pod(app: &App, replica: usize) -> Value {
    let mut rng = Rng::new(5, app.index * REPLICAS + replica);
    let suffix = rng.chars(KUBE_ALPHABET, 5);
    let token = format!("kube-api-access-{}", rng.chars(KUBE_ALPHABET, 5));
    let created = later(&app.created, 3600 + rng.below(600));
    let node = format!("cn-hangzhou.10.0.{}.{}", rng.below(8), 10 + rng.below(40));
    let host_ip = node.trim_start_matches("cn-hangzhou.").to_string();
    let pod_ip = format!("10.0.{}.{}", 16 + rng.below(200), 2 + rng.below(250));
    let (init_containers, containers, status_key) = if app.native_sidecar {
        (
            vec![istio_init_container(), proxy_container(app, &token)],
            vec![app_container(app, Some(&token))],
            "istio-init\",\"istio-proxy\"],\"containers\":null",
        )
    } else {
        (
            vec![istio_init_container()],
            vec![
                app_container(app, Some(&token)),
                proxy_container(app, &token),
            ],
            "istio-init\"],\"containers\":[\"istio-proxy\"]",
        )
    };
    let sidecar_status = format!(
        "{{\"initContainers\":[\"{status_key},\"volumes\":[\"workload-socket\",\"credential-socket\",\"workload-certs\",\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],\"imagePullSecrets\":null,\"revision\":\"default\"}}"
    );
    let started = later(&created, 5);
    let mut statuses = vec![container_status(
        &app.name,
        &app.image,
        &format!(
            "{}@sha256:{}",
            app.image.split(':').next().unwrap_or(""),
            rng.hex(64)
        ),
        &mut rng,
        &started,
    )];
    let init_done = json!({
        "containerID": format!("containerd://{}", rng.hex(64)),
        "image": PROXY_IMAGE,
        "imageID": PROXY_IMAGE_ID,
        "lastState": {},
        "name": "istio-init",
        "ready": true,
        "restartCount": 0,
        "started": false,
        "state": {"terminated": {
            "containerID": format!("containerd://{}", rng.hex(64)),
            "exitCode": 0,
            "finishedAt": later(&created, 2),
            "reason": "Completed",
            "startedAt": later(&created, 1),
        }},
    });
    let mut init_statuses = vec![init_done];
    let proxy_status = container_status(
        "istio-proxy",
        PROXY_IMAGE,
        PROXY_IMAGE_ID,
        &mut rng,
        &started,
    );
    if app.native_sidecar {
        init_statuses.push(proxy_status);
    } else {
        statuses.push(proxy_status);
    }
    statuses.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "annotations": {
                "istio.io/rev": "default",
                "kubectl.kubernetes.io/default-container": app.name,
                "kubectl.kubernetes.io/default-logs-container": app.name,
                "prometheus.io/path": "/stats/prometheus",
                "prometheus.io/port": "15020",
                "prometheus.io/scrape": "true",
                "sidecar.istio.io/status": sidecar_status,
            },
            "creationTimestamp": created,
            "generateName": format!("{}-{}-", app.name, app.hash),
            "labels": {
                "app": app.name,
                "pod-template-hash": app.hash,
                "security.istio.io/tlsMode": "istio",
                "service.istio.io/canonical-name": app.name,
                "service.istio.io/canonical-revision": "v1",
                "version": "v1",
            },
            "name": format!("{}-{}-{}", app.name, app.hash, suffix),
            "namespace": app.namespace,
            "ownerReferences": [{
                "apiVersion": "apps/v1",
                "blockOwnerDeletion": true,
                "controller": true,
                "kind": "ReplicaSet",
                "name": format!("{}-{}", app.name, app.hash),
                "uid": app.replicaset_uid,
            }],
            "resourceVersion": rng.resource_version(),
            "uid": rng.uid(),
        },
        "spec": {
            "containers": containers,
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "initContainers": init_containers,
            "nodeName": node,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": app.name,
            "serviceAccountName": app.name,
            "terminationGracePeriodSeconds": 30,
            "volumes": pod_volumes(&token),
        },
        "status": {
            "conditions": pod_conditions(&created),
            "containerStatuses": statuses,
            "hostIP": host_ip,
            "initContainerStatuses": init_statuses,
            "phase": "Running",
            "podIP": pod_ip,
            "podIPs": [{"ip": pod_ip}],
            "qosClass": "Burstable",
            "startTime": created,
        },
    })
}

fn service(app: &App) -> Value {
    let mut rng = Rng::new(6, app.index);
    let cluster_ip = format!("192.168.{}.{}", rng.below(256), 1 + rng.below(254));
    let mut ports =
        vec![json!({"name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080})];
    if app.grpc {
        ports.push(json!({"appProtocol": "grpc", "name": "grpc", "port": 9090, "protocol": "TCP", "targetPort": "grpc"}));
    }
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
            "creationTimestamp": app.created,
            "labels": {"app": app.name, "service": app.name},
            "name": app.name,
            "namespace": app.namespace,
            "resourceVersion": rng.resource_version(),
            "uid": rng.uid(),
        },
        "spec": {
            "clusterIP": cluster_ip,
            "clusterIPs": [cluster_ip],
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": ports,
            "selector": {"app": app.name},
            "sessionAffinity": "None",
            "type": "ClusterIP",
        },
        "status": {"loadBalancer": {}},
    })
}

// istiod, copied from the demo export: it makes the control plane detectable, so the checks that
// compare sidecars with their control plane do their full work.

const ISTIOD_HASH: &str = "599d4b6c65";
const ISTIOD_DEPLOYMENT_UID: &str = "26442721-d365-4280-9fca-5954c4f73809";
const ISTIOD_REPLICASET_UID: &str = "6d0f2f5e-2b52-4c55-a0f1-4b6f8f0d6a21";

fn istiod_labels() -> Value {
    json!({
        "app": "istiod",
        "install.operator.istio.io/owning-resource": "unknown",
        "istio": "pilot",
        "istio.io/dataplane-mode": "none",
        "istio.io/rev": "default",
        "operator.istio.io/component": "Pilot",
        "sidecar.istio.io/inject": "false",
    })
}

fn istiod_container(token: Option<&str>) -> Value {
    let mut mounts = vec![
        json!({"mountPath": "/var/run/secrets/tokens", "name": "istio-token", "readOnly": true}),
        json!({"mountPath": "/var/run/secrets/istio-dns", "name": "local-certs"}),
        json!({"mountPath": "/etc/cacerts", "name": "cacerts", "readOnly": true}),
    ];
    if let Some(token) = token {
        mounts.push(json!({"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": token, "readOnly": true}));
    }
    json!({
        "args": [
            "discovery", "--monitoringAddr=:15014", "--log_output_level=default:info", "--domain",
            "cluster.local", "--keepaliveMaxServerConnectionAge", "30m",
        ],
        "env": [
            value_env("REVISION", "default"),
            value_env("PILOT_CERT_PROVIDER", "istiod"),
            field_env("POD_NAME", "metadata.name"),
            field_env("POD_NAMESPACE", "metadata.namespace"),
            field_env("SERVICE_ACCOUNT", "spec.serviceAccountName"),
            value_env("PILOT_TRACE_SAMPLING", "1"),
            value_env("PILOT_ENABLE_ANALYSIS", "false"),
            value_env("CLUSTER_ID", "cluster1"),
            resource_env("GOMEMLIMIT", "limits.memory"),
            resource_env("GOMAXPROCS", "limits.cpu"),
            value_env("PLATFORM", ""),
        ],
        "image": "docker.io/istio/pilot:1.22.3",
        "imagePullPolicy": "IfNotPresent",
        "name": "discovery",
        "ports": [
            {"containerPort": 8080, "protocol": "TCP"},
            {"containerPort": 15010, "protocol": "TCP"},
            {"containerPort": 15017, "protocol": "TCP"},
        ],
        "readinessProbe": {
            "failureThreshold": 3,
            "httpGet": {"path": "/ready", "port": 8080, "scheme": "HTTP"},
            "initialDelaySeconds": 1,
            "periodSeconds": 3,
            "successThreshold": 1,
            "timeoutSeconds": 5,
        },
        "resources": {"requests": {"cpu": "500m", "memory": "2Gi"}},
        "securityContext": {
            "allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]},
            "readOnlyRootFilesystem": true,
            "runAsGroup": 1337,
            "runAsNonRoot": true,
            "runAsUser": 1337,
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "volumeMounts": mounts,
    })
}

fn istiod_volumes() -> Value {
    json!([
        {"emptyDir": {"medium": "Memory"}, "name": "local-certs"},
        {"name": "istio-token", "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"audience": "istio-ca", "expirationSeconds": 43200, "path": "istio-token"}},
        ]}},
        {"name": "cacerts", "secret": {"defaultMode": 420, "optional": true, "secretName": "cacerts"}},
    ])
}

fn istiod_deployment(replicaset: bool) -> Value {
    let template = json!({
        "metadata": {
            "annotations": {"prometheus.io/port": "15014", "prometheus.io/scrape": "true", "sidecar.istio.io/inject": "false"},
            "creationTimestamp": null,
            "labels": istiod_labels(),
        },
        "spec": {
            "containers": [istiod_container(None)],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": "istiod",
            "serviceAccountName": "istiod",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [{"key": "cni.istio.io/not-ready", "operator": "Exists"}],
            "volumes": istiod_volumes(),
        },
    });
    if replicaset {
        json!({
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "annotations": {"deployment.kubernetes.io/desired-replicas": "2", "deployment.kubernetes.io/max-replicas": "4", "deployment.kubernetes.io/revision": "1"},
                "creationTimestamp": "2024-08-05T06:14:51Z",
                "generation": 1,
                "labels": {"app": "istiod", "istio": "pilot", "istio.io/rev": "default", "pod-template-hash": ISTIOD_HASH},
                "name": format!("istiod-{ISTIOD_HASH}"),
                "namespace": "istio-system",
                "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "Deployment", "name": "istiod", "uid": ISTIOD_DEPLOYMENT_UID}],
                "resourceVersion": "66134700",
                "uid": ISTIOD_REPLICASET_UID,
            },
            "spec": {"replicas": 2, "selector": {"matchLabels": {"istio": "pilot", "pod-template-hash": ISTIOD_HASH}}, "template": template},
            "status": {"availableReplicas": 2, "fullyLabeledReplicas": 2, "observedGeneration": 1, "readyReplicas": 2, "replicas": 2},
        })
    } else {
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "annotations": {"deployment.kubernetes.io/revision": "1"},
                "creationTimestamp": "2024-08-05T06:14:51Z",
                "generation": 1,
                "labels": {
                    "app": "istiod",
                    "install.operator.istio.io/owning-resource": "installed-state",
                    "install.operator.istio.io/owning-resource-namespace": "istio-system",
                    "istio": "pilot",
                    "istio.io/rev": "default",
                    "operator.istio.io/component": "Pilot",
                    "operator.istio.io/managed": "Reconcile",
                    "operator.istio.io/version": "1.22.3",
                    "release": "istio",
                },
                "name": "istiod",
                "namespace": "istio-system",
                "resourceVersion": "66134714",
                "uid": ISTIOD_DEPLOYMENT_UID,
            },
            "spec": {
                "progressDeadlineSeconds": 600,
                "replicas": 2,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"istio": "pilot"}},
                "strategy": {"rollingUpdate": {"maxSurge": "100%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                "template": template,
            },
            "status": {"availableReplicas": 2, "observedGeneration": 1, "readyReplicas": 2, "replicas": 2, "updatedReplicas": 2},
        })
    }
}

fn istiod_pod(index: usize) -> Value {
    let mut rng = Rng::new(7, index);
    let suffix = rng.chars(KUBE_ALPHABET, 5);
    let token = format!("kube-api-access-{}", rng.chars(KUBE_ALPHABET, 5));
    let created = "2025-04-22T11:47:09Z";
    let mut labels = istiod_labels();
    if let Value::Object(map) = &mut labels {
        map.insert("pod-template-hash".into(), ISTIOD_HASH.into());
    }
    let mut volumes = istiod_volumes();
    if let (Value::Array(items), Value::Array(extra)) = (&mut volumes, pod_volumes(&token)) {
        items.extend(extra.into_iter().filter(|v| v["name"] == token.as_str()));
    }
    let ip = format!("10.0.{}.{}", 16 + index, 30 + rng.below(200));
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "annotations": {"prometheus.io/port": "15014", "prometheus.io/scrape": "true", "sidecar.istio.io/inject": "false"},
            "creationTimestamp": created,
            "generateName": format!("istiod-{ISTIOD_HASH}-"),
            "labels": labels,
            "name": format!("istiod-{ISTIOD_HASH}-{suffix}"),
            "namespace": "istio-system",
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "ReplicaSet", "name": format!("istiod-{ISTIOD_HASH}"), "uid": ISTIOD_REPLICASET_UID}],
            "resourceVersion": rng.resource_version(),
            "uid": rng.uid(),
        },
        "spec": {
            "containers": [istiod_container(Some(&token))],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "nodeName": format!("cn-hangzhou.10.0.1.{}", 11 + index),
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": "istiod",
            "serviceAccountName": "istiod",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [{"key": "cni.istio.io/not-ready", "operator": "Exists"}],
            "volumes": volumes,
        },
        "status": {
            "conditions": pod_conditions(created),
            "containerStatuses": [container_status("discovery", "docker.io/istio/pilot:1.22.3", "docker.io/istio/pilot@sha256:2a6b1c4f3e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b", &mut rng, "2025-04-22T11:47:14Z")],
            "hostIP": format!("10.0.1.{}", 11 + index),
            "phase": "Running",
            "podIP": ip,
            "podIPs": [{"ip": ip}],
            "qosClass": "Burstable",
            "startTime": created,
        },
    })
}

fn istiod_service() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
            "creationTimestamp": "2024-08-05T06:14:51Z",
            "labels": {"app": "istiod", "istio": "pilot", "istio.io/rev": "default", "release": "istio"},
            "name": "istiod",
            "namespace": "istio-system",
            "resourceVersion": "1960",
            "uid": "7e1c0b55-9c1e-4a53-8d0c-52b2f4a0e8f1",
        },
        "spec": {
            "clusterIP": "192.168.12.34",
            "clusterIPs": ["192.168.12.34"],
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [
                {"name": "grpc-xds", "port": 15010, "protocol": "TCP", "targetPort": 15010},
                {"name": "https-dns", "port": 15012, "protocol": "TCP", "targetPort": 15012},
                {"name": "https-webhook", "port": 443, "protocol": "TCP", "targetPort": 15017},
                {"name": "http-monitoring", "port": 15014, "protocol": "TCP", "targetPort": 15014},
            ],
            "selector": {"app": "istiod", "istio": "pilot"},
            "sessionAffinity": "None",
            "type": "ClusterIP",
        },
        "status": {"loadBalancer": {}},
    })
}

// ---------------------------------------------------------------------------------------------
// Self-check of the generator, run before every benchmark: the three forms of a small cluster
// must read back (with serde_yaml and serde_json) as exactly the objects generated, and istio2asm
// must see the same cluster in each.

fn verify_generator() -> Result<()> {
    let cluster = Cluster::new(23);
    let objects: Vec<Value> = cluster.objects().collect();
    if objects.len() != cluster.total_objects() {
        return Err("generator: object count mismatch".into());
    }
    let (mut list, mut multi, mut json) = (Vec::new(), Vec::new(), Vec::new());
    write_cluster(&cluster, &mut list, &mut multi, &mut json)?;
    let expected = json!({
        "apiVersion": "v1",
        "items": objects,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    });
    let from_list: Value = serde_yaml::from_slice(&list)?;
    let from_json: Value = serde_json::from_slice(&json)?;
    let from_multi: Vec<Value> = serde_yaml::Deserializer::from_slice(&multi)
        .map(Value::deserialize)
        .collect::<std::result::Result<_, _>>()?;
    for (form, same) in [
        ("list", from_list == expected),
        ("json", from_json == expected),
        ("multi", from_multi == objects),
    ] {
        if !same {
            return Err(
                format!("generator: the {form} form does not read back as generated").into(),
            );
        }
    }
    let mut seen = Vec::new();
    for (form, bytes) in [("list", list), ("multi", multi), ("json", json)] {
        let analysis = analyze(
            vec![Input::new(form, bytes)],
            Vec::new(),
            &Settings::default(),
        );
        let mut codes: Vec<String> = analysis
            .findings
            .iter()
            .map(|f| format!("{:?}", f.code))
            .collect();
        codes.sort();
        seen.push((
            analysis.bundle.pods.len(),
            analysis.bundle.workloads.len(),
            analysis.bundle.services.len(),
            codes,
        ));
    }
    if seen[0].0 != cluster.total_pods() || seen.iter().any(|s| *s != seen[0]) {
        return Err(format!(
            "generator: istio2asm reads the forms differently: {:?}",
            seen.iter()
                .map(|s| (s.0, s.1, s.2, s.3.len()))
                .collect::<Vec<_>>()
        )
        .into());
    }
    Ok(())
}
