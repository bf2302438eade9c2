//! istio2asm for JavaScript: a thin wasm-bindgen adapter over `istio2asm-core`.
//!
//! The API, as a page or Node sees it (hand-written types: `web/js/index.d.ts`):
//!
//! | function | returns |
//! |---|---|
//! | `check(inputs, options?)` | the object `istio2asm check --format json` prints |
//! | `plan(inputs, options?)` | the object `istio2asm plan --format json` prints (deep-frozen) |
//! | `render(plan, format)` | the runbook text: `markdown`, `shell` or `json`, byte for byte the CLI's |
//! | `collect(options?)` | the export script `istio2asm collect` prints |
//! | `explain(code, options?)` | a code's documentation (`istio2asm explain CODE`), as an object |
//! | `version()` | istio2asm's version |
//!
//! `inputs` is an array of `{ name, text }` (`text` a string, a `Uint8Array` or an `ArrayBuffer`);
//! `options` carries the settings of SPEC §2 in camelCase (see [`args`]). Results are plain objects
//! made by `JSON.parse` of the very text the CLI prints, so they equal the CLI's JSON.
//!
//! **Languages.** `options.lang` (`"en"`, the default, or `"zh-CN"`) is the CLI's `--lang`: the
//! texts of findings, gates, plans and runbooks, and the library's own messages, come in it; codes,
//! commands, YAML and JSON keys are the same in both. `render` writes a plan in the plan's own
//! language (its `lang`); `explain` takes `{ lang }` as its second argument.
//!
//! **`render` reads the plan object itself.** The plan's JSON carries everything the runbooks
//! show (core's `render::PlanDoc`), so `render(plan, format)` reads the object it is given: the one
//! `plan()` returned, a copy, or `plan.json` parsed. Anything that is not a plan is refused with
//! `E_PLAN`, saying what is wrong. The runbooks show the commands the object holds, as text.
//!
//! **Several clusters.** `options.clusters` (`[{ name, inputs }]`, instead of `inputs`) analyses
//! a mesh of several clusters (core's `clusters::analyze_clusters`): `check` gives the mesh report
//! (each cluster's report with its `name` and `identity`, the cross-cluster findings, the order of
//! the runbooks), `plan` one plan per cluster in that order (core's `plan::plan_mesh`), and
//! `render` of such a plan one runbook per cluster, `[{ name, text }]`. `check({ clusters, ...options })`
//! with the options alone is `check(null, options)`.
//!
//! **Errors.** Bad arguments throw a JS `Error` whose `code` is one of `E_INPUTS`, `E_OPTIONS`,
//! `E_FORMAT`, `E_PLAN`, `E_CODE`, with a message naming the argument. Nothing else fails: the
//! analysis reports broken inputs as findings, and the core never panics on any input.
//!
//! Only this crate knows `JsValue`; the core stays pure Rust.

use istio2asm_core::clusters::{analyze_clusters, Mesh};
use istio2asm_core::codes::Code;
use istio2asm_core::collect::{self, Format as CollectFormat};
use istio2asm_core::i18n::Lang;
use istio2asm_core::{analyze, changes, plan as core_plan, render as core_render, report, t};
use js_sys::{Object, Reflect, JSON};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub mod args;

use args::{ApiError, ErrorCode, RenderFormat};

/// Throws (through wasm-bindgen's `Result`) a JS `Error` with `code` set.
fn js_error(error: ApiError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    // Setting a property on a fresh, ordinary Error object cannot fail.
    let _ = Reflect::set(
        &js,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code.as_str()),
    );
    js.into()
}

/// Turns JSON text made by serde_json into plain JS objects.
fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

fn to_json_text<T: Serialize>(value: &T, lang: Lang) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::Internal,
            t!(lang, "js-internal", error = e.to_string()),
        ))
    })
}

