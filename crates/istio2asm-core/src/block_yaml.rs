//! A fast reader for the block-style YAML that `kubectl get -o yaml` writes, as a serde
//! `Deserializer`, so the same `NodeSeed` builds the same `Node` as from serde_yaml.
//!
//! kubectl's YAML uses a small part of the language: block mappings and sequences (sequences
//! compact under their key or indented), plain scalars on one line, single- and double-quoted
//! scalars on one line, `|` and `|-` block scalars, and the empty flow collections `{}` and `[]`.
//! This reader takes exactly that, and comment lines, resolves plain scalars with serde_yaml's
//! rules (`null`/`~`, booleans, integers, floats, else strings) and gives up on anything else:
//! comments after a value, anchors, aliases, tags, flow collections with content, multi-line
//! plain or quoted scalars, folded or kept block scalars, tabs, carriage returns, directives,
//! nesting past [`MAX_NESTING`]. Giving up is an error, and the loader then reads the document
//! with serde_yaml, which either reads it (the same tree, tested on every fixture and fuzz input)
//! or reports where it is wrong. So this reader never reports a syntax error of its own and never
//! accepts what serde_yaml would refuse.
//!
//! Why: serde_yaml buffers every event of a document before deserializing; this reader walks the
//! text once, skips what `NodeSeed` does not keep without allocating, and is about twice as fast.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// Nesting (maps and sequences) past which the reader gives up, as serde_yaml's own recursion
/// limit (128) would stop it, with a margin; `NodeSeed`'s `max-depth` is checked first for kept
/// values.
pub(crate) const MAX_NESTING: usize = 100;

/// Why the reader gave up (or an error from the visitor). The loader only needs to know that it
/// did; serde_yaml then gives the user its own message.
#[derive(Debug)]
pub(crate) struct GiveUp(String);

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(message: T) -> Self {
        GiveUp(message.to_string())
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

fn give_up<T>(why: &str) -> Result<T> {
    Err(GiveUp(why.to_string()))
}

/// Reads one document (the text between two `---` markers, the leading marker included) with
/// `seed`; an error means "read it with serde_yaml instead".
pub(crate) fn read<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Result<S::Value> {
    if !printable(text.as_bytes()) {
        return give_up("a character YAML does not allow");
    }
    let mut reader = Reader {
        text,
        pos: 0,
        next: Next::Document,
        nesting: 0,
    };
    let value = seed.deserialize(&mut reader)?;
    if reader.next_line().is_some() {
        return give_up("text after the document");
    }
    Ok(value)
}

/// Whether every character is one this reader takes: none that libyaml refuses (C0 controls but
/// tab, line feed and carriage return; DEL; C1 controls but NEL; U+FFFE, U+FFFF), no BOM inside
/// the text, and none of the line breaks YAML has besides `\n` (CR, NEL, U+2028, U+2029).
fn printable(bytes: &[u8]) -> bool {
    // Most text is printable ASCII and line feeds: checked in one vectorised pass.
    if bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return true;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x20 {
            // A carriage return is a line break to YAML, in a comment too: not taken.
            if !matches!(b, b'\t' | b'\n') {
                return false;
            }
        } else if b == 0x7f {
            return false;
        } else if b == 0xc2 {
            if let Some(&next) = bytes.get(i + 1) {
                if (0x80..=0x9f).contains(&next) {
                    return false;
                }
            }
        } else if b == 0xe2 {
            if let (Some(&0x80), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                if b2 == 0xa8 || b2 == 0xa9 {
                    return false;
                }
            }
        } else if b == 0xef {
            if let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                if (b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)) || (b1 == 0xbb && b2 == 0xbf) {
                    return false;
                }
            }
        }
        i += 1;
    }
    true
}

/// Where the value the next `deserialize_*` call reads begins.
#[derive(Debug, Clone, Copy)]
enum Next {
    /// The document's root.
    Document,
    /// On the current line at `pos` (after `key: `, or after `- ` when `dash`); `parent` is the
    /// indentation of the mapping or sequence holding it.
    Inline { parent: usize, dash: bool },
    /// On the following lines (after `key:` and the line's end): more indented than `parent`,
    /// or a sequence at `parent` itself (kubectl's compact style).
    Below { parent: usize },
}

struct Reader<'de> {
    text: &'de str,
    /// The cursor: the start of a line, or inside one for an inline value.
    pos: usize,
    next: Next,
    nesting: usize,
}

