//! The finding codes: one registry line per code with its number, kebab-case name, default
//! severity and the gate it belongs to, and each code's documentation in both languages: the
//! English page is the leading `//!` block of its check file (`checks/<name>.rs`), the Chinese one
//! `checks/zh-CN/<name>.md`, both copied by build.rs. A leaf: findings, gates and renderers name
//! codes without knowing the checks.

use serde::Serialize;

use crate::gate::GateId;
use crate::i18n::Lang;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Progress and context.
    Info,
    /// Worth a look; does not block.
    Warning,
    /// Blocks the gate it belongs to.
    Error,
}

impl Severity {
    /// The lower-case name used in text and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// How many of `severities` are (errors, warnings, infos).
    pub fn tally(severities: impl IntoIterator<Item = Severity>) -> (usize, usize, usize) {
        severities
            .into_iter()
            .fold((0, 0, 0), |(e, w, i), severity| match severity {
                Severity::Error => (e + 1, w, i),
                Severity::Warning => (e, w + 1, i),
                Severity::Info => (e, w, i + 1),
            })
    }

    /// The name shown to people in `lang` (`error`, `错误`).
    pub fn label(self, lang: Lang) -> String {
        match self {
            Severity::Info => t!(lang, "severity-info"),
            Severity::Warning => t!(lang, "severity-warning"),
            Severity::Error => t!(lang, "severity-error"),
        }
    }
}

/// Declares every code once. The order here is the order of `docs/checks.md`.
macro_rules! registry {
    ($( $variant:ident $code:literal $name:literal $severity:ident [$($gate:ident)?]; )*) => {
        /// A stable finding code. Codes are never reused; a retired code keeps its number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $code, "` ", $name)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code, e.g. `MIG402`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The kebab-case name, e.g. `sidecar-missing-xds-agent`; also the check's file name.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity the code has when its gate is the next one.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The gate a finding of this code fails, if any.
            pub fn gate(self) -> Option<GateId> {
                match self { $(Code::$variant => registry!(@gate $($gate)?),)* }
            }

            /// The documentation in `lang`: the check file's leading `//!` comment in English,
            /// `checks/zh-CN/<name>.md` in Chinese.
            pub fn doc(self, lang: Lang) -> Doc {
                // The pages as build.rs wrote them: Markdown, without the rest of the check files.
                let source = match lang {
                    Lang::En => match self {
                        $(Code::$variant => include_str!(concat!(env!("OUT_DIR"), "/checks/en/", $name, ".md")),)*
                    },
                    Lang::ZhCn => match self {
                        $(Code::$variant => include_str!(concat!(env!("OUT_DIR"), "/checks/zh-CN/", $name, ".md")),)*
                    },
                };
                Doc::parse(lang, source)
            }
        }
    };
    (@gate) => { None };
    (@gate $gate:ident) => { Some(GateId::$gate) };
}

