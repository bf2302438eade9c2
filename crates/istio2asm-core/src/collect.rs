//! The export commands a user runs to give istio2asm its inputs (`istio2asm collect`).
//! Secrets are never requested.

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

/// One export: the command, the file it writes, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The kubectl command.
    pub command: Command,
    /// The file its output goes to.
    pub file: String,
    /// What it is for.
    pub why: &'static str,
}

/// Every export, in the order to run them.
pub fn exports(format: Format) -> Vec<Export> {
    let ext = format.flag();
    let export = |command: Command, file: &str, why| Export {
        command: command.args(["-o", format.flag()]),
        file: format!("{file}.{ext}"),
        why,
    };
    vec![
        export(
            Command::kubectl(Target::Cluster, "get").resource("namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs").arg("-A"),"cluster",
            "workloads, pods, sidecars, gateways, restart owners, risks",
        ),
        export(
            Command::kubectl(Target::Cluster, "get").resource("configmaps").arg("-n").arg("istio-system"),"istio-system-configmaps",
            "mesh config (PROXY_CONFIG_XDS_AGENT) and injector values (Istio version)",
        ),
        export(
            Command::kubectl(Target::Cluster, "get").resource("mutatingwebhookconfigurations,validatingwebhookconfigurations"),"webhooks",
            "injection webhooks and revisions; residues after the uninstall",
        ),
        export( Command::kubectl(Target::Cluster, "get").resource(ISTIO_API_RESOURCES).arg("-A"),"istio-config", "Istio API objects to import into ASM; egress routes"),
        export(
            Command::kubectl(Target::Cluster, "get").resource("gateways.gateway.networking.k8s.io,istiooperators.install.istio.io").arg("-A"),"install",
            "east-west gateways installed with the Gateway API or IstioOperator (fails harmlessly when those CRDs are absent)",
        ),
        export( Command::kubectl(Target::Cluster, "version"),"version", "Kubernetes version"),
        export( Command::kubectl(Target::Cluster, "get").resource("nodes"),"nodes", "kubelet versions when `kubectl version` is not available"),
        export( Command::kubectl(Target::Asm, "get").resource("asmmigratefromistio").name("default"),"asm-migrate", "the migration state (ASMMigrateFromIstio)"),
        export( Command::kubectl(Target::Asm, "get").resource(ISTIO_API_RESOURCES).arg("-A"),"asm-config", "what ASM already has (load it as the ASM control plane's export; proves the import gate)"),
    ]
}

/// The exports as a bash script a user pastes.
pub fn script(format: Format, vars: &KubeconfigVars) -> String {
    let mut out = String::from(
        "# Export what istio2asm reads. Secrets are never requested.\n# Then: istio2asm check ",
    );
    let files: Vec<String> = exports(format)
        .iter()
        .filter(|e| e.file != format!("asm-config.{}", format.flag()))
        .map(|e| e.file.clone())
        .collect();
    out.push_str(&files.join(" "));
    out.push_str(&format!(" --asm-config asm-config.{}\n", format.flag()));
    for export in exports(format) {
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
        let text = script(Format::Yaml, &KubeconfigVars::default());
        assert!(text.contains(r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml"#), "{text}");
        assert!(text.contains(r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml > asm-migrate.yaml"#));
        assert!(!text.to_lowercase().contains("secrets,") && !text.contains(" secret"));
    }
}
