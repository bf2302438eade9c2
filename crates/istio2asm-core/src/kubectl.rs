//! Commands as values, and the one function that turns them into shell text.
//!
//! Every word a command carries is a literal: it is quoted by [`quote`] when rendered, so nothing
//! taken from a manifest can expand. The only expansion in a rendered command is the declared
//! kubeconfig variable, `--kubeconfig="${NAME}"`, whose name is checked by [`is_shell_name`].

use serde::{Deserialize, Serialize};

/// Which cluster a command talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// The Kubernetes cluster being migrated (`K8S_KUBECONFIG`).
    Cluster,
    /// The ASM control plane (`ASM_KUBECONFIG`).
    Asm,
}

/// The program a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Program {
    /// `kubectl`.
    Kubectl,
    /// `istioctl`, the one matching the installed Istio version.
    Istioctl,
}

/// One command line: a program against a target, a verb, and typed words (the resource, the
/// object's name, flags), rendered in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Command {
    /// The program.
    pub program: Program,
    /// The cluster it talks to.
    pub target: Target,
    /// The namespace (`-n NS`), when the command is namespaced.
    pub namespace: Option<String>,
    /// What it does: `get`, `patch`, `rollout restart`, `x uninstall`. Written in code, never
    /// taken from input; several words are several arguments.
    pub verb: &'static str,
    /// Everything after the verb, in order.
    pub words: Vec<Word>,
    /// A fixed program the output is piped into, when any.
    pub pipe: Option<Pipe>,
}

/// A program a command's output is piped into. Each is a constant: nothing in it comes from input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pipe {
    /// `openssl x509 -noout -fingerprint -sha256 -subject -enddate`: the first certificate of a
    /// PEM text, as its SHA-256 fingerprint, subject and expiry.
    X509Summary,
    /// `base64 -d | openssl x509 -noout -subject -enddate`: a certificate taken from a Secret's
    /// data (base64), as its subject and expiry. Only a public certificate is ever read this way.
    Base64X509Expiry,
}

impl Pipe {
    /// The shell text after the `|`.
    pub fn text(self) -> &'static str {
        match self {
            Pipe::X509Summary => "openssl x509 -noout -fingerprint -sha256 -subject -enddate",
            Pipe::Base64X509Expiry => "base64 -d | openssl x509 -noout -subject -enddate",
        }
    }
}

/// One word after a command's verb, with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Word {
    /// A resource type: `deployment`, `asmmigratefromistio`, `pods`.
    Resource(String),
    /// An object's name: `cart`, `default`.
    Name(String),
    /// An object as one word, `resource/name`: `deployment/cart`.
    Object {
        /// The resource type.
        resource: String,
        /// The name.
        name: String,
    },
    /// Anything else: a flag, a flag's value, a label change, a file.
    Arg(String),
}

impl Word {
    /// The shell word.
    pub fn text(&self) -> String {
        match self {
            Word::Resource(text) | Word::Name(text) | Word::Arg(text) => text.clone(),
            Word::Object { resource, name } => format!("{resource}/{name}"),
        }
    }
}

/// The names of the shell variables that hold the two kubeconfig paths. Both are shell names
/// ([`is_shell_name`]) by construction, since `render` writes them inside `"${...}"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KubeconfigVarsWire")]
pub struct KubeconfigVars {
    /// For the cluster being migrated; default `K8S_KUBECONFIG`.
    cluster: String,
    /// For the ASM control plane; default `ASM_KUBECONFIG`.
    asm: String,
}

/// The two names as they read from JSON, before [`KubeconfigVars::new`] checks them.
#[derive(Deserialize)]
struct KubeconfigVarsWire {
    cluster: String,
    asm: String,
}

impl TryFrom<KubeconfigVarsWire> for KubeconfigVars {
    type Error = String;

    fn try_from(wire: KubeconfigVarsWire) -> Result<Self, String> {
        KubeconfigVars::new(&wire.cluster, &wire.asm)
    }
}

impl Default for KubeconfigVars {
    fn default() -> Self {
        KubeconfigVars {
            cluster: "K8S_KUBECONFIG".into(),
            asm: "ASM_KUBECONFIG".into(),
        }
    }
}

impl KubeconfigVars {
    /// The two names, or a message naming the one that is not a shell variable name.
    pub fn new(cluster: &str, asm: &str) -> Result<Self, String> {
        for (setting, value) in [
            ("cluster kubeconfig variable", cluster),
            ("ASM kubeconfig variable", asm),
        ] {
            if !is_shell_name(value) {
                return Err(format!(
                    "the {setting} {value:?} is not a shell variable name (letters, digits and _, not starting with a digit)"
                ));
            }
        }
        Ok(KubeconfigVars {
            cluster: cluster.to_string(),
            asm: asm.to_string(),
        })
    }

    /// The variable name for a target.
    pub fn name(&self, target: Target) -> &str {
        match target {
            Target::Cluster => &self.cluster,
            Target::Asm => &self.asm,
        }
    }
}

impl Command {
    /// A kubectl command against `target`: `kubectl VERB`, words added by the builders below.
    pub fn kubectl(target: Target, verb: &'static str) -> Self {
        Command {
            program: Program::Kubectl,
            target,
            namespace: None,
            verb,
            words: Vec::new(),
            pipe: None,
        }
    }

    /// An istioctl command against the cluster.
    pub fn istioctl(verb: &'static str) -> Self {
        Command {
            program: Program::Istioctl,
            ..Command::kubectl(Target::Cluster, verb)
        }
    }

