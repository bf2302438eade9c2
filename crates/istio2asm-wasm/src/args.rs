//! Reading the JS arguments into the core's values: inputs, settings, formats.
//!
//! Every way an argument can be wrong ends in an [`ApiError`] that names the argument and what is
//! accepted; unknown option names are refused (a typo such as `asmversion` would otherwise be
//! silently ignored). The option names are the camelCase forms of the CLI's flags:
//!
//! | option | CLI flag | type |
//! |---|---|---|
//! | `asmVersion` | `--asm-version` | string |
//! | `clusterKubeconfigVar` | `--cluster-kubeconfig-var` | string |
//! | `asmKubeconfigVar` | `--asm-kubeconfig-var` | string |
//! | `asmLabel` | `--asm-label` | `"key=value"` (or `asmLabelKey` + `asmLabelValue`) |
//! | `egressWeights` | `--egress-weights` | number[] or `"1,10,50,100"` |
//! | `asmEgressHost` | `--asm-egress-host` | string |
//! | `waveSize` | `--wave-size` | number |
//! | `limits` | `--max-file-bytes` … | `{ maxFileBytes, maxTotalBytes, maxDocuments, maxDepth }` |
//! | `asmConfig` | `--asm-config` | inputs, like the first argument |
//! | `clusters` | `--cluster NAME=PATH` … | `[{ name, inputs }]`: several clusters of one mesh, instead of inputs |
//! | `demo` | `--demo` | boolean: the embedded demo cluster instead of inputs |
//! | `force` | `--force` (plan) | boolean |
//! | `baseline` | `--baseline` (check) | an earlier `check()` result or its JSON text |
//! | `asOf` | `--as-of` | `"YYYY-MM-DD"`: the day certificate expiry is judged on |
//! | `trustHandled` | `--trust-handled` | boolean: the roots of trust of the two sides are handled |
//! | `today` | (the CLI's clock) | `"YYYY-MM-DD"`: today, instead of the JS clock's UTC date |
//! | `lang` | `--lang` | `"en"` (default) or `"zh-CN"` |
//!
//! `null` or `undefined` for an option means "not given": the CLI's default applies.
//!
//! Core reads no clock; as the CLI sets `today` from the system clock, the library sets it from
//! JS's (`Date.now()`, its UTC day) on every call, unless `options.today` gives the day (for
//! results that do not change with the date).
//!
//! `check({ clusters, ...options })` and `plan({ clusters, ...options })`, the options of a mesh as
//! the only argument, are `check(null, options)` and `plan(null, options)`: a sole first argument
//! that is an object (not an array) with `clusters` is taken as the options.
//!
//! Messages are in `options.lang` (`js.ftl`), read before every other option; what is wrong
//! before it is read (the options object itself, `lang`) is said in English. The error codes are
//! the same in every language.

use istio2asm_core::clusters::{validate_names, ClusterInput};
use istio2asm_core::i18n::Lang;
use istio2asm_core::settings::Setting;
use istio2asm_core::{demo, t, Input, Settings};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// The `code` of a thrown error: which argument was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The inputs (or `options.asmConfig`) are not an array of `{ name, text }`, or there are none.
    Inputs,
    /// An option is unknown, of the wrong type, or fails the settings' validation.
    Options,
    /// `render`'s or `collect`'s format is not one of the accepted names.
    Format,
    /// `render` was given something other than an object returned by `plan()`.
    Plan,
    /// `explain` was given something that is not a known code or name.
    Code,
    /// A result could not be built (a bug: please report it).
    Internal,
}

impl ErrorCode {
    /// The value of the error's `code` property.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Inputs => "E_INPUTS",
            ErrorCode::Options => "E_OPTIONS",
            ErrorCode::Format => "E_FORMAT",
            ErrorCode::Plan => "E_PLAN",
            ErrorCode::Code => "E_CODE",
            ErrorCode::Internal => "E_INTERNAL",
        }
    }
}

/// A bad argument: thrown to JS as an `Error` with `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Which argument.
    pub code: ErrorCode,
    /// What is wrong and what is accepted.
    pub message: String,
}

impl ApiError {
    /// An error with its code and message.
    pub fn new(code: ErrorCode, message: String) -> Self {
        ApiError { code, message }
    }
}

