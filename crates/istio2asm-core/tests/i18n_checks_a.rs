//! The findings raised while loading (MIG001–MIG003, MIG005, MIG006), while interpreting the
//! migration resource (MIG101–MIG108) and by the checks ambient-mode through
//! injection-multiple-injectors, in Chinese: a few messages word for word, the words of a parser
//! kept inside ours, and every such finding of the demo and the fixtures written in Chinese.

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// fixtures from disk, so it needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use std::collections::BTreeSet;

use common::cluster::stream;
use common::phase_fixtures::phase_fixtures;
use common::{cr, files_under, fixture_input, repo_fixtures, settings, settled_cr};
use istio2asm_core::i18n::Lang;
use istio2asm_core::{analyze, demo, phase, Analysis, Code, Finding, Input, Limits, Settings};

fn zh() -> Settings {
    Settings {
        lang: Lang::ZhCn,
        ..settings()
    }
}

fn analyze_zh(texts: &[(&str, &str)], settings: &Settings) -> Analysis {
    let inputs = texts.iter().map(|(n, t)| Input::new(*n, *t)).collect();
    analyze(inputs, Vec::new(), settings)
}

/// The findings of one code when `yaml` is analysed in Chinese.
fn findings(yaml: &str, code: Code) -> Vec<Finding> {
    analyze_zh(&[("test.yaml", yaml)], &zh())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn messages(yaml: &str, code: Code) -> Vec<String> {
    findings(yaml, code)
        .into_iter()
        .map(|f| f.message)
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn the_checks_speak_chinese() {
    let ambient = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n  labels:\n    istio.io/dataplane-mode: ambient\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: productpage\n  namespace: bookinfo\nspec:\n  template:\n    metadata:\n      labels:\n        app: productpage\n    spec:\n      containers:\n      - name: productpage\n        image: shop/productpage:1\n";
    assert_eq!(
        messages(&stream(&[ambient.into(), settled_cr("Init")]), Code::Mig510),
        ["命名空间 bookinfo 处于 Istio 的 Ambient 模式：1 个工作负载（deployment/productpage）在没有 Sidecar 的情况下运行；迁移流程不会迁移它们"]
    );

    let without_asm = Settings {
        asm_version: None,
        ..zh()
    };
    let a = analyze_zh(&[("asm-migrate.yaml", &settled_cr("Init"))], &without_asm);
    let mig203: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.code == Code::Mig203)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        mig203,
        ["未提供 ASM 版本（设置 asm-version）；ASM 版本须为 1.24 或更高"]
    );

    let conflict = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n    istio.io/rev: 1-22\n";
    assert_eq!(
        messages(&stream(&[conflict.into(), settled_cr("Init")]), Code::Mig502),
        ["命名空间 shop 同时带有 istio-injection=enabled 和 istio.io/rev=1-22 标签；istio-injection 优先"]
    );
}

#[test]
fn a_parsers_words_stay_inside_chinese_ones() {
    let broken =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  labels: app: reviews\n";
    assert_eq!(
        messages(broken, Code::Mig001),
        ["无法解析：mapping values are not allowed in this context"]
    );
    let mut bytes = b"kind: A\nmetadata: {name: \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\"}\n");
    let a = analyze(vec![Input::new("bad.yaml", bytes)], Vec::new(), &zh());
    assert_eq!(a.findings[0].code, Code::Mig001);
    assert_eq!(
        a.findings[0].message,
        "无法解析：无效的 UTF-8（这些字节不是文本）"
    );
}

