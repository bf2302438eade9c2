//! The runbooks of a mesh: each cluster's files in a directory of its own, and a README that
//! says in which order they run and why. Each cluster's files are exactly one cluster's
//! ([`PlanDoc::files`]).

use serde::Serialize;

use crate::i18n::Lang;
use crate::kubectl::{Command, Target};
use crate::plan::{file_header, MeshPlan, PlanFile};
use crate::report::{role_label, SCHEMA_VERSION};

use super::PlanDoc;

/// `README.md` of a mesh's runbooks: the variables to set, the order with each cluster's role and
/// reason, and the rules that hold across the clusters.
pub fn mesh_readme(plan: &MeshPlan) -> String {
    let lang = plan.lang;
    let mut out = file_header("<!--").replace('\n', " -->\n");
    out.push_str(&format!("\n# {}\n\n", t!(lang, "render-mesh-title")));
    out.push_str(&format!(
        "{}\n\n```bash\n",
        t!(lang, "render-mesh-kubeconfig")
    ));
    let mut asm = None;
    for (name, cluster) in &plan.plans {
        out.push_str(&format!(
            "export {}=/path/to/{name}-kubeconfig\n",
            cluster.vars.name(Target::Cluster)
        ));
        asm.get_or_insert_with(|| cluster.vars.name(Target::Asm).to_string());
    }
    if let Some(asm) = asm {
        out.push_str(&format!("export {asm}=/path/to/asm-kubeconfig\n"));
    }
    out.push_str("```\n\n");
    out.push_str(&format!(
        "| # | {} | {} | {} |\n|---|---|---|---|\n",
        t!(lang, "render-mesh-column-cluster"),
        t!(lang, "render-mesh-column-role"),
        t!(lang, "render-mesh-column-why")
    ));
    for (index, ordered) in plan.order.iter().enumerate() {
        out.push_str(&format!(
            "| {} | [{}]({}/runbook.md) | {} | {} |\n",
            index + 1,
            ordered.cluster,
            ordered.cluster,
            role_label(ordered.role, lang),
            ordered.reason.replace('|', "\\|")
        ));
    }
    out.push_str(&format!("\n## {}\n\n", t!(lang, "render-mesh-rules")));
    for rule in rules(plan, lang) {
        out.push_str(&format!("- {rule}\n"));
    }
    out
}

/// The rules across the clusters, each a sentence or two with its source.
fn rules(plan: &MeshPlan, lang: Lang) -> Vec<String> {
    let list = plan.plans.first().map_or_else(String::new, |(_, p)| {
        Command::kubectl(Target::Asm, "get")
            .resource("asmmigratefromistio")
            .args(["-o", "name"])
            .render(&p.vars)
    });
    let mut rules = vec![
        t!(lang, "render-mesh-rule-order"),
        t!(lang, "render-mesh-rule-one-resource", command = list),
    ];
    if !plan.east_west.is_empty() {
        rules.push(t!(lang, "render-mesh-rule-cross-gateway"));
        rules.push(t!(lang, "render-mesh-rule-east-west"));
    }
    rules.push(t!(lang, "render-mesh-rule-findings"));
    rules
}

/// Every file of a mesh's runbooks: `README.md`, then each cluster's files under
/// `<cluster>/`, in the mesh's order.
pub fn mesh_files(plan: &MeshPlan) -> Vec<PlanFile> {
    let mut files = vec![PlanFile {
        name: "README.md".into(),
        content: mesh_readme(plan),
    }];
    for (name, cluster) in &plan.plans {
        files.extend(PlanDoc::new(cluster).files().into_iter().map(|f| PlanFile {
            name: format!("{name}/{}", f.name),
            content: f.content,
        }));
    }
    files
}

