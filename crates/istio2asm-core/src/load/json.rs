//! JSON inputs: a file that is one kubectl List is read in one pass, its items parsed into nodes
//! as the List is read; anything else goes through serde_json's stream with raw items.

use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use super::yaml::{offset_of_line_column, strip_position};
use super::*;

impl<'a> FileLoader<'a, '_> {
    /// JSON: one value or several in a row; a List's items each become a document. Returns false
    /// when the text is not JSON after all (then it is read as YAML, which includes JSON's flow
    /// style, so the user gets YAML's message).
    ///
    /// The stream is read once into a [`Probe`], which keeps a List's items as raw slices; each
    /// item (or each value that is not a List) is then parsed into a `Node` from its slice.
    pub(super) fn try_json(&mut self, offset: usize) -> bool {
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
                    self.parse_error(Refusal::Parser(strip_position(&error.to_string())), at);
                    break;
                }
            };
            any = true;
            let raw = text[start..stream.byte_offset()].trim_start();
            let at = self.offset_of(raw);
            if let Some(bad) = self.bad_byte_in(at, at + raw.len()) {
                self.parse_error(Refusal::NotUtf8, bad);
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
        match NodeSeed::object(self.limits.max_depth, self.schema).deserialize(&mut de) {
            Ok(node) => self.expand(node, at, at + raw.len()),
            Err(error) => {
                let inner = self.json_error_offset(raw, &error);
                self.parse_error(
                    Refusal::Parser(strip_position(&error.to_string())),
                    at + inner,
                );
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
pub(super) fn looks_like_kubectl_list(text: &str) -> bool {
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
                node: NodeSeed::object(self.max_depth, self.sink.loader.schema),
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