#[test]
fn limits_are_explained_in_chinese() {
    let shallow = Settings {
        limits: Limits {
            max_depth: 40,
            ..Default::default()
        },
        ..zh()
    };
    let nested = format!("kind: X\nspec: {}1{}\n", "[".repeat(40), "]".repeat(40));
    let a = analyze_zh(&[("deep.yaml", &nested)], &shallow);
    let found: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.code == Code::Mig005)
        .collect();
    assert_eq!(found.len(), 1, "{:?}", a.findings);
    assert_eq!(
        found[0].message,
        "文档未加载：嵌套超过 40 层（设置 max-depth）"
    );
    assert!(
        found[0].help.as_deref().is_some_and(has_chinese),
        "{:?}",
        found[0].help
    );

    let tiny = Settings {
        limits: Limits {
            max_file_bytes: 10,
            ..Default::default()
        },
        ..zh()
    };
    let a = analyze_zh(&[("big.yaml", "kind: A\nmetadata: {name: x}\n")], &tiny);
    let f = &a.findings[0];
    assert_eq!(f.code, Code::Mig005);
    assert_eq!(
        f.message,
        "未加载：文件大小超过上限 10 字节（此文件 28 字节）"
    );
    // The command in the help is the same bytes in both languages.
    let help = f.help.clone().unwrap_or_default();
    assert!(
        help.contains("`for ns in $(kubectl get namespaces -o jsonpath='{.items[*].metadata.name}'); do kubectl get pods,deployments,statefulsets,daemonsets,replicasets,services -n \"$ns\" -o json > \"cluster-$ns.json\"; done`"),
        "{help}"
    );
    assert!(help.contains("设置 max-file-bytes"), "{help}");
}

