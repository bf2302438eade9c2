//! How deep a YAML document nests, found in one linear pass before serde_yaml sees it.
//!
//! libyaml's scanner keeps one simple-key entry per open flow collection and walks them for
//! every token, so a document of n nested `[` or `{` costs it about n² steps (100,000 levels:
//! tens of seconds), and serde_yaml scans the whole document before the depth limit of
//! `NodeSeed` can stop it. This pass follows the scanner's own rules for what opens a
//! collection: flow collections outside quoted, plain and block scalars and comments, and block
//! collections by their indentation (libyaml's indent stack), so it counts only levels the
//! parser opens too. Its count is a lower bound of the depth of the parsed tree: a flow
//! collection lies inside every open flow collection and every open block collection, while an
//! indentless sequence (`key:` then `- a` at the key's column) is not counted at all and a
//! mapping opened by an implicit key only from its `:` on. So it never refuses a document that
//! the parser would read within `max-depth`, and refuses the hostile ones before libyaml's
//! quadratic work starts. Text after a document's root node (an error the loader never sees, as
//! it reads one document per slice) counts too: libyaml scans it all the same.
//!
//! Where the scanner would stop with an error this pass stops too and refuses nothing: the
//! parser then reports the error, after no more work than this pass did.

use crate::block_yaml::is_indicator;

/// libyaml gives up on a simple key (an implicit `key:`) that starts more than this many
/// characters before its `:`.
const SIMPLE_KEY_SPAN: usize = 1024;

/// The offset at which the nesting of `text` first goes deeper than `max_depth` levels, if it does.
pub(super) fn deeper_than(text: &str, max_depth: usize) -> Option<usize> {
    match scan(text, max_depth) {
        Stop::TooDeep(at) => Some(at),
        Stop::End | Stop::ScannerError => None,
    }
}

fn scan(text: &str, max_depth: usize) -> Stop {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        column: 0,
        line: 0,
        index: 0,
        flow_level: 0,
        indents: Vec::new(),
        key_allowed: true,
        key: None,
        max_depth,
    };
    scanner.run()
}

/// Why the pass ended.
#[derive(Debug, PartialEq)]
enum Stop {
    /// The text ended within the limit.
    End,
    /// libyaml would stop here with a syntax error, which the parser reports.
    ScannerError,
    /// The nesting went past the limit at this offset.
    TooDeep(usize),
}

/// A possible simple key of the block context: where it starts.
#[derive(Clone, Copy)]
struct Key {
    column: usize,
    line: usize,
    index: usize,
}

/// The part of libyaml's scanner state that decides where collections open.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Characters (not bytes) since the line's start, as libyaml counts columns.
    column: usize,
    line: usize,
    /// Characters since the start, as libyaml counts its marks.
    index: usize,
    flow_level: usize,
    /// Columns of the open block collections (libyaml's indent stack, without its -1 base).
    indents: Vec<usize>,
    /// Whether a simple key may start at the next token.
    key_allowed: bool,
    /// The possible simple key of the block context (flow level 0).
    key: Option<Key>,
    max_depth: usize,
}

fn is_blank(b: Option<u8>) -> bool {
    matches!(b, Some(b' ' | b'\t'))
}