/// What `check` and `plan` run on.
#[derive(Debug)]
pub struct Request {
    /// The cluster's exports (or the demo's).
    pub inputs: Vec<Input>,
    /// The ASM control plane's export (`options.asmConfig`).
    pub asm_inputs: Vec<Input>,
    /// Validated settings.
    pub settings: Settings,
    /// `options.force` (plan only).
    pub force: bool,
    /// `options.baseline` (check only): an earlier report, the object `check()` returned or its
    /// JSON text.
    pub baseline: Option<String>,
    /// `options.clusters`: the clusters of a mesh, each with its own exports (then `inputs` is
    /// empty), their names checked by core's rules.
    pub clusters: Option<Vec<ClusterInput>>,
}

const OPTION_NAMES: &[&str] = &[
    "asmVersion",
    "clusterKubeconfigVar",
    "asmKubeconfigVar",
    "asmLabel",
    "asmLabelKey",
    "asmLabelValue",
    "egressWeights",
    "asmEgressHost",
    "waveSize",
    "limits",
    "asmConfig",
    "demo",
    "force",
    "baseline",
    "asOf",
    "trustHandled",
    "today",
    "clusters",
    "lang",
];

/// The fields of one entry of `options.clusters`.
const CLUSTER_FIELDS: &[&str] = &["name", "inputs"];

const LIMIT_NAMES: &[&str] = &["maxFileBytes", "maxTotalBytes", "maxDocuments", "maxDepth"];

const COLLECT_OPTION_NAMES: &[&str] =
    &["format", "clusterKubeconfigVar", "asmKubeconfigVar", "lang"];

const EXPLAIN_OPTION_NAMES: &[&str] = &["lang"];

