//! Text to documents with positions.
//!
//! Inputs are YAML (single objects, `---` streams, `kind: List` exports) or JSON (`kubectl -o json`,
//! also several values one after another). Each object is handed to a sink together with the
//! byte offset where it starts, and dropped after the sink has taken what it needs, so memory
//! stays near the size of the input even for one huge `kind: List`.
//!
//! A YAML List is one document, and a YAML parser holds every event of a document before anything
//! is built from it. So the `items` of a List laid out the way kubectl prints it are cut apart
//! textually, and each item is parsed on its own. If that layout is not found, or any item fails to
//! parse on its own, the whole document is parsed in one piece instead.

use crate::codes::Code;
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::node::{Node, NodeSeed, Schema, LIMIT_MARKER};
use crate::source::{FileId, SourceFile, Sources, Span};

mod json;
mod nesting;
mod yaml;

pub use yaml::fast_reader_agrees;

/// One input: a name to show (a path, `<stdin>`, `demo/cluster.yaml`) and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    /// Shown in locations.
    pub name: String,
    /// The raw content.
    pub bytes: Vec<u8>,
}

impl Input {
    /// An input from a name and its content.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Input {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// Resource limits for loading. Every limit is a setting; the defaults are generous for real
/// exports and refuse hostile input quickly.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Limits {
    /// Largest single input, in bytes (setting `max-file-bytes`).
    pub max_file_bytes: usize,
    /// Largest sum of all inputs, in bytes (setting `max-total-bytes`).
    pub max_total_bytes: usize,
    /// Most documents and list items across all inputs (setting `max-documents`).
    pub max_documents: usize,
    /// Deepest nesting of maps and lists inside one document (setting `max-depth`).
    pub max_depth: usize,
}

/// The default largest file. Natively 1 GiB: `kubectl get pods -A -o json` of a 20,000-pod
/// cluster is about 570 MB (285 MB for 10,000 pods, measured on the bench's generated exports),
/// and the JSON reader holds about 1.2 times its input. In wasm32 (the browser app and the JS
/// library) memory ends at 4 GiB for the input, its decoded copy and the analysis together, so
/// the limit stays at 256 MiB there.
pub const DEFAULT_MAX_FILE_BYTES: usize = if cfg!(target_arch = "wasm32") {
    256 << 20
} else {
    1 << 30
};

/// The default largest sum of all inputs: twice the largest file natively, 1 GiB in wasm32.
pub const DEFAULT_MAX_TOTAL_BYTES: usize = if cfg!(target_arch = "wasm32") {
    1 << 30
} else {
    2 << 30
};

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_total_bytes: DEFAULT_MAX_TOTAL_BYTES,
            max_documents: 1_000_000,
            max_depth: 100,
        }
    }
}

/// One parsed object (or any other document) and where it starts.
#[derive(Debug)]
pub(crate) struct Document {
    pub node: Node,
    pub span: Span,
}