/// `check(inputs, options?)`: findings, migration state, versions and gates: the object that
/// `istio2asm check --format json` prints.
#[wasm_bindgen(skip_typescript)]
pub fn check(inputs: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut request = args::request("check", &inputs, &options).map_err(js_error)?;
    if let Some(mesh) = mesh(&mut request) {
        return parse_json(&to_json_text(
            &report::mesh_value(&mesh),
            request.settings.lang,
        )?);
    }
    reserve_heap(&request);
    let analysis = analyze(request.inputs, request.asm_inputs, &request.settings);
    let Some(baseline) = &request.baseline else {
        return parse_json(&to_json_text(
            &report::check_value(&analysis),
            request.settings.lang,
        )?);
    };
    let changes = changes::compare_text(baseline, &analysis).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::Options,
            format!("options.baseline: {e}"),
        ))
    })?;
    parse_json(&changes::check_json(&analysis, &changes, "baseline"))
}

/// With `options.clusters`: the analysis of the mesh.
fn mesh(request: &mut args::Request) -> Option<Mesh> {
    let clusters = request.clusters.take()?;
    // Every cluster's analysis is kept (the report and the plans read them all), each with its
    // own copy of the ASM export.
    let asm: usize = request.asm_inputs.iter().map(|i| i.bytes.len()).sum();
    let input = clusters
        .iter()
        .flat_map(|c| &c.inputs)
        .map(|i| i.bytes.len())
        .fold(0usize, usize::saturating_add);
    reserve_bytes(input.saturating_add(asm.saturating_mul(clusters.len())));
    let asm_inputs = std::mem::take(&mut request.asm_inputs);
    Some(analyze_clusters(clusters, asm_inputs, &request.settings))
}

/// Grows the wasm heap once, up front, to what the analysis will need.
///
/// Left to itself, the allocator (dlmalloc) grows the wasm memory by what each allocation lacks,
/// 64 KiB at a time, and V8 answers a memory that keeps growing with a full garbage collection
/// every few steps: about 60 of them on the first `check` of a 12 MB export, a fifth of its time
/// (docs/performance.md). One large block, allocated and freed at once, grows the memory in one step
/// and leaves the allocator a free region that the analysis fills without growing. Pages that are
/// never written are never committed by the operating system, so asking for more than the analysis
/// uses costs address space, not memory: loading needs up to ~6× the input for a YAML `kind: List`,
/// ~2× for JSON, and the factor covers the worst. Wasm memory never shrinks, so later calls reuse it.
fn reserve_heap(request: &args::Request) {
    let input: usize = request
        .inputs
        .iter()
        .chain(&request.asm_inputs)
        .map(|i| i.bytes.len())
        .sum();
    reserve_bytes(input);
}

/// [`reserve_heap`] for `input` bytes of input.
fn reserve_bytes(input: usize) {
    let want = input
        .saturating_mul(HEAP_RESERVE_FACTOR)
        .min(HEAP_RESERVE_CAP);
    let mut block: Vec<u8> = Vec::new();
    // A reservation that fails (near wasm32's 4 GiB) is no error: the analysis then grows as it goes.
    if block.try_reserve_exact(want).is_ok() {
        // black_box: without it the compiler may see that the block is unused and not allocate it.
        drop(std::hint::black_box(block));
    }
}

/// How many times the input size `reserve_heap` asks for.
const HEAP_RESERVE_FACTOR: usize = 8;
/// At most this much (1 GiB), whatever the input: wasm32 memory ends at 4 GiB.
const HEAP_RESERVE_CAP: usize = 1 << 30;

/// `plan(inputs, options?)`: the runbook as data, the object `istio2asm plan --format json` prints.
/// `options.force` emits switches whose gates fail (the plan names them).
#[wasm_bindgen(skip_typescript)]
pub fn plan(inputs: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut request = args::request("plan", &inputs, &options).map_err(js_error)?;
    if request.baseline.is_some() {
        return Err(js_error(ApiError::new(
            ErrorCode::Options,
            t!(request.settings.lang, "js-baseline-plan"),
        )));
    }
    if let Some(mesh) = mesh(&mut request) {
        let plans = core_plan::plan_mesh(&mesh, request.force);
        let value = parse_json(&to_json_text(
            &core_render::mesh_json_value(&plans),
            request.settings.lang,
        )?)?;
        deep_freeze(&value);
        return Ok(value);
    }
    reserve_heap(&request);
    let analysis = analyze(request.inputs, request.asm_inputs, &request.settings);
    let plan = core_plan::plan(&analysis, request.force);
    let value = parse_json(&core_render::json(&plan))?;
    deep_freeze(&value);
    Ok(value)
}

