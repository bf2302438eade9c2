//! The kubectl and istioctl commands the findings and the plan share, built as values.

use std::collections::BTreeMap;

use crate::detect::{
    is_live, Facts, Owner, OwnerKind, Proxy, Version, DATAPLANE_MODE, ISTIOCTL_UNINSTALL_GA,
    STATUS_ANNOTATION,
};
use crate::kubectl::{Command, Target};
use crate::model::{Bundle, WorkloadKind};

/// `rollout restart KIND/NAME` of an owner whose restart method is a rollout
/// ([`Restart::Rollout`](crate::detect::Restart)).
pub fn rollout_restart(kind: WorkloadKind, owner: &Owner) -> Command {
    Command::kubectl(Target::Cluster, "rollout restart")
        .object(kind.resource(), &owner.name)
        .in_namespace(&owner.namespace)
}

/// `rollout status` that waits for a rollout to finish; `None` for owners that do not roll
/// (Jobs, bare pods, other controllers).
pub fn rollout_status(owner: &Owner) -> Option<Command> {
    match owner.kind {
        OwnerKind::Workload(
            kind @ (WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::DaemonSet),
        ) => Some(
            Command::kubectl(Target::Cluster, "rollout status")
                .object(kind.resource(), &owner.name)
                .arg("--timeout=10m")
                .in_namespace(&owner.namespace),
        ),
        _ => None,
    }
}

/// Recreates the pods of an OnDelete owner one at a time, highest ordinal first: delete a pod
/// (kubectl waits until it is gone), then wait until the controller reports every replica ready
/// again. A StatefulSet reports `readyReplicas`; a DaemonSet reports `numberReady`.
pub fn on_delete_recreate(
    bundle: &Bundle,
    facts: &Facts,
    owner: &Owner,
    keep: impl Fn(&Proxy) -> bool,
) -> Vec<Command> {
    let ns = owner.namespace.as_str();
    let mut pods: Vec<&str> = facts
        .proxies
        .iter()
        .filter(|p| &p.owner == owner && keep(p) && is_live(bundle, p.pod))
        .map(|p| bundle.pods[p.pod].name())
        .collect();
    pods.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(b.cmp(a)));
    let live = facts
        .proxies
        .iter()
        .filter(|p| &p.owner == owner && is_live(bundle, p.pod))
        .count();
    let (field, replicas) = match owner.kind {
        OwnerKind::Workload(WorkloadKind::DaemonSet) => ("numberReady", live as i64),
        _ => (
            "readyReplicas",
            bundle
                .workload(WorkloadKind::StatefulSet, ns, &owner.name)
                .and_then(|w| w.body.replicas)
                .unwrap_or(live as i64),
        ),
    };
    let mut commands = Vec::new();
    for pod in pods {
        commands.push(delete_pod(ns, pod));
        commands.push(
            Command::kubectl(Target::Cluster, "wait")
                .arg(format!("--for=jsonpath={{.status.{field}}}={replicas}"))
                .object(owner.resource(), &owner.name)
                .arg("--timeout=10m")
                .in_namespace(ns),
        );
    }
    commands
}

/// `delete pod` (for bare pods and OnDelete StatefulSets).
pub fn delete_pod(namespace: &str, pod: &str) -> Command {
    Command::kubectl(Target::Cluster, "delete")
        .resource("pod")
        .name(pod)
        .in_namespace(namespace)
}

/// `get pod NAME -o yaml`, to keep a bare pod's manifest before recreating it.
pub fn get_pod_yaml(namespace: &str, pod: &str) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("pod")
        .name(pod)
        .args(["-o", "yaml"])
        .in_namespace(namespace)
}

/// `create job --from=cronjob/NAME JOB`, to run a CronJob now instead of waiting.
pub fn job_from_cronjob(namespace: &str, cronjob: &str) -> Command {
    Command::kubectl(Target::Cluster, "create")
        .resource("job")
        .arg(format!("--from=cronjob/{cronjob}"))
        .name(format!("{}-asm-migrate", truncate_name(cronjob, 48)))
        .in_namespace(namespace)
}

fn truncate_name(name: &str, max: usize) -> &str {
    let mut end = name.len().min(max);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].trim_end_matches(['-', '.'])
}

/// The per-namespace check that every pod's proxy has `PROXY_CONFIG_XDS_AGENT` (SPEC §5.2).
pub fn verify_xds_agent(namespace: &str) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("pods")
        .args([
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[?(@.name==\"istio-proxy\")].env[?(@.name==\"PROXY_CONFIG_XDS_AGENT\")].value}{.spec.initContainers[?(@.name==\"istio-proxy\")].env[?(@.name==\"PROXY_CONFIG_XDS_AGENT\")].value}{\"\\n\"}{end}",
        ])
    .in_namespace(namespace)
}

/// Each pod of a namespace with its `istio-proxy` image: after a switch, ASM's proxy image.
pub fn verify_proxy_images(namespace: &str) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("pods")
        .args([
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[?(@.name==\"istio-proxy\")].image}{.spec.initContainers[?(@.name==\"istio-proxy\")].image}{\"\\n\"}{end}",
        ])
        .in_namespace(namespace)
}

/// A workload's pod template `sidecar.istio.io/status` annotation: set when its template was
/// injected by hand (MIG509), empty once it no longer is.
pub fn template_status_annotation(kind: WorkloadKind, namespace: &str, name: &str) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource(kind.resource())
        .name(name)
        .args([
            "-o".to_string(),
            format!(
                "jsonpath={{.spec.template.metadata.annotations.{}}}",
                STATUS_ANNOTATION.replace('.', "\\.")
            ),
        ])
        .in_namespace(namespace)
}

/// The namespaces enrolled in Istio's ambient mode.
pub fn ambient_namespaces() -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("namespaces")
        .args(["-l".to_string(), format!("{DATAPLANE_MODE}=ambient")])
}