registry! {
    Mig001 "MIG001" "yaml-syntax" Error [];
    Mig002 "MIG002" "not-a-kubernetes-object" Error [];
    Mig003 "MIG003" "duplicate-object" Warning [];
    Mig004 "MIG004" "secrets-dropped" Info [];
    Mig005 "MIG005" "input-limit" Error [];
    Mig006 "MIG006" "invalid-name" Error [];
    Mig101 "MIG101" "cr-missing" Warning [];
    Mig102 "MIG102" "cr-identity" Error [MigrationResource];
    Mig103 "MIG103" "cr-invalid-state" Error [MigrationResource];
    Mig104 "MIG104" "cr-illegal-transition" Error [MigrationResource];
    Mig105 "MIG105" "cr-invalid-retry-counter" Error [MigrationResource];
    Mig106 "MIG106" "cr-switch-failed" Error [MigrationResource];
    Mig107 "MIG107" "cr-reconcile-pending" Info [];
    Mig108 "MIG108" "cr-unknown-field" Warning [MigrationResource];
    Mig201 "MIG201" "kubernetes-too-old" Error [KubernetesVersion];
    Mig202 "MIG202" "istio-too-old" Error [IstioVersion];
    Mig203 "MIG203" "asm-too-old" Error [AsmVersion];
    Mig204 "MIG204" "istio-multiple-revisions" Warning [];
    Mig205 "MIG205" "istio-not-found" Error [IstioVersion];
    Mig301 "MIG301" "eastwest-needs-label-reconciliation-off" Error [EastwestLabelReconciliation];
    Mig302 "MIG302" "istio-system-injection-label" Error [IstioSystemInjectionLabel];
    Mig303 "MIG303" "eastwest-network-plan" Info [];
    Mig401 "MIG401" "mesh-config-missing-xds-agent" Warning [MeshConfigXdsAgent];
    Mig402 "MIG402" "sidecar-missing-xds-agent" Error [SidecarsXdsAgent];
    Mig403 "MIG403" "sidecar-manual-restart" Warning [SidecarsXdsAgent];
    Mig404 "MIG404" "gateway-missing-xds-agent" Warning [GatewaysXdsAgent];
    Mig501 "MIG501" "workload-on-istio-sidecar" Info [];
    Mig502 "MIG502" "injection-label-conflict" Warning [];
    Mig503 "MIG503" "graceful-shutdown-risk" Warning [];
    Mig504 "MIG504" "egress-route-to-migrate" Info [];
    Mig505 "MIG505" "invalid-route-weights" Error [];
    Mig506 "MIG506" "ingress-gateway-to-migrate" Info [];
    Mig507 "MIG507" "istio-api-import" Info [];
    Mig508 "MIG508" "envoyfilter-review" Warning [];
    Mig509 "MIG509" "workload-manually-injected" Warning [NoIstioSidecars];
    Mig510 "MIG510" "ambient-mode" Warning [];
    Mig511 "MIG511" "injection-multiple-injectors" Warning [];
    Mig512 "MIG512" "switch-not-to-asm" Error [];
    Mig513 "MIG513" "restart-drops-sidecar" Error [SidecarsKeepInjector];
    Mig601 "MIG601" "istio-sidecars-remain" Error [NoIstioSidecars];
    Mig602 "MIG602" "istio-gateways-remain" Error [NoIstioGateways];
    Mig603 "MIG603" "istio-control-plane-remains" Error [IstioControlPlaneRemoved];
    Mig604 "MIG604" "istio-api-not-in-asm" Error [IstioApiInAsm];
    Mig701 "MIG701" "root-cert-multiple-writers" Error [RootsOfTrust];
    Mig702 "MIG702" "asm-root-differs" Error [RootsOfTrust];
    Mig703 "MIG703" "root-cert-expiring" Warning [];
    Mig704 "MIG704" "plugged-in-ca" Info [];
    Mig705 "MIG705" "trust-domain-mismatch" Error [RootsOfTrust];
    Mig706 "MIG706" "mtls-strict-but-tls-disabled" Error [];
    Mig707 "MIG707" "mtls-disabled-but-tls-required" Error [];
    Mig708 "MIG708" "root-cert-unreadable" Warning [];
    Mig801 "MIG801" "mesh-id-differs" Warning [];
    Mig802 "MIG802" "cluster-name-not-unique" Error [];
    Mig803 "MIG803" "network-gateway-mismatch" Error [];
    Mig804 "MIG804" "remote-secret-missing" Warning [];
    Mig805 "MIG805" "cluster-roots-differ" Error [];
}

impl Code {
    /// Looks a code up by its number (`MIG402`, case-insensitive) or its name.
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.name() == text)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Code {
    /// A code's page in `lang` as plain text: the title with the severity, then each section.
    /// What `istio2asm explain CODE` prints and the JS library's `explain(code).text`.
    pub fn explain_text(self, lang: Lang) -> String {
        let doc = self.doc(lang);
        let mut text = t!(
            lang,
            "explain-title",
            title = &doc.title,
            severity = self.severity().label(lang)
        );
        text.push('\n');
        for (heading, body) in &doc.sections {
            text.push_str(&format!("\n{heading}\n\n{body}\n"));
        }
        text
    }

    /// The message for a code that [`Code::parse`] does not know, in `lang` (the CLI's and the JS
    /// library's `explain`).
    pub fn unknown(wanted: &str, lang: crate::i18n::Lang) -> String {
        t!(
            lang,
            "code-unknown",
            code = format!("{wanted:?}"),
            first = Code::ALL.first().map_or("", |c| c.as_str()),
            last = Code::ALL.last().map_or("", |c| c.as_str()),
        )
    }
}