/// Loads every input into `sources`, reporting MIG001/MIG005 (in `lang`) into `findings` and every
/// parsed document into `sink`. Never fails: a bad file or document is a finding and loading goes
/// on.
pub(crate) fn load(
    inputs: Vec<Input>,
    limits: &Limits,
    schema: Schema,
    lang: Lang,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
    sink: &mut dyn FnMut(Document),
) {
    let mut total = 0usize;
    let mut documents = 0usize;
    for input in inputs {
        let size = input.bytes.len();
        total = total.saturating_add(size);
        if size > limits.max_file_bytes || total > limits.max_total_bytes {
            let shown = size.to_string();
            let (message, setting) = if size > limits.max_file_bytes {
                let limit = human_bytes(lang, limits.max_file_bytes);
                (
                    t!(lang, "mig005-file-too-large", limit = limit, size = shown),
                    "max-file-bytes",
                )
            } else {
                let limit = human_bytes(lang, limits.max_total_bytes);
                (
                    t!(lang, "mig005-inputs-too-large", limit = limit, size = shown),
                    "max-total-bytes",
                )
            };
            let id = sources.add(SourceFile::new(input.name, String::new()));
            findings.push(
                Finding::new(Code::Mig005, message)
                    .spanned(Span {
                        file: id,
                        offset: 0,
                    })
                    .help(t!(
                        lang,
                        "mig005-split-help",
                        command = SPLIT_COMMAND,
                        setting = setting
                    )),
            );
            continue;
        }
        let (text, bad_bytes) = decode(input.bytes);
        let id = sources.add(SourceFile::new(input.name, text));
        let Some(file) = sources.file(id) else {
            continue;
        };
        let mut loader = FileLoader {
            file: id,
            lang,
            text: file.text(),
            bad_bytes: &bad_bytes,
            limits,
            schema,
            documents: &mut documents,
            findings,
            sink,
            over_limit: false,
            blank: Vec::new(),
        };
        loader.run();
        let blank = std::mem::take(&mut loader.blank);
        sources.blank(id, &blank);
    }
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD and remembering where it was, so that
/// documents containing one can be refused with a position while the rest still load.
fn decode(bytes: Vec<u8>) -> (String, Vec<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(error) => {
            let bytes = error.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut bad = Vec::new();
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    bad.push(text.len());
                    text.push(char::REPLACEMENT_CHARACTER);
                }
            }
            (text, bad)
        }
    }
}

/// The loop that exports a cluster one namespace at a time, for a file over the size limit.
const SPLIT_COMMAND: &str = "for ns in $(kubectl get namespaces -o jsonpath='{.items[*].metadata.name}'); do kubectl get pods,deployments,statefulsets,daemonsets,replicasets,services -n \"$ns\" -o json > \"cluster-$ns.json\"; done";

/// Why a document was not read.
pub(super) enum Refusal {
    /// Its bytes are not UTF-8.
    NotUtf8,
    /// It nests deeper than the setting `max-depth` allows (levels).
    TooDeep(usize),
    /// It nests deeper than the YAML parser reads (levels), `max-depth` being higher.
    TooDeepForParser(usize),
    /// The parser's message (serde_yaml's, serde_json's, or the node reader's through them).
    Parser(String),
}

struct FileLoader<'a, 'b> {
    file: FileId,
    /// The language of the findings.
    lang: Lang,
    text: &'a str,
    bad_bytes: &'a [usize],
    limits: &'a Limits,
    /// What the parser keeps of each object (the model's schema).
    schema: Schema,
    documents: &'b mut usize,
    findings: &'b mut Vec<Finding>,
    sink: &'b mut dyn FnMut(Document),
    over_limit: bool,
    /// Byte ranges to blank in the stored text once the file is read: Secrets, and what was
    /// not read past a limit, so no excerpt can show them.
    blank: Vec<std::ops::Range<usize>>,
}

