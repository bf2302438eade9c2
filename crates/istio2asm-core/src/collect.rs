//! The export commands a user runs to give istio2asm its inputs (`istio2asm collect`).
//! No Secret's data is ever requested: of istio-system's Secrets a template prints the headers only.

use crate::i18n::Lang;
use crate::kubectl::{quote, Command, KubeconfigVars, Target};

/// Output format of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `-o yaml`.
    Yaml,
    /// `-o json` (loads about twice as fast for big clusters, though its files are 2.4× larger).
    Json,
}

impl Format {
    fn flag(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

/// The Istio API kinds exported for import into ASM.
pub const ISTIO_API_RESOURCES: &str = "virtualservices.networking.istio.io,destinationrules.networking.istio.io,gateways.networking.istio.io,serviceentries.networking.istio.io,sidecars.networking.istio.io,envoyfilters.networking.istio.io,workloadentries.networking.istio.io,workloadgroups.networking.istio.io,peerauthentications.security.istio.io,requestauthentications.security.istio.io,authorizationpolicies.security.istio.io,telemetries.telemetry.istio.io";

/// The go-template that prints each Secret as a YAML document holding only its kind, namespace,
/// name, labels and the `networking.istio.io/cluster` annotation (`istioctl create-remote-secret`
/// sets it). `%q` writes Go-quoted strings, which YAML reads as double-quoted scalars.
pub const SECRET_HEADERS_TEMPLATE: &str = r#"go-template={{range .items}}---
apiVersion: v1
kind: Secret
metadata:
  name: {{printf "%q" .metadata.name}}
  namespace: {{printf "%q" .metadata.namespace}}
  labels:{{range $k, $v := .metadata.labels}}
    {{printf "%q" $k}}: {{printf "%q" $v}}{{end}}
  annotations:{{range $k, $v := .metadata.annotations}}{{if eq $k "networking.istio.io/cluster"}}
    {{printf "%q" $k}}: {{printf "%q" $v}}{{end}}{{end}}
{{end}}"#;

/// One export: the command, the file it writes, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The kubectl command.
    pub command: Command,
    /// The file its output goes to.
    pub file: String,
    /// What it is for, in the language asked for.
    pub why: String,
}

/// Every export, in the order to run them, each said what it is for in `lang`.
pub fn exports(format: Format, lang: Lang) -> Vec<Export> {
    let ext = format.flag();
    let export = |command: Command, file: &str, why| Export {
        command: command.args(["-o", format.flag()]),
        file: format!("{file}.{ext}"),
        why,
    };
    vec![
        export(
            Command::kubectl(Target::Cluster, "get").resource("namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs").arg("-A"),"cluster",
            t!(lang, "render-collect-why-cluster"),
        ),
        export(
            Command::kubectl(Target::Cluster, "get").resource("configmaps").arg("-n").arg("istio-system"),"istio-system-configmaps",
            t!(lang, "render-collect-why-istio-system-configmaps"),
        ),
        export(
            Command::kubectl(Target::Cluster, "get").resource("mutatingwebhookconfigurations,validatingwebhookconfigurations"),"webhooks",
            t!(lang, "render-collect-why-webhooks"),
        ),
        export( Command::kubectl(Target::Cluster, "get").resource(ISTIO_API_RESOURCES).arg("-A"),"istio-config", t!(lang, "render-collect-why-istio-config")),
        export(
            Command::kubectl(Target::Cluster, "get").resource("gateways.gateway.networking.k8s.io,istiooperators.install.istio.io").arg("-A"),"install",
            t!(lang, "render-collect-why-install"),
        ),
        export( Command::kubectl(Target::Cluster, "version"),"version", t!(lang, "render-collect-why-version")),
        export( Command::kubectl(Target::Cluster, "get").resource("nodes"),"nodes", t!(lang, "render-collect-why-nodes")),
        export(
            Command::kubectl(Target::Cluster, "get").resource("configmaps").arg("-A").arg("--field-selector").arg("metadata.name=istio-ca-root-cert"),"root-certs",
            t!(lang, "render-collect-why-root-certs"),
        ),
        // Secrets by name, labels and the remote-secret annotation only: a template prints the
        // header, so no Secret value ever leaves the cluster (always YAML, whatever the format).
        Export {
            command: Command::kubectl(Target::Cluster, "get").resource("secrets").args(["-n", "istio-system", "-o"]).arg(SECRET_HEADERS_TEMPLATE),
            file: "istio-system-secret-names.yaml".into(),
            why: t!(lang, "render-collect-why-secret-names"),
        },
        export( Command::kubectl(Target::Asm, "get").resource("asmmigratefromistio").name("default"),"asm-migrate", t!(lang, "render-collect-why-asm-migrate")),
        export( Command::kubectl(Target::Asm, "get").resource(ISTIO_API_RESOURCES).arg("-A"),"asm-config", t!(lang, "render-collect-why-asm-config")),
    ]
}

/// The exports as a bash script a user pastes, its comments in `lang` (its commands the same in
/// every language).
pub fn script(format: Format, vars: &KubeconfigVars, lang: Lang) -> String {
    let mut out = format!(
        "# {}\n# {} istio2asm check ",
        t!(lang, "render-collect-script-intro"),
        t!(lang, "render-collect-script-then")
    );
    let exports = exports(format, lang);
    let files: Vec<String> = exports
        .iter()
        .filter(|e| e.file != format!("asm-config.{}", format.flag()))
        .map(|e| e.file.clone())
        .collect();
    out.push_str(&files.join(" "));
    out.push_str(&format!(" --asm-config asm-config.{}\n", format.flag()));
    for export in exports {
        out.push_str(&format!(
            "\n# {}\n{} > {}\n",
            export.why,
            export.command.render(vars),
            quote(&export.file)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_export_matches_the_spec() {
        let text = script(Format::Yaml, &KubeconfigVars::default(), Lang::En);
        assert!(text.contains(r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml"#), "{text}");
        assert!(text.contains(r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml > asm-migrate.yaml"#));
        // Secrets are requested once, through the template that prints their headers only.
        let secret_lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" secret"))
            .collect();
        assert_eq!(secret_lines.len(), 1, "{text}");
        assert!(secret_lines[0].contains("get secrets -n istio-system -o 'go-template="));
        let commands: String = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(!commands.to_lowercase().contains("secrets,") && !commands.contains(".data}"));
    }

    #[test]
    fn the_chinese_script_runs_the_same_commands() {
        let vars = KubeconfigVars::default();
        let commands = |lang| {
            script(Format::Json, &vars, lang)
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(commands(Lang::En), commands(Lang::ZhCn));
        let zh = script(Format::Json, &vars, Lang::ZhCn);
        assert!(zh.starts_with("# 导出 istio2asm 读取的内容。"), "{zh}");
        assert!(zh.contains("# Kubernetes 版本\n"), "{zh}");
    }
}
