//! Kubernetes label selectors, exactly as the API server evaluates them.
//!
//! Sources (read at the commits named in `INJECTION.md`, §1.2):
//! - `k8s.io/apimachinery` `pkg/apis/meta/v1/helpers.go` `LabelSelectorAsSelector`: a `nil`
//!   selector selects nothing; one with neither `matchLabels` nor `matchExpressions` selects
//!   everything; each `matchLabels` entry is an `Equals` requirement; the operators `In`, `NotIn`,
//!   `Exists`, `DoesNotExist` map one to one and any other operator is an error.
//! - `k8s.io/apimachinery` `pkg/labels/selector.go`: requirements are ANDed; `In` is false when
//!   the key is absent; `NotIn` is **true** when the key is absent; `Exists`/`DoesNotExist` test
//!   the key only; values compare as exact, case-sensitive strings. `NewRequirement` refuses `In`
//!   and `NotIn` without values and `Exists`/`DoesNotExist` with values.
//! - `k8s.io/kubernetes` `pkg/apis/admissionregistration/v1/defaults.go`: an omitted webhook
//!   selector is defaulted to `{}`, so at run time a webhook's selector is never `nil`
//!   ([`LabelSelector::webhook`]).
//!
//! No maintained crate evaluates `metav1.LabelSelector` without pulling in a Kubernetes client
//! (k8s-openapi holds the type, not its semantics), so this one small module does, with a table
//! test over every rule above.

use std::collections::BTreeMap;
use std::fmt;

use crate::node::Node;

/// A requirement's operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `In` (and each `matchLabels` entry, as a one-value `In`).
    In,
    /// `NotIn`: true when the key is absent.
    NotIn,
    /// `Exists`.
    Exists,
    /// `DoesNotExist`.
    DoesNotExist,
}

impl Operator {
    /// The operator as written in a selector.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::In => "In",
            Operator::NotIn => "NotIn",
            Operator::Exists => "Exists",
            Operator::DoesNotExist => "DoesNotExist",
        }
    }
}

/// One requirement of a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The label key.
    pub key: String,
    /// The operator.
    pub operator: Operator,
    /// The values (`In`, `NotIn`).
    pub values: Vec<String>,
    /// Whether it came from `matchLabels` (check-inject words those as `key=value` too).
    pub from_match_labels: bool,
}

impl Requirement {
    /// Whether a label set satisfies the requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            Operator::In => value.is_some_and(|v| self.values.contains(v)),
            Operator::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.operator {
            Operator::In if self.values.len() == 1 => write!(f, "{}={}", self.key, self.values[0]),
            Operator::In => write!(f, "{} in ({})", self.key, self.values.join(",")),
            Operator::NotIn if self.values.len() == 1 => {
                write!(f, "{}!={}", self.key, self.values[0])
            }
            Operator::NotIn => write!(f, "{} notin ({})", self.key, self.values.join(",")),
            Operator::Exists => write!(f, "{}", self.key),
            Operator::DoesNotExist => write!(f, "!{}", self.key),
        }
    }
}

/// A label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelSelector {
    /// `nil`: selects nothing.
    Nothing,
    /// Requirements, ANDed; none selects everything.
    All(Vec<Requirement>),
    /// A selector the API server would refuse, with why.
    Invalid(String),
}

impl Default for LabelSelector {
    fn default() -> Self {
        LabelSelector::All(Vec::new())
    }
}

