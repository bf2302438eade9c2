//! The report of a mesh of several clusters: each cluster's report as one cluster's, then the
//! cross-cluster findings, then the order of the runbooks. JSON and text.

use serde::Serialize;
use serde_json::Value;

use super::{check_text, check_value, finding_json_in, finding_text_in, FindingJson, Style};
use super::{terminal_safe, SummaryJson, SCHEMA_VERSION};
use crate::clusters::{Member, Mesh, Ordered};
use crate::finding::CrossFinding;
use crate::i18n::Lang;

/// A cross-cluster finding as JSON: one cluster's finding shape, plus the clusters.
#[derive(Debug, Serialize)]
struct CrossFindingJson<'a> {
    #[serde(flatten)]
    finding: FindingJson<'a>,
    clusters: &'a [String],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MeshJson<'a> {
    schema_version: u32,
    tool: &'static str,
    lang: Lang,
    clusters: Vec<Value>,
    findings: Vec<CrossFindingJson<'a>>,
    order: &'a [Ordered],
    summary: SummaryJson,
}

/// A cross-cluster finding's commands, each rendered with the kubeconfig variables of its
/// cluster.
fn commands(mesh: &Mesh, finding: &CrossFinding) -> Vec<String> {
    finding
        .commands
        .iter()
        .map(|c| {
            let vars = mesh.member(&c.cluster).map_or_else(
                || mesh.settings.kubeconfig_vars(),
                |m| m.analysis.settings.kubeconfig_vars(),
            );
            c.command.render(&vars)
        })
        .collect()
}

/// The sources a cross-cluster finding's span points into.
fn sources<'a>(mesh: &'a Mesh, finding: &CrossFinding) -> Option<&'a crate::source::Sources> {
    finding
        .at
        .as_deref()
        .and_then(|name| mesh.member(name))
        .map(|m| &m.analysis.sources)
}

/// One cluster's report (the `check --format json` document of that cluster) with its name and
/// identity in front.
fn member_value(member: &Member) -> Value {
    let mut value = check_value(&member.analysis);
    if let Value::Object(map) = &mut value {
        map.insert("name".into(), Value::String(member.name.clone()));
        map.insert(
            "identity".into(),
            serde_json::to_value(&member.identity).unwrap_or(Value::Null),
        );
    }
    value
}

/// The `check --format json` document of a mesh as a value: `clusters` (each cluster's report
/// with its `name` and `identity`), `findings` (cross-cluster, each with its `clusters`),
/// `order` (`cluster`, `role`, `reason`) and the `summary` over all of them.
pub fn mesh_value(mesh: &Mesh) -> Value {
    let (errors, warnings, infos) = mesh.counts();
    let lang = mesh.settings.lang;
    let doc = MeshJson {
        schema_version: SCHEMA_VERSION,
        tool: "istio2asm",
        lang,
        clusters: mesh.clusters.iter().map(member_value).collect(),
        findings: mesh
            .findings
            .iter()
            .map(|f| CrossFindingJson {
                finding: finding_json_in(&f.finding, sources(mesh, f), lang, commands(mesh, f)),
                clusters: &f.clusters,
            })
            .collect(),
        order: &mesh.order,
        summary: SummaryJson {
            errors,
            warnings,
            infos,
        },
    };
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

/// The mesh's JSON document, pretty-printed with a final newline.
pub fn mesh_json(mesh: &Mesh) -> String {
    let mut text = serde_json::to_string_pretty(&mesh_value(mesh)).unwrap_or_default();
    text.push('\n');
    text
}

/// The mesh's text report: each cluster's report under a heading, then the cross-cluster
/// findings, then the order of the runbooks and the summary over all.
pub fn mesh_text(mesh: &Mesh, color: bool) -> String {
    let style = Style { color };
    let lang = mesh.settings.lang;
    let separator = t!(lang, "list-separator");
    let mut out = String::new();
    for member in &mesh.clusters {
        let id = &member.identity;
        let unknown = || t!(lang, "report-version-unknown");
        let heading = t!(
            lang,
            "report-mesh-cluster",
            name = member.name.as_str(),
            role = role_label(id.role, lang),
            cluster_id = id
                .cluster_id
                .as_ref()
                .map_or_else(unknown, |n| terminal_safe(&n.value).into_owned()),
            network = id.network.as_ref().map_or_else(
                || t!(lang, "report-mesh-no-network"),
                |n| { terminal_safe(&n.value).into_owned() }
            ),
            mesh_id = id
                .mesh_id
                .as_ref()
                .map_or_else(unknown, |n| terminal_safe(&n.value).into_owned()),
        );
        out.push_str(&style.paint("1", &format!("== {heading} ==")));
        out.push_str("\n\n");
        out.push_str(&check_text(&member.analysis, color));
        out.push('\n');
    }
    out.push_str(&style.paint("1", &format!("== {} ==", t!(lang, "report-mesh-across"))));
    out.push_str("\n\n");
    if mesh.findings.is_empty() {
        out.push_str(&t!(lang, "report-mesh-no-findings"));
        out.push('\n');
    }
    for finding in &mesh.findings {
        out.push_str(&t!(
            lang,
            "report-mesh-clusters",
            clusters = finding.clusters.join(&separator)
        ));
        out.push('\n');
        out.push_str(&finding_text_in(
            &finding.finding,
            sources(mesh, finding),
            lang,
            &commands(mesh, finding),
            color,
        ));
    }
    out.push('\n');
    out.push_str(&style.paint("1", &format!("== {} ==", t!(lang, "report-mesh-order"))));
    out.push_str("\n\n");
    for (index, ordered) in mesh.order.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} ({}): {}\n",
            index + 1,
            ordered.cluster,
            role_label(ordered.role, lang),
            ordered.reason
        ));
    }
    let (errors, warnings, infos) = mesh.counts();
    out.push('\n');
    out.push_str(&t!(
        lang,
        "report-line",
        label = style.paint("1", &t!(lang, "report-label-mesh-summary")),
        text = t!(
            lang,
            "report-mesh-summary",
            clusters = mesh.clusters.len(),
            errors = errors,
            warnings = warnings,
            infos = infos
        )
    ));
    out.push('\n');
    out
}

/// A cluster's role as a person reads it in `lang`.
pub fn role_label(role: crate::detect::ClusterRole, lang: Lang) -> String {
    match role {
        crate::detect::ClusterRole::Primary => t!(lang, "report-role-primary"),
        crate::detect::ClusterRole::Remote => t!(lang, "report-role-remote"),
        crate::detect::ClusterRole::Unknown => t!(lang, "report-role-unknown"),
    }
}
