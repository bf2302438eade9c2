//! The chain's rules, one test each (INJECTION.md §1 and §3), on small exports.

use super::*;
use crate::load::Input;
use crate::settings::Settings;

/// A MutatingWebhookConfiguration with one webhook per `(name, namespaceSelector,
/// objectSelector, extra)`, selectors as flow YAML.
fn mwc(name: &str, labels: &str, hooks: &[(&str, &str, &str, &str)]) -> String {
    let mut out = format!(
        "---\napiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: {name}\n  labels: {labels}\nwebhooks:\n"
    );
    for (hook, ns, obj, extra) in hooks {
        out.push_str(&format!(
            "- name: {hook}\n  clientConfig: {{service: {{name: istiod, namespace: istio-system, path: /inject}}}}\n  namespaceSelector: {ns}\n  objectSelector: {obj}\n  rules: [{{operations: [CREATE], apiGroups: [\"\"], apiVersions: [v1], resources: [pods]}}]\n  sideEffects: None\n  admissionReviewVersions: [v1]\n{extra}"
        ));
    }
    out
}

const REV_NS: &str = "rev.namespace.sidecar-injector.istio.io";
const NS_HOOK: &str = "namespace.sidecar-injector.istio.io";

/// Istio's `rev.namespace.` webhook for a revision or tag (chart §3(a), (c)).
fn rev_namespace(value: &str) -> (&'static str, String, String, &'static str) {
    (
        REV_NS,
        format!("{{matchExpressions: [{{key: istio.io/rev, operator: In, values: [{value}]}}, {{key: istio-injection, operator: DoesNotExist}}]}}"),
        "{matchExpressions: [{key: sidecar.istio.io/inject, operator: NotIn, values: [\"false\"]}]}".to_string(),
        "",
    )
}

fn namespace(name: &str, labels: &str) -> String {
    format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {{kubernetes.io/metadata.name: {name}{labels}}}\n")
}

/// A Deployment `web` in `ns` with template labels, and one pod of it running Istio's proxy.
fn deployment(ns: &str, labels: &str) -> String {
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, namespace: {ns}}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata:\n      labels: {{app: web{labels}}}\n    spec:\n      containers: [{{name: web, image: web:1}}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: {ns}\n  labels: {{app: web}}\n  annotations: {{sidecar.istio.io/status: '{{}}'}}\n  ownerReferences: [{{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}}]\nspec:\n  containers:\n  - {{name: web, image: web:1}}\n  - {{name: istio-proxy, image: docker.io/istio/proxyv2:1.22.3, args: [proxy, sidecar]}}\n"
    )
}

fn simulate_yaml(yaml: &str) -> (Simulation, Vec<crate::Finding>) {
    let analysis = crate::analyze(
        vec![Input::new("cluster.yaml", yaml)],
        Vec::new(),
        &Settings::default(),
    );
    (analysis.injection, analysis.findings)
}

fn web(sim: &Simulation) -> &Subject {
    sim.subject("Deployment", "shop", "web").expect("web")
}

fn hooks<'a>(
    list: &'a [(&'static str, String, String, &'static str)],
) -> Vec<(&'static str, &'a str, &'a str, &'static str)> {
    list.iter()
        .map(|(n, a, b, c)| (*n, a.as_str(), b.as_str(), *c))
        .collect()
}

#[test]
fn configurations_are_called_in_byte_order_of_their_names() {
    let rev = [rev_namespace("default")];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&rev),
    ) + &mwc("0-injector", "{istio.io/rev: default}", &hooks(&rev))
        + &mwc(
            "istio-sidecar-injector-canary",
            "{istio.io/rev: default, istio.io/tag: default}",
            &hooks(&rev),
        );
    let (sim, _) = simulate_yaml(&yaml);
    let names: Vec<&str> = sim.configurations.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "0-injector",
            "istio-sidecar-injector",
            "istio-sidecar-injector-canary"
        ]
    );
}

#[test]
fn a_revision_tag_resolves_to_its_revision() {
    let tag = [rev_namespace("prod")];
    let yaml = mwc(
        "istio-revision-tag-prod",
        "{istio.io/rev: 1-22, istio.io/tag: prod}",
        &hooks(&tag),
    ) + &namespace("shop", ", istio.io/rev: prod")
        + &deployment("shop", "");
    let (sim, findings) = simulate_yaml(&yaml);
    let w = web(&sim);
    assert_eq!(
        w.now.sidecar,
        Sidecar::Istio(Some("1-22".into())),
        "{}",
        w.now.reason
    );
    assert!(
        w.now
            .reason
            .contains("Namespace label istio.io/rev=prod matches")
            || w.now
                .reason
                .contains("namespace label istio.io/rev=prod matches"),
        "{}",
        w.now.reason
    );
    assert!(!findings.iter().any(|f| f.code == crate::Code::Mig513));
}