impl LabelSelector {
    /// Reads a selector; `None` (no selector at all) is `nil`, which selects nothing.
    pub fn from_node(node: Option<&Node>) -> LabelSelector {
        let Some(node) = node else {
            return LabelSelector::Nothing;
        };
        match node {
            Node::Null => return LabelSelector::Nothing,
            Node::Map(_) => {}
            other => {
                return LabelSelector::Invalid(format!(
                    "a selector must be a mapping, not {}",
                    other.type_name()
                ))
            }
        }
        let mut requirements = Vec::new();
        for (key, value) in node.get("matchLabels").map(Node::entries).unwrap_or(&[]) {
            let Some(value) = value.scalar_text() else {
                return LabelSelector::Invalid(format!("matchLabels {key}: not a string"));
            };
            requirements.push(Requirement {
                key: key.to_string(),
                operator: Operator::In,
                values: vec![value],
                from_match_labels: true,
            });
        }
        for expression in node.get("matchExpressions").map(Node::items).unwrap_or(&[]) {
            match requirement(expression) {
                Ok(r) => requirements.push(r),
                Err(why) => return LabelSelector::Invalid(why),
            }
        }
        LabelSelector::All(requirements)
    }

    /// A webhook's selector: omitted or `null` is defaulted to `{}` (everything) by the API
    /// server's v1 defaulting, so it is read as such.
    pub fn webhook(node: Option<&Node>) -> LabelSelector {
        match node {
            None | Some(Node::Null) => LabelSelector::default(),
            some => LabelSelector::from_node(some),
        }
    }

    /// Whether it selects a label set; `None` when the selector is invalid.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> Option<bool> {
        match self {
            LabelSelector::Nothing => Some(false),
            LabelSelector::All(requirements) => {
                Some(requirements.iter().all(|r| r.matches(labels)))
            }
            LabelSelector::Invalid(_) => None,
        }
    }

    /// Whether it has no requirement (selects everything).
    pub fn is_empty(&self) -> bool {
        matches!(self, LabelSelector::All(r) if r.is_empty())
    }

    /// The requirements (none for `nil` and invalid selectors).
    pub fn requirements(&self) -> &[Requirement] {
        match self {
            LabelSelector::All(r) => r,
            _ => &[],
        }
    }

    /// Whether it is exactly `matchLabels: {key: value}`.
    pub fn is_only_label(&self, key: &str, value: &str) -> bool {
        matches!(self.requirements(), [r] if r.from_match_labels && r.key == key && r.values == [value])
    }
}

impl fmt::Display for LabelSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelSelector::Nothing => f.write_str("(nothing)"),
            LabelSelector::All(r) if r.is_empty() => f.write_str("(everything)"),
            LabelSelector::All(r) => {
                let parts: Vec<String> = r.iter().map(Requirement::to_string).collect();
                f.write_str(&parts.join(","))
            }
            LabelSelector::Invalid(why) => write!(f, "(invalid: {why})"),
        }
    }
}

