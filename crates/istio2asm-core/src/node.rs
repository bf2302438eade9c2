//! A compact, owned tree for one YAML or JSON document.
//!
//! serde_yaml's own `Value` costs about 20× the input in memory and keeps fields this tool never
//! reads. `Node` is built by a depth-limited visitor that drops server-side bulk
//! (`managedFields`, the last-applied annotation) while parsing, refuses duplicate keys, and keeps
//! map order so that re-rendered YAML reads like the original.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One node of a parsed document.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer; i128 holds every integer YAML and JSON parsers hand out.
    Int(i128),
    /// A number with a fraction or exponent, or an integer too large for i128.
    Float(f64),
    /// A string scalar.
    Str(Box<str>),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order, keys unique.
    Map(Vec<(Box<str>, Node)>),
}

/// The marker that starts a parse error caused by a resource limit rather than by the syntax.
pub(crate) const LIMIT_MARKER: &str = "input limit: ";

/// The error of a document that nests deeper than `max_depth` levels, marked as a limit.
pub(crate) fn too_deep(max_depth: usize) -> String {
    format!("{LIMIT_MARKER}nesting deeper than {max_depth} levels (setting max-depth)")
}

/// Keys whose values are dropped while parsing: the server's bookkeeping, never needed here and
/// often the largest part of an export.
const DROPPED_KEYS: [&str; 2] = [
    "managedFields",
    "kubectl.kubernetes.io/last-applied-configuration",
];

impl Node {
    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_ref() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a path of mapping keys.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The string at a path, when it is a string.
    pub fn str_at(&self, path: &[&str]) -> Option<&str> {
        self.at(path).and_then(Node::as_str)
    }

    /// This node as a string slice, when it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// This node as an integer, when it is one.
    pub fn as_int(&self) -> Option<i128> {
        match self {
            Node::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// This node as a boolean, when it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The entries of a mapping; empty for anything else.
    pub fn entries(&self) -> &[(Box<str>, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// Mutable access to the value under `key` of a mapping.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| k.as_ref() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Removes `key` from a mapping and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        match self {
            Node::Map(entries) => {
                let index = entries.iter().position(|(k, _)| k.as_ref() == key)?;
                Some(entries.remove(index).1)
            }
            _ => None,
        }
    }

    /// Sets `key` in a mapping, replacing the value in place or appending it.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Node::Map(entries) = self {
            match entries.iter_mut().find(|(k, _)| k.as_ref() == key) {
                Some((_, slot)) => *slot = value,
                None => entries.push((key.into(), value)),
            }
        }
    }

    /// A scalar rendered as the text a user would have written (used for labels and annotations,
    /// whose values Kubernetes requires to be strings but exports sometimes leave unquoted).
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.to_string()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            Node::Null => Some(String::new()),
            Node::Seq(_) | Node::Map(_) => None,
        }
    }

    /// A short name for the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Int(_) => "integer",
            Node::Float(_) => "number",
            Node::Str(_) => "string",
            Node::Seq(_) => "list",
            Node::Map(_) => "map",
        }
    }
}

impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => match i64::try_from(*i) {
                Ok(small) => serializer.serialize_i64(small),
                Err(_) => serializer.serialize_i128(*i),
            },
            Node::Float(f) => serializer.serialize_f64(*f),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key.as_ref(), value)?;
                }
                map.end()
            }
        }
    }
}

/// Which parts of a value to keep while parsing. Everything not kept is skipped by the parser
/// without being allocated: most of a pod (volumes, probes, resources, status) is never read.
#[derive(Debug)]
pub(crate) enum Keep {
    /// The whole value.
    All,
    /// Only these fields of a map, each with its own rule (an empty list keeps an empty map,
    /// which still records that the field was there).
    Fields(&'static [(&'static str, Keep)]),
    /// Every item of a list, by this rule.
    Items(&'static Keep),
    /// An environment variable: its `name`, and its `value` only for the variables named here
    /// (kubectl prints `name` first). Other values can be large or secret; the list holding them
    /// (`Items(EnvVar(..))`) drops the other variables whole.
    EnvVar(&'static [&'static str]),
}

/// The rules of what to keep of a Kubernetes object, by kind and top-level field. The model owns
/// them (it knows which fields it reads) and hands them to the parser through the loader.
#[derive(Clone, Copy)]
pub struct Schema {
    rule: fn(kind: &str, field: &str) -> &'static Keep,
}

