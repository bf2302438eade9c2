//! The one finding type every check reports, and the stable codes.

use serde::{Deserialize, Serialize};

pub use crate::codes::{Code, Severity};
use crate::i18n::Lang;
use crate::kubectl::Command;
use crate::source::Span;
use crate::state::State;

/// The Kubernetes object a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    /// `apiVersion` as exported.
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// Namespace, `None` for cluster-scoped objects.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The stable code; name and default severity come with it.
    pub code: Code,
    /// The severity after phase adjustment (`phase::adjust_severities`).
    pub severity: Severity,
    /// One sentence (or two) saying what is wrong, with the names involved.
    pub message: String,
    /// The object, when there is one.
    pub object: Option<ObjectRef>,
    /// Where the object (or the problem) starts.
    pub span: Option<Span>,
    /// Other places that matter (for example the first copy of a duplicate).
    pub related: Vec<Span>,
    /// Help specific to this finding; when `None`, the code's "How to fix" text is shown.
    pub help: Option<String>,
    /// Commands that fix or verify it, as values.
    pub commands: Vec<Command>,
    /// The transition whose gate this finding belongs to, if any: the state it leads to.
    pub gate: Option<State>,
}

impl Finding {
    /// A finding with the code's default severity and nothing else attached.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            message: message.into(),
            object: None,
            span: None,
            related: Vec::new(),
            help: None,
            commands: Vec::new(),
            gate: None,
        }
    }

    /// Attaches the object and where it starts.
    pub fn at(mut self, object: ObjectRef, span: Span) -> Self {
        self.object = Some(object);
        self.span = Some(span);
        self
    }

    /// Attaches a position without an object.
    pub fn spanned(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the severity (for codes whose severity depends on what is known).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Attaches specific help.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches specific help when there is some.
    pub fn help_opt(mut self, help: Option<&str>) -> Self {
        if let Some(help) = help {
            self.help = Some(help.to_string());
        }
        self
    }

    /// Attaches commands.
    pub fn commands(mut self, commands: impl IntoIterator<Item = Command>) -> Self {
        self.commands.extend(commands);
        self
    }

    /// Marks the finding as part of the gate of the transition into `state`.
    pub fn gate(mut self, state: State) -> Self {
        self.gate = Some(state);
        self
    }

    /// The help shown: the finding's own (made in the analysis' language), else the "How to
    /// fix" of the code's page in `lang`.
    pub fn help_text(&self, lang: Lang) -> String {
        self.help
            .clone()
            .unwrap_or_else(|| self.code.doc(lang).how_to_fix())
    }
}

/// A command against one cluster of a mesh, named by the name the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterCommand {
    /// The cluster it runs against (its `Target::Cluster` is that cluster's kubeconfig).
    pub cluster: String,
    /// The command.
    pub command: Command,
}

/// A finding about several clusters of one mesh (MIG801–MIG805): the finding itself, the
/// clusters it concerns and its commands, each against its own cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossFinding {
    /// Code, severity, message, object and help. Its `commands` stay empty: a command of a
    /// cross-cluster finding belongs to one cluster, see `commands`.
    pub finding: Finding,
    /// The clusters it concerns, in the order they were given.
    pub clusters: Vec<String>,
    /// The cluster whose export `finding.span` points into, when it has a span.
    pub at: Option<String>,
    /// Commands that verify or fix it, each with its cluster.
    pub commands: Vec<ClusterCommand>,
}