#[test]
fn the_model_reports_in_chinese() {
    assert_eq!(
        messages("- a\n- b\n", Code::Mig002),
        ["不是 Kubernetes 对象（该文档是列表，不是对象），已跳过"]
    );
    assert_eq!(
        messages("apiVersion: v1\nkind: Pod\nmetadata: {}\n", Code::Mig002),
        ["不是 Kubernetes 对象（缺少 metadata.name），已跳过"]
    );
    let pod = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n";
    assert_eq!(
        messages(&stream(&[pod.into(), pod.into()]), Code::Mig003),
        ["ConfigMap shop/a 出现了两次；使用第一份"]
    );
    assert_eq!(
        messages(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1abc\n  namespace: shop\n",
            Code::Mig006
        ),
        [r#"已跳过 Service：其名称 "1abc" 不是合法的 RFC 1035 标签名；不会为它生成任何命令"#]
    );
}

#[test]
fn the_migration_resource_is_read_in_chinese() {
    assert_eq!(
        messages(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
            Code::Mig101
        ),
        ["输入中没有 ASMMigrateFromIstio 资源；假定迁移处于 Init 状态"]
    );
    assert_eq!(
        messages(
            &settled_cr("Init").replace("name: default", "name: migrate"),
            Code::Mig102
        ),
        [r#"该 ASMMigrateFromIstio 资源不是 ASM 读取的那一个：名称为 "migrate"，不是 default"#]
    );
    assert_eq!(
        messages(&cr("init", "0", "Init", "", "0"), Code::Mig103),
        [
            r#"spec.desiredState 为 "init"，不是 Init、SetupIstioForMigrate、Migrating、Finished 之一（是否应为 Init？）"#
        ]
    );
    let skip = findings(&cr("Migrating", "0", "Init", "", "0"), Code::Mig104);
    assert_eq!(
        skip[0].message,
        "desiredState Migrating 跳过了当前状态 Init 之后的状态；状态只能逐个向前切换"
    );
    assert_eq!(
        skip[0].help.as_deref(),
        Some("请将 desiredState 改回 Init（见下方命令），之后在每个门禁通过后逐个切换状态。")
    );
    assert_eq!(
        messages(&cr("Init", "\"3\"", "Init", "", "0"), Code::Mig105),
        [r#"spec.retryCounter 为 "3"（字符串），不是 0 到 2147483647 之间的整数"#]
    );
    let failed = findings(
        &cr("SetupIstioForMigrate", "2", "Init", "webhook 不可用", "2"),
        Code::Mig106,
    );
    assert_eq!(
        failed[0].message,
        "切换至 SetupIstioForMigrate 失败：webhook 不可用"
    );
    assert_eq!(
        failed[0].help.as_deref(),
        Some("请先按消息所述修复问题，再将 spec.retryCounter 增加到 3，让 ASM 重新运行检查。")
    );
    assert_eq!(
        messages(&cr("Init", "1", "Init", "", "null"), Code::Mig107),
        ["retryCounter 1 尚未调谐完成（status.retryCounter：未设置）"]
    );
    let unknown = settled_cr("Init").replace("spec:\n", "spec:\n  DesiredState: Init\n");
    assert_eq!(
        messages(&unknown, Code::Mig108),
        ["未知字段 spec.DesiredState（istio.alibabacloud.com/v1beta1 中）（是否应为 desiredState？）：ASM 会忽略它"]
    );
}

#[test]
fn the_served_shapes_check_keeps_its_commands_in_chinese() {
    let expect = phase::served_shapes_expect(Lang::ZhCn);
    assert!(has_chinese(&expect), "{expect}");
    for needle in [
        "`v1beta1<TAB>true<TAB>{\"disableIstioSystemLabelReconciliation\":…}`",
        "`v1<TAB>true<TAB>{\"stopIstioSystemInjectionDisabling\":…}`",
        "`get asmmigratefromistio default -o yaml`",
    ] {
        assert!(expect.contains(needle), "{expect}");
    }
}

/// The codes whose texts this conversion wrote (MIG004's message is written in `analysis`).
const CODES: [Code; 24] = [
    Code::Mig001,
    Code::Mig002,
    Code::Mig003,
    Code::Mig005,
    Code::Mig006,
    Code::Mig101,
    Code::Mig102,
    Code::Mig103,
    Code::Mig104,
    Code::Mig105,
    Code::Mig106,
    Code::Mig107,
    Code::Mig108,
    Code::Mig203,
    Code::Mig301,
    Code::Mig303,
    Code::Mig404,
    Code::Mig502,
    Code::Mig503,
    Code::Mig504,
    Code::Mig506,
    Code::Mig508,
    Code::Mig510,
    Code::Mig511,
];

/// The demo, the phase fixtures, the secrets fixture and every upstream and hostile fixture file
/// alone, analysed in Chinese.
fn chinese_sources() -> Vec<(String, Analysis)> {
    let zh = zh();
    let mut sources = vec![(
        "the demo".to_string(),
        analyze(demo::inputs(), Vec::new(), &zh),
    )];
    for (name, fixture) in phase_fixtures() {
        let texts: Vec<(&str, &str)> = fixture.iter().map(|(n, t)| (*n, t.as_str())).collect();
        sources.push((name.to_string(), analyze_zh(&texts, &zh)));
    }
    sources.push((
        "secrets".to_string(),
        analyze(
            vec![fixture_input("secrets", "cluster.yaml")],
            vec![fixture_input("secrets", "asm.json")],
            &zh,
        ),
    ));
    let root = repo_fixtures();
    for dir in ["upstream-istio", "hostile"] {
        for path in files_under(&root.join(dir)) {
            let name = path.display().to_string();
            if name.ends_with(".md") || name.ends_with("/LICENSE") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let analysis = analyze(vec![Input::new(name.clone(), bytes)], Vec::new(), &zh);
            sources.push((name, analysis));
        }
    }
    sources
}

#[test]
fn every_such_finding_of_the_demo_and_the_fixtures_is_in_chinese() {
    let mut seen = BTreeSet::new();
    for (name, analysis) in chinese_sources() {
        for f in analysis.findings.iter().filter(|f| CODES.contains(&f.code)) {
            seen.insert(f.code);
            // MIG503 lists a workload's risks, whose words are written elsewhere.
            if f.code == Code::Mig503 {
                assert!(f.message.contains('：'), "{name}: {}", f.message);
            } else {
                assert!(
                    has_chinese(&f.message),
                    "{name}: {} {}",
                    f.code.as_str(),
                    f.message
                );
            }
            if let Some(help) = &f.help {
                assert!(has_chinese(help), "{name}: {} help {help}", f.code.as_str());
            }
        }
    }
    // Those no fixture triggers are asserted above, one by one.
    let untriggered = [
        Code::Mig003,
        Code::Mig102,
        Code::Mig104,
        Code::Mig107,
        Code::Mig203,
    ];
    let missing: Vec<&str> = CODES
        .iter()
        .filter(|c| !seen.contains(*c) && !untriggered.contains(*c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "no fixture raised {missing:?}");
}