/// A content line: where it starts, its indentation and where its content starts and ends.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
    end: usize,
}

impl<'de> Reader<'de> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The end of the line holding `pos` (the index of its `\n`, or the text's end).
    fn line_end(&self, pos: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes()[pos..]).map_or(self.bytes().len(), |i| pos + i)
    }

    /// The next line with content from `self.pos` (a line start), blank lines and comment lines
    /// (`#` after the indentation) skipped. `None` at the end of the text.
    fn next_line(&self) -> Option<Line> {
        let mut pos = self.pos;
        while pos < self.bytes().len() {
            let end = self.line_end(pos);
            let line = &self.bytes()[pos..end];
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            if indent < line.len() && line[indent] != b'#' {
                return Some(Line {
                    start: pos,
                    indent,
                    end,
                });
            }
            pos = end + 1;
        }
        None
    }

    /// Like `next_line`, checking the line is one this reader takes (gives up on tabs and carriage
    /// returns, and on document markers).
    fn content_line(&self) -> Result<Option<Line>> {
        let Some(line) = self.next_line() else {
            return Ok(None);
        };
        let text = &self.bytes()[line.start..line.end];
        // Carriage returns were refused for the whole text (`printable`).
        if memchr::memchr(b'\t', text).is_some() {
            return give_up("a tab");
        }
        if line.indent == 0 && is_marker(text) {
            return give_up("a document marker");
        }
        Ok(Some(line))
    }

    fn content(&self, line: &Line) -> &'de str {
        &self.text[line.start + line.indent..line.end]
    }

    /// Moves the cursor to the start of the line after `end`.
    fn past(&mut self, end: usize) {
        self.pos = (end + 1).min(self.bytes().len());
    }

    /// The rest of the current line from `pos` is blank (trailing spaces).
    fn rest_is_blank(&self, from: usize) -> bool {
        let end = self.line_end(from);
        self.bytes()[from..end].iter().all(|&b| b == b' ')
    }

    fn nest(&mut self) -> Result<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return give_up("nesting");
        }
        Ok(())
    }

    /// The value that starts at the cursor, as `next` says.
    fn value<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.next {
            Next::Document => {
                // The leading `---` marker, alone on its line.
                while let Some(line) = self.next_line() {
                    if line.indent == 0 && self.content(&line).trim_end_matches(' ') == "---" {
                        self.past(line.end);
                        continue;
                    }
                    let Some(line) = self.content_line()? else {
                        break;
                    };
                    if line.indent != 0 {
                        return give_up("an indented root");
                    }
                    return self.block_node(line, visitor);
                }
                give_up("an empty document")
            }
            Next::Below { parent } => match self.content_line()? {
                Some(line)
                    if line.indent > parent
                        || (line.indent == parent && is_entry(self.content(&line))) =>
                {
                    self.block_node(line, visitor)
                }
                _ => visitor.visit_unit(),
            },
            Next::Inline { parent, dash } => self.inline(parent, dash, visitor),
        }
    }

    /// A mapping or sequence whose first line is `line`.
    fn block_node<V: Visitor<'de>>(&mut self, line: Line, visitor: V) -> Result<V::Value> {
        let content = self.content(&line);
        if is_entry(content) {
            self.pos = line.start;
            self.nest()?;
            let value = visitor.visit_seq(BlockSeq {
                reader: self,
                indent: line.indent,
            })?;
            self.nesting -= 1;
            return Ok(value);
        }
        if key_end(content).is_some() {
            self.pos = line.start + line.indent;
            self.nest()?;
            let value = visitor.visit_map(BlockMap {
                reader: self,
                indent: line.indent,
                inline_first: true,
            })?;
            self.nesting -= 1;
            return Ok(value);
        }
        give_up("a scalar on a line of its own")
    }

    /// A value on the current line, at the cursor.
    fn inline<V: Visitor<'de>>(
        &mut self,
        parent: usize,
        dash: bool,
        visitor: V,
    ) -> Result<V::Value> {
        let start = self.pos;
        let end = self.line_end(start);
        let rest = &self.text[start..end];
        match rest.as_bytes().first() {
            None => give_up("nothing after a dash"),
            Some(b'"' | b'\'') => {
                let (value, after) = quoted(rest)?;
                self.end_inline(start + after, end, parent)?;
                match value {
                    Some(owned) => visitor.visit_string(owned),
                    None => visitor.visit_borrowed_str(&rest[1..after - 1]),
                }
            }
            Some(b'{') if rest.trim_end() == "{}" => {
                self.end_inline(start + 2, end, parent)?;
                visitor.visit_map(EmptyMap)
            }
            Some(b'[') if rest.trim_end() == "[]" => {
                self.end_inline(start + 2, end, parent)?;
                visitor.visit_seq(EmptySeq)
            }
            Some(b'|') => {
                let text = self.literal(rest.trim_end(), end, parent)?;
                visitor.visit_string(text)
            }
            Some(_) if is_entry(rest) => give_up("a sequence in a sequence item"),
            Some(_) if dash && key_end(rest).is_some() => {
                // `- key: value`: a mapping whose keys line up with this one.
                let indent = start - self.line_start(start);
                self.nest()?;
                let value = visitor.visit_map(BlockMap {
                    reader: self,
                    indent,
                    inline_first: true,
                })?;
                self.nesting -= 1;
                Ok(value)
            }
            Some(_) => {
                let plain = plain_value(rest)?;
                self.end_inline(start + rest.len(), end, parent)?;
                resolve(plain, visitor)
            }
        }
    }

    fn line_start(&self, pos: usize) -> usize {
        memchr::memrchr(b'\n', &self.bytes()[..pos]).map_or(0, |i| i + 1)
    }

    /// After an inline scalar: only spaces may follow on the line, and the next line may not
    /// continue it (be more indented than its parent).
    fn end_inline(&mut self, after: usize, end: usize, parent: usize) -> Result<()> {
        if !self.rest_is_blank(after) {
            return give_up("text after a value");
        }
        self.past(end);
        if let Some(line) = self.next_line() {
            if line.indent > parent {
                return give_up("a value continued on the next line");
            }
        }
        Ok(())
    }

    /// A `|` or `|-` block scalar whose header is `header`, on the line ending at `end`.
    fn literal(&mut self, header: &str, end: usize, parent: usize) -> Result<String> {
        let keep_last = match header {
            "|" => true,
            "|-" => false,
            _ => return give_up("a block scalar header"),
        };
        self.past(end);
        let mut text = String::new();
        let mut indent = None;
        let mut blank_lines = 0;
        while self.pos < self.bytes().len() {
            let line_end = self.line_end(self.pos);
            let line = &self.text[self.pos..line_end];
            if line.contains(['\t', '\r']) {
                return give_up("a tab or carriage return");
            }
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            if spaces == line.len() {
                // A blank line: part of the scalar if more content follows.
                if indent.is_none() || spaces > indent.unwrap_or(0) {
                    return give_up("a blank line at a block scalar's start or with extra spaces");
                }
                blank_lines += 1;
                self.past(line_end);
                continue;
            }
            let wanted = *indent.get_or_insert(spaces);
            if wanted <= parent {
                return give_up("an empty block scalar");
            }
            if spaces < wanted {
                break;
            }
            for _ in 0..blank_lines {
                text.push('\n');
            }
            blank_lines = 0;
            text.push_str(&line[wanted..]);
            // The last line of the text may have no line break to keep.
            if line_end < self.bytes().len() {
                text.push('\n');
            }
            self.past(line_end);
        }
        if indent.is_none() {
            return give_up("an empty block scalar");
        }
        if !keep_last && text.ends_with('\n') {
            text.pop();
        }
        // Blank lines at the end (still counted in `blank_lines`) are dropped: clipping keeps
        // only the last line's break.
        Ok(text)
    }
}