/// A short description of a JS value for messages, in `lang`: `the number 3`, `an array`,
/// `null` (JS's own words, `undefined`, `null`, `true`, `false`, stay as they are).
pub fn describe(value: &JsValue, lang: Lang) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if let Some(text) = value.as_string() {
        let mut shown: String = text.chars().take(40).collect();
        if shown.len() < text.len() {
            shown.push('…');
        }
        t!(lang, "js-describe-string", text = format!("{shown:?}"))
    } else if let Some(number) = value.as_f64() {
        t!(lang, "js-describe-number", number = number.to_string())
    } else if let Some(flag) = value.as_bool() {
        format!("{flag}")
    } else if Array::is_array(value) {
        t!(lang, "js-describe-array")
    } else if value.is_function() {
        t!(lang, "js-describe-function")
    } else if value.is_object() {
        t!(lang, "js-describe-object")
    } else {
        t!(
            lang,
            "js-describe-other",
            kind = value.js_typeof().as_string().unwrap_or_default()
        )
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, with a throw caught (js_sys's binding lets it propagate).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(object: &Object) -> Result<Array, JsValue>;
}

fn err(code: ErrorCode, message: String) -> ApiError {
    ApiError::new(code, message)
}

/// `value[key]`, where a throwing getter becomes an error naming the place.
fn get(
    value: &JsValue,
    key: &str,
    place: &str,
    code: ErrorCode,
    lang: Lang,
) -> Result<JsValue, ApiError> {
    Reflect::get(value, &JsValue::from_str(key))
        .map_err(|_| err(code, t!(lang, "js-getter-threw", place = place, key = key)))
}

/// `None` for `undefined`/`null`.
fn given(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// Reads `inputs` (or `options.asmConfig`): an array of `{ name, text }`.
pub fn inputs(value: &JsValue, place: &str, lang: Lang) -> Result<Vec<Input>, ApiError> {
    let code = ErrorCode::Inputs;
    if !Array::is_array(value) {
        return Err(err(
            code,
            t!(
                lang,
                "js-inputs-not-array",
                place = place,
                got = describe(value, lang)
            ),
        ));
    }
    let array: &Array = value.unchecked_ref();
    // Not with_capacity(length): a sparse `new Array(2 ** 32 - 1)` is a valid array, and that much
    // room would overflow; the first hole ends the loop with an error anyway.
    let mut out = Vec::new();
    for (index, item) in array.iter().enumerate() {
        let at = format!("{place}[{index}]");
        if !item.is_object() || Array::is_array(&item) {
            return Err(err(
                code,
                t!(
                    lang,
                    "js-input-not-object",
                    at = &at,
                    got = describe(&item, lang)
                ),
            ));
        }
        let name = get(&item, "name", &at, code, lang)?;
        let Some(name) = name.as_string().filter(|n| !n.is_empty()) else {
            return Err(err(
                code,
                t!(lang, "js-input-name", at = &at, got = describe(&name, lang)),
            ));
        };
        let text = get(&item, "text", &at, code, lang)?;
        let bytes = if let Some(text) = text.as_string() {
            text.into_bytes()
        } else if let Some(bytes) = text.dyn_ref::<Uint8Array>() {
            bytes.to_vec()
        } else if let Some(buffer) = text.dyn_ref::<ArrayBuffer>() {
            Uint8Array::new(buffer).to_vec()
        } else {
            return Err(err(
                code,
                t!(lang, "js-input-text", at = &at, got = describe(&text, lang)),
            ));
        };
        out.push(Input::new(name, bytes));
    }
    Ok(out)
}

/// An options object with only `known` keys, refusing anything but a plain object (or nothing).
fn option_keys(
    value: &JsValue,
    place: &str,
    known: &[&str],
    lang: Lang,
) -> Result<Option<Object>, ApiError> {
    let Some(object) = option_object(value, place, lang)? else {
        return Ok(None);
    };
    refuse_unknown(&object, place, known, lang)?;
    Ok(Some(object))
}

/// The options object and its language: `options.lang` is read first, so that every later message
/// (an unknown option's too) is in it; what is wrong before that is said in English.
fn options_and_lang(
    value: &JsValue,
    place: &str,
    known: &[&str],
) -> Result<(Option<Object>, Lang), ApiError> {
    let Some(object) = option_object(value, place, Lang::En)? else {
        return Ok((None, Lang::En));
    };
    let lang = lang_option(&object, place)?;
    refuse_unknown(&object, place, known, lang)?;
    Ok((Some(object), lang))
}

/// A plain object (or nothing), refusing anything else.
fn option_object(value: &JsValue, place: &str, lang: Lang) -> Result<Option<Object>, ApiError> {
    let code = ErrorCode::Options;
    let Some(value) = given(value.clone()) else {
        return Ok(None);
    };
    if !value.is_object() || Array::is_array(&value) || value.is_function() {
        return Err(err(
            code,
            t!(
                lang,
                "js-options-not-object",
                place = place,
                got = describe(&value, lang)
            ),
        ));
    }
    Ok(Some(value.unchecked_into()))
}

/// Refuses a key that is not an option (a typo would otherwise be ignored).
fn refuse_unknown(
    object: &Object,
    place: &str,
    known: &[&str],
    lang: Lang,
) -> Result<(), ApiError> {
    let code = ErrorCode::Options;
    // A Proxy's ownKeys trap may throw: that is an argument error, not an exception through wasm.
    let keys = own_keys(object)
        .map_err(|_| err(code, t!(lang, "js-options-keys-threw", place = place)))?;
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(err(
                code,
                t!(
                    lang,
                    "js-unknown-option",
                    place = place,
                    key = &key,
                    options = known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// `options.lang`: English when not given. What is wrong with it is said in English, since no
/// other language is known yet.
fn lang_option(object: &Object, place: &str) -> Result<Lang, ApiError> {
    let en = Lang::En;
    let Some(value) = given(get(object, "lang", place, ErrorCode::Options, en)?) else {
        return Ok(en);
    };
    value
        .as_string()
        .as_deref()
        .and_then(Lang::parse)
        .ok_or_else(|| {
            err(
                ErrorCode::Options,
                t!(en, "js-lang", place = place, got = describe(&value, en)),
            )
        })
}

fn string_option(
    object: &Object,
    key: &str,
    place: &str,
    lang: Lang,
) -> Result<Option<String>, ApiError> {
    let Some(value) = given(get(object, key, place, ErrorCode::Options, lang)?) else {
        return Ok(None);
    };
    value.as_string().map(Some).ok_or_else(|| {
        err(
            ErrorCode::Options,
            t!(
                lang,
                "js-option-string",
                place = place,
                key = key,
                got = describe(&value, lang)
            ),
        )
    })
}

fn bool_option(
    object: &Object,
    key: &str,
    place: &str,
    lang: Lang,
) -> Result<Option<bool>, ApiError> {
    let Some(value) = given(get(object, key, place, ErrorCode::Options, lang)?) else {
        return Ok(None);
    };
    value.as_bool().map(Some).ok_or_else(|| {
        err(
            ErrorCode::Options,
            t!(
                lang,
                "js-option-bool",
                place = place,
                key = key,
                got = describe(&value, lang)
            ),
        )
    })
}

/// A whole number in `0..=2^53` (what a JS number holds exactly) that fits a `usize`.
fn whole_number(value: f64) -> Option<usize> {
    const MAX_SAFE: f64 = 9_007_199_254_740_992.0;
    if value.is_finite() && value.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&value) {
        // In range and integral, so the cast is exact; usize::try_from refuses what wasm32 cannot hold.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = value as u64;
        usize::try_from(whole).ok()
    } else {
        None
    }
}

fn count_option(
    object: &Object,
    key: &str,
    place: &str,
    lang: Lang,
) -> Result<Option<usize>, ApiError> {
    let Some(value) = given(get(object, key, place, ErrorCode::Options, lang)?) else {
        return Ok(None);
    };
    value
        .as_f64()
        .and_then(whole_number)
        .map(Some)
        .ok_or_else(|| {
            err(
                ErrorCode::Options,
                t!(
                    lang,
                    "js-option-count",
                    place = place,
                    key = key,
                    max = usize::MAX.to_string(),
                    got = describe(&value, lang)
                ),
            )
        })
}

/// Reads `egressWeights` into the settings: a string in the CLI's form (`"1,10,50,100"`, read by
/// core) or an array of whole numbers.
fn weights_option(object: &Object, place: &str, settings: &mut Settings) -> Result<(), ApiError> {
    let key = "egressWeights";
    let lang = settings.lang;
    let Some(value) = given(get(object, key, place, ErrorCode::Options, lang)?) else {
        return Ok(());
    };
    let bad = || {
        err(
            ErrorCode::Options,
            t!(
                lang,
                "js-option-weights",
                place = place,
                key = key,
                got = describe(&value, lang)
            ),
        )
    };
    if let Some(text) = value.as_string() {
        return set(settings, Setting::EgressWeights, &text, place, key);
    }
    if !Array::is_array(&value) {
        return Err(bad());
    }
    let array: &Array = value.unchecked_ref();
    array
        .iter()
        .map(|w| {
            w.as_f64()
                .and_then(whole_number)
                .and_then(|w| u32::try_from(w).ok())
        })
        .collect::<Option<Vec<u32>>>()
        .map(|weights| settings.egress_weights = weights)
        .ok_or_else(bad)
}

/// Sets a setting from its text form through core, the message (in the settings' language)
/// naming the option.
fn set(
    settings: &mut Settings,
    setting: Setting,
    text: &str,
    place: &str,
    key: &str,
) -> Result<(), ApiError> {
    settings
        .set(setting, text)
        .map_err(|message| err(ErrorCode::Options, format!("{place}.{key}: {message}")))
}

/// Reads `inputs` and `options` for `check` and `plan`; messages start with `function`'s name.
pub fn request(
    function: &str,
    inputs_value: &JsValue,
    options: &JsValue,
) -> Result<Request, ApiError> {
    let (inputs_value, options) = if given(options.clone()).is_none() && has_clusters(inputs_value)
    {
        (&JsValue::UNDEFINED, inputs_value)
    } else {
        (inputs_value, options)
    };
    read_request(inputs_value, options).map_err(|mut e| {
        e.message = format!("{function}: {}", e.message);
        e
    })
}

/// Whether a value is an object (not an array or a function) with `clusters`: the options of a
/// mesh given alone. A Proxy whose `has` trap throws is not.
fn has_clusters(value: &JsValue) -> bool {
    value.is_object()
        && !Array::is_array(value)
        && !value.is_function()
        && Reflect::has(value, &JsValue::from_str("clusters")).unwrap_or(false)
}

fn read_request(inputs_value: &JsValue, options: &JsValue) -> Result<Request, ApiError> {
    let place = "options";
    // The language first: every message after it is in it, core's among them.
    let (object, lang) = options_and_lang(options, place, OPTION_NAMES)?;
    let mut settings = Settings {
        lang,
        ..Settings::default()
    };
    let mut demo_wanted = false;
    let mut force = false;
    let mut asm_inputs = Vec::new();
    let mut baseline = None;
    let mut clusters = None;
    if let Some(o) = &object {
        for (key, setting) in [
            ("asmVersion", Setting::AsmVersion),
            ("clusterKubeconfigVar", Setting::ClusterKubeconfigVar),
            ("asmKubeconfigVar", Setting::AsmKubeconfigVar),
            ("asmEgressHost", Setting::AsmEgressHost),
        ] {
            if let Some(text) = string_option(o, key, place, lang)? {
                set(&mut settings, setting, &text, place, key)?;
            }
        }
        let label = string_option(o, "asmLabel", place, lang)?;
        let label_key = string_option(o, "asmLabelKey", place, lang)?;
        let label_value = string_option(o, "asmLabelValue", place, lang)?;
        if let Some(label) = label {
            if label_key.is_some() || label_value.is_some() {
                return Err(err(
                    ErrorCode::Options,
                    t!(lang, "js-label-both", place = place),
                ));
            }
            set(&mut settings, Setting::AsmLabel, &label, place, "asmLabel")?;
        }
        if let Some(key) = label_key {
            settings.asm_label_key = key;
        }
        if let Some(value) = label_value {
            settings.asm_label_value = value;
        }
        weights_option(o, place, &mut settings)?;
        if let Some(n) = count_option(o, "waveSize", place, lang)? {
            settings.wave_size = n;
        }
        let limits_place = format!("{place}.limits");
        let limits_value = get(o, "limits", place, ErrorCode::Options, lang)?;
        if let Some(l) = option_keys(&limits_value, &limits_place, LIMIT_NAMES, lang)? {
            let limits = &mut settings.limits;
            for (key, field) in [
                ("maxFileBytes", &mut limits.max_file_bytes),
                ("maxTotalBytes", &mut limits.max_total_bytes),
                ("maxDocuments", &mut limits.max_documents),
                ("maxDepth", &mut limits.max_depth),
            ] {
                if let Some(n) = count_option(&l, key, &limits_place, lang)? {
                    *field = n;
                }
            }
        }
        if let Some(asm) = given(get(o, "asmConfig", place, ErrorCode::Options, lang)?) {
            asm_inputs = inputs(&asm, "options.asmConfig", lang)?;
        }
        if let Some(value) = given(get(o, "clusters", place, ErrorCode::Options, lang)?) {
            clusters = Some(clusters_option(&value, "options.clusters", lang)?);
        }
        if let Some(date) = date_option(o, "asOf", place, lang)? {
            set(&mut settings, Setting::AsOf, &date, place, "asOf")?;
        }
        if let Some(handled) = bool_option(o, "trustHandled", place, lang)? {
            let text = if handled { "true" } else { "false" };
            set(
                &mut settings,
                Setting::TrustHandled,
                text,
                place,
                "trustHandled",
            )?;
        }
        settings.today = date_option(o, "today", place, lang)?;
        demo_wanted = bool_option(o, "demo", place, lang)?.unwrap_or(false);
        force = bool_option(o, "force", place, lang)?.unwrap_or(false);
        baseline = baseline_option(o, place, lang)?;
    }
    if settings.today.is_none() {
        settings.today = clock_today();
    }
    let given_inputs = given(inputs_value.clone());
    // `inputs` may be left out or be `[]` when the clusters or the demo stand in for it.
    let no_inputs = given_inputs
        .as_ref()
        .is_none_or(|v| Array::is_array(v) && v.unchecked_ref::<Array>().length() == 0);
    let inputs = if clusters.is_some() {
        if baseline.is_some() {
            return Err(err(ErrorCode::Options, t!(lang, "js-baseline-clusters")));
        }
        if demo_wanted {
            return Err(err(ErrorCode::Inputs, t!(lang, "js-clusters-or-demo")));
        }
        if !no_inputs {
            return Err(err(ErrorCode::Inputs, t!(lang, "js-inputs-or-clusters")));
        }
        Vec::new()
    } else if demo_wanted {
        if !no_inputs {
            return Err(err(ErrorCode::Inputs, t!(lang, "js-inputs-or-demo")));
        }
        // As the CLI's --demo: the demo's ASM version unless one is given.
        if settings.asm_version.is_none() {
            settings.asm_version = Some(demo::ASM_VERSION.to_string());
        }
        demo::inputs()
    } else {
        let Some(value) = given_inputs else {
            return Err(err(ErrorCode::Inputs, t!(lang, "js-no-inputs")));
        };
        let read = inputs(&value, "inputs", lang)?;
        if read.is_empty() {
            return Err(err(ErrorCode::Inputs, t!(lang, "js-inputs-empty")));
        }
        read
    };
    settings
        .validate()
        .map_err(|message| err(ErrorCode::Options, format!("{place}: {message}")))?;
    Ok(Request {
        inputs,
        asm_inputs,
        settings,
        force,
        baseline,
        clusters,
    })
}

/// Reads `options.clusters`: a non-empty array of `{ name, inputs }`, each name a DNS-1123 label
/// unlike the names before it (core's rules and messages, naming the entry), each with at least
/// one input.
fn clusters_option(
    value: &JsValue,
    place: &str,
    lang: Lang,
) -> Result<Vec<ClusterInput>, ApiError> {
    let code = ErrorCode::Inputs;
    if !Array::is_array(value) {
        return Err(err(
            code,
            t!(
                lang,
                "js-clusters-not-array",
                place = place,
                got = describe(value, lang)
            ),
        ));
    }
    let array: &Array = value.unchecked_ref();
    let mut out: Vec<ClusterInput> = Vec::new();
    // As for inputs: no capacity from `length`, which a sparse array makes huge.
    for (index, item) in array.iter().enumerate() {
        let at = format!("{place}[{index}]");
        if !item.is_object() || Array::is_array(&item) || item.is_function() {
            return Err(err(
                code,
                t!(
                    lang,
                    "js-cluster-not-object",
                    at = &at,
                    got = describe(&item, lang)
                ),
            ));
        }
        let keys = own_keys(item.unchecked_ref())
            .map_err(|_| err(code, t!(lang, "js-options-keys-threw", place = &at)))?;
        if let Some(key) = keys
            .iter()
            .map(|k| k.as_string().unwrap_or_default())
            .find(|k| !CLUSTER_FIELDS.contains(&k.as_str()))
        {
            return Err(err(
                code,
                t!(lang, "js-cluster-field", at = &at, key = &key),
            ));
        }
        let name = get(&item, "name", &at, code, lang)?;
        let Some(name) = name.as_string().filter(|n| !n.is_empty()) else {
            return Err(err(
                code,
                t!(
                    lang,
                    "js-cluster-name",
                    at = &at,
                    got = describe(&name, lang)
                ),
            ));
        };
        let mut names: Vec<&str> = out.iter().map(|c| c.name.as_str()).collect();
        names.push(&name);
        validate_names(&names, lang)
            .map_err(|message| err(code, format!("{at}.name: {message}")))?;
        let inputs_place = format!("{at}.inputs");
        let inputs_value = get(&item, "inputs", &at, code, lang)?;
        let read = inputs(&inputs_value, &inputs_place, lang)?;
        if read.is_empty() {
            return Err(err(
                code,
                t!(lang, "js-cluster-inputs-empty", place = &inputs_place),
            ));
        }
        out.push(ClusterInput { name, inputs: read });
    }
    if out.is_empty() {
        return Err(err(code, t!(lang, "js-clusters-empty", place = place)));
    }
    Ok(out)
}

/// A day option (`asOf`, `today`): a string that core reads as a day `YYYY-MM-DD` (blanks around
/// it ignored, an empty one not given, as core's text form of `as-of` reads it), refused with
/// core's message (in `lang`) naming the option.
fn date_option(
    object: &Object,
    key: &str,
    place: &str,
    lang: Lang,
) -> Result<Option<String>, ApiError> {
    let Some(text) = string_option(object, key, place, lang)? else {
        return Ok(None);
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Core checks a day where it checks every setting: validate() of settings that hold only it.
    let alone = Settings {
        lang,
        today: Some(text.to_string()),
        ..Settings::default()
    };
    alone
        .validate()
        .map_err(|message| err(ErrorCode::Options, format!("{place}.{key}: {message}")))?;
    Ok(Some(text.to_string()))
}

/// Today from JS's clock (`Date.now()`), as the UTC day `YYYY-MM-DD` (the CLI's is the UTC day
/// of the system clock too). `None` if the clock is before 1970 or unreadable.
fn clock_today() -> Option<String> {
    let millis = js_sys::Date::now();
    if !millis.is_finite() || millis < 0.0 {
        return None;
    }
    // Whole seconds of a finite, non-negative number of milliseconds: the cast saturates.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let secs = (millis / 1000.0).floor() as u64;
    istio2asm_core::trust::date_of(secs)
}

/// `options.baseline`: JSON text as it is, an object as `JSON.stringify` writes it.
fn baseline_option(object: &Object, place: &str, lang: Lang) -> Result<Option<String>, ApiError> {
    let Some(value) = given(get(object, "baseline", place, ErrorCode::Options, lang)?) else {
        return Ok(None);
    };
    if let Some(text) = value.as_string() {
        return Ok(Some(text));
    }
    if value.is_object() && !Array::is_array(&value) {
        if let Some(text) = js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
        {
            return Ok(Some(text));
        }
    }
    Err(err(
        ErrorCode::Options,
        t!(
            lang,
            "js-baseline-invalid",
            place = place,
            got = describe(&value, lang)
        ),
    ))
}

/// A format `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// The Markdown runbook.
    Markdown,
    /// The bash runbook.
    Shell,
    /// `plan.json`.
    Json,
}

/// The formats `render` accepts, by name.
const RENDER_FORMATS: [(&str, RenderFormat); 3] = [
    ("markdown", RenderFormat::Markdown),
    ("shell", RenderFormat::Shell),
    ("json", RenderFormat::Json),
];

/// Reads `render`'s format; the message is in `lang`, the plan's.
pub fn render_format(value: &JsValue, lang: Lang) -> Result<RenderFormat, ApiError> {
    let text = value.as_string().unwrap_or_default();
    RENDER_FORMATS
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, format)| *format)
        .ok_or_else(|| {
            let names: Vec<&str> = RENDER_FORMATS.iter().map(|(name, _)| *name).collect();
            err(
                ErrorCode::Format,
                t!(
                    lang,
                    "js-render-format",
                    formats = names.join(", "),
                    got = describe(value, lang)
                ),
            )
        })
}

/// The export format of `collect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `-o yaml` (the default).
    Yaml,
    /// `-o json`.
    Json,
}

/// Reads `collect`'s options: the export format and the kubeconfig variable names.
pub fn collect_options(options: &JsValue) -> Result<(ExportFormat, Settings), ApiError> {
    read_collect_options(options).map_err(|mut e| {
        e.message = format!("collect: {}", e.message);
        e
    })
}

fn read_collect_options(options: &JsValue) -> Result<(ExportFormat, Settings), ApiError> {
    let place = "options";
    let mut settings = Settings::default();
    let mut format = ExportFormat::Yaml;
    let (object, lang) = options_and_lang(options, place, COLLECT_OPTION_NAMES)?;
    settings.lang = lang;
    if let Some(o) = object {
        for (key, setting) in [
            ("clusterKubeconfigVar", Setting::ClusterKubeconfigVar),
            ("asmKubeconfigVar", Setting::AsmKubeconfigVar),
        ] {
            if let Some(text) = string_option(&o, key, place, lang)? {
                set(&mut settings, setting, &text, place, key)?;
            }
        }
        if let Some(value) = given(get(&o, "format", place, ErrorCode::Options, lang)?) {
            format = match value.as_string().as_deref() {
                Some("yaml") => ExportFormat::Yaml,
                Some("json") => ExportFormat::Json,
                _ => {
                    return Err(err(
                        ErrorCode::Format,
                        t!(
                            lang,
                            "js-collect-format",
                            place = place,
                            got = describe(&value, lang)
                        ),
                    ))
                }
            };
        }
    }
    settings
        .validate()
        .map_err(|message| err(ErrorCode::Options, format!("{place}: {message}")))?;
    Ok((format, settings))
}

/// Reads `explain`'s options: the language of the page (English when not given).
pub fn explain_options(options: &JsValue) -> Result<Lang, ApiError> {
    let place = "options";
    options_and_lang(options, place, EXPLAIN_OPTION_NAMES)
        .map(|(_, lang)| lang)
        .map_err(|mut e| {
            e.message = format!("explain: {}", e.message);
            e
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_exact_and_non_negative() {
        assert_eq!(whole_number(0.0), Some(0));
        assert_eq!(whole_number(10.0), Some(10));
        assert_eq!(whole_number(1.5), None);
        assert_eq!(whole_number(-1.0), None);
        assert_eq!(whole_number(f64::NAN), None);
        assert_eq!(whole_number(f64::INFINITY), None);
        assert_eq!(whole_number(1e300), None);
    }

    #[test]
    fn error_codes_are_stable() {
        let all = [
            ErrorCode::Inputs,
            ErrorCode::Options,
            ErrorCode::Format,
            ErrorCode::Plan,
            ErrorCode::Code,
            ErrorCode::Internal,
        ];
        let names: Vec<&str> = all.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            names,
            [
                "E_INPUTS",
                "E_OPTIONS",
                "E_FORMAT",
                "E_PLAN",
                "E_CODE",
                "E_INTERNAL"
            ]
        );
    }
}
