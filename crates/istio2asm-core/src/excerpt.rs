//! Excerpts of the input around a finding, for display, with every value that could be secret
//! hidden.
//!
//! The text of an export holds what the model never keeps: env values, annotations (a whole
//! kubeconfig fits in one), ConfigMap data, `secretKeyRef` names. An excerpt shows the object's
//! shape (keys, nesting, flow braces) and only the values of keys known to be harmless (names,
//! kinds, images, ports, states, labels, the env values istio2asm reads); everything else reads
//! `<hidden>` (`<已隐藏>` in Chinese). The context is built from the finding's line, which is where its object starts:
//! lines before it belong to another object and are hidden whole, and so is any line whose
//! parent is not known (a continuation of a multi-line scalar, a block scalar's content).
//! Secrets themselves were blanked when they were loaded.

use crate::i18n::Lang;
use crate::model::KEPT_ENV;
use crate::source::SourceFile;

/// What a hidden value or line reads in `lang`: `<hidden>` in English.
pub fn hidden(lang: Lang) -> String {
    t!(lang, "report-excerpt-hidden")
}

/// Keys whose scalar values are shown.
const SHOW_KEYS: [&str; 40] = [
    "apiVersion",
    "kind",
    "name",
    "namespace",
    "generateName",
    "uid",
    "image",
    "imagePullPolicy",
    "containerPort",
    "port",
    "targetPort",
    "nodePort",
    "protocol",
    "replicas",
    "readyReplicas",
    "numberReady",
    "restartPolicy",
    "type",
    "state",
    "desiredState",
    "retryCounter",
    "serviceAccountName",
    "revision",
    "phase",
    "ready",
    "restartCount",
    "hostNetwork",
    "mountPath",
    "podManagementPolicy",
    "controller",
    "blockOwnerDeletion",
    "gitVersion",
    "number",
    "weight",
    "subset",
    "host",
    "mode",
    "minReplicas",
    "maxReplicas",
    "gateway",
];

/// Keys under which nothing is shown: free text, configuration and references to Secrets.
const HIDE_UNDER: [&str; 15] = [
    "annotations",
    "data",
    "stringData",
    "binaryData",
    "secretKeyRef",
    "secretRef",
    "configMapKeyRef",
    "configMapRef",
    "users",
    "user",
    "clusters",
    "contexts",
    "proxyMetadata",
    "args",
    "command",
];

/// Keys whose direct children are labels (values shown).
const LABELS: [&str; 4] = ["labels", "matchLabels", "selector", "nodeSelector"];

/// An excerpt: the number of its first line and its lines, values hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based number of the first line.
    pub first: usize,
    /// The lines, without their line ends.
    pub lines: Vec<String>,
}

/// Lines `line - before ..= line + after` of `file`, where `line` (1-based) is the start of the
/// object a finding is about. Hidden values read [`hidden`] in `lang`.
pub fn excerpt(file: &SourceFile, line: usize, before: usize, after: usize, lang: Lang) -> Excerpt {
    let first = line.saturating_sub(before).max(1);
    let text = file.text();
    let Some(start) = file.line_start(first) else {
        return Excerpt {
            first,
            lines: Vec::new(),
        };
    };
    let hidden = hidden(lang);
    let mut masker = Masker {
        hidden: &hidden,
        ..Masker::default()
    };
    let lines = text[start..]
        .split('\n')
        .take(line + after + 1 - first)
        .enumerate()
        .map(|(index, raw)| {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if first + index < line {
                hide_whole(raw, masker.hidden)
            } else {
                masker.line(raw, first + index == line)
            }
        })
        .collect();
    Excerpt { first, lines }
}

/// A line of another object: only blank lines and document markers are shown.
fn hide_whole(raw: &str, hidden: &str) -> String {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed == "---" || trimmed == "..." {
        return raw.to_string();
    }
    format!("{}{hidden}", indentation(raw))
}

fn indentation(raw: &str) -> &str {
    &raw[..raw.len() - raw.trim_start().len()]
}

/// What holds a line: a mapping (or sequence) whose content starts at a column.
#[derive(Debug, Clone, Default)]
struct Frame {
    /// The column of the content; `None` until the first line under an empty-valued key.
    column: Option<usize>,
    /// The key's column, for a frame opened by a key.
    key_column: usize,
    /// Nothing under this frame is shown.
    hide: bool,
    /// The values directly under this frame are labels.
    labels: bool,
    /// The `name` read in this mapping, for its `value`.
    env_name: Option<String>,
}

impl Frame {
    fn context(&self) -> Context<'_> {
        Context {
            hide: self.hide,
            labels: self.labels,
            env_name: self.env_name.as_deref(),
        }
    }
}

