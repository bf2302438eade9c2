//! Offline patch preview: what a patch command changes in an exported object, before and after,
//! computed by applying the exact patch text the command carries.
//!
//! Every patch the plan prints is a JSON merge patch (RFC 7386), the semantics of
//! `kubectl patch --type=merge`, applied here with the `json-patch` crate's `merge`. Strategic
//! merge is not needed: for maps without a patch strategy, such as `metadata.labels` and
//! `metadata.annotations`, Kubernetes' strategic merge patch merges key by key and deletes on
//! `null` exactly as a merge patch does (`k8s.io/apimachinery/pkg/util/strategicpatch`, whose
//! `mergeMap` treats a field without `patchStrategy` as a plain merge; `ObjectMeta`'s labels and
//! annotations carry none). `kubectl label` and `kubectl annotate` send a merge patch too (they
//! compute it with `jsonpatch.CreateMergePatch` and send `types.MergePatchType`), so `label
//! namespace NS key=value` and `key-` are previewed as the merge patch
//! `{"metadata":{"labels":{"key":"value"}}}` and `{"metadata":{"labels":{"key":null}}}` they
//! amount to.
//!
//! # The convention of `before` and `after`
//!
//! A [`Preview`] holds only the paths the patch changes, each as nested objects from the object's
//! root: `before` holds each changed path with its value in the exported object, `after` with its
//! value in the result. A path that exists on one side only is **absent** on the other: a key the
//! patch removes is in `before` with its old value and not in `after`; a key it adds is in `after`
//! and not in `before`. `null` is never a marker: a `null` in `before` or `after` is a `null` the
//! object holds. This is what a diff of the exported object and kubectl's result shows. The diff
//! walks both objects key by key; where the two sides differ (a value changed, a key on one side
//! only, a list, whose merge patch replaces it whole) that path is kept with its whole value.
//! So a label added to an object without labels shows as `after: {metadata: {labels: {k: v}}}`,
//! and a patch that changes nothing gives `{}` and `{}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::kubectl::{Command, Word};

/// The object a preview is of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectName {
    /// `kind`.
    pub kind: String,
    /// `metadata.namespace`; `None` for cluster-scoped objects and objects exported without one.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
}

impl ObjectName {
    /// `Deployment shop/cart`, `Namespace istio-system`: one line, every control character
    /// escaped (a plan read back from JSON may hold any text).
    pub fn title(&self) -> String {
        let name = match &self.namespace {
            Some(ns) => format!("{ns}/{}", self.name),
            None => self.name.clone(),
        };
        one_line(&format!("{} {name}", self.kind))
    }
}

/// What a patch changes in one object: the changed paths before and after (see the module's
/// documentation for the convention).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preview {
    /// The object patched.
    pub object: ObjectName,
    /// The changed paths with their values in the exported object.
    pub before: Value,
    /// The changed paths with their values after the patch.
    pub after: Value,
}

/// One changed path of a [`Preview`], as text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `spec.template.metadata.labels["sidecar.asm.aliyun.com/inject"]`: keys that are plain
    /// words joined by dots, any other key as a JSON string in brackets.
    pub path: String,
    /// The value before, as compact JSON; `None` when the path did not exist.
    pub before: Option<String>,
    /// The value after, as compact JSON; `None` when the patch removes it.
    pub after: Option<String>,
}

impl Preview {
    /// The preview of `exported` becoming `patched`: only the paths that differ.
    pub fn new(object: ObjectName, exported: &Value, patched: &Value) -> Self {
        let mut before = Value::Object(Map::new());
        let mut after = Value::Object(Map::new());
        diff(
            &mut Vec::new(),
            Some(exported),
            Some(patched),
            &mut before,
            &mut after,
        );
        Preview {
            object,
            before,
            after,
        }
    }

    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        is_empty_object(&self.before) && is_empty_object(&self.after)
    }

    /// Each changed path with its value before and after, sorted by path.
    pub fn changes(&self) -> Vec<Change> {
        let mut leaves: Vec<(Vec<&str>, Option<&Value>, Option<&Value>)> = Vec::new();
        let mut before = Vec::new();
        leaves_of(&mut Vec::new(), &self.before, &mut before);
        let mut after = Vec::new();
        leaves_of(&mut Vec::new(), &self.after, &mut after);
        for (path, value) in before {
            leaves.push((path, Some(value), None));
        }
        for (path, value) in after {
            match leaves.iter_mut().find(|(p, _, _)| *p == path) {
                Some(leaf) => leaf.2 = Some(value),
                None => leaves.push((path, None, Some(value))),
            }
        }
        leaves.sort_by(|a, b| a.0.cmp(&b.0));
        leaves
            .into_iter()
            .map(|(path, before, after)| Change {
                path: path_text(&path),
                before: before.map(Value::to_string),
                after: after.map(Value::to_string),
            })
            .collect()
    }

    /// The changes as diff lines: for each path, its value before (if it had one), then its
    /// value after (if it has one).
    pub fn diff_lines(&self) -> Vec<DiffLine> {
        let mut lines = Vec::new();
        for change in self.changes() {
            for (side, value) in [(Side::Before, &change.before), (Side::After, &change.after)] {
                if let Some(value) = value {
                    lines.push(DiffLine {
                        side,
                        text: one_line(&format!("{}: {value}", change.path)),
                    });
                }
            }
        }
        lines
    }
}

