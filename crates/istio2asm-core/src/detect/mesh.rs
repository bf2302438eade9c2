//! Mesh configs: the `mesh` key of ConfigMap `istio[-<rev>]`, read as YAML.

use super::*;

/// Every mesh config of `bundle` (also the ASM export's, for its trust domain).
pub fn mesh_configs(bundle: &Bundle) -> Vec<MeshConfig> {
    let mut out = Vec::new();
    for cm in &bundle.config_maps {
        let revision = match cm.name() {
            "istio" => "default",
            name => match name.strip_prefix("istio-") {
                Some(rev)
                    if cm.body.contains_key("mesh") && !rev.starts_with("sidecar-injector") =>
                {
                    rev
                }
                _ => continue,
            },
        };
        let Some(mesh) = cm.body.get("mesh") else {
            continue;
        };
        let parsed = serde_yaml::Deserializer::from_str(mesh)
            .next()
            .map(|doc| NodeSeed::new(64).deserialize(doc));
        let (node, error) = match parsed {
            Some(Ok(node)) => (node, None),
            Some(Err(e)) => (Node::Null, Some(e.to_string())),
            None => (Node::Null, None),
        };
        let proxy_metadata = node
            .at(&["defaultConfig", "proxyMetadata"])
            .map(|m| {
                m.entries()
                    .iter()
                    .filter_map(|(k, v)| Some((k.to_string(), v.scalar_text()?)))
                    .collect()
            })
            .unwrap_or_default();
        out.push(MeshConfig {
            object: cm.object_ref(),
            span: cm.span,
            revision: revision.to_string(),
            proxy_metadata,
            drain_duration: node
                .at(&["defaultConfig", "terminationDrainDuration"])
                .and_then(Node::scalar_text),
            trust_domain: node.at(&["trustDomain"]).and_then(Node::scalar_text),
            trust_domain_aliases: node
                .at(&["trustDomainAliases"])
                .map(|aliases| {
                    aliases
                        .items()
                        .iter()
                        .filter_map(Node::scalar_text)
                        .collect()
                })
                .unwrap_or_default(),
            mesh_id: node
                .at(&["defaultConfig", "meshId"])
                .and_then(Node::scalar_text),
            root_namespace: node
                .str_at(&["rootNamespace"])
                .filter(|ns| !ns.is_empty())
                .map(String::from),
            error,
        });
    }
    out
}
