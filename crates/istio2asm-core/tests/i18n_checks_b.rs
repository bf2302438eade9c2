//! The checks MIG004, MIG2xx, MIG302, MIG401-402, MIG501-513, MIG6xx, the detection's evidence and
//! the injection simulation's reasons in Simplified Chinese: the same analysis as in English, worded
//! from the zh-CN catalogs, with the codes, names and labels it names unchanged.

mod common;

use common::{fixture_input, settled_cr};
use istio2asm_core::i18n::Lang;
use istio2asm_core::{analyze, demo, Analysis, Code, Input, Settings};

fn in_lang(lang: Lang) -> Settings {
    Settings {
        lang,
        asm_version: Some("1.24.6".into()),
        ..Settings::default()
    }
}

fn analysis(yaml: &str, lang: Lang) -> Analysis {
    analyze(
        vec![Input::new("test.yaml", yaml)],
        Vec::new(),
        &in_lang(lang),
    )
}

/// The messages of one code, in report order.
fn messages(analysis: &Analysis, code: Code) -> Vec<String> {
    analysis
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.message.clone())
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A Deployment `reviews` in `bookinfo` with one pod on Istio's sidecar (1.22.3).
const REVIEWS: &str = r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews
  namespace: bookinfo
spec:
  replicas: 1
---
apiVersion: v1
kind: Pod
metadata:
  name: reviews-7d9f8b6c4d-2xkqp
  namespace: bookinfo
  labels:
    pod-template-hash: 7d9f8b6c4d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: reviews-7d9f8b6c4d
    controller: true
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
"#;

const WEIGHTS: &str = r#"---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 60
    - destination:
        host: reviews
        subset: v2
      weight: "30"
"#;

#[test]
fn route_weights_are_reported_in_chinese_with_the_route_and_values_unchanged() {
    let zh = messages(&analysis(WEIGHTS, Lang::ZhCn), Code::Mig505);
    assert_eq!(
        zh,
        ["VirtualService bookinfo/reviews 的路由 http[0]：权重 30 不是 0 到 100 之间的整数"]
    );
    let en = messages(&analysis(WEIGHTS, Lang::En), Code::Mig505);
    assert_eq!(
        en,
        ["VirtualService bookinfo/reviews: http[0] weight 30 is not an integer from 0 to 100"]
    );
}

#[test]
fn the_remaining_sidecars_are_counted_in_chinese() {
    let yaml = format!("{REVIEWS}---\n{}", settled_cr("Migrating"));
    let zh = analysis(&yaml, Lang::ZhCn);
    assert_eq!(
        messages(&zh, Code::Mig601),
        ["1 个工作负载中的 1 个 Pod 仍在运行 Istio Sidecar"]
    );
    assert_eq!(
        messages(&zh, Code::Mig501),
        ["deployment/reviews（命名空间 bookinfo）：仍在使用 Istio 的代理 1.22.3（1 个 Pod（reviews-7d9f8b6c4d-2xkqp））"]
    );
    let en = analysis(&yaml, Lang::En);
    assert_eq!(
        messages(&en, Code::Mig601),
        ["1 pod in 1 workload still runs Istio's sidecar"]
    );
}

#[test]
fn an_unknown_kubernetes_version_and_a_missing_istio_are_reported_in_chinese() {
    let zh = analysis(REVIEWS, Lang::ZhCn);
    assert_eq!(
        messages(&zh, Code::Mig201),
        ["Kubernetes 版本未知：输入中既没有 `kubectl version -o yaml` 的输出，也没有节点"]
    );
    assert_eq!(
        messages(&zh, Code::Mig205),
        ["输入中没有 Istio 控制面（istiod）"]
    );
}