/// What decides one value.
#[derive(Debug, Clone, Copy)]
struct Context<'a> {
    hide: bool,
    labels: bool,
    env_name: Option<&'a str>,
}

impl Context<'_> {
    fn shows(&self, key: &str, value: &str) -> bool {
        if self.hide {
            return false;
        }
        if self.labels {
            return true;
        }
        if key == "value" {
            return self.env_name.is_some_and(|name| KEPT_ENV.contains(&name));
        }
        SHOW_KEYS.contains(&key) || matches!(value, "" | "null" | "~" | "true" | "false")
    }

    fn child(&self, key: &str) -> Frame {
        Frame {
            hide: self.hide || HIDE_UNDER.contains(&key),
            labels: !self.hide && LABELS.contains(&key),
            ..Frame::default()
        }
    }
}

/// Walks the lines after the object's start, keeping the nesting by indentation.
#[derive(Debug, Default)]
struct Masker<'h> {
    frames: Vec<Frame>,
    /// The key column of a block scalar (`|`, `>`) whose content is being skipped.
    block: Option<usize>,
    /// The object's lines are over (a line left its indentation).
    outside: bool,
    /// What a hidden value reads.
    hidden: &'h str,
}

impl Masker<'_> {
    fn line(&mut self, raw: &str, root: bool) -> String {
        let content = raw.trim_start();
        let indent = raw.len() - content.len();
        if content.is_empty() {
            return raw.to_string();
        }
        if let Some(column) = self.block {
            if indent > column {
                return format!("{}{}", indentation(raw), self.hidden);
            }
            self.block = None;
        }
        if content.trim_end() == "---" || content.trim_end() == "..." {
            // A new document: its keys start at column 0.
            self.frames = vec![Frame {
                column: Some(0),
                ..Frame::default()
            }];
            self.outside = false;
            return raw.to_string();
        }
        if root {
            self.outside = false;
            self.frames = vec![Frame {
                column: Some(indent),
                key_column: indent,
                ..Frame::default()
            }];
        } else if !self.enter(indent, content) {
            self.outside = true;
        }
        if self.outside || content.starts_with('#') {
            return hide_whole(raw, self.hidden);
        }
        let mut out = String::with_capacity(raw.len());
        out.push_str(indentation(raw));
        let mut line = Line {
            text: content,
            at: 0,
            out,
            hidden: self.hidden,
        };
        self.block_line(&mut line, indent);
        line.out
    }

    /// Finds the frame a line at `indent` belongs to; false when none does.
    fn enter(&mut self, indent: usize, content: &str) -> bool {
        while let Some(frame) = self.frames.last_mut() {
            match frame.column {
                None if indent > frame.key_column
                    || (indent == frame.key_column && content.starts_with("- ")) =>
                {
                    frame.column = Some(indent);
                    return true;
                }
                Some(column) if column == indent => return true,
                Some(column) if column < indent => return false,
                _ => {
                    self.frames.pop();
                }
            }
        }
        false
    }

    /// One line in block context: `- ` items, then `key: value`, a flow collection or a scalar.
    fn block_line(&mut self, line: &mut Line<'_>, indent: usize) {
        let mut column = indent;
        while line.rest().starts_with("- ") || line.rest() == "-" {
            let dash = line.rest().len() - line.rest()[1..].trim_start().len();
            line.copy(dash);
            column += dash;
            // A sequence item is a mapping of its own, starting after the dash.
            let hide = self.context().hide;
            self.frames.push(Frame {
                column: Some(column),
                key_column: column,
                hide,
                ..Frame::default()
            });
        }
        let rest = line.rest();
        if rest.chars().all(|c| matches!(c, '}' | ']' | ',' | ' ')) {
            line.copy(rest.len());
            return;
        }
        if rest.starts_with('{') || rest.starts_with('[') {
            let child = self.context().child("");
            self.flow_opened(line, child, column);
            return;
        }
        let Some(key) = line.key(false) else {
            // A scalar on its own: a sequence item or a continuation.
            let cx = self.context();
            line.scalar(false, !cx.hide && cx.labels);
            line.rest_hidden();
            return;
        };
        line.skip_spaces();
        let value = line.rest();
        // The mapping's `name` decides whether its `value` shows (an env variable).
        if key == "name" {
            if let Some(top) = self.frames.last_mut() {
                top.env_name = Some(scalar_text(value).to_string());
            }
        }
        if value.is_empty() || value.starts_with('#') {
            let mut child = self.context().child(&key);
            child.key_column = column;
            self.frames.push(child);
            line.rest_hidden();
        } else if value.starts_with('|') || value.starts_with('>') {
            self.block = Some(column);
            line.copy(value.len());
        } else if value.starts_with('{') || value.starts_with('[') {
            let child = self.context().child(&key);
            self.flow_opened(line, child, column);
        } else {
            let shown = self.context().shows(&key, scalar_text(value));
            line.scalar(false, shown);
            line.rest_hidden();
        }
    }

    /// A flow collection in a line; when it does not close on the line (JSON's `{` at the end),
    /// the lines after it are nested under a frame as in block style.
    fn flow_opened(&mut self, line: &mut Line<'_>, mut child: Frame, column: usize) {
        if !line.flow(&child.context()) {
            child.key_column = column;
            self.frames.push(child);
        }
        line.rest_hidden();
    }

    /// What holds the current line; with no frame, nothing is known and nothing is shown.
    fn context(&self) -> Context<'_> {
        self.frames.last().map_or(
            Context {
                hide: true,
                labels: false,
                env_name: None,
            },
            Frame::context,
        )
    }
}