#[test]
fn a_deleted_tag_drops_the_sidecar_and_blocks() {
    let rev = [rev_namespace("1-22")];
    let yaml = mwc(
        "istio-sidecar-injector-1-22",
        "{istio.io/rev: 1-22}",
        &hooks(&rev),
    ) + &namespace("shop", ", istio.io/rev: canary")
        + &deployment("shop", "");
    let (sim, findings) = simulate_yaml(&yaml);
    let w = web(&sim);
    assert_eq!(w.now.sidecar, Sidecar::None);
    assert!(
        w.now
            .reason
            .contains("istio.io/rev=canary names no revision or tag"),
        "{}",
        w.now.reason
    );
    let drop = findings
        .iter()
        .find(|f| f.code == crate::Code::Mig513)
        .expect("MIG513");
    assert!(drop.message.contains("canary"), "{}", drop.message);
}

#[test]
fn a_deactivated_default_without_a_default_tag_drops_the_sidecar() {
    let never = "{matchLabels: {istio.io/deactivated: never-match}}".to_string();
    let deactivated = [(NS_HOOK, never.clone(), never, "")];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&deactivated),
    ) + &namespace("shop", ", istio-injection: enabled")
        + &deployment("shop", "");
    let (sim, _) = simulate_yaml(&yaml);
    assert!(sim.configurations[0].deactivated);
    let w = web(&sim);
    assert_eq!(w.now.sidecar, Sidecar::None);
    assert!(
        w.now.reason.contains("default injector is deactivated"),
        "{}",
        w.now.reason
    );
}

#[test]
fn an_if_needed_webhook_is_reinvoked_after_a_later_injector_and_wins() {
    let istio = [(
        NS_HOOK,
        "{matchExpressions: [{key: istio-injection, operator: In, values: [enabled]}]}".to_string(),
        "{}".to_string(),
        "  reinvocationPolicy: IfNeeded\n",
    )];
    let asm = [(
        "object.sidecar-injector.asm",
        "{}".to_string(),
        "{matchLabels: {sidecar.asm.aliyun.com/inject: \"true\"}}".to_string(),
        "",
    )];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&istio),
    ) + &mwc("sidecar-injector-asm", "{}", &hooks(&asm))
        + &namespace("shop", ", istio-injection: enabled")
        + &deployment("shop", "");
    let (sim, findings) = simulate_yaml(&yaml);
    let after = web(&sim).after_switch.as_ref().expect("switched");
    let rounds: Vec<(String, u8)> = after
        .injecting()
        .map(|c| (sim.configurations[c.configuration].name.clone(), c.round))
        .collect();
    assert_eq!(
        rounds,
        [
            ("istio-sidecar-injector".to_string(), 1),
            ("sidecar-injector-asm".to_string(), 1),
            ("istio-sidecar-injector".to_string(), 2)
        ]
    );
    assert_eq!(after.sidecar, Sidecar::Istio(Some("default".into())));
    assert!(findings.iter().any(|f| f.code == crate::Code::Mig512));
    assert!(findings.iter().any(|f| f.code == crate::Code::Mig511));
}

#[test]
fn after_the_switch_without_asms_webhook_the_result_is_unknown() {
    let rev = [rev_namespace("default")];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&rev),
    ) + &namespace("shop", ", istio.io/rev: default")
        + &deployment("shop", "");
    let (sim, findings) = simulate_yaml(&yaml);
    assert!(!sim.asm_exported);
    let after = web(&sim).after_switch.as_ref().expect("switched");
    assert_eq!(after.sidecar, Sidecar::Unknown);
    assert!(
        after.reason.contains("not in the export"),
        "{}",
        after.reason
    );
    assert!(
        after
            .labels
            .get("sidecar.asm.aliyun.com/inject")
            .map(String::as_str)
            == Some("true")
    );
    assert!(!findings.iter().any(|f| f.code == crate::Code::Mig512));
}

#[test]
fn what_cannot_be_read_offline_is_unknown() {
    let cel = [(
        REV_NS,
        "{}".to_string(),
        "{}".to_string(),
        "  matchConditions: [{name: x, expression: 'true'}]\n",
    )];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&cel),
    ) + &namespace("shop", "")
        + &deployment("shop", "");
    let (sim, _) = simulate_yaml(&yaml);
    assert_eq!(web(&sim).now.sidecar, Sidecar::Unknown);
    assert!(web(&sim).now.reason.contains("matchConditions"));
    // Without the namespace, its labels are unknown.
    let rev = [rev_namespace("default")];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&rev),
    ) + &deployment("shop", "");
    let (sim, _) = simulate_yaml(&yaml);
    assert_eq!(web(&sim).now.sidecar, Sidecar::Unknown);
}

#[test]
fn a_webhook_whose_rules_skip_pods_is_not_called() {
    let all = [(
        "sidecar-injector.istio.io",
        "{}".to_string(),
        "{}".to_string(),
        "",
    )];
    let yaml = mwc(
        "istio-sidecar-injector",
        "{istio.io/rev: default}",
        &hooks(&all),
    )
    .replace("resources: [pods]", "resources: [services]")
        + &namespace("shop", "")
        + &deployment("shop", "");
    let (sim, _) = simulate_yaml(&yaml);
    let w = web(&sim);
    assert_eq!(w.now.sidecar, Sidecar::None);
    assert_eq!(w.now.calls[0].verdict, Verdict::NotCalled);
    assert!(w.now.calls[0].reason.contains("CREATE pods"));
}
