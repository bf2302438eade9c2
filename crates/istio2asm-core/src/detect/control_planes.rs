//! Istio control planes: istiod Deployments, their revision and version, with evidence.

use super::*;

/// The repository and tag of an image reference (`hub/pilot:1.22.3@sha256:...`).
pub fn image_parts(image: &str) -> (&str, &str) {
    let image = image.split('@').next().unwrap_or(image);
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].rfind(':') {
        Some(colon) => (&image[..slash + colon], &image[slash + colon + 1..]),
        None => (image, ""),
    }
}

pub(super) fn repo_basename(repo: &str) -> &str {
    repo.rsplit('/').next().unwrap_or(repo)
}

fn revision_of(
    labels: &BTreeMap<String, String>,
    container: Option<&Container>,
    name: &str,
) -> String {
    labels
        .get("istio.io/rev")
        .cloned()
        .or_else(|| container.and_then(|c| c.env("REVISION")).map(String::from))
        .or_else(|| name.strip_prefix("istiod-").map(String::from))
        .unwrap_or_else(|| "default".to_string())
}

pub(super) fn control_planes(bundle: &Bundle, lang: Lang) -> Vec<ControlPlane> {
    let mut planes: BTreeMap<String, ControlPlane> = BTreeMap::new();
    let discovery = |spec: &PodSpec| -> Option<Container> {
        spec.containers
            .iter()
            .find(|c| c.name == "discovery" && repo_basename(image_parts(&c.image).0) == "pilot")
            .cloned()
    };
    for w in &bundle.workloads {
        if w.body.kind != WorkloadKind::Deployment {
            continue;
        }
        let Some(container) = discovery(&w.body.template.spec) else {
            continue;
        };
        let revision = revision_of(&w.meta.labels, Some(&container), w.name());
        let (_, tag) = image_parts(&container.image);
        planes.entry(revision.clone()).or_insert(ControlPlane {
            revision,
            version: Version::parse(tag),
            deployment: Some(w.object_ref()),
            evidence: vec![Evidence {
                what: t!(lang, "detect-istiod-image", image = &container.image),
                object: Some(w.object_ref()),
                span: Some(w.span),
            }],
        });
    }
    // Without the Deployment, istiod's pods still tell.
    for pod in &bundle.pods {
        let Some(container) = discovery(&pod.body.spec) else {
            continue;
        };
        let revision = revision_of(&pod.meta.labels, Some(&container), "");
        let (_, tag) = image_parts(&container.image);
        planes
            .entry(revision.clone())
            .or_insert_with(|| ControlPlane {
                revision,
                version: Version::parse(tag),
                deployment: None,
                evidence: vec![Evidence {
                    what: t!(lang, "detect-istiod-pod-image", image = &container.image),
                    object: Some(pod.object_ref()),
                    span: Some(pod.span),
                }],
            });
    }
    // The injector's values carry `global.tag`; they back the image or stand in for it.
    for cm in &bundle.config_maps {
        let Some(revision) = cm
            .name()
            .strip_prefix("istio-sidecar-injector")
            .map(|rest| rest.strip_prefix('-').unwrap_or("default"))
            .map(|rev| if rev.is_empty() { "default" } else { rev })
        else {
            continue;
        };
        let Some(tag) = cm.body.get("values").and_then(|v| injector_tag(v)) else {
            continue;
        };
        let evidence = Evidence {
            what: t!(lang, "detect-injector-tag", name = cm.name(), tag = &tag),
            object: Some(cm.object_ref()),
            span: Some(cm.span),
        };
        planes
            .entry(revision.to_string())
            .and_modify(|p| p.evidence.push(evidence.clone()))
            .or_insert_with(|| ControlPlane {
                revision: revision.to_string(),
                version: Version::parse(&tag),
                deployment: None,
                evidence: vec![evidence],
            });
    }
    // Injection webhooks name their revision and, when installed by istioctl or Helm, the version.
    for hook in &bundle.webhooks {
        let Some(revision) = hook.meta.label("istio.io/rev") else {
            continue;
        };
        let Some(version) = hook
            .meta
            .label("operator.istio.io/version")
            .or_else(|| hook.meta.label("app.kubernetes.io/version"))
        else {
            continue;
        };
        let evidence = Evidence {
            what: t!(
                lang,
                "detect-webhook-version",
                kind = &hook.kind,
                name = hook.name(),
                revision = revision,
                version = version
            ),
            object: Some(hook.object_ref()),
            span: Some(hook.span),
        };
        planes
            .entry(revision.to_string())
            .and_modify(|p| p.evidence.push(evidence.clone()))
            .or_insert_with(|| ControlPlane {
                revision: revision.to_string(),
                version: Version::parse(version),
                deployment: None,
                evidence: vec![evidence],
            });
    }
    planes.into_values().collect()
}

fn injector_tag(values: &str) -> Option<String> {
    let values: serde_json::Value = serde_json::from_str(values).ok()?;
    let tag = values.pointer("/global/tag")?;
    match tag {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