/// A line that starts with a document marker (`---` or `...` alone or before a space).
fn is_marker(line: &[u8]) -> bool {
    (line.starts_with(b"---") || line.starts_with(b"..."))
        && matches!(line.get(3), None | Some(b' '))
}

/// The line is a sequence entry (`- ...` or a lone `-`).
fn is_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Where the key of a `key: value` or `key:` line ends (the colon's index), for a plain or
/// quoted key.
fn key_end(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    let colon = match bytes.first()? {
        b'"' | b'\'' => quoted(content).ok()?.1,
        _ => memchr::memchr_iter(b':', bytes)
            .find(|&i| matches!(bytes.get(i + 1), None | Some(b' ')))?,
    };
    // libyaml refuses implicit keys longer than 1024 characters.
    (colon <= 1000
        && bytes.get(colon) == Some(&b':')
        && matches!(bytes.get(colon + 1), None | Some(b' ')))
    .then_some(colon)
}

/// A plain scalar that fills the rest of a line, trailing spaces trimmed; gives up on anything a
/// plain scalar cannot hold on one line in block context.
fn plain_value(rest: &str) -> Result<&str> {
    let value = rest.trim_end_matches(' ');
    let first = value.as_bytes().first().copied().unwrap_or(b' ');
    if first == b' '
        || (is_indicator(first) && first != b'-')
        || (first == b'-' && matches!(value.as_bytes().get(1), None | Some(b' ')))
    {
        return give_up("a plain scalar starting with an indicator");
    }
    let bytes = value.as_bytes();
    for i in memchr::memchr2_iter(b':', b'#', bytes) {
        let ends_a_key = bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' '));
        let starts_a_comment = bytes[i] == b'#' && i > 0 && bytes[i - 1] == b' ';
        if ends_a_key || starts_a_comment {
            return give_up("a plain scalar with `: ` or ` #`");
        }
    }
    if value == "---" || value == "..." {
        return give_up("a document marker");
    }
    Ok(value)
}