impl<'a> FileLoader<'a, '_> {
    fn run(&mut self) {
        let start = self.text.strip_prefix('\u{feff}').map_or(0, |_| 3);
        let body = &self.text[start..];
        let first = body.trim_start();
        if first.starts_with('{') || first.starts_with('[') {
            let offset = start + (body.len() - first.len());
            if self.try_json(offset) {
                return;
            }
        }
        for (from, to) in yaml::split_documents(self.text, start) {
            if self.over_limit {
                return;
            }
            self.yaml_document(from, to);
        }
    }

    fn span(&self, offset: usize) -> Span {
        Span {
            file: self.file,
            offset,
        }
    }

    /// Hands a document (`offset..end` lies within the text it came from) to the sink, counting
    /// it against the limit.
    fn emit(&mut self, node: Node, offset: usize, end: usize) {
        if self.over_limit {
            return;
        }
        if node.str_at(&["kind"]) == Some("Secret") {
            self.blank.push(offset..end);
        }
        *self.documents += 1;
        if *self.documents > self.limits.max_documents {
            self.over_limit = true;
            self.blank.push(offset..self.text.len());
            self.findings.push(
                Finding::new(
                    Code::Mig005,
                    t!(
                        self.lang,
                        "mig005-too-many-documents",
                        max = self.limits.max_documents.to_string()
                    ),
                )
                .spanned(self.span(offset))
                .help(t!(self.lang, "mig005-too-many-documents-help")),
            );
            return;
        }
        let span = self.span(offset);
        (self.sink)(Document { node, span });
    }

    /// Reports a document not read: MIG005 when a limit was hit, else MIG001. A parser's own
    /// words stay as they are, inside ours.
    fn parse_error(&mut self, refusal: Refusal, offset: usize) {
        let lang = self.lang;
        let limit = |detail: String| {
            Finding::new(
                Code::Mig005,
                t!(lang, "mig005-document-not-loaded", detail = detail),
            )
            .help(t!(lang, "mig005-document-help"))
        };
        let too_deep = |depth: usize| t!(lang, "load-too-deep", depth = depth.to_string());
        let finding = match refusal {
            Refusal::NotUtf8 => Finding::new(
                Code::Mig001,
                t!(
                    lang,
                    "mig001-does-not-parse",
                    error = t!(lang, "load-not-utf8")
                ),
            ),
            Refusal::TooDeep(depth) => limit(too_deep(depth)),
            Refusal::TooDeepForParser(depth) => limit(t!(
                lang,
                "load-too-deep-for-parser",
                depth = depth.to_string()
            )),
            Refusal::Parser(message) => match message.split_once(LIMIT_MARKER) {
                // The node reader marks one limit, its depth, which is the setting's here.
                Some((_, detail)) => {
                    let ours = crate::node::too_deep(self.limits.max_depth);
                    if ours.strip_prefix(LIMIT_MARKER) == Some(detail) {
                        limit(too_deep(self.limits.max_depth))
                    } else {
                        limit(detail.to_string())
                    }
                }
                None if message.contains("recursion limit exceeded")
                    || message.contains("repetition limit exceeded") =>
                {
                    limit(message)
                }
                None => Finding::new(
                    Code::Mig001,
                    t!(lang, "mig001-does-not-parse", error = message),
                ),
            },
        };
        self.findings.push(finding.spanned(self.span(offset)));
    }

    /// A document that did not parse is blanked if it may hold a Secret: its text is not needed
    /// for the MIG001 excerpt more than its values must stay unseen.
    fn blank_if_secret(&mut self, from: usize, to: usize) {
        if self
            .text
            .get(from..to)
            .is_some_and(|t| t.contains("Secret"))
        {
            self.blank.push(from..to);
        }
    }

    /// The first invalid UTF-8 sequence in `from..to`, if any.
    fn bad_byte_in(&self, from: usize, to: usize) -> Option<usize> {
        let index = self.bad_bytes.partition_point(|&b| b < from);
        self.bad_bytes.get(index).copied().filter(|&b| b < to)
    }
}