impl Schema {
    /// A schema from its rule for one top-level field of one kind.
    pub(crate) const fn new(rule: fn(kind: &str, field: &str) -> &'static Keep) -> Self {
        Schema { rule }
    }

    /// A schema that keeps everything (for tests of the parser alone).
    pub const ALL: Schema = Schema::new(|_, _| &ALL);
}

impl fmt::Debug for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Schema")
    }
}

const ALL: Keep = Keep::All;

/// Builds a [`Node`] with a nesting limit; the deserializer's own recursion limit is a safety net,
/// this one gives the user a message that names the limit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeSeed {
    /// How many more levels of nesting are allowed below this node.
    depth_left: usize,
    /// The limit as configured, for the message.
    max_depth: usize,
    /// What to keep of this value.
    keep: &'static Keep,
    /// Whether this is a document's root, where `kind` decides what the rest keeps.
    root: bool,
    /// What to keep of each kind's top-level fields.
    schema: Schema,
}

impl NodeSeed {
    /// A seed that keeps everything (for text that is not a Kubernetes object).
    pub(crate) fn new(max_depth: usize) -> Self {
        NodeSeed {
            depth_left: max_depth,
            max_depth,
            keep: &ALL,
            root: false,
            schema: Schema::ALL,
        }
    }

    /// A seed for a Kubernetes object: once `kind` has been read (kubectl prints it before
    /// `metadata`, `spec` and `status`), the fields of summarised kinds that are never read are
    /// skipped. An object whose `kind` comes later is kept whole, which is slower but the same.
    pub(crate) fn object(max_depth: usize, schema: Schema) -> Self {
        NodeSeed {
            root: true,
            schema,
            ..NodeSeed::new(max_depth)
        }
    }