impl Scanner<'_> {
    fn at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// The length in bytes of the line break at `pos + ahead` (YAML's CR, LF, CRLF, NEL, LS,
    /// PS), or 0.
    fn break_at(&self, ahead: usize) -> usize {
        let rest = self.bytes.get(self.pos + ahead..).unwrap_or_default();
        match rest {
            [b'\r', b'\n', ..] => 2,
            [b'\r' | b'\n', ..] => 1,
            [0xc2, 0x85, ..] => 2,
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
            _ => 0,
        }
    }

    fn is_break(&self) -> bool {
        self.break_at(0) > 0
    }

    /// A blank, a line break or the end at `pos + ahead` (libyaml's `IS_BLANKZ`).
    fn is_blankz_at(&self, ahead: usize) -> bool {
        let b = self.at(ahead);
        b.is_none() || b == Some(0) || is_blank(b) || self.break_at(ahead) > 0
    }

    fn is_end(&self) -> bool {
        matches!(self.at(0), None | Some(0))
    }

    /// Moves past one character (not a line break).
    fn skip(&mut self) {
        let Some(&first) = self.bytes.get(self.pos) else {
            return;
        };
        let len = match first {
            0xf0..=0xff => 4,
            0xe0..=0xef => 3,
            0xc0..=0xdf => 2,
            _ => 1,
        };
        self.pos = (self.pos + len).min(self.bytes.len());
        self.column += 1;
        self.index += 1;
    }

    /// Moves past the line break at `pos`.
    fn skip_break(&mut self) {
        self.pos += self.break_at(0);
        self.column = 0;
        self.line += 1;
        self.index += 1;
    }

    fn skip_to_break(&mut self) {
        while !self.is_end() && !self.is_break() {
            self.skip();
        }
    }

    fn indent(&self) -> Option<usize> {
        self.indents.last().copied()
    }

    /// Closes the block collections indented deeper than `column` (libyaml's `unroll_indent`).
    fn unroll(&mut self, column: Option<usize>) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent().is_some_and(|indent| Some(indent) > column) {
            self.indents.pop();
        }
    }

    /// Opens a block collection at `column` if it lies deeper than the current one (libyaml's
    /// `roll_indent`).
    fn roll(&mut self, column: usize) -> Result<(), Stop> {
        if self.flow_level > 0 || self.indent().is_some_and(|indent| indent >= column) {
            return Ok(());
        }
        self.indents.push(column);
        self.check_depth(self.indents.len())
    }

    fn check_depth(&self, depth: usize) -> Result<(), Stop> {
        if depth > self.max_depth {
            return Err(Stop::TooDeep(self.pos));
        }
        Ok(())
    }

    /// Remembers a possible simple key at the next token, in the block context only: a key in a
    /// flow collection opens no indentation.
    fn save_key(&mut self) {
        // As in libyaml, a token where no key may start leaves the key before it in place: in
        // `&a b: c` the key starts at the anchor.
        if self.flow_level == 0 && self.key_allowed {
            self.key = Some(Key {
                column: self.column,
                line: self.line,
                index: self.index,
            });
        }
    }

    fn remove_key(&mut self) {
        if self.flow_level == 0 {
            self.key = None;
        }
    }

    fn run(&mut self) -> Stop {
        loop {
            match self.token() {
                Ok(true) => {}
                Ok(false) => return Stop::End,
                Err(stop) => return stop,
            }
        }
    }

    /// Scans one token; `Ok(false)` at the end of the text.
    fn token(&mut self) -> Result<bool, Stop> {
        self.skip_to_token();
        if self.is_end() {
            return Ok(false);
        }
        self.unroll(Some(self.column));
        let b = self.at(0);
        if self.column == 0 && b == Some(b'%') {
            // A directive: its line holds nothing that nests. libyaml's directive scanner eats
            // its line break too (`SKIP_LINE`), so no simple key is allowed at the start of the
            // next line, where a tab is then space (found by the proptest below:
            // "%YAML 1.2\n\t\r\n---\n- ").
            self.unroll(None);
            self.remove_key();
            self.key_allowed = false;
            self.skip_to_break();
            if self.is_break() {
                self.skip_break();
            }
            return Ok(true);
        }
        let marker = |m: u8| (0..3).all(|i| self.at(i) == Some(m)) && self.is_blankz_at(3);
        if self.column == 0 && (marker(b'-') || marker(b'.')) {
            self.unroll(None);
            self.remove_key();
            self.key_allowed = false;
            (0..3).for_each(|_| self.skip());
            return Ok(true);
        }
        match b {
            Some(b'[' | b'{') => {
                self.save_key();
                self.flow_level += 1;
                self.check_depth(self.indents.len() + self.flow_level)?;
                self.key_allowed = true;
                self.skip();
            }
            Some(b']' | b'}') => {
                self.remove_key();
                self.flow_level = self.flow_level.saturating_sub(1);
                self.key_allowed = false;
                self.skip();
            }
            Some(b',') => {
                self.remove_key();
                self.key_allowed = true;
                self.skip();
            }
            Some(b'-') if self.is_blankz_at(1) => {
                if self.flow_level == 0 {
                    if !self.key_allowed {
                        return Err(Stop::ScannerError);
                    }
                    self.roll(self.column)?;
                }
                self.remove_key();
                self.key_allowed = true;
                self.skip();
            }
            Some(b'?') if self.flow_level > 0 || self.is_blankz_at(1) => {
                if self.flow_level == 0 {
                    if !self.key_allowed {
                        return Err(Stop::ScannerError);
                    }
                    self.roll(self.column)?;
                }
                self.remove_key();
                self.key_allowed = self.flow_level == 0;
                self.skip();
            }
            Some(b':') if self.flow_level > 0 || self.is_blankz_at(1) => {
                if self.flow_level == 0 {
                    let key = self.key.take().filter(|key| {
                        key.line == self.line && key.index + SIMPLE_KEY_SPAN >= self.index
                    });
                    // After an implicit key's `:` no key may start on the line; after an
                    // explicit one's (`? a` then `: b`) one may.
                    match key {
                        Some(key) => {
                            self.roll(key.column)?;
                            self.key_allowed = false;
                        }
                        None if self.key_allowed => self.roll(self.column)?,
                        None => return Err(Stop::ScannerError),
                    }
                } else {
                    self.key_allowed = false;
                }
                self.skip();
            }
            Some(b'*' | b'&') => {
                self.save_key();
                self.key_allowed = false;
                self.skip();
                self.anchor()?;
            }
            Some(b'!') => {
                self.save_key();
                self.key_allowed = false;
                self.tag()?;
            }
            Some(b'|' | b'>') if self.flow_level == 0 => {
                self.remove_key();
                self.key_allowed = true;
                self.block_scalar()?;
            }
            Some(b'\'' | b'"') => {
                self.save_key();
                self.key_allowed = false;
                self.quoted()?;
            }
            _ => {
                let indicator = b.is_some_and(is_indicator) || self.is_blankz_at(0);
                let plain = !indicator
                    || (b == Some(b'-') && !is_blank(self.at(1)))
                    || (self.flow_level == 0
                        && matches!(b, Some(b'?' | b':'))
                        && !self.is_blankz_at(1));
                if !plain {
                    return Err(Stop::ScannerError);
                }
                self.save_key();
                self.key_allowed = false;
                self.plain()?;
            }
        }
        Ok(true)
    }

    /// Skips spaces, comments and line breaks up to the next token (libyaml's
    /// `scan_skip_to_token`).
    fn skip_to_token(&mut self) {
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            if self.column == 0 && rest.starts_with("\u{feff}".as_bytes()) {
                self.skip();
            }
            while self.at(0) == Some(b' ')
                || ((self.flow_level > 0 || !self.key_allowed) && self.at(0) == Some(b'\t'))
            {
                self.skip();
            }
            if self.at(0) == Some(b'#') {
                self.skip_to_break();
            }
            if !self.is_break() {
                return;
            }
            self.skip_break();
            if self.flow_level == 0 {
                self.key_allowed = true;
            }
        }
    }

    /// The name of an anchor or alias, after its `&` or `*`.
    fn anchor(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        while self
            .at(0)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.skip();
        }
        let ends_well = self.is_blankz_at(0)
            || matches!(
                self.at(0),
                Some(b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`')
            );
        if self.pos == start || !ends_well {
            return Err(Stop::ScannerError);
        }
        Ok(())
    }

    /// A tag: `!<uri>`, or a handle and suffix of URI characters.
    fn tag(&mut self) -> Result<(), Stop> {
        self.skip();
        if self.at(0) == Some(b'<') {
            while !self.is_blankz_at(0) && self.at(0) != Some(b'>') {
                self.skip();
            }
            if self.at(0) != Some(b'>') {
                return Err(Stop::ScannerError);
            }
            self.skip();
        } else {
            while self
                .at(0)
                .is_some_and(|b| b.is_ascii_alphanumeric() || b"-_;/?:@&=+$.%!~*'()".contains(&b))
            {
                self.skip();
            }
        }
        if self.is_blankz_at(0) || (self.flow_level > 0 && self.at(0) == Some(b',')) {
            return Ok(());
        }
        Err(Stop::ScannerError)
    }

    /// A literal or folded block scalar: its header line, then every line indented at least as
    /// far as its content (libyaml's `scan_block_scalar`).
    fn block_scalar(&mut self) -> Result<(), Stop> {
        self.skip();
        let mut increment = None;
        for _ in 0..2 {
            match self.at(0) {
                Some(b'+' | b'-') => self.skip(),
                Some(digit @ b'1'..=b'9') if increment.is_none() => {
                    increment = Some(usize::from(digit - b'0'));
                    self.skip();
                }
                Some(b'0') => return Err(Stop::ScannerError),
                _ => break,
            }
        }
        while is_blank(self.at(0)) {
            self.skip();
        }
        if self.at(0) == Some(b'#') {
            self.skip_to_break();
        }
        if !self.is_end() && !self.is_break() {
            return Err(Stop::ScannerError);
        }
        if self.is_break() {
            self.skip_break();
        }
        let parent = self.indent();
        let mut indent = increment.map_or(0, |increment| parent.unwrap_or(0) + increment);
        self.block_breaks(&mut indent, parent)?;
        while self.column == indent && !self.is_end() {
            self.skip_to_break();
            if self.is_end() {
                break;
            }
            self.skip_break();
            self.block_breaks(&mut indent, parent)?;
        }
        Ok(())
    }

    /// The empty lines and indentation before a block scalar's next line; settles the
    /// scalar's indentation when no indicator gave it (libyaml's `scan_block_scalar_breaks`).
    fn block_breaks(&mut self, indent: &mut usize, parent: Option<usize>) -> Result<(), Stop> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || self.column < *indent) && self.at(0) == Some(b' ') {
                self.skip();
            }
            max_indent = max_indent.max(self.column);
            if (*indent == 0 || self.column < *indent) && self.at(0) == Some(b'\t') {
                return Err(Stop::ScannerError);
            }
            if !self.is_break() {
                break;
            }
            self.skip_break();
        }
        if *indent == 0 {
            *indent = max_indent.max(parent.map_or(0, |p| p + 1)).max(1);
        }
        Ok(())
    }

    /// A single- or double-quoted scalar, over any number of lines.
    fn quoted(&mut self) -> Result<(), Stop> {
        let single = self.at(0) == Some(b'\'');
        self.skip();
        loop {
            let marker = |m: u8| (0..3).all(|i| self.at(i) == Some(m)) && self.is_blankz_at(3);
            if self.is_end() || (self.column == 0 && (marker(b'-') || marker(b'.'))) {
                return Err(Stop::ScannerError);
            }
            match self.at(0) {
                Some(b'\'') if single && self.at(1) == Some(b'\'') => {
                    self.skip();
                    self.skip();
                }
                Some(b'\'') if single => break,
                Some(b'"') if !single => break,
                Some(b'\\') if !single => {
                    self.skip();
                    if self.is_break() {
                        self.skip_break();
                    } else if !self.is_end() {
                        self.skip();
                    }
                }
                _ if self.is_break() => self.skip_break(),
                _ => self.skip(),
            }
        }
        self.skip();
        Ok(())
    }

    /// A plain scalar, over as many lines as libyaml takes into it (libyaml's
    /// `scan_plain_scalar`).
    fn plain(&mut self) -> Result<(), Stop> {
        // Continuation lines of a plain scalar in the block context lie deeper than its
        // collection; at the top level any column will do.
        let min_column = self.indent().map_or(0, |indent| indent + 1);
        let mut leading_blanks = false;
        loop {
            let marker = |m: u8| (0..3).all(|i| self.at(i) == Some(m)) && self.is_blankz_at(3);
            if self.column == 0 && (marker(b'-') || marker(b'.')) {
                break;
            }
            if self.at(0) == Some(b'#') {
                break;
            }
            while !self.is_blankz_at(0) {
                let b = self.at(0);
                if self.flow_level > 0
                    && b == Some(b':')
                    && matches!(self.at(1), Some(b',' | b'?' | b'[' | b']' | b'{' | b'}'))
                {
                    return Err(Stop::ScannerError);
                }
                if (b == Some(b':') && self.is_blankz_at(1))
                    || (self.flow_level > 0 && matches!(b, Some(b',' | b'[' | b']' | b'{' | b'}')))
                {
                    break;
                }
                self.skip();
            }
            if !(is_blank(self.at(0)) || self.is_break()) {
                break;
            }
            while is_blank(self.at(0)) || self.is_break() {
                if is_blank(self.at(0)) {
                    if leading_blanks && self.column < min_column && self.at(0) == Some(b'\t') {
                        return Err(Stop::ScannerError);
                    }
                    self.skip();
                } else {
                    self.skip_break();
                    leading_blanks = true;
                }
            }
            if self.flow_level == 0 && self.column < min_column {
                break;
            }
        }
        if leading_blanks {
            self.key_allowed = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::de::DeserializeSeed;

    use serde::Deserialize;

    use super::{deeper_than, scan, Stop};
    use crate::node::{Node, NodeSeed};

    /// The depth of a parsed tree, counted as `NodeSeed` counts it: each map and list a level.
    fn depth(node: &Node) -> usize {
        match node {
            Node::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Node::Map(entries) => 1 + entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// The depth of the deepest document of `text` when serde_yaml reads every one with no
    /// practical depth limit. The whole text must parse: the loader reads only a slice's first
    /// document, but libyaml scans what follows it as well (`x [[[` is read as `x`, after
    /// scanning every bracket), so text after the first document counts here too.
    fn parsed_depth(text: &str) -> Option<usize> {
        let mut deepest = 0;
        for document in serde_yaml::Deserializer::from_str(text) {
            let node = NodeSeed::new(10_000).deserialize(document).ok()?;
            deepest = deepest.max(depth(&node));
        }
        Some(deepest)
    }

    /// The deepest limit this pass refuses `text` at (0 when it refuses nothing).
    fn counted(text: &str) -> usize {
        (0..64)
            .take_while(|&limit| deeper_than(text, limit).is_some())
            .last()
            .map_or(0, |limit| limit + 1)
    }

    #[test]
    fn flow_and_block_collections_are_counted() {
        for (text, levels) in [
            ("[[[]]]", 3),
            ("{a: {b: [1]}}", 3),
            ("a: [[x]]", 3),
            ("- - - x\n", 3),
            ("? x\n: [y]\n", 2),
            ("a:\n  b:\n    c: [1, {d: 2}]\n", 5),
            ("- a: [1]\n  b: 2\n", 3),
            ("[\n [\n  [\n ]]]", 3),
            ("&a [!!seq [x]]", 2),
            // After an implicit key's colon a tab is space, not the start of a token.
            ("a: \t[x]\n", 2),
        ] {
            assert_eq!(counted(text), levels, "{text:?}");
            assert_eq!(
                parsed_depth(text).map(|d| d >= levels),
                Some(true),
                "{text:?}"
            );
        }
    }

    #[test]
    fn brackets_in_scalars_and_comments_do_not_nest() {
        for text in [
            "a: '[[[['\n",
            "a: \"[[{{\\\"[[\"\n",
            "a: \"x\n  [[[[\"\n",
            "a: b[[[c\n",
            "a: b\n  [[[c\n",
            "a: x # [[[[\n",
            "# [[[[\na: 1\n",
            "a: |\n  [[[[\n  {{{{\nb: 1\n",
            "a: >-\n\n  [[[\n   [[[\n",
            "- |2\n   [[[[\n",
            "a: !!str x[[\n",
            "[a b, 'c]]', \"]]\"]",
            "a: 'it''s [[['\n",
            "---\n[[x]] # [[[\n",
        ] {
            let parsed = parsed_depth(text).unwrap_or_else(|| panic!("{text:?} parses"));
            assert!(parsed <= 2, "{text:?} nests {parsed} levels");
            assert!(counted(text) <= parsed, "{text:?}");
            assert!(deeper_than(text, 2).is_none(), "{text:?}");
        }
    }

    #[test]
    fn the_offset_is_where_the_limit_is_passed() {
        assert_eq!(deeper_than("a: [[[[x]]]]", 3), Some(5));
        assert_eq!(deeper_than("- - - x", 2), Some(4));
        assert_eq!(deeper_than("a: [[[[x]]]]", 5), None);
    }

    #[test]
    fn where_libyaml_stops_with_an_error_nothing_is_refused() {
        // The parser reports these itself, having scanned no further than this pass.
        for text in ["a: @[[[[", "a: `[[[[", "[a:[[[[", "a: &[[[[[["] {
            assert!(deeper_than(text, 1).is_none(), "{text:?}");
        }
    }

    #[test]
    fn a_tab_on_the_line_after_a_directive_is_space_as_for_libyaml() {
        // Both found by the proptests below: libyaml reads them, so this pass must read on.
        for text in ["%YAML 1.2\n\t\r\n---\n- ", "%YAML 1.2\n\t # [[|-\n---\n- "] {
            assert_ne!(scan(text, usize::MAX), Stop::ScannerError, "{text:?}");
        }
    }

    /// A small YAML vocabulary: indicators, brackets inside every kind of scalar, comments,
    /// block scalar headers, anchors, tags, odd line breaks.
    fn yamlish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "[",
            "]",
            "{",
            "}",
            ", ",
            ",",
            ": ",
            ":",
            "- ",
            "-",
            "? ",
            "\n",
            "\n  ",
            "\n    ",
            "  ",
            "\t",
            "a",
            "b[",
            "x]",
            " # [[",
            "#",
            "'",
            "'[{'",
            "\"",
            "\"\\\"[\"",
            "\\",
            "|",
            "|-\n",
            ">\n",
            "|2\n",
            "&a ",
            "*a",
            "!t ",
            "!!str ",
            "---\n",
            "...\n",
            "\r\n",
            "\r",
            "%YAML 1.2\n",
            "\u{85}",
            "é",
            "0",
            "~",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(30_000))]

        /// Soundness: whatever serde_yaml reads, this pass counts no deeper than the tree is.
        #[test]
        fn the_pass_never_counts_deeper_than_the_parser_reads(text in yamlish()) {
            if let Some(parsed) = parsed_depth(&text) {
                prop_assert!(
                    deeper_than(&text, parsed).is_none(),
                    "{text:?} parses {parsed} deep, counted {}", counted(&text)
                );
            }
        }

        /// The pass never stops where libyaml reads on: a deep document cannot hide behind
        /// text that this pass alone takes for an error.
        #[test]
        fn the_pass_stops_on_an_error_only_where_libyaml_does(text in yamlish()) {
            let libyaml_reads = serde_yaml::Deserializer::from_str(&text)
                .all(|document| serde::de::IgnoredAny::deserialize(document).is_ok());
            if libyaml_reads {
                prop_assert_ne!(scan(&text, usize::MAX), Stop::ScannerError, "{:?}", text);
            }
        }

        /// The same on well-formed trees written in every style, with tricky scalars.
        #[test]
        fn written_trees_are_never_counted_deeper_than_they_are(tree in tree()) {
            let mut text = String::new();
            write(&tree, 0, &mut text);
            let parsed = parsed_depth(&text);
            prop_assert!(parsed.is_some(), "{text:?} does not parse");
            let parsed = parsed.unwrap_or(0);
            prop_assert!(deeper_than(&text, parsed).is_none(), "{text:?}: {parsed}");
        }
    }

    #[derive(Debug, Clone)]
    enum Tree {
        Scalar(&'static str),
        Flow(Vec<Tree>),
        BlockSeq(Vec<Tree>),
        BlockMap(Vec<Tree>),
    }

    /// Scalars as YAML text: plain, quoted, with brackets, and block scalars (which need a
    /// line of their own, written by `write`).
    const SCALARS: [&str; 10] = [
        "x",
        "a[b",
        "'[['",
        "\"{[\\\"\"",
        "x # [[",
        "'it''s]'",
        "|\n[[[\n{{",
        ">-\n[[ x\n\n]]",
        "!!str x[",
        "\"[a,\n b]\"",
    ];

    fn tree() -> impl Strategy<Value = Tree> {
        let leaf = prop::sample::select(SCALARS.to_vec()).prop_map(Tree::Scalar);
        leaf.prop_recursive(6, 40, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Tree::Flow),
                prop::collection::vec(inner.clone(), 1..4).prop_map(Tree::BlockSeq),
                prop::collection::vec(inner, 1..4).prop_map(Tree::BlockMap),
            ]
        })
    }

    /// Writes `tree` as a value whose block content is indented by `indent`.
    fn write(tree: &Tree, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match tree {
            Tree::Scalar(text) if text.contains('\n') && !text.starts_with(['|', '>']) => {
                out.push_str(text);
            }
            Tree::Scalar(text) => {
                let mut lines = text.split('\n');
                out.push_str(lines.next().unwrap_or_default());
                for line in lines {
                    out.push('\n');
                    if !line.is_empty() {
                        out.push_str(&pad);
                        out.push_str("  ");
                        out.push_str(line);
                    }
                }
            }
            Tree::Flow(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_flow(item, out);
                }
                out.push(']');
            }
            Tree::BlockSeq(items) => {
                for item in items {
                    out.push('\n');
                    out.push_str(&pad);
                    out.push_str("- ");
                    write(item, indent + 2, out);
                }
            }
            Tree::BlockMap(items) => {
                for (i, item) in items.iter().enumerate() {
                    out.push('\n');
                    out.push_str(&pad);
                    out.push_str(&format!("k{i}: "));
                    write(item, indent + 2, out);
                }
            }
        }
    }

    /// Inside a flow collection every value is written in flow style.
    fn write_flow(tree: &Tree, out: &mut String) {
        match tree {
            Tree::Scalar(text) if text.starts_with(['\'', '"']) || *text == "x" => {
                out.push_str(text);
            }
            // Plain scalars with flow indicators, comments and block scalars do not fit here.
            Tree::Scalar(_) => out.push_str("'[]'"),
            Tree::Flow(items) | Tree::BlockSeq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_flow(item, out);
                }
                out.push(']');
            }
            Tree::BlockMap(items) => {
                out.push('{');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&format!("k{i}: "));
                    write_flow(item, out);
                }
                out.push('}');
            }
        }
    }
}