fn human_bytes(lang: Lang, bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        t!(lang, "load-bytes", bytes = bytes.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::json::looks_like_kubectl_list;
    use super::*;

    fn load_str(text: &str) -> (Vec<(Node, usize, usize)>, Vec<Finding>) {
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let mut docs = Vec::new();
        load(
            vec![Input::new("t.yaml", text)],
            &Limits::default(),
            crate::model::SCHEMA,
            Lang::En,
            &mut sources,
            &mut findings,
            &mut |d: Document| docs.push(d),
        );
        let file = &sources.files()[0];
        let docs = docs
            .into_iter()
            .map(|d| {
                let (line, col) = file.line_column(d.span.offset);
                (d.node, line, col)
            })
            .collect();
        (docs, findings)
    }

    fn names(docs: &[(Node, usize, usize)]) -> Vec<(String, usize, usize)> {
        docs.iter()
            .map(|(n, l, c)| {
                (
                    n.str_at(&["metadata", "name"]).unwrap_or("?").to_string(),
                    *l,
                    *c,
                )
            })
            .collect()
    }

    #[test]
    fn kubectl_list_items_keep_their_lines() {
        let text = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n# note\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";
        let (docs, findings) = load_str(text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(names(&docs), [("a".into(), 3, 3), ("b".into(), 8, 3)]);
    }

    #[test]
    fn indented_list_items_and_fallback() {
        let text = "kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n  - kind: Pod\n    metadata: {name: b}\n";
        let (docs, _) = load_str(text);
        assert_eq!(names(&docs), [("a".into(), 3, 5), ("b".into(), 5, 5)]);
        // Flow style items cannot be cut apart: the whole document is parsed instead.
        let (docs, _) = load_str("kind: List\nitems: [{kind: Pod, metadata: {name: a}}]\n");
        assert_eq!(names(&docs), [("a".into(), 1, 1)]);
    }

    #[test]
    fn streams_and_errors_continue() {
        let text = "---\nkind: A\nmetadata: {name: one}\n---\nkind: B\n  bad: [\n---\n# only a comment\n---\nkind: C\nmetadata: {name: three}\n";
        let (docs, findings) = load_str(text);
        assert_eq!(
            names(&docs),
            [("one".into(), 2, 1), ("three".into(), 10, 1)]
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Mig001);
    }

    #[test]
    fn json_list_and_concatenated_values() {
        let text = "{\n \"kind\": \"List\",\n \"items\": [\n  {\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}},\n  {\"kind\": \"Pod\", \"metadata\": {\"name\": \"b\"}}\n ]\n}\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}\n";
        let (docs, findings) = load_str(text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            names(&docs),
            [("a".into(), 4, 3), ("b".into(), 5, 3), ("c".into(), 8, 1)]
        );
    }

    fn kubectl_json_list(items: &[&str]) -> String {
        format!(
            "{{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n{}\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {{\n        \"resourceVersion\": \"\"\n    }}\n}}\n",
            items.join(",\n")
        )
    }

    #[test]
    fn kubectl_json_lists_are_read_in_one_pass() {
        let list = kubectl_json_list(&[
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}",
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"b\"}}",
        ]);
        assert!(looks_like_kubectl_list(&list));
        let (docs, findings) = load_str(&list);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(names(&docs), [("a".into(), 4, 9), ("b".into(), 5, 9)]);
        // The general path (a List whose end is not kubectl's) reads the same items.
        let general = list.replace("\"resourceVersion\": \"\"", "\"x\": {}");
        assert!(!looks_like_kubectl_list(&general));
        let (general_docs, _) = load_str(&general);
        assert_eq!(general_docs, docs);
        for not_kubectl in [
            "{\"items\": [], \"kind\": \"Pod\"}",
            "{\"kind\": \"List\", \"items\": []}",
            "{\"items\": [], \"kind\": \"List\", \"metadata\": {\"a\": {}}}",
            "{\"items\": [], \"kind\": \"\\\"List\"}",
            "{\"items\": [], \"kind\": \"List\", \"metadata\": {\"a\": \"\\u0041\"}}",
        ] {
            assert!(!looks_like_kubectl_list(not_kubectl), "{not_kubectl}");
        }
        assert!(looks_like_kubectl_list(
            "{\"items\":[],\"kind\":\"PodList\"}"
        ));
    }

    #[test]
    fn a_bad_item_stops_the_one_pass_and_the_rest_still_loads_once() {
        // Item two repeats a key (MIG001); item three starts with an escaped key, which the one
        // pass cannot place. Every other item loads, none twice.
        let list = kubectl_json_list(&[
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}",
            "        {\"kind\": \"Pod\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"dup\"}}",
            "        {\"\\u006bind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}",
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"d\"}}",
        ]);
        let (docs, findings) = load_str(&list);
        assert_eq!(
            names(&docs),
            [("a".into(), 4, 9), ("c".into(), 6, 9), ("d".into(), 7, 9)]
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, Code::Mig001);
        let list = kubectl_json_list(&[
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}",
            "        {\"\\u006bind\": \"Pod\", \"metadata\": {\"name\": \"b\"}}",
            "        {\"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}",
        ]);
        let (docs, findings) = load_str(&list);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            names(&docs),
            [("a".into(), 4, 9), ("b".into(), 5, 9), ("c".into(), 6, 9)]
        );
    }

    #[test]
    fn invalid_utf8_refuses_only_its_document() {
        let mut bytes =
            b"kind: A\nmetadata: {name: one}\n---\nkind: B\nmetadata: {name: \"".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"\"}\n---\nkind: C\nmetadata: {name: three}\n");
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let mut docs = Vec::new();
        load(
            vec![Input::new("t.yaml", bytes)],
            &Limits::default(),
            crate::model::SCHEMA,
            Lang::En,
            &mut sources,
            &mut findings,
            &mut |d: Document| docs.push(d),
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Mig001);
        let location = sources.locate(findings[0].span.unwrap()).unwrap();
        assert_eq!((location.line, location.column), (5, 19));
    }

    #[test]
    fn limits_are_findings() {
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        load(
            vec![Input::new("big.yaml", "kind: A\nmetadata: {name: x}\n")],
            &limits,
            crate::model::SCHEMA,
            Lang::En,
            &mut sources,
            &mut findings,
            &mut |_| {},
        );
        assert_eq!(findings[0].code, Code::Mig005);
        assert!(findings[0].message.contains("10 bytes"));
    }

    fn load_with(text: &str, limits: &Limits) -> (usize, Vec<Finding>) {
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let mut documents = 0;
        load(
            vec![Input::new("t.yaml", text)],
            limits,
            crate::model::SCHEMA,
            Lang::En,
            &mut sources,
            &mut findings,
            &mut |_| documents += 1,
        );
        (documents, findings)
    }

    /// A flow sequence `levels` deep under a key, so the YAML path reads it (JSON takes a
    /// document that starts with a bracket).
    fn nested(levels: usize) -> String {
        format!(
            "kind: X\nspec: {}1{}\n",
            "[".repeat(levels),
            "]".repeat(levels)
        )
    }

    #[test]
    fn a_document_exactly_at_max_depth_loads_and_one_level_more_is_refused() {
        let limits = Limits {
            max_depth: 40,
            ..Limits::default()
        };
        // The map is one level, the sequences the rest.
        let (documents, findings) = load_with(&nested(39), &limits);
        assert_eq!((documents, findings.len()), (1, 0), "{findings:?}");
        let (documents, findings) = load_with(&nested(40), &limits);
        assert_eq!(documents, 0);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Mig005);
        assert_eq!(
            findings[0].message,
            "document not loaded: nesting deeper than 40 levels (setting max-depth)"
        );
    }

    #[test]
    fn a_max_depth_beyond_the_parser_still_refuses_deep_documents_before_parsing() {
        let limits = Limits {
            max_depth: 1_000_000,
            ..Limits::default()
        };
        let (documents, findings) = load_with(&nested(127), &limits);
        assert_eq!((documents, findings.len()), (1, 0), "{findings:?}");
        let (documents, findings) = load_with(&nested(100_000), &limits);
        assert_eq!(documents, 0);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Mig005);
        assert!(
            findings[0].message.contains("deeper than 128 levels")
                && findings[0].message.contains("setting max-depth"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let (docs, findings) = load_str(&text);
        assert!(docs.is_empty());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Mig005, "{:?}", findings[0]);
    }

    #[test]
    fn the_native_default_fits_a_20k_pod_json_export_and_the_help_says_how_to_split() {
        // 285 MB for 10,000 pods (the bench's generated `kubectl get pods -A -o json`).
        assert!(Limits::default().max_file_bytes >= 2 * 285_000_000 + 30_000_000);
        let limits = Limits {
            max_file_bytes: 4,
            ..Limits::default()
        };
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        load(
            vec![Input::new("pods.json", "{\"items\": []}")],
            &limits,
            crate::model::SCHEMA,
            Lang::En,
            &mut sources,
            &mut findings,
            &mut |_| {},
        );
        let help = findings[0].help.clone().unwrap_or_default();
        assert!(help.contains("one per namespace"), "{help}");
        assert!(help.contains("kubectl get pods,deployments"), "{help}");
        assert!(help.contains("setting max-file-bytes"), "{help}");
    }
}
