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

use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use crate::finding::{Code, Finding};
use crate::node::{Node, NodeSeed, LIMIT_MARKER};
use crate::source::{FileId, SourceFile, Sources, Span};

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

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_total_bytes: 1 << 30,
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

/// Loads every input into `sources`, reporting MIG001/MIG005 into `findings` and every parsed
/// document into `sink`. Never fails: a bad file or document is a finding and loading goes on.
pub(crate) fn load(
    inputs: Vec<Input>,
    limits: &Limits,
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
            let (what, limit, setting) = if size > limits.max_file_bytes {
                ("the file exceeds", limits.max_file_bytes, "max-file-bytes")
            } else {
                (
                    "all inputs together exceed",
                    limits.max_total_bytes,
                    "max-total-bytes",
                )
            };
            let id = sources.add(SourceFile::new(input.name, String::new()));
            findings.push(
                Finding::new(
                    Code::Mig005,
                    format!(
                        "not loaded: {what} the limit of {} ({size} bytes in this file)",
                        human_bytes(limit)
                    ),
                )
                .spanned(Span { file: id, offset: 0 })
                .help(format!(
                    "Split the export (for example one file per namespace or resource type), or raise the limit with the setting {setting} if the input is trusted."
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
            text: file.text(),
            bad_bytes: &bad_bytes,
            limits,
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

struct FileLoader<'a, 'b> {
    file: FileId,
    text: &'a str,
    bad_bytes: &'a [usize],
    limits: &'a Limits,
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
        for (from, to) in split_documents(self.text, start) {
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
                    format!(
                        "stopped loading: more than {} documents and list items in the input",
                        self.limits.max_documents
                    ),
                )
                .spanned(self.span(offset))
                .help("Load fewer objects at once, or raise the limit with the setting max-documents if the input is trusted."),
            );
            return;
        }
        let span = self.span(offset);
        (self.sink)(Document { node, span });
    }

    /// Reports a parse error: MIG005 when a limit was hit, else MIG001.
    fn parse_error(&mut self, message: &str, offset: usize) {
        let limit = message.contains(LIMIT_MARKER)
            || message.contains("recursion limit exceeded")
            || message.contains("repetition limit exceeded");
        let finding = if limit {
            let detail = message
                .split_once(LIMIT_MARKER)
                .map_or(message, |(_, detail)| detail);
            Finding::new(Code::Mig005, format!("document not loaded: {detail}")).help(
                "The document nests deeper or expands aliases further than any Kubernetes object needs; it was refused without being expanded. Check where it came from; raise the setting max-depth only for a trusted input.",
            )
        } else {
            Finding::new(Code::Mig001, format!("does not parse: {message}"))
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

    /// JSON: one value or several in a row; a List's items each become a document. Returns false
    /// when the text is not JSON after all (then it is read as YAML, which includes JSON's flow
    /// style, so the user gets YAML's message).
    ///
    /// The stream is read once into a [`Probe`], which keeps a List's items as raw slices; each
    /// item (or each value that is not a List) is then parsed into a `Node` from its slice.
    fn try_json(&mut self, offset: usize) -> bool {
        // Items the one pass emitted before it stopped are not emitted again.
        let mut skip = match self.json_list_in_one_pass(offset) {
            OnePass::Done => return true,
            OnePass::NotTaken | OnePass::Stopped { emitted: 0 } => None,
            OnePass::Stopped { emitted } => Some(emitted),
        };
        let text: &'a str = &self.text[offset..];
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Probe>();
        let mut any = false;
        loop {
            let start = stream.byte_offset();
            let probe = match stream.next() {
                None => break,
                Some(Ok(probe)) => probe,
                Some(Err(error)) => {
                    if !any && skip.is_none() {
                        return false;
                    }
                    let at = offset + self.json_error_offset(text, &error);
                    self.parse_error(&strip_position(&error.to_string()), at);
                    break;
                }
            };
            any = true;
            let raw = text[start..stream.byte_offset()].trim_start();
            let at = self.offset_of(raw);
            if let Some(bad) = self.bad_byte_in(at, at + raw.len()) {
                self.parse_error("invalid UTF-8 (the bytes are not text)", bad);
                continue;
            }
            match probe {
                Probe::List(items) => {
                    for item in items.into_iter().skip(skip.take().unwrap_or(0)) {
                        let item = item.get();
                        self.json_object(item, self.offset_of(item));
                    }
                }
                Probe::Other => self.json_object(raw, at),
            }
        }
        true
    }

    /// The common case, `kubectl get -o json`: the file is one List whose items are objects.
    /// When its end reads as kubectl writes a List (`], "kind": "…List", "metadata": {…}}`),
    /// the items are parsed into `Node`s and emitted as the List is read, each item's position
    /// taken from where its first key lies in the text, so no more than one item's tree exists at a
    /// time. If the pass stops (an item that does not parse, an escaped first key, text that is
    /// not JSON), what it emitted stays, as for a YAML List, and the general path reads the rest.
    fn json_list_in_one_pass(&mut self, offset: usize) -> OnePass {
        let text: &'a str = &self.text[offset..];
        if self.bad_byte_in(offset, self.text.len()).is_some() || !looks_like_kubectl_list(text) {
            return OnePass::NotTaken;
        }
        let max_depth = self.limits.max_depth;
        let mut items = ItemSink {
            loader: self,
            pending: None,
            emitted: 0,
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let read = ListSeed {
            max_depth,
            sink: &mut items,
        }
        .deserialize(&mut de)
        .and_then(|is_list| de.end().map(|()| is_list));
        let end = items.loader.text.len();
        items.flush(end);
        match read {
            Ok(true) => OnePass::Done,
            _ => OnePass::Stopped {
                emitted: items.emitted,
            },
        }
    }

    /// One object from its JSON text (`at` is where it starts in the file).
    fn json_object(&mut self, raw: &str, at: usize) {
        let mut de = serde_json::Deserializer::from_str(raw);
        match NodeSeed::object(self.limits.max_depth).deserialize(&mut de) {
            Ok(node) => self.expand(node, at, at + raw.len()),
            Err(error) => {
                let inner = self.json_error_offset(raw, &error);
                self.parse_error(&strip_position(&error.to_string()), at + inner);
                self.blank_if_secret(at, at + raw.len());
            }
        }
    }

    /// Byte offset of a slice of this file's text.
    fn offset_of(&self, slice: &str) -> usize {
        (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    fn json_error_offset(&self, text: &str, error: &serde_json::Error) -> usize {
        offset_of_line_column(text, error.line(), error.column().saturating_sub(1))
    }

    /// One YAML document (`from..to` of the file's text).
    fn yaml_document(&mut self, from: usize, to: usize) {
        let slice = &self.text[from..to];
        if let Some(bad) = self.bad_byte_in(from, to) {
            self.parse_error("invalid UTF-8 (the bytes are not text)", bad);
            return;
        }
        // Items are emitted as they parse, so only one item's tree exists at a time.
        let mut emitted = 0;
        let mut positions = Vec::new();
        if let Some(items) = list_items(slice) {
            let mut complete = true;
            for (item_from, item_to, content) in &items {
                match self.parse_yaml(&slice[*item_from..*item_to]) {
                    Ok(Some(Node::Seq(mut seq))) if seq.len() == 1 => {
                        if let Some(node) = seq.pop() {
                            self.expand(node, from + content, from + *item_to);
                        }
                        emitted += 1;
                    }
                    _ => {
                        complete = false;
                        break;
                    }
                }
            }
            if complete && !items.is_empty() {
                return;
            }
            positions = items.iter().map(|(_, _, content)| from + content).collect();
        }
        // The layout was not kubectl's after all, or an item did not parse on its own: parse the
        // whole document, and emit only the items not emitted above.
        if emitted > 0 {
            match self.parse_yaml(slice) {
                Ok(Some(Node::Map(entries))) => {
                    for (key, value) in entries {
                        if key.as_ref() != "items" {
                            continue;
                        }
                        if let Node::Seq(items) = value {
                            for (index, item) in items.into_iter().enumerate().skip(emitted) {
                                let at = positions.get(index).copied().unwrap_or(from);
                                self.expand(item, at, to);
                            }
                        }
                    }
                }
                Ok(_) => {}
                Err((message, index)) => {
                    self.parse_error(&message, from + index);
                    self.blank_if_secret(from, to);
                }
            }
            return;
        }
        match self.parse_yaml(slice) {
            Ok(Some(node)) => {
                let at = from + content_start(slice);
                self.expand(node, at, to);
            }
            Ok(None) => {}
            Err((message, index)) => {
                self.parse_error(&message, from + index);
                self.blank_if_secret(from, to);
            }
        }
    }

    /// Emits a node, or each item when it is a `*List` (Lists inside Lists included).
    fn expand(&mut self, node: Node, at: usize, end: usize) {
        let is_list = node
            .str_at(&["kind"])
            .is_some_and(|kind| kind.ends_with("List"))
            && matches!(node.get("items"), Some(Node::Seq(_)));
        if !is_list {
            self.emit(node, at, end);
            return;
        }
        if let Node::Map(entries) = node {
            for (key, value) in entries {
                if key.as_ref() == "items" {
                    if let Node::Seq(items) = value {
                        for item in items {
                            self.expand(item, at, end);
                        }
                    }
                }
            }
        }
    }

    /// Parses one YAML document; `Ok(None)` for an empty one. kubectl's block style goes through
    /// the fast reader (`block_yaml`); whatever it does not take, serde_yaml reads.
    fn parse_yaml(&self, slice: &str) -> Result<Option<Node>, (String, usize)> {
        if let Ok(node) = crate::block_yaml::read(slice, NodeSeed::object(self.limits.max_depth)) {
            return Ok((node != Node::Null).then_some(node));
        }
        let mut documents = serde_yaml::Deserializer::from_str(slice);
        let Some(document) = documents.next() else {
            return Ok(None);
        };
        match NodeSeed::object(self.limits.max_depth).deserialize(document) {
            Ok(Node::Null) => Ok(None),
            Ok(node) => Ok(Some(node)),
            Err(error) => {
                let index = error.location().map_or(0, |l| l.index());
                Err((strip_position(&error.to_string()), index.min(slice.len())))
            }
        }
    }
}

/// Checks the fast reader (`block_yaml`) against serde_yaml on every document of `text` and on
/// every item of a kubectl-style List, as the loader cuts them: wherever the fast reader takes a
/// slice, serde_yaml must read it too, into the same tree. Returns how many slices the fast reader
/// took, or the first disagreement. For tests and the fuzz harness.
#[doc(hidden)]
pub fn fast_reader_agrees(text: &str, max_depth: usize) -> Result<usize, String> {
    let start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let mut taken = 0;
    for (from, to) in split_documents(text, start) {
        let doc = &text[from..to];
        let mut slices = vec![doc];
        for (item_from, item_to, _) in list_items(doc).unwrap_or_default() {
            slices.push(&doc[item_from..item_to]);
        }
        for slice in slices {
            let Ok(fast) = crate::block_yaml::read(slice, NodeSeed::object(max_depth)) else {
                continue;
            };
            taken += 1;
            let slow = serde_yaml::Deserializer::from_str(slice)
                .next()
                .map(|document| NodeSeed::object(max_depth).deserialize(document));
            // Debug output compares NaN equal to itself, which `==` on f64 does not.
            let agrees = match &slow {
                Some(Ok(node)) => format!("{node:?}") == format!("{fast:?}"),
                _ => false,
            };
            if !agrees {
                return Err(format!(
                    "the fast reader read {slice:?}\nas {fast:?}\nbut serde_yaml gives {slow:?}"
                ));
            }
        }
    }
    Ok(taken)
}

/// Removes the " at line L column C" a parser appends; the location is shown on its own.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// Byte offset of a 1-based line and 0-based byte column in `text`.
fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &text.as_bytes()[offset..]) {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    (offset + column).min(text.len())
}

/// The lines of `text` from byte `start`: (line start, line end without the newline, next start).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = (at, end, (end + 1).min(bytes.len()).max(end));
        at = end + 1;
        Some(line)
    })
}

/// Byte ranges of the documents of a YAML stream. A line starting with `---` or `...` (followed by
/// a space or the line's end) is a document marker: YAML 1.2 forbids such a line inside a scalar, so
/// cutting on it is exact. The `---` line stays with its document (it may carry content).
fn split_documents(text: &str, start: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut documents = Vec::new();
    let mut doc_start = start;
    for (line_start, line_end, next) in lines_from(text, start) {
        let line = &bytes[line_start..line_end];
        let marker = |m: &[u8]| {
            line.starts_with(m)
                && line
                    .get(3)
                    .is_none_or(|&b| matches!(b, b' ' | b'\t' | b'\r'))
        };
        if marker(b"---") {
            documents.push((doc_start, line_start));
            doc_start = line_start;
        } else if marker(b"...") {
            documents.push((doc_start, line_start));
            doc_start = next;
        }
    }
    documents.push((doc_start, text.len()));
    documents.retain(|&(from, to)| from < to && !is_blank_yaml(&text[from..to]));
    documents
}

/// Whether a document holds nothing but blank lines, comments, directives and markers.
fn is_blank_yaml(slice: &str) -> bool {
    slice.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line.starts_with('%') || line == "---"
    })
}

