//! The finding codes: one registry line per code with its number, kebab-case name, default
//! severity and the gate it belongs to, and each code's documentation, read from the leading `//!`
//! block of its check file (`checks/<name>.rs`). A leaf: findings, gates and renderers name codes
//! without knowing the checks.

use serde::Serialize;

use crate::gate::GateId;

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

            /// The documentation, parsed from the check file's leading `//!` comment.
            pub fn doc(self) -> Doc {
                // Only the `//!` block of each file, extracted by build.rs.
                let source = match self {
                    $(Code::$variant => include_str!(concat!(env!("OUT_DIR"), "/checks/", $name, ".rs.doc")),)*
                };
                Doc::parse(source)
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
    /// A code's page as plain text: the title with the severity, then each section. What
    /// `istio2asm explain CODE` prints and the JS library's `explain(code).text`.
    pub fn explain_text(self) -> String {
        let doc = self.doc();
        let mut text = format!("{} ({})\n", doc.title, self.severity().as_str());
        for (heading, body) in &doc.sections {
            text.push_str(&format!("\n{heading}\n\n{body}\n"));
        }
        text
    }

    /// The message for a code that [`Code::parse`] does not know.
    pub fn unknown(wanted: &str) -> String {
        format!(
            "unknown code {wanted:?}; codes run from {} to {}",
            Code::ALL.first().map_or("", |c| c.as_str()),
            Code::ALL.last().map_or("", |c| c.as_str()),
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
    /// The title line (`MIG402 sidecar-missing-xds-agent`).
    pub title: String,
    /// The sections in order: (heading, body).
    pub sections: Vec<(String, String)>,
}

/// The headings every check documents, in this order.
pub const DOC_SECTIONS: [&str; 4] = ["What it finds", "Why it matters", "How to fix", "Example"];

impl Doc {
    /// Reads the leading `//!` block of a check file.
    fn parse(source: &str) -> Doc {
        let mut title = String::new();
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if let Some(heading) = rest.strip_prefix("## ") {
                sections.push((heading.trim().to_string(), String::new()));
            } else if let Some(heading) = rest.strip_prefix("# ") {
                title = heading.trim().to_string();
            } else if let Some((_, body)) = sections.last_mut() {
                body.push_str(rest);
                body.push('\n');
            }
        }
        for (_, body) in &mut sections {
            *body = body.trim().to_string();
        }
        Doc { title, sections }
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
        let body = self.section("How to fix");
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

/// `docs/checks.md`: every code's page, generated from the check files.
pub fn docs_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated by istio2asm from crates/istio2asm-core/src/checks/*.rs; do not edit. -->\n\
         <!-- Regenerate: cargo run -p istio2asm-cli -- explain --all > docs/checks.md -->\n\n\
         # istio2asm finding codes\n\n\
         | code | name | severity |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            code.as_str(),
            anchor(&code.doc().title),
            code.name(),
            code.severity().as_str()
        ));
    }
    for code in Code::ALL {
        out.push('\n');
        out.push_str(&code.doc().to_markdown());
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
            let doc = code.doc();
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