/// Freezes an object and everything inside it (arrays are objects too).
fn deep_freeze(value: &JsValue) {
    if let Some(object) = value.dyn_ref::<Object>() {
        for child in Object::values(object).iter() {
            deep_freeze(&child);
        }
        Object::freeze(object);
    }
}

/// `render(plan, format)`: the runbook of a plan (the object `plan()` returned, a copy of it, or
/// `plan.json` parsed) as `markdown`, `shell` or `json` text, byte for byte what
/// `istio2asm plan --format FORMAT` prints for it, in the plan's language.
#[wasm_bindgen(skip_typescript)]
pub fn render(plan: JsValue, format: JsValue) -> Result<JsValue, JsValue> {
    let is_object = plan.dyn_ref::<Object>().is_some() && !js_sys::Array::is_array(&plan);
    // The messages are in the plan's language, when it says one (else in English).
    let lang = if is_object {
        plan_lang(&plan)
    } else {
        Lang::En
    };
    let format = args::render_format(&format, lang).map_err(js_error)?;
    let not_a_plan = |why: String| {
        js_error(ApiError::new(
            ErrorCode::Plan,
            t!(lang, "js-not-a-plan", why = why),
        ))
    };
    if !is_object {
        return Err(not_a_plan(t!(
            lang,
            "js-plan-got",
            got = args::describe(&plan, lang)
        )));
    }
    let text = JSON::stringify(&plan)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| not_a_plan(t!(lang, "js-plan-not-json")))?;
    if is_mesh_plan(&plan) {
        return render_mesh(&text, format, lang);
    }
    let doc = core_render::PlanDoc::from_json(&text, lang).map_err(not_a_plan)?;
    Ok(JsValue::from_str(&render_doc(&doc, format)))
}

fn render_doc(doc: &core_render::PlanDoc, format: RenderFormat) -> String {
    match format {
        RenderFormat::Markdown => doc.markdown(),
        RenderFormat::Shell => doc.shell(),
        RenderFormat::Json => doc.json(),
    }
}

/// Whether a plan object is a mesh's (`plan()` with `options.clusters`): it has `clusters` and
/// no `phases`. Anything else is read as one cluster's plan.
fn is_mesh_plan(plan: &JsValue) -> bool {
    let has = |key: &str| Reflect::has(plan, &JsValue::from_str(key)).unwrap_or(false);
    has("clusters") && !has("phases")
}

/// A mesh's plan as `plan()` returns it (core's `render::mesh_json_value`): read back to check
/// its shape; each cluster's `plan` is read by core like any plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct MeshPlanIn {
    schema_version: u32,
    // The language each cluster's plan carries is the one its runbook is written in.
    #[allow(dead_code)]
    lang: String,
    #[allow(dead_code)]
    order: Vec<OrderedIn>,
    clusters: Vec<ClusterPlanIn>,
}

/// One entry of a mesh plan's `order`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct OrderedIn {
    cluster: String,
    role: String,
    reason: String,
}

/// One cluster's plan in a mesh plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterPlanIn {
    name: String,
    plan: Box<serde_json::value::RawValue>,
}

/// One cluster's runbook.
#[derive(Debug, Serialize)]
struct RunbookJson<'a> {
    name: &'a str,
    text: String,
}