/// The codes that make the resource itself invalid: while one of them stands, a failed switch is
/// not retried by bumping `retryCounter`, and the resource is fixed first. MIG106 (the switch
/// failed) is the one code of the resource's gate that a retry answers.
pub const INVALID_RESOURCE: [Code; 5] = [
    Code::Mig102,
    Code::Mig103,
    Code::Mig104,
    Code::Mig105,
    Code::Mig108,
];

/// A check's documentation, in its fixed sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The language the page is written in.
    pub lang: Lang,
    /// The title line (`MIG402 sidecar-missing-xds-agent`), the same in every language.
    pub title: String,
    /// The sections in order: (heading, body).
    pub sections: Vec<(String, String)>,
}

/// The headings every check documents in English, in this order.
pub const DOC_SECTIONS: [&str; 4] = ["What it finds", "Why it matters", "How to fix", "Example"];

/// The headings every check documents in `lang`, in the order of [`DOC_SECTIONS`]: the pages'
/// own headings, which a test holds every page to.
pub fn doc_sections(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => DOC_SECTIONS,
        Lang::ZhCn => ["发现什么", "为什么重要", "如何修复", "示例"],
    }
}

impl Doc {
    /// Reads a page: `# title`, then `## heading` and the body of each section. A line in a
    /// fenced code block is body, whatever it starts with (a shell comment is not a title).
    fn parse(lang: Lang, source: &str) -> Doc {
        let mut title = String::new();
        let mut sections: Vec<(String, String)> = Vec::new();
        let mut fenced = false;
        for line in source.lines() {
            if line.starts_with("```") {
                fenced = !fenced;
            }
            if let (false, Some(heading)) = (fenced, line.strip_prefix("## ")) {
                sections.push((heading.trim().to_string(), String::new()));
            } else if let (false, Some(heading)) = (fenced, line.strip_prefix("# ")) {
                title = heading.trim().to_string();
            } else if let Some((_, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
        for (_, body) in &mut sections {
            *body = body.trim().to_string();
        }
        Doc {
            lang,
            title,
            sections,
        }
    }

    /// The body of one section, "" when missing.
    pub fn section(&self, heading: &str) -> &str {
        self.sections
            .iter()
            .find(|(h, _)| h == heading)
            .map_or("", |(_, body)| body.as_str())
    }

    /// The "How to fix" section's first paragraph on one line, the default help of a finding.
    pub fn how_to_fix(&self) -> String {
        let body = self.section(doc_sections(self.lang)[2]);
        let first = body.split("\n\n").next().unwrap_or(body);
        first.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The whole page as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n", self.title);
        for (heading, body) in &self.sections {
            out.push_str(&format!("\n### {heading}\n\n{body}\n"));
        }
        out
    }
}

/// `docs/checks.md` (English) or `docs/checks.zh-CN.md`: every code's page in `lang`, generated
/// from the check files or the Chinese pages.
pub fn docs_markdown(lang: Lang) -> String {
    let (source, command) = match lang {
        Lang::En => (
            "crates/istio2asm-core/src/checks/*.rs",
            "cargo run -p istio2asm-cli -- explain --all --lang en > docs/checks.md",
        ),
        Lang::ZhCn => (
            "crates/istio2asm-core/src/checks/zh-CN/*.md",
            "cargo run -p istio2asm-cli -- explain --all --lang zh-CN > docs/checks.zh-CN.md",
        ),
    };
    let mut out = format!(
        "<!-- {} -->\n<!-- {} -->\n\n# {}\n\n| {} | {} | {} |\n|---|---|---|\n",
        t!(lang, "explain-docs-generated", source = source),
        t!(lang, "explain-docs-regenerate", command = command),
        t!(lang, "explain-docs-title"),
        t!(lang, "explain-docs-code"),
        t!(lang, "explain-docs-name"),
        t!(lang, "explain-docs-severity"),
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            code.as_str(),
            anchor(&code.doc(lang).title),
            code.name(),
            code.severity().label(lang)
        ));
    }
    for code in Code::ALL {
        out.push('\n');
        out.push_str(&code.doc(lang).to_markdown());
    }
    out
}

/// A GitHub-style heading anchor.
fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_documents_every_section() {
        for code in Code::ALL {
            let doc = code.doc(Lang::En);
            assert_eq!(
                doc.title,
                format!("{} {}", code.as_str(), code.name()),
                "title of {code:?}"
            );
            let headings: Vec<_> = doc.sections.iter().map(|(h, _)| h.as_str()).collect();
            assert_eq!(headings, DOC_SECTIONS, "sections of {}", code.as_str());
            for (heading, body) in &doc.sections {
                assert!(!body.is_empty(), "{} has an empty {heading}", code.as_str());
            }
        }
    }

