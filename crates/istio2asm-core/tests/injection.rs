//! The injection simulation against Istio's own `istioctl x check-inject` test table
//! (`istioctl/pkg/checkinject/checkinject_test.go` L31-322, the same in 1.22; INJECTION.md §4),
//! on its own fixtures (`tests/fixtures/upstream-istio/install/webhooks/`, provenance in
//! SOURCES.md): every case gives the same verdict and the same reason for each configuration.
//! Then the chain's other rules (INJECTION.md §1 and §3), one test each, on small exports.

mod common;

use common::fixture_input;
use istio2asm_core::inject::{Sidecar, Simulation, Subject, Verdict};
use istio2asm_core::{analyze, Code, Input, Settings};

const NO_MATCH_D: &str = "No matching namespace labels (istio.io/rev=default, istio-injection=enabled) or pod labels (istio.io/rev=default, sidecar.istio.io/inject=true)";
const NO_MATCH_16: &str =
    "No matching namespace labels (istio.io/rev=1-16) or pod labels (istio.io/rev=1-16)";
const DEACTIVATED: &str = "The injection webhook is deactivated, and will never match labels.";

fn yaml_labels(pairs: &[(&str, &str)], indent: &str) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("\n{indent}{k}: \"{v}\""))
        .collect()
}

/// A namespace `test` and a bare pod `pod` in it, with the labels of one case.
fn objects(ns: &[(&str, &str)], pod: &[(&str, &str)]) -> Input {
    Input::new(
        "case.yaml",
        format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: test\n  labels:\n    kubernetes.io/metadata.name: test{}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\n  namespace: test\n  labels:\n    app: pod{}\nspec:\n  containers:\n  - name: app\n    image: app:1\n",
            yaml_labels(ns, "    "),
            yaml_labels(pod, "    ")
        ),
    )
}

type Labels<'a> = &'a [(&'a str, &'a str)];
/// (case, namespace labels, pod labels, default injector, 1-16 injector).
type Case<'a> = (
    &'a str,
    Labels<'a>,
    Labels<'a>,
    (bool, &'a str),
    (bool, &'a str),
);

#[test]
fn the_eleven_cases_of_istioctl_check_inject() {
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("no inj because of no match labels", &[], &[], (false, NO_MATCH_D), (false, NO_MATCH_16)),
        ("default ns injection", &[("istio-injection", "enabled")], &[],
            (true, "Namespace label istio-injection=enabled matches"), (false, NO_MATCH_16)),
        ("rev ns injection", &[("istio.io/rev", "1-16")], &[],
            (false, NO_MATCH_D), (true, "Namespace label istio.io/rev=1-16 matches")),
        ("rev po label injection", &[], &[("istio.io/rev", "1-16")],
            (false, "Pod has istio.io/rev=1-16 label, preventing injection"), (true, "Pod label istio.io/rev=1-16 matches")),
        ("default pod label injection", &[], &[("sidecar.istio.io/inject", "true")],
            (true, "Pod label sidecar.istio.io/inject=true matches"), (false, NO_MATCH_16)),
        ("both default label injection", &[("istio-injection", "enabled")], &[("sidecar.istio.io/inject", "true")],
            (true, "Namespace label istio-injection=enabled matches, and pod label sidecar.istio.io/inject=true matches"), (false, NO_MATCH_16)),
        ("both rev label injection", &[("istio.io/rev", "1-16")], &[("istio.io/rev", "1-16")],
            (false, NO_MATCH_D), (true, "Namespace label istio.io/rev=1-16 matches")),
        ("disable ns label and rev po label", &[("istio-injection", "disabled")], &[("istio.io/rev", "1-16")],
            (false, "Namespace has istio-injection=disabled label, preventing injection"),
            (false, "Namespace has istio-injection=disabled label, preventing injection")),
        ("ns and rev pod label", &[("istio-injection", "enabled")], &[("istio.io/rev", "1-16")],
            (true, "Namespace label istio-injection=enabled matches"), (false, NO_MATCH_16)),
        ("pod label with not inject", &[("istio-injection", "enabled")], &[("sidecar.istio.io/inject", "false")],
            (false, "Pod has sidecar.istio.io/inject=false label, preventing injection"), (false, NO_MATCH_16)),
        ("pod not injectable for ns rev", &[("istio.io/rev", "1-16")], &[("sidecar.istio.io/inject", "false")],
            (false, NO_MATCH_D), (false, "Pod has sidecar.istio.io/inject=false label, preventing injection")),
    ];
    let webhooks = |name: &str| fixture_input("upstream-istio/install/webhooks", name);
    for (case, ns, pod, default, rev16) in cases {
        let inputs = vec![
            webhooks("check-inject-default-injector.yaml"),
            webhooks("check-inject-rev-16-injector.yaml"),
            webhooks("check-inject-never-match-injector.yaml"),
            objects(ns, pod),
        ];
        let analysis = analyze(inputs, Vec::new(), &Settings::default());
        let sim = &analysis.injection;
        let names: Vec<&str> = sim.configurations.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "istio-sidecar-injector",
                "istio-sidecar-injector-1-16",
                "istio-sidecar-injector-deactivated"
            ],
            "{case}: configurations in call order"
        );
        let subject = sim
            .subject("Pod", "test", "pod")
            .unwrap_or_else(|| panic!("{case}: no pod"));
        let ns_labels = &analysis.bundle.namespaces["test"].meta.labels;
        let rows = sim.rows(&subject.now, ns_labels);
        let got: Vec<(Option<bool>, &str)> = rows
            .iter()
            .map(|r| (r.injects, r.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(default.0), default.1),
                (Some(rev16.0), rev16.1),
                (Some(false), DEACTIVATED)
            ],
            "{case}"
        );
        let expected = match (default.0, rev16.0) {
            (true, false) => Sidecar::Istio(Some("default".into())),
            (false, true) => Sidecar::Istio(Some("1-16".into())),
            _ => Sidecar::None,
        };
        assert_eq!(
            subject.now.sidecar, expected,
            "{case}: {}",
            subject.now.reason
        );
    }
}