/// Which side of a change a [`DiffLine`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The value in the exported object (`-`).
    Before,
    /// The value after the patch (`+`).
    After,
}

/// One line of a preview's diff: `PATH: VALUE` and the side it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Before or after.
    pub side: Side,
    /// `PATH: VALUE`, without control characters.
    pub text: String,
}

impl DiffLine {
    /// The line as a diff writes it: `- PATH: OLD` or `+ PATH: NEW`.
    pub fn line(&self) -> String {
        let sign = match self.side {
            Side::Before => '-',
            Side::After => '+',
        };
        format!("{sign} {}", self.text)
    }
}

/// `object` with the merge patch `patch` applied (RFC 7386).
pub fn merge(object: &Value, patch: &Value) -> Value {
    let mut result = object.clone();
    json_patch::merge(&mut result, patch);
    result
}

/// The merge patch a command amounts to, as the command carries it:
///
/// - `patch RESOURCE NAME --type=merge -p BODY`: `BODY`, which must be JSON;
/// - `patch RESOURCE NAME --type=merge --patch-file FILE`: the file's text (YAML or JSON, as
///   kubectl reads it), looked up with `file`;
/// - `label RESOURCE NAME key=value key-… [--overwrite]` and the same with `annotate`:
///   `{"metadata":{"labels":{…}}}` (or `annotations`), `null` for each `key-`.
///
/// `None` for any other command, for a patch of another type (kubectl's default is strategic),
/// for any flag besides these, and for a body that does not parse: no preview is better than a
/// guess.
pub fn patch_of<'a>(command: &Command, file: impl Fn(&str) -> Option<&'a str>) -> Option<Value> {
    let mut args = command.words.iter().filter_map(|w| match w {
        Word::Arg(arg) => Some(arg.as_str()),
        _ => None,
    });
    match command.verb {
        "patch" => {
            let mut merge_type = false;
            let mut body = None;
            while let Some(arg) = args.next() {
                match arg {
                    "--type=merge" => merge_type = true,
                    "-p" | "--patch" if body.is_none() => {
                        body = Some(serde_json::from_str(args.next()?).ok()?);
                    }
                    "--patch-file" if body.is_none() => {
                        body = Some(serde_yaml::from_str(file(args.next()?)?).ok()?);
                    }
                    _ => return None,
                }
            }
            body.filter(|_| merge_type)
        }
        verb @ ("label" | "annotate") => {
            let mut entries = Map::new();
            for arg in args {
                if arg == "--overwrite" {
                    continue;
                }
                if arg.starts_with('-') {
                    return None;
                }
                match arg.split_once('=') {
                    Some((key, value)) => {
                        entries.insert(key.to_string(), Value::String(value.to_string()));
                    }
                    None => {
                        let key = arg.strip_suffix('-')?;
                        entries.insert(key.to_string(), Value::Null);
                    }
                }
            }
            if entries.is_empty() {
                return None;
            }
            let field = if verb == "label" {
                "labels"
            } else {
                "annotations"
            };
            Some(serde_json::json!({ "metadata": { field: entries } }))
        }
        _ => None,
    }
}

/// Walks `a` and `b` side by side; where they differ, puts the path with each side's value into
/// `before` and `after` (a side where the path does not exist gets nothing).
fn diff(
    path: &mut Vec<String>,
    a: Option<&Value>,
    b: Option<&Value>,
    before: &mut Value,
    after: &mut Value,
) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                path.push(key.clone());
                diff(path, x.get(key), y.get(key), before, after);
                path.pop();
            }
        }
        (x, y) if x == y => {}
        (x, y) => {
            if let Some(x) = x {
                insert(before, path, x.clone());
            }
            if let Some(y) = y {
                insert(after, path, y.clone());
            }
        }
    }
}