    /// The fenced code blocks of a page, each with its opening line (the language).
    fn code_blocks(doc: &Doc) -> Vec<String> {
        let mut blocks = Vec::new();
        for (_, body) in &doc.sections {
            let mut open: Option<String> = None;
            for line in body.lines() {
                match open.as_mut() {
                    None if line.starts_with("```") => open = Some(format!("{line}\n")),
                    None => {}
                    Some(block) => {
                        block.push_str(line);
                        block.push('\n');
                        if line.starts_with("```") {
                            blocks.extend(open.take());
                        }
                    }
                }
            }
            assert!(open.is_none(), "{}: a code block is not closed", doc.title);
        }
        blocks
    }

    #[test]
    fn every_code_has_a_chinese_page_like_its_english_one() {
        for code in Code::ALL {
            let english = code.doc(Lang::En);
            let chinese = code.doc(Lang::ZhCn);
            let page = format!("crates/istio2asm-core/src/checks/zh-CN/{}.md", code.name());
            assert_eq!(
                chinese.title, english.title,
                "{page}: the title line (is the page missing?)"
            );
            let headings: Vec<_> = chinese.sections.iter().map(|(h, _)| h.as_str()).collect();
            assert_eq!(headings, doc_sections(Lang::ZhCn), "{page}: the headings");
            for (heading, body) in &chinese.sections {
                assert!(!body.is_empty(), "{page}: {heading} is empty");
            }
            // Commands, YAML and example output are the same bytes in both languages.
            let (en_blocks, zh_blocks) = (code_blocks(&english), code_blocks(&chinese));
            assert_eq!(
                zh_blocks.len(),
                en_blocks.len(),
                "{page}: not as many code blocks as the English page"
            );
            for (zh, en) in zh_blocks.iter().zip(&en_blocks) {
                assert_eq!(zh, en, "{page}: a code block differs from the English page");
            }
        }
    }

    #[test]
    fn the_chinese_pages_read_in_chinese() {
        let text = Code::Mig402.explain_text(Lang::ZhCn);
        assert!(
            text.starts_with("MIG402 sidecar-missing-xds-agent（错误）\n\n发现什么\n\n"),
            "{text}"
        );
        assert!(text.contains("\n如何修复\n"), "{text}");
        let help = Code::Mig402.doc(Lang::ZhCn).how_to_fix();
        assert!(help.contains("重启"), "{help}");
        assert!(!help.contains('\n'), "{help}");
        let docs = docs_markdown(Lang::ZhCn);
        assert!(docs.contains("| 代码 | 名称 | 严重程度 |"), "{docs}");
        assert!(
            docs.contains("| [MIG402](#mig402-sidecar-missing-xds-agent) | sidecar-missing-xds-agent | 错误 |"),
            "{docs}"
        );
        assert!(docs.contains("\n### 为什么重要\n"), "{docs}");
    }

    #[test]
    fn a_shell_comment_in_a_code_block_is_not_a_heading() {
        let doc = Doc::parse(
            Lang::En,
            "# MIG999 x\n\n## How to fix\n\n```bash\n# a comment\n## another\nrun\n```\n",
        );
        assert_eq!(doc.title, "MIG999 x");
        assert_eq!(
            doc.sections,
            [(
                "How to fix".to_string(),
                "```bash\n# a comment\n## another\nrun\n```".to_string()
            )]
        );
    }

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
            assert_eq!(Code::parse(code.name()), Some(*code));
        }
        assert_eq!(Code::parse("MIG999"), None);
    }
}