/// The README and every cluster's Markdown runbook, one after the other (what `plan` prints for
/// a mesh without `--out`).
pub fn mesh_markdown(plan: &MeshPlan) -> String {
    let mut out = mesh_readme(plan);
    for (name, cluster) in &plan.plans {
        out.push_str(&format!(
            "\n---\n\n<!-- {} -->\n\n",
            t!(
                plan.lang,
                "render-mesh-cluster-runbook",
                cluster = name.as_str()
            )
        ));
        out.push_str(&PlanDoc::new(cluster).markdown());
    }
    out
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MeshPlanJson<'a> {
    schema_version: u32,
    lang: Lang,
    order: &'a [crate::clusters::Ordered],
    clusters: Vec<ClusterPlanJson<'a>>,
}

#[derive(Debug, Serialize)]
struct ClusterPlanJson<'a> {
    name: &'a str,
    plan: PlanDoc,
}

/// The mesh's plans as one JSON document: `order`, and `clusters` with each cluster's `name`
/// and `plan` (its `plan.json`).
pub fn mesh_json_value(plan: &MeshPlan) -> serde_json::Value {
    let doc = MeshPlanJson {
        schema_version: SCHEMA_VERSION,
        lang: plan.lang,
        order: &plan.order,
        clusters: plan
            .plans
            .iter()
            .map(|(name, p)| ClusterPlanJson {
                name,
                plan: PlanDoc::new(p),
            })
            .collect(),
    };
    serde_json::to_value(doc).unwrap_or(serde_json::Value::Null)
}

/// [`mesh_json_value`] pretty-printed with a final newline.
pub fn mesh_json(plan: &MeshPlan) -> String {
    let mut text = serde_json::to_string_pretty(&mesh_json_value(plan)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::{analyze_clusters, ClusterInput};
    use crate::load::Input;
    use crate::plan::plan_mesh;
    use crate::settings::Settings;

    fn mesh_plan(lang: Lang) -> MeshPlan {
        let istiod = |id: &str| {
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istiod\n  namespace: istio-system\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.22.3\n        env:\n        - name: CLUSTER_ID\n          value: {id}\n"
            )
        };
        let settings = Settings {
            lang,
            ..Settings::default()
        };
        let clusters = ["east", "west"]
            .map(|name| ClusterInput {
                name: name.into(),
                inputs: vec![Input::new(format!("{name}.yaml"), istiod(name))],
            })
            .to_vec();
        plan_mesh(&analyze_clusters(clusters, Vec::new(), &settings), false)
    }

    /// The lines a shell would run or a user would paste: the same bytes in both languages.
    fn code_lines(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|l| {
                l.starts_with("export ") || l.starts_with("kubectl ") || l.starts_with("| ")
            })
            .filter(|l| !l.starts_with("| #") && !l.starts_with("| 1") && !l.starts_with("| 2"))
            .collect()
    }

    #[test]
    fn the_readme_names_each_clusters_variable_and_reads_in_both_languages() {
        let english = mesh_plan(Lang::En);
        let chinese = mesh_plan(Lang::ZhCn);
        let (en, zh) = (mesh_readme(&english), mesh_readme(&chinese));
        assert!(
            en.contains("export K8S_KUBECONFIG_EAST=/path/to/east-kubeconfig\n"),
            "{en}"
        );
        assert!(
            en.contains("| 2 | [west](west/runbook.md) | primary |"),
            "{en}"
        );
        assert!(
            zh.contains("| 2 | [west](west/runbook.md) | 主集群 |"),
            "{zh}"
        );
        assert!(zh.contains("跨集群的规则"), "{zh}");
        assert_eq!(code_lines(&en), code_lines(&zh));
        let names = |plan: &MeshPlan| -> Vec<String> {
            mesh_files(plan).into_iter().map(|f| f.name).collect()
        };
        assert_eq!(names(&english), names(&chinese));
        assert_eq!(names(&english)[0], "README.md");
        assert!(names(&english).contains(&"west/runbook.sh".to_string()));
        let json = mesh_json_value(&english);
        assert_eq!(json["order"][0]["cluster"], "east");
        assert_eq!(
            json["clusters"][0]["plan"]["kubeconfigVars"]["cluster"],
            "K8S_KUBECONFIG_EAST"
        );
    }
}