/// A quoted scalar at the start of `text` (which starts with `"` or `'`), on one line.
fn quoted(text: &str) -> Result<(Option<String>, usize)> {
    if text.starts_with('"') {
        double_quoted(text)
    } else {
        single_quoted(text)
    }
}

/// A double-quoted scalar at the start of `text`, on one line: its value when it had escapes
/// (`None` when the text between the quotes is the value) and the index after the closing quote.
fn double_quoted(text: &str) -> Result<(Option<String>, usize)> {
    let bytes = text.as_bytes();
    let mut owned: Option<String> = None;
    let mut from = 1;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                if let Some(out) = owned.as_mut() {
                    out.push_str(&text[from..i]);
                }
                return Ok((owned, i + 1));
            }
            b'\\' => {
                let out = owned.get_or_insert_with(String::new);
                out.push_str(&text[from..i]);
                let (c, len) = escape(&text[i + 1..])?;
                out.push(c);
                i += 1 + len;
                from = i;
            }
            b'\n' => return give_up("a quoted scalar over several lines"),
            _ => i += 1,
        }
    }
    give_up("an unclosed double quote")
}

/// One escape after a backslash: the character and how many bytes it took.
fn escape(text: &str) -> Result<(char, usize)> {
    let Some(&first) = text.as_bytes().first() else {
        return give_up("a backslash at the end of a line");
    };
    let simple = match first {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' | b'u' | b'U' => {
            let digits = match first {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = text
                .get(1..1 + digits)
                .ok_or_else(|| GiveUp("escape".into()))?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return give_up("an escape");
            }
            let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp("escape".into()))?;
            let c = char::from_u32(code).ok_or_else(|| GiveUp("escape".into()))?;
            return Ok((c, 1 + digits));
        }
        _ => return give_up("an escape"),
    };
    Ok((simple, 1))
}

/// A single-quoted scalar at the start of `text`, on one line.
fn single_quoted(text: &str) -> Result<(Option<String>, usize)> {
    let bytes = text.as_bytes();
    let mut owned: Option<String> = None;
    let mut from = 1;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => {
                let out = owned.get_or_insert_with(String::new);
                out.push_str(&text[from..=i]);
                i += 2;
                from = i;
            }
            b'\'' => {
                if let Some(out) = owned.as_mut() {
                    out.push_str(&text[from..i]);
                }
                return Ok((owned, i + 1));
            }
            b'\n' => return give_up("a quoted scalar over several lines"),
            _ => i += 1,
        }
    }
    give_up("an unclosed single quote")
}