/// The merge patch that sets (or, with `None`, removes) a pod template label.
pub fn template_label_patch(
    kind: WorkloadKind,
    namespace: &str,
    name: &str,
    key: &str,
    value: Option<&str>,
) -> Command {
    let value = value.map_or(serde_json::Value::Null, |v| {
        serde_json::Value::String(v.to_string())
    });
    let patch = serde_json::json!({"spec": {"template": {"metadata": {"labels": {key: value}}}}});
    Command::kubectl(Target::Cluster, "patch")
        .resource(kind.resource())
        .name(name)
        .args(["--type=merge", "-p", &patch.to_string()])
        .in_namespace(namespace)
}

/// `get mutatingwebhookconfiguration NAME -o yaml`: a webhook configuration as the API server
/// holds it (its selectors, rules and reinvocation policy).
pub fn get_webhook_configuration(name: &str) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .object("mutatingwebhookconfiguration", name)
        .args(["-o", "yaml"])
}

/// `istioctl x check-inject -n NS -l k=v,...`: Istio's own reading of which of its webhooks
/// inject a pod with these labels in this namespace (labels only; IH
/// `istioctl/pkg/checkinject/checkinject.go`).
pub fn check_inject(namespace: &str, labels: &BTreeMap<String, String>) -> Command {
    let selector: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    Command::istioctl("x check-inject")
        .args(["-l".to_string(), selector.join(",")])
        .in_namespace(namespace)
}

/// `label namespace NS KEY-`: removes a namespace label.
pub fn remove_namespace_label(namespace: &str, key: &str) -> Command {
    Command::kubectl(Target::Cluster, "label")
        .resource("namespace")
        .name(namespace)
        .arg(format!("{key}-"))
}

/// The uninstall with the istioctl that matches the installed version: `istioctl uninstall` from
/// 1.15, `istioctl x uninstall` for 1.10 to 1.14 (it left experimental in 1.15).
pub fn istioctl_uninstall(version: Option<&Version>) -> Command {
    let experimental = version
        .and_then(Version::minor)
        .is_some_and(|m| m < ISTIOCTL_UNINSTALL_GA);
    let verb = if experimental {
        "x uninstall"
    } else {
        "uninstall"
    };
    Command::istioctl(verb).args(["--purge", "-y"])
}

/// The root certificate a namespace's `istio-ca-root-cert` holds, as openssl prints its SHA-256
/// fingerprint, subject and expiry (the first certificate of the PEM).
pub fn root_cert_summary(target: Target, namespace: &str) -> Command {
    Command::kubectl(target, "get")
        .resource("configmap")
        .name(crate::model::ROOT_CERT_CONFIG_MAP)
        .args(["-o", r"jsonpath={.data.root-cert\.pem}"])
        .in_namespace(namespace)
        .pipe(crate::kubectl::Pipe::X509Summary)
}

/// The CA certificate of a plugged-in CA Secret (`cacerts`'s `ca-cert.pem`, public), as its
/// subject and expiry. Its key is never read.
pub fn ca_cert_expiry(target: Target, namespace: &str, name: &str) -> Command {
    Command::kubectl(target, "get")
        .resource("secret")
        .name(name)
        .args(["-o", r"jsonpath={.data.ca-cert\.pem}"])
        .in_namespace(namespace)
        .pipe(crate::kubectl::Pipe::Base64X509Expiry)
}

/// A mesh config's text (`trustDomain`, `trustDomainAliases`).
pub fn mesh_config_text(target: Target, namespace: &str, name: &str) -> Command {
    Command::kubectl(target, "get")
        .resource("configmap")
        .name(name)
        .args(["-o", "jsonpath={.data.mesh}"])
        .in_namespace(namespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::KubeconfigVars;

    #[test]
    fn uninstall_matches_the_version() {
        let vars = KubeconfigVars::default();
        assert_eq!(
            istioctl_uninstall(Some(&Version::parse("1.14.6"))).render(&vars),
            r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" x uninstall --purge -y"#
        );
        assert_eq!(
            istioctl_uninstall(Some(&Version::parse("1.15.0"))).render(&vars),
            r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" uninstall --purge -y"#
        );
    }

    #[test]
    fn label_patch_has_the_resource_type() {
        let cmd = template_label_patch(
            WorkloadKind::StatefulSet,
            "shop",
            "redis",
            "sidecar.asm.aliyun.com/inject",
            Some("true"),
        );
        assert_eq!(
            cmd.render(&KubeconfigVars::default()),
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop patch statefulset redis --type=merge -p '{"spec":{"template":{"metadata":{"labels":{"sidecar.asm.aliyun.com/inject":"true"}}}}}'"#
        );
        let rollback = template_label_patch(
            WorkloadKind::Deployment,
            "shop",
            "cart",
            "sidecar.asm.aliyun.com/inject",
            None,
        );
        assert!(rollback.render(&KubeconfigVars::default()).ends_with(r#"-p '{"spec":{"template":{"metadata":{"labels":{"sidecar.asm.aliyun.com/inject":null}}}}}'"#));
    }

    #[test]
    fn verify_matches_the_spec_text() {
        assert_eq!(
            verify_xds_agent("shop").render(&KubeconfigVars::default()),
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get pods -o 'jsonpath={range .items[*]}{.metadata.name}{"\t"}{.spec.containers[?(@.name=="istio-proxy")].env[?(@.name=="PROXY_CONFIG_XDS_AGENT")].value}{.spec.initContainers[?(@.name=="istio-proxy")].env[?(@.name=="PROXY_CONFIG_XDS_AGENT")].value}{"\n"}{end}'"#
        );
    }
}