#[test]
fn the_kubernetes_version_evidence_is_worded_in_chinese() {
    let yaml = "serverVersion:\n  gitVersion: v1.18.20\n";
    let zh = analysis(yaml, Lang::ZhCn);
    assert_eq!(
        messages(&zh, Code::Mig201),
        ["Kubernetes v1.18.20 低于 1.21（kubectl version 的 serverVersion.gitVersion v1.18.20）"]
    );
    let en = analysis(yaml, Lang::En);
    assert_eq!(
        messages(&en, Code::Mig201),
        ["Kubernetes v1.18.20 is older than 1.21 (kubectl version: serverVersion.gitVersion v1.18.20)"]
    );
}

#[test]
fn istioctl_check_inject_sentences_are_translated_in_chinese_and_kept_in_english() {
    let webhooks = |name: &str| fixture_input("upstream-istio/install/webhooks", name);
    let inputs = || {
        vec![
            webhooks("check-inject-default-injector.yaml"),
            webhooks("check-inject-rev-16-injector.yaml"),
            webhooks("check-inject-never-match-injector.yaml"),
            Input::new(
                "case.yaml",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: test\n  labels:\n    istio-injection: enabled\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\n  namespace: test\nspec:\n  containers:\n  - name: app\n    image: app:1\n",
            ),
        ]
    };
    let reasons = |lang: Lang| -> Vec<String> {
        let analysis = analyze(inputs(), Vec::new(), &in_lang(lang));
        let sim = &analysis.injection;
        let subject = sim.subject("Pod", "test", "pod").expect("the pod");
        let ns_labels = &analysis.bundle.namespaces["test"].meta.labels;
        sim.rows(&subject.now, ns_labels)
            .into_iter()
            .map(|r| r.reason)
            .collect()
    };
    assert_eq!(
        reasons(Lang::En),
        [
            "Namespace label istio-injection=enabled matches",
            "No matching namespace labels (istio.io/rev=1-16) or pod labels (istio.io/rev=1-16)",
            "The injection webhook is deactivated, and will never match labels.",
        ]
    );
    assert_eq!(
        reasons(Lang::ZhCn),
        [
            "命名空间标签 istio-injection=enabled 匹配",
            "没有匹配的命名空间标签（istio.io/rev=1-16）或 Pod 标签（istio.io/rev=1-16）",
            "该注入 Webhook 已停用，不会匹配任何标签。",
        ]
    );
}

#[test]
fn the_simulation_explains_the_sidecar_in_chinese() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: shop\nspec:\n  containers:\n  - name: app\n    image: app:1\n";
    let zh = analysis(yaml, Lang::ZhCn);
    let subject = zh
        .injection
        .subject("Pod", "shop", "debug")
        .expect("the pod");
    assert_eq!(
        subject.now.reason,
        "导出文件中没有 Istio 的注入器 Webhook 配置（可用 kubectl get mutatingwebhookconfigurations -o yaml 导出）"
    );
}

#[test]
fn every_converted_finding_of_the_demo_is_in_chinese() {
    let inputs = demo::FILES
        .iter()
        .map(|(name, text)| Input::new(*name, *text))
        .collect();
    let zh = analyze(inputs, Vec::new(), &in_lang(Lang::ZhCn));
    let converted = [
        Code::Mig004,
        Code::Mig201,
        Code::Mig202,
        Code::Mig204,
        Code::Mig205,
        Code::Mig302,
        Code::Mig401,
        Code::Mig402,
        Code::Mig501,
        Code::Mig505,
        Code::Mig507,
        Code::Mig509,
        Code::Mig512,
        Code::Mig513,
        Code::Mig601,
        Code::Mig602,
        Code::Mig603,
        Code::Mig604,
    ];
    let found: Vec<_> = zh
        .findings
        .iter()
        .filter(|f| converted.contains(&f.code))
        .collect();
    assert!(!found.is_empty(), "the demo raises some of these codes");
    for f in found {
        assert!(
            has_chinese(&f.message),
            "{}: {}",
            f.code.as_str(),
            f.message
        );
        if let Some(help) = &f.help {
            assert!(has_chinese(help), "{}: {help}", f.code.as_str());
        }
    }
}