/// Offset of the first line with content (past comments and the `---` marker).
fn content_start(slice: &str) -> usize {
    for (line_start, line_end, _) in lines_from(slice, 0) {
        let line = slice[line_start..line_end].trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('%') || line == "---" {
            continue;
        }
        let indent =
            slice[line_start..line_end].len() - slice[line_start..line_end].trim_start().len();
        let rest = slice[line_start + indent..line_end].strip_prefix("--- ");
        return line_start + indent + rest.map_or(0, |_| 4);
    }
    0
}

/// For a document laid out as kubectl prints a List (`items:` at column 0 followed by a block
/// sequence, and `kind: ...List` at column 0), the items as (slice start, slice end, content
/// start) relative to the document. Each slice is a one-item block sequence, so it parses alone.
fn list_items(doc: &str) -> Option<Vec<(usize, usize, usize)>> {
    let bytes = doc.as_bytes();
    let mut items_line = None;
    let mut is_list = false;
    for (from, to, next) in lines_from(doc, 0) {
        let line = &doc[from..to];
        if line.starts_with("kind:") && line.trim_end().ends_with("List") {
            is_list = true;
        }
        if line.trim_end() == "items:" {
            items_line = Some(next);
        }
    }
    let start = items_line.filter(|_| is_list)?;
    let mut items: Vec<(usize, usize, usize)> = Vec::new();
    let mut indent = None;
    for (from, to, _) in lines_from(doc, start) {
        let line = &bytes[from..to];
        let content = line.iter().position(|&b| b != b' ');
        let Some(column) = content else {
            continue;
        };
        let rest = &line[column..];
        if rest.starts_with(b"#") || rest == b"\r" {
            continue;
        }
        let indent = *indent.get_or_insert(column);
        if column > indent {
            continue;
        }
        let is_entry = column == indent && (rest.starts_with(b"- ") || rest == b"-");
        if !is_entry {
            // The sequence ended: a key of the List itself (`kind: List`, `metadata:`).
            if let Some(last) = items.last_mut() {
                last.1 = from;
            }
            break;
        }
        if let Some(last) = items.last_mut() {
            last.1 = from;
        }
        let after_dash = from + column + 1;
        let content_at = after_dash
            + line[column + 1..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
        items.push((from, doc.len(), content_at));
    }
    Some(items)
}

fn human_bytes(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// What the one-pass List reader did.
enum OnePass {
    /// The file was one List, and every item is emitted.
    Done,
    /// Not tried; nothing emitted.
    NotTaken,
    /// Stopped after emitting this many items.
    Stopped { emitted: usize },
}

/// Whether a JSON text ends the way kubectl ends a List: `]` (the items), `"kind": "…List"` and
/// optionally `"metadata": {…}` without nesting, then the final `}`, with no backslash in that
/// tail. In valid JSON that makes the List's `kind` a key of the top-level object, so its items
/// can be emitted before the parser reaches it.
fn looks_like_kubectl_list(text: &str) -> bool {
    let Some(tail) = text.trim_end().strip_suffix('}') else {
        return false;
    };
    let mut tail = tail.trim_end();
    if let Some(metadata) = tail.strip_suffix('}') {
        let Some(open) = metadata.rfind('{') else {
            return false;
        };
        if metadata[open + 1..].contains(['[', ']', '{', '}', '\\']) {
            return false;
        }
        let Some(before) = metadata[..open]
            .trim_end()
            .strip_suffix(':')
            .and_then(|t| t.trim_end().strip_suffix("\"metadata\""))
            .and_then(|t| t.trim_end().strip_suffix(','))
        else {
            return false;
        };
        tail = before.trim_end();
    }
    let Some(kind) = tail.strip_suffix("List\"") else {
        return false;
    };
    let Some(quote) = kind.rfind('"') else {
        return false;
    };
    if kind[quote + 1..].contains('\\') {
        return false;
    }
    kind[..quote]
        .trim_end()
        .strip_suffix(':')
        .and_then(|t| t.trim_end().strip_suffix("\"kind\""))
        .and_then(|t| t.trim_end().strip_suffix(','))
        .is_some_and(|t| t.trim_end().ends_with(']'))
}

/// Emits a List's items as they are read, one behind, so each item's end (the next one's start)
/// is known when it is emitted.
struct ItemSink<'l, 'a, 'b> {
    loader: &'l mut FileLoader<'a, 'b>,
    pending: Option<(Node, usize)>,
    emitted: usize,
}

impl ItemSink<'_, '_, '_> {
    fn push(&mut self, node: Node, start: usize) {
        self.flush(start);
        self.pending = Some((node, start));
    }

    fn flush(&mut self, end: usize) {
        if let Some((node, start)) = self.pending.take() {
            self.loader.expand(node, start, end);
            self.emitted += 1;
        }
    }

    /// An item's start from the address of its first key's text (after its quote): the `{`
    /// before it.
    fn start(&self, key: usize) -> Option<usize> {
        let text = self.loader.text;
        let quote = key.checked_sub(text.as_ptr() as usize + 1)?;
        let before = text.get(..quote)?.trim_end();
        before.ends_with('{').then(|| before.len() - 1)
    }
}