    fn child<E: de::Error>(self, keep: &'static Keep) -> Result<Self, E> {
        if self.depth_left == 0 {
            return Err(E::custom(too_deep(self.max_depth)));
        }
        Ok(NodeSeed {
            depth_left: self.depth_left - 1,
            max_depth: self.max_depth,
            keep,
            root: false,
            schema: self.schema,
        })
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML or JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(i128::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v.into_boxed_str()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let keep = match self.keep {
            Keep::Items(keep) => keep,
            _ => &ALL,
        };
        let mut child = self.child(keep)?;
        // A document that is a sequence (a List item cut out of its List is parsed as a
        // one-item sequence) holds objects: they get the object rules, pruning included.
        child.root = self.root;
        // Environment variables the tool does not read are dropped whole, names too.
        let env = match self.keep {
            Keep::Items(Keep::EnvVar(kept)) => Some(*kept),
            _ => None,
        };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(child)? {
            if env.is_some_and(|kept| {
                !item
                    .str_at(&["name"])
                    .is_some_and(|name| kept.contains(&name))
            }) {
                continue;
            }
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        // Checks the depth once for the whole map.
        self.child::<A::Error>(&ALL)?;
        let mut entries: Vec<(Box<str>, Node)> =
            Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        let mut kind: Option<Box<str>> = None;
        let only = match self.keep {
            Keep::Fields(fields) => Some(*fields),
            _ => None,
        };
        while let Some(key) = map.next_key_seed(KeySeed { only })? {
            // A key outside the kept fields is skipped without being allocated.
            let Some(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if DROPPED_KEYS.contains(&key.as_ref()) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if let Keep::EnvVar(kept) = self.keep {
                let wanted = match key.as_ref() {
                    "name" => true,
                    "value" => entries.iter().any(|(k, v)| {
                        k.as_ref() == "name" && v.as_str().is_some_and(|n| kept.contains(&n))
                    }),
                    _ => false,
                };
                if !wanted {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            }
            let keep = match self.keep {
                Keep::Fields(fields) => match fields.iter().find(|(name, _)| *name == key.as_ref())
                {
                    Some((_, keep)) => keep,
                    None => {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                },
                _ if self.root => kind
                    .as_deref()
                    .map_or(&ALL, |kind| (self.schema.rule)(kind, &key)),
                _ => &ALL,
            };
            // Maps in Kubernetes objects are small, so a linear scan beats hashing here.
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = map.next_value_seed(self.child(keep)?)?;
            if self.root && key.as_ref() == "kind" {
                kind = value.as_str().map(Box::from);
            }
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// Mapping keys: scalars become their text; a list or map as a key is refused. With `only`, a key
/// outside those fields comes back as `None`, without an allocation.
struct KeySeed {
    only: Option<&'static [(&'static str, Keep)]>,
}

impl KeySeed {
    fn key<E>(&self, text: &str) -> Result<Option<Box<str>>, E> {
        Ok(match self.only {
            Some(fields) if !fields.iter().any(|(name, _)| *name == text) => None,
            _ => Some(text.into()),
        })
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<Box<str>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<Box<str>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar mapping key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        self.key(v)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.key(&v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.key(&v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.key(&v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.key(&v.to_string())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.key("null")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Node, String> {
        let de = serde_yaml::Deserializer::from_str(text);
        NodeSeed::new(8).deserialize(de).map_err(|e| e.to_string())
    }

    #[test]
    fn keeps_order_and_types() {
        let node = parse("b: 1\na: [x, true, 2.5, ~]\n").unwrap();
        let keys: Vec<_> = node.entries().iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(node.get("b"), Some(&Node::Int(1)));
        assert_eq!(
            node.get("a").unwrap().items(),
            [
                Node::Str("x".into()),
                Node::Bool(true),
                Node::Float(2.5),
                Node::Null
            ]
        );
    }

    #[test]
    fn refuses_duplicate_keys() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert!(err.contains("duplicate key `a`"), "{err}");
    }

    #[test]
    fn refuses_deep_nesting_with_the_limit_named() {
        let err = parse("a: [[[[[[[[[[1]]]]]]]]]]").unwrap_err();
        assert!(err.contains(LIMIT_MARKER), "{err}");
        assert!(err.contains("8 levels"), "{err}");
    }

    #[test]
    fn drops_server_bulk() {
        let node = parse(
            "metadata:\n  managedFields: [{a: 1}]\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{}'\n    x: y\n",
        )
        .unwrap();
        assert_eq!(node.at(&["metadata", "managedFields"]), None);
        assert_eq!(node.str_at(&["metadata", "annotations", "x"]), Some("y"));
        assert_eq!(
            node.at(&[
                "metadata",
                "annotations",
                "kubectl.kubernetes.io/last-applied-configuration"
            ]),
            None
        );
    }

    #[test]
    fn objects_keep_only_what_is_read() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  generation: 3\nspec:\n  containers:\n  - name: app\n    image: x\n    resources: {limits: {cpu: 1}}\n    lifecycle: {preStop: {exec: {command: [sleep]}}}\n  volumes: [{name: v}]\nstatus:\n  phase: Running\n  conditions: [{type: Ready}]\n";
        let node = NodeSeed::object(32, crate::model::SCHEMA)
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .unwrap();
        assert_eq!(node.str_at(&["metadata", "name"]), Some("p"));
        assert_eq!(node.at(&["metadata", "generation"]), None);
        assert_eq!(node.at(&["spec", "volumes"]), None);
        let container = &node.at(&["spec", "containers"]).unwrap().items()[0];
        assert_eq!(container.get("resources"), None);
        assert_eq!(
            container.at(&["lifecycle", "preStop"]),
            Some(&Node::Map(Vec::new()))
        );
        assert_eq!(node.str_at(&["status", "phase"]), Some("Running"));
        // Environment variables are kept only when the tool reads them.
        let pod = "kind: Pod\nspec:\n  containers:\n  - name: istio-proxy\n    env:\n    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n    - name: API_TOKEN\n      value: planted\n";
        let node = NodeSeed::object(32, crate::model::SCHEMA)
            .deserialize(serde_yaml::Deserializer::from_str(pod))
            .unwrap();
        let env = node.at(&["spec", "containers"]).unwrap().items()[0]
            .get("env")
            .unwrap()
            .items()
            .to_vec();
        assert_eq!(env.len(), 1, "{env:?}");
        assert_eq!(env[0].str_at(&["value"]), Some("true"));
        assert_eq!(node.at(&["status", "conditions"]), None);
        // Kinds that are kept whole, and objects whose kind comes last, lose nothing.
        let late = "spec: {volumes: [1]}\nkind: Pod\n";
        let node = NodeSeed::object(32, crate::model::SCHEMA)
            .deserialize(serde_yaml::Deserializer::from_str(late))
            .unwrap();
        assert!(node.at(&["spec", "volumes"]).is_some());
    }

    #[test]
    fn huge_integers_survive() {
        let node = parse("a: 99999999999999999999\n").unwrap();
        assert_eq!(node.get("a"), Some(&Node::Int(99_999_999_999_999_999_999)));
    }
}