/// `render` of a mesh's plan: each cluster's runbook, in the plan's order, as `[{ name, text }]`.
fn render_mesh(text: &str, format: RenderFormat, lang: Lang) -> Result<JsValue, JsValue> {
    let not_a_plan = |why: String| {
        js_error(ApiError::new(
            ErrorCode::Plan,
            t!(lang, "js-not-a-mesh-plan", why = why),
        ))
    };
    let mesh: MeshPlanIn = serde_json::from_str(text).map_err(|e| not_a_plan(e.to_string()))?;
    if mesh.schema_version != report::SCHEMA_VERSION {
        return Err(not_a_plan(t!(
            lang,
            "render-json-schema-version",
            version = mesh.schema_version,
            supported = report::SCHEMA_VERSION
        )));
    }
    let mut runbooks = Vec::with_capacity(mesh.clusters.len());
    for (index, cluster) in mesh.clusters.iter().enumerate() {
        let doc = core_render::PlanDoc::from_json(cluster.plan.get(), lang).map_err(|why| {
            not_a_plan(t!(
                lang,
                "js-mesh-plan-at",
                at = format!("clusters[{index}].plan"),
                why = why
            ))
        })?;
        runbooks.push(RunbookJson {
            name: &cluster.name,
            text: render_doc(&doc, format),
        });
    }
    parse_json(&to_json_text(&runbooks, lang)?)
}

/// A plan object's `lang` (`"en"` or `"zh-CN"`, as plans write it); English when it has none,
/// names another, or cannot be read. `PlanDoc::from_json` checks it with the rest.
fn plan_lang(plan: &JsValue) -> Lang {
    Reflect::get(plan, &JsValue::from_str("lang"))
        .ok()
        .and_then(|value| value.as_string())
        .and_then(|tag| Lang::ALL.into_iter().find(|lang| lang.code() == tag))
        .unwrap_or_default()
}

/// `collect(options?)`: the kubectl commands that export what istio2asm reads, as the bash text
/// `istio2asm collect` prints. Options: `format` (`yaml`, default, or `json`),
/// `clusterKubeconfigVar`, `asmKubeconfigVar`, `lang`.
#[wasm_bindgen(skip_typescript)]
pub fn collect(options: JsValue) -> Result<JsValue, JsValue> {
    let (format, settings) = args::collect_options(&options).map_err(js_error)?;
    let format = match format {
        args::ExportFormat::Yaml => CollectFormat::Yaml,
        args::ExportFormat::Json => CollectFormat::Json,
    };
    Ok(JsValue::from_str(&collect::script(
        format,
        &settings.kubeconfig_vars(),
        settings.lang,
    )))
}

/// One section of a code's documentation.
#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    heading: &'a str,
    body: &'a str,
}

/// `explain()`'s result.
#[derive(Debug, Serialize)]
struct ExplainJson<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    title: &'a str,
    sections: Vec<SectionJson<'a>>,
    markdown: String,
    text: String,
}

/// `explain(code, options?)`: the documentation of a finding code (`"MIG402"`, any case) or name
/// (`"sidecar-missing-xds-agent"`). `text` is what `istio2asm explain CODE` prints. Options:
/// `lang`.
#[wasm_bindgen(skip_typescript)]
pub fn explain(code: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = args::explain_options(&options).map_err(js_error)?;
    let wanted = code.as_string().ok_or_else(|| {
        js_error(ApiError::new(
            ErrorCode::Code,
            t!(lang, "js-explain-code", got = args::describe(&code, lang)),
        ))
    })?;
    let found = Code::parse(&wanted).ok_or_else(|| {
        js_error(ApiError::new(
            ErrorCode::Code,
            format!("explain: {}", Code::unknown(&wanted, lang)),
        ))
    })?;
    let doc = found.doc(lang);
    let result = ExplainJson {
        code: found.as_str(),
        name: found.name(),
        severity: found.severity().as_str(),
        title: &doc.title,
        sections: doc
            .sections
            .iter()
            .map(|(heading, body)| SectionJson { heading, body })
            .collect(),
        markdown: doc.to_markdown(),
        text: found.explain_text(lang),
    };
    parse_json(&to_json_text(&result, lang)?)
}

/// `version()`: istio2asm's version (the crate's, which the npm package carries too).
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    istio2asm_core::VERSION.to_string()
}