/// A JSON List read in one pass, its items emitted into `sink`; `true` when it was a List.
struct ListSeed<'s, 'l, 'a, 'b> {
    max_depth: usize,
    sink: &'s mut ItemSink<'l, 'a, 'b>,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_, '_, '_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ListSeed<'_, '_, '_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a List")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut is_list = None;
        let mut items = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "kind" if is_list.is_none() => {
                    let kind = map.next_value::<serde_json::Value>()?;
                    is_list = Some(kind.as_str().is_some_and(|k| k.ends_with("List")));
                }
                "items" if !items => {
                    items = true;
                    map.next_value_seed(ItemNodes {
                        max_depth: self.max_depth,
                        sink: &mut *self.sink,
                    })?;
                }
                "kind" | "items" => return Err(serde::de::Error::custom("a repeated key")),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(items && is_list == Some(true))
    }
}

/// A List's items, each parsed as an object and handed to the sink; an error for anything the
/// one pass does not take.
struct ItemNodes<'s, 'l, 'a, 'b> {
    max_depth: usize,
    sink: &'s mut ItemSink<'l, 'a, 'b>,
}

impl<'de> DeserializeSeed<'de> for ItemNodes<'_, '_, '_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ItemNodes<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let first_key = std::cell::Cell::new(None);
        loop {
            let item = ItemNode {
                node: NodeSeed::object(self.max_depth),
                first_key: &first_key,
            };
            let Some(node) = seq.next_element_seed(item)? else {
                return Ok(());
            };
            let Some(start) = first_key.take().and_then(|key| self.sink.start(key)) else {
                return Err(serde::de::Error::custom(
                    "an item without a plain first key",
                ));
            };
            self.sink.push(node, start);
        }
    }
}