fn requirement(node: &Node) -> Result<Requirement, String> {
    let key = node
        .str_at(&["key"])
        .ok_or("a matchExpressions entry has no key")?;
    let operator = match node.str_at(&["operator"]) {
        Some("In") => Operator::In,
        Some("NotIn") => Operator::NotIn,
        Some("Exists") => Operator::Exists,
        Some("DoesNotExist") => Operator::DoesNotExist,
        Some(other) => return Err(format!("{key}: {other:?} is not a valid selector operator")),
        None => return Err(format!("{key}: no operator")),
    };
    let values: Vec<String> = node
        .get("values")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::scalar_text)
        .collect();
    match operator {
        Operator::In | Operator::NotIn if values.is_empty() => Err(format!(
            "{key}: for 'in', 'notin' operators, values set can't be empty"
        )),
        Operator::Exists | Operator::DoesNotExist if !values.is_empty() => Err(format!(
            "{key}: values set must be empty for exists and does not exist"
        )),
        _ => Ok(Requirement {
            key: key.to_string(),
            operator,
            values,
            from_match_labels: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::NodeSeed;
    use serde::de::DeserializeSeed;

    fn node(yaml: &str) -> Node {
        let de = serde_yaml::Deserializer::from_str(yaml);
        NodeSeed::new(64)
            .deserialize(de)
            .unwrap_or_else(|e| panic!("{yaml}: {e}"))
    }

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// (rule, selector, labels, expected).
    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], Option<bool>);

    /// Every rule of INJECTION.md §1.2 "Label selector semantics", one row each:
    /// (rule, selector YAML (`~` for nil), labels, expected).
    #[test]
    fn kubernetes_selector_semantics() {
        let ab = [("a", "b")];
        let none: [(&str, &str); 0] = [];
        #[rustfmt::skip]
        let table: &[Row] = &[
            ("nil selects nothing", "~", &none, Some(false)),
            ("nil selects nothing, even with labels", "~", &ab, Some(false)),
            ("empty selects everything", "{}", &none, Some(true)),
            ("empty lists select everything", "{matchLabels: {}, matchExpressions: []}", &ab, Some(true)),
            ("matchLabels is Equals", "{matchLabels: {a: b}}", &ab, Some(true)),
            ("matchLabels value differs", "{matchLabels: {a: c}}", &ab, Some(false)),
            ("matchLabels key absent", "{matchLabels: {x: b}}", &ab, Some(false)),
            ("values are case-sensitive", "{matchLabels: {a: B}}", &ab, Some(false)),
            ("In matches a listed value", "{matchExpressions: [{key: a, operator: In, values: [c, b]}]}", &ab, Some(true)),
            ("In is false on a missing key", "{matchExpressions: [{key: x, operator: In, values: [b]}]}", &ab, Some(false)),
            ("NotIn is true on a missing key", "{matchExpressions: [{key: x, operator: NotIn, values: [b]}]}", &ab, Some(true)),
            ("NotIn is false on a listed value", "{matchExpressions: [{key: a, operator: NotIn, values: [b]}]}", &ab, Some(false)),
            ("NotIn is true on another value", "{matchExpressions: [{key: a, operator: NotIn, values: [c]}]}", &ab, Some(true)),
            ("Exists", "{matchExpressions: [{key: a, operator: Exists}]}", &ab, Some(true)),
            ("Exists on a missing key", "{matchExpressions: [{key: x, operator: Exists}]}", &ab, Some(false)),
            ("DoesNotExist", "{matchExpressions: [{key: x, operator: DoesNotExist}]}", &ab, Some(true)),
            ("DoesNotExist on a present key", "{matchExpressions: [{key: a, operator: DoesNotExist}]}", &ab, Some(false)),
            ("requirements are ANDed", "{matchLabels: {a: b}, matchExpressions: [{key: x, operator: Exists}]}", &ab, Some(false)),
            ("unknown operator is an error", "{matchExpressions: [{key: a, operator: Equals, values: [b]}]}", &ab, None),
            ("In without values is an error", "{matchExpressions: [{key: a, operator: In, values: []}]}", &ab, None),
            ("Exists with values is an error", "{matchExpressions: [{key: a, operator: Exists, values: [b]}]}", &ab, None),
        ];
        for (rule, yaml, pairs, expected) in table {
            let selector = LabelSelector::from_node(Some(&node(yaml)));
            assert_eq!(
                selector.matches(&labels(pairs)),
                *expected,
                "{rule}: {yaml}"
            );
        }
    }

    #[test]
    fn a_webhook_selector_left_out_is_defaulted_to_everything() {
        assert_eq!(LabelSelector::webhook(None), LabelSelector::default());
        assert_eq!(
            LabelSelector::webhook(Some(&Node::Null)),
            LabelSelector::default()
        );
        assert_eq!(LabelSelector::from_node(None), LabelSelector::Nothing);
        assert_eq!(
            LabelSelector::webhook(None).matches(&labels(&[])),
            Some(true)
        );
    }

    #[test]
    fn the_never_match_selector_is_recognised() {
        let s = LabelSelector::from_node(Some(&node(
            "{matchLabels: {istio.io/deactivated: never-match}}",
        )));
        assert!(s.is_only_label("istio.io/deactivated", "never-match"));
        assert_eq!(s.to_string(), "istio.io/deactivated=never-match");
    }
}