/// A plain scalar, typed as serde_yaml types it (`visit_untagged_scalar`).
fn resolve<'de, V: Visitor<'de>>(v: &'de str, visitor: V) -> Result<V::Value> {
    if v.is_empty() || matches!(v, "null" | "Null" | "NULL" | "~") {
        return visitor.visit_unit();
    }
    match v {
        "true" | "True" | "TRUE" => return visitor.visit_bool(true),
        "false" | "False" | "FALSE" => return visitor.visit_bool(false),
        _ => {}
    }
    // Only text that starts like a number can be one; the rest is a string at once.
    let first = v.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
        if let Some(int) = parse_unsigned_int(v, u64::from_str_radix) {
            return visitor.visit_u64(int);
        }
        if let Some(int) = parse_negative_int(v, i64::from_str_radix) {
            return visitor.visit_i64(int);
        }
        if let Some(int) = parse_unsigned_int(v, u128::from_str_radix) {
            return visitor.visit_u128(int);
        }
        if let Some(int) = parse_negative_int(v, i128::from_str_radix) {
            return visitor.visit_i128(int);
        }
        if !digits_but_not_number(v) {
            if let Some(float) = parse_f64(v) {
                return visitor.visit_f64(float);
            }
        }
    }
    visitor.visit_borrowed_str(v)
}

// serde_yaml's number rules (yaml_serde 0.10, de.rs), which this reader must follow exactly.

fn parse_unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) {
        return None;
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The entries of a block mapping whose keys sit at `indent`.
struct BlockMap<'a, 'de> {
    reader: &'a mut Reader<'de>,
    indent: usize,
    /// The cursor is at the first key already (a mapping starting after `- `, or at its line).
    inline_first: bool,
}

impl<'de> de::MapAccess<'de> for BlockMap<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let reader = &mut *self.reader;
        let at = if std::mem::take(&mut self.inline_first) {
            reader.pos
        } else {
            match reader.content_line()? {
                Some(line) if line.indent == self.indent => {
                    let content = reader.content(&line);
                    if is_entry(content) {
                        return Ok(None);
                    }
                    line.start + line.indent
                }
                Some(line) if line.indent > self.indent => {
                    return give_up("a line more indented than its mapping")
                }
                _ => return Ok(None),
            }
        };
        let end = reader.line_end(at);
        let content = &reader.text[at..end];
        let Some(colon) = key_end(content) else {
            return give_up("a line that is not `key: value`");
        };
        let key = &content[..colon];
        let key = match key.as_bytes().first() {
            Some(b'"' | b'\'') => quoted_key(key, quoted(key)?)?,
            _ => KeyText::Plain(plain_value(key)?),
        };
        let after = at + colon + 1;
        if reader.rest_is_blank(after) {
            reader.past(end);
            reader.next = Next::Below {
                parent: self.indent,
            };
        } else {
            let spaces = reader.bytes()[after..end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            reader.pos = after + spaces;
            reader.next = Next::Inline {
                parent: self.indent,
                dash: false,
            };
        }
        seed.deserialize(KeyDeserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// The items of a block sequence whose dashes sit at `indent`.
struct BlockSeq<'a, 'de> {
    reader: &'a mut Reader<'de>,
    indent: usize,
}

impl<'de> de::SeqAccess<'de> for BlockSeq<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let reader = &mut *self.reader;
        match reader.content_line()? {
            Some(line) if line.indent == self.indent && is_entry(reader.content(&line)) => {
                let content = reader.content(&line);
                let spaces = content[1..].bytes().take_while(|&b| b == b' ').count();
                if spaces == content.len() - 1 {
                    return give_up("a dash with its item below it");
                }
                reader.pos = line.start + line.indent + 1 + spaces;
                reader.next = Next::Inline {
                    parent: self.indent,
                    dash: true,
                };
                seed.deserialize(&mut *reader).map(Some)
            }
            Some(line) if line.indent > self.indent => {
                give_up("a line more indented than its sequence")
            }
            _ => Ok(None),
        }
    }
}

struct EmptyMap;

impl<'de> de::MapAccess<'de> for EmptyMap {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _: V) -> Result<V::Value> {
        give_up("a value in an empty map")
    }
}

struct EmptySeq;

impl<'de> de::SeqAccess<'de> for EmptySeq {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<Option<T::Value>> {
        Ok(None)
    }
}

/// A quoted key that fills `key` (the text before its colon).
fn quoted_key(key: &str, (value, after): (Option<String>, usize)) -> Result<KeyText<'_>> {
    if after != key.len() {
        return give_up("text between a quoted key and its colon");
    }
    Ok(value.map_or(KeyText::Borrowed(&key[1..after - 1]), KeyText::Owned))
}

