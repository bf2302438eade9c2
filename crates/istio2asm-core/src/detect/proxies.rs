//! Proxies: which pods run Istio's or ASM's proxy, as sidecar or gateway, and who owns them.

use super::control_planes::repo_basename;
use super::*;

/// The one place that decides whose proxy an image is. Returns the flavor and the evidence.
pub fn classify_proxy(container: &Container) -> (Flavor, Vec<String>) {
    let (repo, tag) = image_parts(&container.image);
    let mut evidence = Vec::new();
    let asm_image = repo.contains(".aliyuncs.com/") && repo.ends_with("/acs/proxyv2");
    let asm_tag = tag.ends_with("-aliyun");
    let asm_id = container.has_env("ASM_ID");
    if asm_image {
        evidence.push(format!("image {repo} is ASM's proxyv2 registry path"));
    }
    if asm_tag {
        evidence.push(format!("tag {tag} ends in -aliyun"));
    }
    if asm_id {
        evidence.push("env ASM_ID is set".to_string());
    }
    if !evidence.is_empty() {
        return (Flavor::Asm, evidence);
    }
    if repo_basename(repo) == "proxyv2" {
        evidence.push(format!(
            "image {} is proxyv2 without ASM's registry, tag or ASM_ID",
            container.image
        ));
        return (Flavor::Istio, evidence);
    }
    evidence.push(format!(
        "image {} is not a known proxy image",
        container.image
    ));
    (Flavor::Unknown, evidence)
}

pub(super) fn is_gateway_label(value: &str) -> bool {
    value.contains("gateway") || value == "eastwest"
}

pub(super) fn proxies(bundle: &Bundle) -> Vec<Proxy> {
    let mut out = Vec::new();
    for (index, pod) in bundle.pods.iter().enumerate() {
        let Some((container, native)) = pod.body.spec.proxy() else {
            continue;
        };
        let router = container
            .args
            .windows(2)
            .any(|w| w[0] == "proxy" && w[1] == "router");
        let gateway_template = pod
            .meta
            .annotation("inject.istio.io/templates")
            .is_some_and(|t| t.split(',').any(|t| t.trim() == "gateway"));
        let gateway_label = pod.meta.label("istio").is_some_and(is_gateway_label);
        let role = if router || gateway_template || gateway_label {
            Role::Gateway
        } else {
            Role::Sidecar
        };
        let (flavor, evidence) = classify_proxy(container);
        out.push(Proxy {
            pod: index,
            role,
            native,
            flavor,
            tag: image_parts(&container.image).1.to_string(),
            evidence,
            xds_agent: container.env("PROXY_CONFIG_XDS_AGENT") == Some("true"),
            network: container.env("ISTIO_META_NETWORK").map(String::from),
            owner: owner_of(bundle, index),
        });
    }
    out
}

/// Follows a pod's controller to the top: ReplicaSet → Deployment (through the exported
/// ReplicaSet or the `pod-template-hash` suffix), Job → CronJob.
pub fn owner_of(bundle: &Bundle, pod: usize) -> Owner {
    let pod = &bundle.pods[pod];
    let ns = pod.ns().to_string();
    let Some(owner) = pod
        .meta
        .owners
        .iter()
        .find(|o| o.controller)
        .or_else(|| pod.meta.owners.first())
    else {
        return Owner {
            namespace: ns,
            kind: OwnerKind::Bare,
            name: pod.name().to_string(),
        };
    };
    let workload = |kind, name: &str| Owner {
        namespace: ns.clone(),
        kind: OwnerKind::Workload(kind),
        name: name.to_string(),
    };
    match owner.kind.as_str() {
        "ReplicaSet" => {
            if let Some(rs) = bundle.workload(WorkloadKind::ReplicaSet, &ns, &owner.name) {
                if let Some(top) = rs.meta.owners.iter().find(|o| o.kind == "Deployment") {
                    return workload(WorkloadKind::Deployment, &top.name);
                }
                if rs.meta.owners.is_empty() {
                    return workload(WorkloadKind::ReplicaSet, &owner.name);
                }
            }
            match pod.meta.label("pod-template-hash").and_then(|hash| {
                owner
                    .name
                    .strip_suffix(hash)
                    .and_then(|n| n.strip_suffix('-'))
            }) {
                Some(deployment) => workload(WorkloadKind::Deployment, deployment),
                None => workload(WorkloadKind::ReplicaSet, &owner.name),
            }
        }
        "Job" => {
            let cron = bundle
                .workload(WorkloadKind::Job, &ns, &owner.name)
                .and_then(|job| job.meta.owners.iter().find(|o| o.kind == "CronJob"));
            match cron {
                Some(cron) => workload(WorkloadKind::CronJob, &cron.name),
                None => workload(WorkloadKind::Job, &owner.name),
            }
        }
        "StatefulSet" => workload(WorkloadKind::StatefulSet, &owner.name),
        "DaemonSet" => workload(WorkloadKind::DaemonSet, &owner.name),
        "Deployment" => workload(WorkloadKind::Deployment, &owner.name),
        other => Owner {
            namespace: ns,
            kind: OwnerKind::Other(other.to_string()),
            name: owner.name.clone(),
        },
    }
}