/// One item: an object, parsed by `NodeSeed`, whose first key's address is noted.
struct ItemNode<'c> {
    node: NodeSeed,
    first_key: &'c std::cell::Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for ItemNode<'_> {
    type Value = Node;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ItemNode<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Node, A::Error> {
        serde::de::Visitor::visit_map(
            self.node,
            FirstKey {
                inner: map,
                first_key: Some(self.first_key),
            },
        )
    }
}

/// A map whose first key, when it is borrowed from the text, leaves its address behind.
struct FirstKey<'c, A> {
    inner: A,
    first_key: Option<&'c std::cell::Cell<Option<usize>>>,
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for FirstKey<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first_key.take() {
            Some(first_key) => self.inner.next_key_seed(NoteKey { seed, first_key }),
            None => self.inner.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Hands a key to `seed`, noting its address when it is borrowed from the text.
struct NoteKey<'c, K> {
    seed: K,
    first_key: &'c std::cell::Cell<Option<usize>>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for NoteKey<'_, K> {
    type Value = K::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> serde::de::Visitor<'de> for NoteKey<'_, K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<K::Value, E> {
        self.first_key.set(Some(v.as_ptr() as usize));
        self.seed
            .deserialize(serde::de::value::BorrowedStrDeserializer::new(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<K::Value, E> {
        self.seed
            .deserialize(serde::de::value::StrDeserializer::new(v))
    }
}

/// A top-level JSON value as far as loading needs it: a `*List` with an array of items (kept as
/// raw slices, parsed one at a time later), or anything else (parsed whole later).
enum Probe<'a> {
    List(Vec<&'a RawValue>),
    Other,
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for Probe<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ProbeVisitor(std::marker::PhantomData))
    }
}

struct ProbeVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for ProbeVisitor<'a> {
    type Value = Probe<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Probe<'a>, A::Error> {
        use serde::de::IgnoredAny;
        let mut kind: Option<bool> = None;
        let mut items: Option<Option<Vec<&'a RawValue>>> = None;
        let mut duplicate = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "kind" => {
                    duplicate |= kind.is_some();
                    let value = map.next_value::<serde_json::Value>()?;
                    kind = Some(value.as_str().is_some_and(|k| k.ends_with("List")));
                }
                "items" => {
                    duplicate |= items.is_some();
                    items = Some(map.next_value_seed(ItemsSeed(std::marker::PhantomData))?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(match (kind, items, duplicate) {
            (Some(true), Some(Some(items)), false) => Probe::List(items),
            _ => Probe::Other,
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Probe<'a>, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Probe::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
    fn visit_unit<E>(self) -> Result<Probe<'a>, E> {
        Ok(Probe::Other)
    }
}

/// A List's `items`: the raw slice of each element when it is an array, else `None`.
struct ItemsSeed<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for ItemsSeed<'a> {
    type Value = Option<Vec<&'a RawValue>>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> serde::de::Visitor<'de> for ItemsSeed<'a> {
    type Value = Option<Vec<&'a RawValue>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            items.push(item);
        }
        Ok(Some(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Vec<(Node, usize, usize)>, Vec<Finding>) {
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let mut docs = Vec::new();
        load(
            vec![Input::new("t.yaml", text)],
            &Limits::default(),
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
            &mut sources,
            &mut findings,
            &mut |_| {},
        );
        assert_eq!(findings[0].code, Code::Mig005);
        assert!(findings[0].message.contains("10 bytes"));
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
}
