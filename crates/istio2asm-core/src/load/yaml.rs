//! YAML inputs: streams cut at document markers, kubectl-style Lists cut into their items, each
//! read by the fast block reader where it can and by serde_yaml otherwise.

use serde::de::DeserializeSeed;

use super::*;

impl FileLoader<'_, '_> {
    /// One YAML document (`from..to` of the file's text).
    pub(super) fn yaml_document(&mut self, from: usize, to: usize) {
        let slice = &self.text[from..to];
        if let Some(bad) = self.bad_byte_in(from, to) {
            self.parse_error(Refusal::NotUtf8, bad);
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
                Err((refusal, index)) => {
                    self.parse_error(refusal, from + index);
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
            Err((refusal, index)) => {
                self.parse_error(refusal, from + index);
                self.blank_if_secret(from, to);
            }
        }
    }

    /// Emits a node, or each item when it is a `*List` (Lists inside Lists included).
    pub(super) fn expand(&mut self, node: Node, at: usize, end: usize) {
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
    fn parse_yaml(&self, slice: &str) -> Result<Option<Node>, (Refusal, usize)> {
        if let Ok(node) =
            crate::block_yaml::read(slice, NodeSeed::object(self.limits.max_depth, self.schema))
        {
            return Ok((node != Node::Null).then_some(node));
        }
        // libyaml scans a whole document before the depth limit can stop it, in time that grows
        // with the square of its flow nesting: a document too deep is refused before it starts.
        let max_depth = self.limits.max_depth.min(PARSER_DEPTH);
        if let Some(at) = super::nesting::deeper_than(slice, max_depth) {
            let refusal = if max_depth < self.limits.max_depth {
                Refusal::TooDeepForParser(PARSER_DEPTH)
            } else {
                Refusal::TooDeep(max_depth)
            };
            return Err((refusal, at));
        }
        let mut documents = serde_yaml::Deserializer::from_str(slice);
        let Some(document) = documents.next() else {
            return Ok(None);
        };
        match NodeSeed::object(self.limits.max_depth, self.schema).deserialize(document) {
            Ok(Node::Null) => Ok(None),
            Ok(node) => Ok(Some(node)),
            Err(error) => {
                let index = error.location().map_or(0, |l| l.index());
                Err((
                    Refusal::Parser(strip_position(&error.to_string())),
                    index.min(slice.len()),
                ))
            }
        }
    }
}

/// serde_yaml's recursion limit: it refuses a document that nests deeper than this, whatever
/// `max-depth` says.
const PARSER_DEPTH: usize = 128;

/// Checks the fast reader (`block_yaml`) against serde_yaml on every document of `text` and on
/// every item of a kubectl-style List, as the loader cuts them: wherever the fast reader takes a
/// slice, serde_yaml must read it too, into the same tree. Returns how many slices the fast reader
/// took, or the first disagreement. For tests and the fuzz harness.
#[doc(hidden)]
pub fn fast_reader_agrees(text: &str, max_depth: usize, schema: Schema) -> Result<usize, String> {
    let start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let mut taken = 0;
    for (from, to) in split_documents(text, start) {
        let doc = &text[from..to];
        let mut slices = vec![doc];
        for (item_from, item_to, _) in list_items(doc).unwrap_or_default() {
            slices.push(&doc[item_from..item_to]);
        }
        for slice in slices {
            let Ok(fast) = crate::block_yaml::read(slice, NodeSeed::object(max_depth, schema))
            else {
                continue;
            };
            taken += 1;
            let slow = serde_yaml::Deserializer::from_str(slice)
                .next()
                .map(|document| NodeSeed::object(max_depth, schema).deserialize(document));
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
pub(super) fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// Byte offset of a 1-based line and 0-based byte column in `text`.
pub(super) fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
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
pub(super) fn lines_from(
    text: &str,
    start: usize,
) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
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
pub(super) fn split_documents(text: &str, start: usize) -> Vec<(usize, usize)> {
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
pub(super) fn is_blank_yaml(slice: &str) -> bool {
    slice.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line.starts_with('%') || line == "---"
    })
}

/// Offset of the first line with content (past comments and the `---` marker).
pub(super) fn content_start(slice: &str) -> usize {
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
pub(super) fn list_items(doc: &str) -> Option<Vec<(usize, usize, usize)>> {
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
