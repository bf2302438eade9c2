//! Where things came from: the loaded files, spans into them, and line/column resolution.

use serde::Serialize;

/// Index of a loaded file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A position in a loaded file, stored as a byte offset and turned into line and column only
/// when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// Byte offset of the start.
    pub offset: usize,
}

/// A resolved position: what users read (`file:line:col`), 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file's name as the user gave it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The text is indexed in blocks of this many bytes.
const BLOCK: usize = 1 << 14;

/// One loaded file: its name, its text when it was valid UTF-8, and how many lines start before
/// each block of [`BLOCK`] bytes. A position is resolved by counting the newlines of one block,
/// so the index costs 4 bytes per 16 KiB instead of a word per line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// `newlines_before[b]`: the newlines in `text[..b * BLOCK]`.
    newlines_before: Vec<u32>,
}

/// The newlines in a slice (memchr's vectorised count).
fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

impl SourceFile {
    /// Indexes `text` (one pass over its bytes).
    pub fn new(name: String, text: String) -> Self {
        let mut newlines_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut total = 0u32;
        for block in text.as_bytes().chunks(BLOCK) {
            newlines_before.push(total);
            // Files are at most max-file-bytes (well below 4 GiB), so lines fit in u32.
            total = total.saturating_add(u32::try_from(newlines(block)).unwrap_or(u32::MAX));
        }
        SourceFile {
            name,
            text,
            newlines_before,
        }
    }

    /// The file's name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's text ("" when it could not be decoded).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let block = offset / BLOCK;
        let before = self.newlines_before.get(block).map_or(0, |&n| n as usize);
        let line = 1 + before + newlines(&bytes[block * BLOCK..offset]);
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }

    fn blank(&mut self, ranges: &[std::ops::Range<usize>]) {
        if ranges.is_empty() {
            return;
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        for range in ranges {
            let end = range.end.min(bytes.len());
            for byte in bytes.get_mut(range.start.min(end)..end).unwrap_or_default() {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        }
        // Whole characters were replaced by ASCII, so the bytes are still UTF-8.
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    }

    /// The byte offset where a 1-based line starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        let wanted = line.checked_sub(1)?;
        if wanted == 0 {
            return Some(0);
        }
        // The last block with fewer than `wanted` newlines before it holds the line's newline.
        let block = self
            .newlines_before
            .partition_point(|&n| (n as usize) < wanted)
            .checked_sub(1)?;
        let from = block * BLOCK;
        let skip = wanted - self.newlines_before[block] as usize;
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..])
            .nth(skip - 1)
            .map(|i| from + i + 1)
    }
}

/// All files of one analysis.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file behind an id.
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// All files in load order.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// Blanks byte ranges of a file's text (every byte but newlines becomes a space), so that
    /// what was dropped unread cannot be shown later; lines and offsets stay where they were.
    pub(crate) fn blank(&mut self, id: FileId, ranges: &[std::ops::Range<usize>]) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.blank(ranges);
        }
    }

    /// Resolves a span for display.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let file = self.file(span.file)?;
        let (line, column) = file.line_column(span.offset);
        Some(Location {
            path: file.name.clone(),
            line,
            column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_lines_and_character_columns() {
        let file = SourceFile::new("a.yaml".into(), "ab\nc\u{e9}d\n\nx".into());
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(1), (1, 2));
        assert_eq!(file.line_column(3), (2, 1));
        // "é" is two bytes but one column.
        assert_eq!(file.line_column(6), (2, 3));
        assert_eq!(file.line_column(8), (3, 1));
        assert_eq!(file.line_column(9), (4, 1));
        assert_eq!(file.line_column(999), (4, 2));
        assert_eq!(file.line_start(1), Some(0));
        assert_eq!(file.line_start(2), Some(3));
        assert_eq!(file.line_start(4), Some(9));
        assert_eq!(file.line_start(5), None);
        assert_eq!(file.line_start(0), None);
    }

    #[test]
    fn positions_agree_with_a_full_scan_across_blocks() {
        // Lines of varied length, some across block boundaries, multi-byte characters included.
        let mut text = String::new();
        for i in 0..9000 {
            text.push_str(&"é".repeat(i % 7));
            text.push_str(&"x".repeat(i % 13));
            text.push('\n');
        }
        let file = SourceFile::new("big".into(), text.clone());
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        for (index, &start) in starts.iter().enumerate() {
            assert_eq!(
                file.line_start(index + 1),
                Some(start),
                "line {}",
                index + 1
            );
            assert_eq!(file.line_column(start), (index + 1, 1), "offset {start}");
        }
        for offset in (0..text.len()).step_by(97) {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let line = text[..offset].matches('\n').count() + 1;
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                file.line_column(offset),
                (line, text[start..offset].chars().count() + 1)
            );
        }
    }
}