    /// Adds a resource type (`deployment`).
    pub fn resource(mut self, resource: impl Into<String>) -> Self {
        self.words.push(Word::Resource(resource.into()));
        self
    }

    /// Adds an object's name (`cart`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.words.push(Word::Name(name.into()));
        self
    }

    /// Adds an object as one word, `resource/name`.
    pub fn object(mut self, resource: impl Into<String>, name: impl Into<String>) -> Self {
        self.words.push(Word::Object {
            resource: resource.into(),
            name: name.into(),
        });
        self
    }

    /// Adds a flag or any other word.
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.words.push(Word::Arg(arg.into()));
        self
    }

    /// Adds several flags or other words.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.words
            .extend(args.into_iter().map(|a| Word::Arg(a.into())));
        self
    }

    /// Pipes the output into a fixed program.
    pub fn pipe(mut self, pipe: Pipe) -> Self {
        self.pipe = Some(pipe);
        self
    }

    /// The resource type the command acts on, if it names one.
    pub fn resource_type(&self) -> Option<&str> {
        self.words.iter().find_map(|w| match w {
            Word::Resource(resource) | Word::Object { resource, .. } => Some(resource.as_str()),
            _ => None,
        })
    }

    /// The name of the object the command acts on, if it names one.
    pub fn object_name(&self) -> Option<&str> {
        self.words.iter().find_map(|w| match w {
            Word::Name(name) | Word::Object { name, .. } => Some(name.as_str()),
            _ => None,
        })
    }

    /// The words after the verb that are neither resource nor name: flags and their values.
    pub fn flags(&self) -> impl Iterator<Item = &str> {
        self.words.iter().filter_map(|w| match w {
            Word::Arg(arg) => Some(arg.as_str()),
            _ => None,
        })
    }

    /// The same command in a namespace. An empty namespace (a manifest that names none) adds no
    /// `-n`, so kubectl uses the context's namespace rather than an invalid `-n ''`.
    pub fn in_namespace(mut self, namespace: &str) -> Self {
        self.namespace = (!namespace.is_empty()).then(|| namespace.to_string());
        self
    }

    /// The argv a shell hands the program, with the kubeconfig variable shown as `${NAME}`
    /// (what the shell would substitute).
    pub fn argv(&self, vars: &KubeconfigVars) -> Vec<String> {
        let program = match self.program {
            Program::Kubectl => "kubectl",
            Program::Istioctl => "istioctl",
        };
        let mut argv = vec![
            program.to_string(),
            format!("--kubeconfig=${{{}}}", vars.name(self.target)),
        ];
        if let Some(namespace) = &self.namespace {
            argv.push("-n".into());
            argv.push(namespace.clone());
        }
        argv.extend(self.verb.split(' ').map(String::from));
        argv.extend(self.words.iter().map(Word::text));
        argv
    }

    /// The command as a user pastes it into bash. The one place commands become text.
    pub fn render(&self, vars: &KubeconfigVars) -> String {
        let argv = self.argv(vars);
        let mut out = String::with_capacity(argv.iter().map(|a| a.len() + 3).sum());
        for (index, word) in argv.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            if index == 1 {
                // The declared expansion: the variable is double-quoted so a path with spaces
                // stays one word. Its name was checked by `is_shell_name`.
                out.push_str("--kubeconfig=\"${");
                out.push_str(vars.name(self.target));
                out.push_str("}\"");
            } else {
                out.push_str(&quote(word));
            }
        }
        if let Some(pipe) = self.pipe {
            out.push_str(" | ");
            out.push_str(pipe.text());
        }
        out
    }
}

/// Quotes one word for a POSIX shell: bare when every character is plainly safe, otherwise in
/// single quotes with each `'` written as `'\''`.
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b',' | b'@' | b'%' | b'+'
                )
        });
    if safe {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    out.push('\'');
    for c in word.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Whether `name` can be a shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_shell_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A merge patch body as compact JSON, the form `-p` takes.
pub fn json_patch(value: &serde_json::Value) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_spec_switch_command() {
        let cmd = Command::kubectl(Target::Asm, "patch")
            .resource("asmmigratefromistio")
            .name("default")
            .args([
                "--type=merge",
                "-p",
                r#"{"spec":{"desiredState":"SetupIstioForMigrate"}}"#,
            ]);
        assert_eq!(cmd.resource_type(), Some("asmmigratefromistio"));
        assert_eq!(cmd.object_name(), Some("default"));
        assert_eq!(
            cmd.render(&KubeconfigVars::default()),
            r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"desiredState":"SetupIstioForMigrate"}}'"#
        );
    }

    #[test]
    fn namespaced_restart() {
        let cmd = Command::kubectl(Target::Cluster, "rollout restart")
            .object("deployment", "cart")
            .in_namespace("shop");
        assert_eq!(cmd.resource_type(), Some("deployment"));
        assert_eq!(cmd.object_name(), Some("cart"));
        assert_eq!(
            cmd.render(&KubeconfigVars::default()),
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop rollout restart deployment/cart"#
        );
    }

    #[test]
    fn quotes_hostile_words() {
        assert_eq!(quote("a'b"), r"'a'\''b'");
        assert_eq!(quote("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("istio-injection-"), "istio-injection-");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("~root"), "'~root'");
    }

    #[test]
    fn shell_names() {
        assert!(is_shell_name("K8S_KUBECONFIG"));
        assert!(is_shell_name("_x1"));
        assert!(!is_shell_name("1X"));
        assert!(!is_shell_name("A-B"));
        assert!(!is_shell_name(""));
        assert!(!is_shell_name("X}$(id)"));
    }
}
