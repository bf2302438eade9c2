//! Documents nested deeper than any limit, in every form a reader meets nesting: generated at
//! any depth, because a million levels is megabytes nobody should commit. The hostile tests
//! assert each is refused; the throughput bench (`benches/throughput.rs`, which includes this
//! file by path) measures how long that takes per MB.

/// One way to nest: its name, and the file name and text of a document `levels` deep.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// Shown in test messages and the bench's table.
    pub name: &'static str,
    /// The input's name; `.json` or `.yaml`, though the loader goes by the content.
    pub file: &'static str,
    write: fn(usize) -> String,
}

impl Form {
    /// The document, `levels` collections deep.
    pub fn text(&self, levels: usize) -> String {
        (self.write)(levels)
    }
}

/// Every form whose text grows linearly with its depth. Block mappings nested by indentation
/// grow with the square of it (10,000 levels are 50 MB, 100,000 would be 5 GB, far above
/// `max-file-bytes`), so they are not here; `? ` keys nest block mappings compactly instead.
pub const FORMS: [Form; 8] = [
    Form {
        // Under a key, so the YAML reader meets it (a document that starts with a bracket is
        // tried as JSON first).
        name: "YAML flow sequences `a: [[[…]]]`",
        file: "nesting-flow-seq.yaml",
        write: |n| format!("a: {}1{}\n", "[".repeat(n), "]".repeat(n)),
    },
    Form {
        name: "YAML flow sequences, never closed `a: [[[…`",
        file: "nesting-flow-open.yaml",
        write: |n| format!("a: {}\n", "[".repeat(n)),
    },
    Form {
        name: "YAML flow mappings `{a: {a: …}}`",
        file: "nesting-flow-map.yaml",
        write: |n| format!("{}1{}\n", "{a: ".repeat(n), "}".repeat(n)),
    },
    Form {
        name: "YAML block sequences `- - - …`",
        file: "nesting-block-seq.yaml",
        write: |n| format!("{}x\n", "- ".repeat(n)),
    },
    Form {
        name: "YAML block mappings `? ? ? …`",
        file: "nesting-block-key.yaml",
        write: |n| format!("{}x\n", "? ".repeat(n)),
    },
    Form {
        // The model does not read a pod's status, so the parser skips it without building it.
        name: "YAML pod whose pruned status nests `status: {a: {a: …}}`",
        file: "nesting-pruned.yaml",
        write: |n| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: n}}\nstatus: {}1{}\n",
                "{a: ".repeat(n),
                "}".repeat(n)
            )
        },
    },
    Form {
        name: "JSON arrays `[[[…]]]`",
        file: "nesting-json-array.json",
        write: |n| format!("{}{}\n", "[".repeat(n), "]".repeat(n)),
    },
    Form {
        name: "JSON objects `{\"a\":{\"a\":…}}`",
        file: "nesting-json-object.json",
        write: |n| format!("{}1{}\n", "{\"a\":".repeat(n), "}".repeat(n)),
    },
];

/// The depths measured and tested: ten thousand, a hundred thousand and a million levels.
pub const LEVELS: [usize; 3] = [10_000, 100_000, 1_000_000];