/// A mapping key's text: plain keys are typed like plain values, as serde_yaml does.
enum KeyText<'de> {
    Plain(&'de str),
    Borrowed(&'de str),
    Owned(String),
}

struct KeyDeserializer<'de>(KeyText<'de>);

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            KeyText::Plain(text) => resolve(text, visitor),
            KeyText::Borrowed(text) => visitor.visit_borrowed_str(text),
            KeyText::Owned(text) => visitor.visit_string(text),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.value(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// YAML's indicator characters (YAML 1.2 §5.3, `c-indicator`): a plain scalar cannot start with
/// one (`-`, `?` and `:` only when a blank follows, which callers check).
pub(crate) fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::{Node, NodeSeed};

    /// The fast reader's tree, or `None` when it gave up.
    fn fast(text: &str) -> Option<Node> {
        read(text, NodeSeed::object(64, crate::model::SCHEMA)).ok()
    }

    fn slow(text: &str) -> std::result::Result<Node, String> {
        NodeSeed::object(64, crate::model::SCHEMA)
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .map_err(|e| e.to_string())
    }

    /// The fast reader takes `text` and agrees with serde_yaml.
    #[track_caller]
    fn takes(text: &str) {
        let fast = fast(text).unwrap_or_else(|| panic!("gave up on {text:?}"));
        assert_eq!(Ok(fast), slow(text), "{text:?}");
    }

    /// The fast reader gives up on `text` (and serde_yaml decides).
    #[track_caller]
    fn gives_up(text: &str) {
        assert!(fast(text).is_none(), "took {text:?}: {:?}", fast(text));
    }

    #[test]
    fn takes_kubectl_style_yaml() {
        takes("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n    version: \"1\"\nspec:\n  containers:\n  - name: c\n    image: i:1\n    args:\n    - --a=:1\n    - -1\n    env:\n    - name: A\n      value: \"\"\n    ports: []\n  securityContext: {}\n");
        takes("items:\n- kind: Pod\n  x: 1\n- b\n- 2.5\nkind: List\n");
        takes("a:\n  - 1\n  - x\nb: ~\nc:\nd: null\ne: 'it''s'\nf: \"tab\\tq\\\"\\u00e9\"\n");
        takes("mesh: |\n  a: 1\n\n  b:\n    - c\nnext: |-\n  x\n  y\nz: 0x1F\n");
        takes("a: |\n  no final break");
        takes("# Source: chart/templates/a.yaml\n---\n# lead\na:\n  # inside\n  b: 1\n# between\nc:\n# before a compact sequence\n- x\n    # deeper\n- y\n");
        takes("a: |\n  # content, not a comment\n  x\nb: 1\n");
        takes("a: |-\n  no final break");
        takes("n: [] \nm: {}\nint: -12\nbig: 340282366920938463463374607431768211455\nf: 1e3\nz: 007\nt: True\ninf: .inf\nv: 1.10\n");
        takes("\"quoted key\": 1\n'single': 2\n1: one\ntrue: t\n");
        takes("status:\n  conditions:\n  - lastProbeTime: null\n    status: \"True\"\n    type: Ready\n");
    }

    #[test]
    fn gives_up_on_the_rest_of_yaml() {
        for text in [
            "a: b # comment\n",
            "a: # comment\n  b: 1\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: {b: 1}\n",
            "a: [1, 2]\n",
            "a: multi\n  line\n",
            "a: \"multi\n  line\"\n",
            "a: >\n  folded\n",
            "a: |+\n  kept\n",
            "a: |2\n  x\n",
            "a:\n\tb: 1\n",
            "a: 1\r\n",
            "# comment\rb: 1\na: 1\n",
            "- - a\n",
            "-\n  a: 1\n",
            "  a: 1\n",
            "a: b: c\n",
            "a: 1\n  b: 2\n",
            "? a\n: b\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "plain\n",
            "",
            "a: \"\\q\"\n",
            "--- a: 1\n",
            "a: 1\n... b\n",
            "k\u{2029}oname: x\n",
            "a: x\u{85}y\n",
            &format!("{}: 1\n", "k".repeat(1100)),
            &format!("- {}: 1\n", "k".repeat(1100)),
        ] {
            gives_up(text);
        }
    }

    #[test]
    fn duplicate_keys_and_depth_are_errors_here_too() {
        assert!(fast("a: 1\na: 2\n").is_none());
        let deep = (0..200).fold(String::new(), |mut s, i| {
            s.push_str(&" ".repeat(i));
            s.push_str("a:\n");
            s
        });
        assert!(fast(&deep).is_none());
    }
}
