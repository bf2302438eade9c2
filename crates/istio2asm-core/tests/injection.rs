//! The injection simulation against Istio's own `istioctl x check-inject` test table
//! (`istioctl/pkg/checkinject/checkinject_test.go` L31-322, the same in 1.22; INJECTION.md §4),
//! on its own fixtures (`tests/fixtures/upstream-istio/install/webhooks/`, provenance in
//! SOURCES.md): every case gives the same verdict and the same reason for each configuration.

mod common;

use common::fixture_input;
use istio2asm_core::inject::Sidecar;
use istio2asm_core::{analyze, Input, Settings};

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

#[test]
fn the_eleven_cases_of_istioctl_check_inject() {
    #[rustfmt::skip]
    let cases: &[(&str, &[(&str, &str)], &[(&str, &str)], (bool, &str), (bool, &str))] = &[
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
        let subject = sim.subject("Pod", "test", "pod").expect(case);
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