/// Puts `value` at `path` in `root`, creating the objects on the way. At the root, `value`
/// replaces `root` (an object replaced by a scalar).
fn insert(root: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        *root = value;
        return;
    };
    let mut node = root;
    for key in parents {
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let Value::Object(map) = node else {
            unreachable!("made an object just above")
        };
        node = map
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    if let Value::Object(map) = node {
        map.insert(last.clone(), value);
    }
}

/// The leaves of a preview side: every value that is not a non-empty object, with its path.
fn leaves_of<'a>(
    path: &mut Vec<&'a str>,
    value: &'a Value,
    out: &mut Vec<(Vec<&'a str>, &'a Value)>,
) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                path.push(key);
                leaves_of(path, child, out);
                path.pop();
            }
        }
        // The root's empty object is "no change", not a leaf.
        Value::Object(_) if path.is_empty() => {}
        _ => out.push((path.clone(), value)),
    }
}

fn is_empty_object(value: &Value) -> bool {
    value.as_object().is_some_and(Map::is_empty)
}

/// A path as text: plain words (letters, digits, `_`, `-`, not starting with a digit or `-`)
/// joined by dots, any other key as a JSON string in brackets; `.` for the root.
fn path_text(path: &[&str]) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let mut out = String::new();
    for key in path {
        let plain = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if plain {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        } else {
            out.push('[');
            out.push_str(&Value::String((*key).to_string()).to_string());
            out.push(']');
        }
    }
    out
}