/// The text of a scalar token, without quotes, for the value rules.
fn scalar_text(value: &str) -> &str {
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let value = value.strip_suffix(',').unwrap_or(value);
    value.trim_matches(|c| c == '"' || c == '\'')
}

/// One line being copied to `out`, with hidden values replaced.
struct Line<'a> {
    text: &'a str,
    at: usize,
    out: String,
    /// What a hidden value reads.
    hidden: &'a str,
}

impl<'a> Line<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn copy(&mut self, bytes: usize) {
        let end = (self.at + bytes).min(self.text.len());
        self.out.push_str(&self.text[self.at..end]);
        self.at = end;
    }

    fn skip_spaces(&mut self) {
        let spaces = self.rest().len() - self.rest().trim_start_matches(' ').len();
        self.copy(spaces);
    }

    /// Whatever is left on the line and was not understood is hidden.
    fn rest_hidden(&mut self) {
        let rest = self.rest().trim();
        if !rest.is_empty() && !matches!(rest, "," | "{" | "[" | "}" | "]" | "}," | "],") {
            if !self.out.ends_with(' ') && !self.out.trim().is_empty() {
                self.out.push(' ');
            }
            self.out.push_str(self.hidden);
        } else {
            self.out.push_str(rest);
        }
        self.at = self.text.len();
    }

    /// The length of the scalar token at the cursor: quoted, or plain up to what ends it.
    fn scalar_len(&self, flow: bool) -> usize {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        match bytes.first() {
            Some(b'"') => {
                let mut i = 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => return i + 1,
                        _ => i += 1,
                    }
                }
                rest.len()
            }
            Some(b'\'') => {
                let mut i = 1;
                while i < bytes.len() {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        return i + 1;
                    }
                    i += 1;
                }
                rest.len()
            }
            _ => {
                let mut i = 0;
                while i < bytes.len() {
                    let b = bytes[i];
                    let next = bytes.get(i + 1).copied();
                    if (b == b':' && matches!(next, None | Some(b' ')))
                        || (b == b' ' && next == Some(b'#'))
                        || (flow && matches!(b, b',' | b'[' | b']' | b'{' | b'}'))
                    {
                        break;
                    }
                    i += 1;
                }
                i
            }
        }
        .min(rest.len())
    }

    /// A key and its colon, if the cursor is at one (the key is copied, the cursor moves past
    /// the colon).
    fn key(&mut self, flow: bool) -> Option<String> {
        let len = self.scalar_len(flow);
        let after = &self.rest()[len..];
        let after_trimmed = after.trim_start_matches(' ');
        let colon = after_trimmed.strip_prefix(':')?;
        if !(colon.is_empty()
            || colon.starts_with(' ')
            || (flow && colon.starts_with(['"', '{', '['])))
        {
            return None;
        }
        let key = scalar_text(&self.rest()[..len]).to_string();
        self.copy(len + (after.len() - after_trimmed.len()) + 1);
        Some(key)
    }

    /// A scalar value: copied when shown, else `<hidden>`.
    fn scalar(&mut self, flow: bool, shown: bool) {
        let len = self.scalar_len(flow);
        let token = &self.rest()[..len];
        if shown || token.is_empty() {
            self.copy(len);
        } else {
            let trimmed = token.trim_end();
            self.out.push_str(self.hidden);
            self.at += trimmed.len();
        }
    }

    /// A flow collection at the cursor; true when it closed on this line.
    fn flow(&mut self, cx: &Context) -> bool {
        let Some(open) = self.rest().chars().next() else {
            return false;
        };
        let close = if open == '{' { '}' } else { ']' };
        self.copy(1);
        let mut env_name: Option<String> = None;
        loop {
            self.skip_spaces();
            let rest = self.rest();
            if rest.is_empty() {
                return false;
            }
            if rest.starts_with(close) {
                self.copy(1);
                return true;
            }
            if rest.starts_with(',') {
                self.copy(1);
                continue;
            }
            let key = if open == '{' { self.key(true) } else { None };
            self.skip_spaces();
            let here = Context {
                hide: cx.hide,
                labels: cx.labels,
                env_name: env_name.as_deref(),
            };
            let rest = self.rest();
            if rest.starts_with('{') || rest.starts_with('[') {
                let child = here.child(key.as_deref().unwrap_or(""));
                if !self.flow(&child.context()) {
                    return false;
                }
                continue;
            }
            let len = self.scalar_len(true);
            if len == 0 {
                // Not a token this reader knows: hide the rest.
                return false;
            }
            let value = scalar_text(&self.rest()[..len]).to_string();
            let shown = match &key {
                Some(key) => here.shows(key, &value),
                None => !here.hide && here.labels,
            };
            if key.as_deref() == Some("name") {
                env_name = Some(value);
            }
            self.scalar(true, shown);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, line: usize, before: usize, after: usize) -> String {
        let file = SourceFile::new("f.yaml".into(), text.into());
        excerpt(&file, line, before, after, Lang::En)
            .lines
            .join("\n")
    }

    #[test]
    fn hidden_values_read_in_the_language_asked_for() {
        let file = SourceFile::new(
            "f.yaml".into(),
            "kind: Pod\nmetadata:\n  annotations:\n    t: s3cr3t\n".into(),
        );
        let shown = excerpt(&file, 1, 0, 5, Lang::ZhCn).lines.join("\n");
        assert!(shown.contains("    t: <已隐藏>"), "{shown}");
    }

    #[test]
    fn shows_the_shape_and_harmless_values() {
        let text = "kind: ConfigMap\ndata: {token: abc}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  labels: {app: web, version: v1}\n  annotations:\n    example.com/token: s3cr3t\n    note: |\n      multi\n      line\n  uid: 1\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: app\n        image: web:1\n        env:\n        - name: API_TOKEN\n          value: s3cr3t\n        - {name: PROXY_CONFIG_XDS_AGENT, value: \"true\"}\n        - {name: GITHUB_TOKEN, value: s3cr3t}\n        - name: DB\n          valueFrom:\n            secretKeyRef: {name: s3cr3t, key: s3cr3t}\n        args: [--token, s3cr3t]\n";
        let shown = show(text, 4, 3, 40);
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("abc"),
            "{shown}"
        );
        for expected in [
            "<hidden>\n<hidden>\n---\napiVersion: apps/v1",
            "  name: web\n  namespace: shop\n  labels: {app: web, version: v1}",
            "    example.com/token: <hidden>\n    note: |\n      <hidden>\n      <hidden>\n  uid: 1",
            "        - name: API_TOKEN\n          value: <hidden>",
            "- {name: PROXY_CONFIG_XDS_AGENT, value: \"true\"}",
            "- {name: GITHUB_TOKEN, value: <hidden>}",
            "secretKeyRef: {name: <hidden>, key: <hidden>}",
            "args: [<hidden>, <hidden>]",
        ] {
            assert!(shown.contains(expected), "{expected:?} in\n{shown}");
        }
    }

    #[test]
    fn json_nests_by_indentation() {
        let text = "{\n    \"kind\": \"List\",\n    \"items\": [\n        {\n            \"kind\": \"Pod\",\n            \"metadata\": {\n                \"name\": \"p\",\n                \"annotations\": {\n                    \"t\": \"s3cr3t\"\n                }\n            },\n            \"env\": [\n                {\n                    \"name\": \"A\",\n                    \"value\": \"s3cr3t\"\n                },\n                {\n                    \"name\": \"REVISION\",\n                    \"value\": \"1-24\"\n                }\n            ]\n        }\n    ]\n}\n";
        let shown = show(text, 4, 2, 30);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("\"kind\": \"Pod\","), "{shown}");
        assert!(shown.contains("\"name\": \"p\","), "{shown}");
        assert!(shown.contains("\"value\": \"1-24\""), "{shown}");
    }

    #[test]
    fn unknown_context_is_hidden() {
        // The object's start is mid-way into a mapping (a MIG001 position): deeper lines whose
        // parent was not seen are hidden whole, and so are continuation lines.
        let text = "a:\n  b: 1\nkind: Pod\nx: \"multi\n  line s3cr3t\"\n    deeper: s3cr3t\n";
        let shown = show(text, 3, 0, 10);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.starts_with("kind: Pod"), "{shown}");
    }

    #[test]
    fn never_panics_on_odd_lines() {
        for text in [
            "- - - x",
            "{a: [b, {c: d",
            "'unterminated: x",
            "\"unterminated: \\",
            "key: 'a''b' # c",
            ": x",
            "-",
            "- ",
            "a: b: c",
            "é: ü\n  ö: ä",
            "\r\n\r\n",
        ] {
            for line in 1..=2 {
                let _ = show(text, line, 1, 3);
            }
        }
    }
}