// The chain's rules, one test each (INJECTION.md §1 and §3), on small exports.

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

fn simulate_yaml(yaml: &str) -> (Simulation, Vec<istio2asm_core::Finding>) {
    let analysis = analyze(
        vec![Input::new("cluster.yaml", yaml)],
        Vec::new(),
        &Settings::default(),
    );
    (analysis.injection, analysis.findings)
}

fn web(sim: &Simulation) -> &Subject {
    sim.subject("Deployment", "shop", "web")
        .unwrap_or_else(|| panic!("no Deployment shop/web"))
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
    assert!(!findings.iter().any(|f| f.code == Code::Mig513));
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
        .find(|f| f.code == Code::Mig513)
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
    assert!(findings.iter().any(|f| f.code == Code::Mig512));
    assert!(findings.iter().any(|f| f.code == Code::Mig511));
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
    assert!(!findings.iter().any(|f| f.code == Code::Mig512));
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

/// The webhooks of Istio's chart with the selectors INJECTION.md §3 reads from
/// `mutatingwebhook.yaml` (default revision with `enableNamespacesByDefault`, so `auto.` is
/// there) and a named revision `1-22`: which webhook the API server calls for each namespace and
/// pod, in call order.
#[test]
fn every_webhook_of_istios_chart_by_its_selectors() {
    let not_false = "{key: sidecar.istio.io/inject, operator: NotIn, values: [\"false\"]}";
    let rev_ns = |r: &str| {
        format!("{{matchExpressions: [{{key: istio.io/rev, operator: In, values: [{r}]}}, {{key: istio-injection, operator: DoesNotExist}}]}}")
    };
    let rev_obj = |r: &str| {
        format!("{{matchExpressions: [{not_false}, {{key: istio.io/rev, operator: In, values: [{r}]}}]}}")
    };
    let no_labels = "{matchExpressions: [{key: istio.io/rev, operator: DoesNotExist}, {key: istio-injection, operator: DoesNotExist}]}".to_string();
    let obj_not_false = format!("{{matchExpressions: [{not_false}]}}");
    let default_hooks = vec![
        ("rev.namespace.sidecar-injector.istio.io", rev_ns("default"), obj_not_false.clone()),
        ("rev.object.sidecar-injector.istio.io", no_labels.clone(), rev_obj("default")),
        ("namespace.sidecar-injector.istio.io", "{matchExpressions: [{key: istio-injection, operator: In, values: [enabled]}]}".to_string(), obj_not_false.clone()),
        ("object.sidecar-injector.istio.io", no_labels.clone(), "{matchExpressions: [{key: sidecar.istio.io/inject, operator: In, values: [\"true\"]}, {key: istio.io/rev, operator: DoesNotExist}]}".to_string()),
        ("auto.sidecar-injector.istio.io", "{matchExpressions: [{key: istio-injection, operator: DoesNotExist}, {key: istio.io/rev, operator: DoesNotExist}, {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, kube-public, kube-node-lease, local-path-storage]}]}".to_string(), "{matchExpressions: [{key: sidecar.istio.io/inject, operator: DoesNotExist}, {key: istio.io/rev, operator: DoesNotExist}]}".to_string()),
    ];
    let rev_hooks = vec![
        (
            "rev.namespace.sidecar-injector.istio.io",
            rev_ns("1-22"),
            obj_not_false.clone(),
        ),
        (
            "rev.object.sidecar-injector.istio.io",
            no_labels,
            rev_obj("1-22"),
        ),
    ];
    let config = |name: &str, rev: &str, hooks: &[(&str, String, String)], service: &str| {
        let mut out = format!("---\napiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: {name}\n  labels: {{istio.io/rev: {rev}}}\nwebhooks:\n");
        for (hook, ns, obj) in hooks {
            out.push_str(&format!("- name: {hook}\n  clientConfig: {{service: {{name: {service}, namespace: istio-system}}}}\n  namespaceSelector: {ns}\n  objectSelector: {obj}\n  rules: [{{operations: [CREATE], apiGroups: [\"\"], apiVersions: [v1], resources: [pods]}}]\n"));
        }
        out
    };
    let webhooks = config(
        "istio-sidecar-injector",
        "default",
        &default_hooks,
        "istiod",
    ) + &config(
        "istio-sidecar-injector-1-22",
        "1-22",
        &rev_hooks,
        "istiod-1-22",
    );
    #[rustfmt::skip]
    let table: &[(&str, Labels, Labels, &[&str])] = &[
        ("no labels: auto-injection in every namespace", &[], &[], &["istio-sidecar-injector auto.sidecar-injector.istio.io"]),
        ("kube-system is left out by auto.'s selector", &[], &[], &[]),
        ("istio-injection=enabled", &[("istio-injection", "enabled")], &[], &["istio-sidecar-injector namespace.sidecar-injector.istio.io"]),
        ("istio-injection=disabled stops every webhook", &[("istio-injection", "disabled")], &[("sidecar.istio.io/inject", "true")], &[]),
        ("namespace revision", &[("istio.io/rev", "1-22")], &[], &["istio-sidecar-injector-1-22 rev.namespace.sidecar-injector.istio.io"]),
        ("namespace revision default", &[("istio.io/rev", "default")], &[], &["istio-sidecar-injector rev.namespace.sidecar-injector.istio.io"]),
        ("pod revision", &[], &[("istio.io/rev", "1-22")], &["istio-sidecar-injector-1-22 rev.object.sidecar-injector.istio.io"]),
        ("pod opt-in", &[], &[("sidecar.istio.io/inject", "true")], &["istio-sidecar-injector object.sidecar-injector.istio.io"]),
        ("pod opt-out under a namespace revision", &[("istio.io/rev", "1-22")], &[("sidecar.istio.io/inject", "false")], &[]),
        ("istio-injection wins over a pod revision", &[("istio-injection", "enabled")], &[("istio.io/rev", "1-22")], &["istio-sidecar-injector namespace.sidecar-injector.istio.io"]),
        ("both namespace labels: only namespace. matches", &[("istio-injection", "enabled"), ("istio.io/rev", "1-22")], &[], &["istio-sidecar-injector namespace.sidecar-injector.istio.io"]),
    ];
    for (i, (case, ns, pod, expected)) in table.iter().enumerate() {
        let namespace = if i == 1 { "kube-system" } else { "test" };
        let objects = String::from_utf8(objects(ns, pod).bytes)
            .unwrap_or_default()
            .replace("test", namespace);
        let analysis = analyze(
            vec![
                Input::new("webhooks.yaml", webhooks.clone()),
                Input::new("case.yaml", objects),
            ],
            Vec::new(),
            &Settings::default(),
        );
        let sim = &analysis.injection;
        let subject = sim
            .subject("Pod", namespace, "pod")
            .unwrap_or_else(|| panic!("{case}: no pod"));
        let called: Vec<String> = subject
            .now
            .called()
            .map(|c| format!("{} {}", sim.configurations[c.configuration].name, c.webhook))
            .collect();
        assert_eq!(called, *expected, "{case}");
    }
}