/// `text` with every control character escaped, so it stays one line in a runbook.
fn one_line(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::Target;
    use serde_json::json;

    fn deployment() -> ObjectName {
        ObjectName {
            kind: "Deployment".into(),
            namespace: Some("shop".into()),
            name: "cart".into(),
        }
    }

    fn preview(object: Value, patch: Value) -> Preview {
        Preview::new(deployment(), &object, &merge(&object, &patch))
    }

    fn lines(preview: &Preview) -> Vec<String> {
        preview.diff_lines().iter().map(DiffLine::line).collect()
    }

    #[test]
    fn a_label_set_where_there_were_no_labels_shows_only_in_after() {
        let p = preview(
            json!({"metadata": {"name": "cart"}}),
            json!({"metadata": {"labels": {"a": "1"}}}),
        );
        assert_eq!(p.before, json!({}));
        assert_eq!(p.after, json!({"metadata": {"labels": {"a": "1"}}}));
        assert_eq!(lines(&p), ["+ metadata.labels.a: \"1\""]);
    }

    #[test]
    fn a_changed_label_shows_its_old_and_new_value() {
        let p = preview(
            json!({"metadata": {"labels": {"a": "1", "b": "2"}}}),
            json!({"metadata": {"labels": {"a": "3"}}}),
        );
        assert_eq!(p.before, json!({"metadata": {"labels": {"a": "1"}}}));
        assert_eq!(p.after, json!({"metadata": {"labels": {"a": "3"}}}));
        assert_eq!(
            lines(&p),
            ["- metadata.labels.a: \"1\"", "+ metadata.labels.a: \"3\""]
        );
    }

    #[test]
    fn a_removed_label_is_in_before_and_absent_from_after() {
        let p = preview(
            json!({"metadata": {"labels": {"istio-injection": "enabled", "x": "y"}}}),
            json!({"metadata": {"labels": {"istio-injection": null}}}),
        );
        assert_eq!(
            p.before,
            json!({"metadata": {"labels": {"istio-injection": "enabled"}}})
        );
        assert_eq!(p.after, json!({}));
        assert_eq!(
            p.changes(),
            [Change {
                path: "metadata.labels.istio-injection".into(),
                before: Some("\"enabled\"".into()),
                after: None,
            }]
        );
    }

    #[test]
    fn removing_the_last_label_leaves_an_empty_map_that_is_no_change() {
        // RFC 7386 keeps the emptied map, as kubectl does.
        let object = json!({"metadata": {"labels": {"a": "1"}}});
        let patch = json!({"metadata": {"labels": {"a": null}}});
        assert_eq!(merge(&object, &patch), json!({"metadata": {"labels": {}}}));
        let p = preview(object, patch);
        assert_eq!(p.before, json!({"metadata": {"labels": {"a": "1"}}}));
        assert_eq!(p.after, json!({}));
    }

    #[test]
    fn nested_paths_keep_their_whole_new_subtree_and_dotted_keys_are_bracketed() {
        let p = preview(
            json!({"spec": {"template": {"metadata": {"labels": {"app": "cart"}}}, "replicas": 2}}),
            json!({"spec": {"template": {"metadata": {"labels": {"sidecar.asm.aliyun.com/inject": "true"}, "annotations": {"k": "v"}}}}}),
        );
        assert_eq!(p.before, json!({}));
        assert_eq!(
            p.after,
            json!({"spec": {"template": {"metadata": {
                "labels": {"sidecar.asm.aliyun.com/inject": "true"},
                "annotations": {"k": "v"}
            }}}})
        );
        assert_eq!(
            lines(&p),
            [
                "+ spec.template.metadata.annotations.k: \"v\"",
                "+ spec.template.metadata.labels[\"sidecar.asm.aliyun.com/inject\"]: \"true\"",
            ]
        );
    }

    #[test]
    fn a_patch_that_changes_nothing_gives_an_empty_preview() {
        let object = json!({"spec": {"desiredState": "Init", "retryCounter": 0}});
        let p = preview(object.clone(), json!({"spec": {"desiredState": "Init"}}));
        assert!(p.is_empty());
        assert_eq!((p.before, p.after), (json!({}), json!({})));
        assert!(preview(object, json!({})).diff_lines().is_empty());
    }

    #[test]
    fn lists_and_type_changes_are_replaced_whole() {
        let p = preview(
            json!({"a": [1, 2], "b": {"c": 1}, "n": null}),
            json!({"a": [3], "b": 5}),
        );
        assert_eq!(p.before, json!({"a": [1, 2], "b": {"c": 1}}));
        assert_eq!(p.after, json!({"a": [3], "b": 5}));
        assert_eq!(lines(&p), ["- a: [1,2]", "+ a: [3]", "+ b: 5", "- b.c: 1"]);
    }

    #[test]
    fn lines_escape_control_characters_in_keys_values_and_names() {
        let p = Preview::new(
            ObjectName {
                kind: "Service\nrm -rf /".into(),
                namespace: None,
                name: "x\r".into(),
            },
            &json!({}),
            &json!({"metadata": {"annotations": {"a\nb": "c\nd"}}}),
        );
        assert!(!p.object.title().contains(['\n', '\r']));
        for line in lines(&p) {
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }

    #[test]
    fn commands_read_as_the_merge_patch_they_send() {
        let patch = Command::kubectl(Target::Cluster, "patch")
            .resource("deployment")
            .name("cart")
            .args(["--type=merge", "-p", r#"{"spec":{"x":1}}"#]);
        assert_eq!(patch_of(&patch, |_| None), Some(json!({"spec": {"x": 1}})));
        let file = Command::kubectl(Target::Cluster, "patch")
            .resource("service")
            .name("gw")
            .args(["--type=merge", "--patch-file", "p.yaml"]);
        let text = "# comment\nmetadata:\n  annotations:\n    w: \"100\"\n";
        assert_eq!(
            patch_of(&file, |name| (name == "p.yaml").then_some(text)),
            Some(json!({"metadata": {"annotations": {"w": "100"}}}))
        );
        assert_eq!(patch_of(&file, |_| None), None);
        let label = Command::kubectl(Target::Cluster, "label")
            .resource("namespace")
            .name("istio-system")
            .args(["istio-injection-", "a=b", "--overwrite"]);
        assert_eq!(
            patch_of(&label, |_| None),
            Some(json!({"metadata": {"labels": {"istio-injection": null, "a": "b"}}}))
        );
        let annotate = Command::kubectl(Target::Cluster, "annotate")
            .resource("service")
            .name("gw")
            .arg("w=90");
        assert_eq!(
            patch_of(&annotate, |_| None),
            Some(json!({"metadata": {"annotations": {"w": "90"}}}))
        );
        // Not merge patches: no preview rather than a guess.
        let strategic = Command::kubectl(Target::Cluster, "patch")
            .resource("deployment")
            .name("cart")
            .args(["-p", "{}"]);
        assert_eq!(patch_of(&strategic, |_| None), None);
        let selector = Command::kubectl(Target::Cluster, "label")
            .resource("pods")
            .args(["-l", "app=x", "a=b"]);
        assert_eq!(patch_of(&selector, |_| None), None);
        let get = Command::kubectl(Target::Cluster, "get").resource("pods");
        assert_eq!(patch_of(&get, |_| None), None);
    }
}
