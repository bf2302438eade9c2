//! Roots of trust on generated certificates (`tests/fixtures/trust`, made by
//! `scripts/gen-test-certs.py`): fingerprints, subjects and expiry read as openssl printed them
//! (the README records openssl's output), the trust findings on each export, the gate, and the
//! metadata-only Secret export run through kubectl's own go-template engine.

// These tests read fixtures and run kubectl on what the library produced.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

mod common;

use std::process::Command as Process;

use common::{fixture_input, read, repo_fixtures, require_kubectl, scratch, write};
use istio2asm_core::analysis::analyze;
use istio2asm_core::codes::{Code, Severity};
use istio2asm_core::collect::SECRET_HEADERS_TEMPLATE;
use istio2asm_core::gate::{GateId, Verdict};
use istio2asm_core::load::Input;
use istio2asm_core::settings::Settings;
use istio2asm_core::state::State;
use istio2asm_core::Analysis;

/// The fixtures' "now" (their README): `expiring` has 19 days left, `expired` is 30 days past.
fn settings() -> Settings {
    Settings {
        as_of: Some("2026-12-01".into()),
        ..Settings::default()
    }
}

fn run(files: &[&str], asm: &[&str], settings: &Settings) -> Analysis {
    let inputs = files.iter().map(|f| fixture_input("trust", f)).collect();
    let asm = asm.iter().map(|f| fixture_input("trust", f)).collect();
    analyze(inputs, asm, settings)
}

fn codes(a: &Analysis) -> Vec<(Code, Severity)> {
    a.findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("MIG7"))
        .map(|f| (f.code, f.severity))
        .collect()
}

#[test]
fn fingerprints_subjects_and_expiry_are_what_openssl_printed() {
    let readme = read(&repo_fixtures().join("trust/README.md"));
    // `$ openssl x509 -in FILE ...` followed by the fingerprint, subject and notAfter lines.
    let mut checked = 0;
    for block in readme.split("$ openssl x509 -in ").skip(1) {
        let mut lines = block.lines();
        let file = lines.next().unwrap().split(' ').next().unwrap();
        // openssl's refusals (not-a-cert.pem, garbage.txt) are MIG708's business.
        let Some(fingerprint) = lines
            .next()
            .and_then(|l| l.strip_prefix("sha256 Fingerprint="))
        else {
            continue;
        };
        let subject = lines.next().unwrap().strip_prefix("subject=").unwrap();
        let end = lines.next().unwrap();
        let pem = read(&repo_fixtures().join("trust").join(file));
        let body: String = pem.lines().map(|l| format!("    {l}\n")).collect();
        let yaml = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: default\ndata:\n  root-cert.pem: |\n{body}");
        let a = analyze(vec![Input::new(file, yaml)], Vec::new(), &settings());
        let roots = &a.trust.cluster.roots;
        let root = roots
            .iter()
            .find(|r| r.sha256 == fingerprint)
            .unwrap_or_else(|| panic!("{file}: {fingerprint} not in {roots:?}"));
        // openssl 3 writes `O = cluster.local`; RFC 4514 `O=cluster.local`.
        assert_eq!(root.subject, subject.replace(" = ", "="), "{file}");
        assert_eq!(root.openssl_end_date(), end, "{file}");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} certificates in the README");
}

#[test]
fn each_export_gets_its_findings() {
    let s = settings();
    assert_eq!(codes(&run(&["one-root.yaml"], &[], &s)), []);
    assert_eq!(codes(&run(&["bundle.yaml"], &[], &s)), []);
    assert_eq!(run(&["bundle.yaml"], &[], &s).trust.cluster.roots.len(), 2);
    // No migration resource: the gate of Migrating lies ahead, so its findings are information.
    assert_eq!(
        codes(&run(&["two-writers.yaml"], &[], &s)),
        [(Code::Mig701, Severity::Info)]
    );
    assert_eq!(
        codes(&run(&["expiring.yaml"], &[], &s)),
        [(Code::Mig703, Severity::Warning)]
    );
    assert_eq!(
        codes(&run(&["expired.yaml"], &[], &s)),
        [(Code::Mig703, Severity::Error)]
    );
    let malformed = codes(&run(&["malformed.yaml"], &[], &s));
    assert_eq!(malformed, [(Code::Mig708, Severity::Warning); 3]);
}

#[test]
fn a_different_asm_root_fails_the_gate_into_migrating_unless_handled() {
    let cr = "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: SetupIstioForMigrate\n  retryCounter: 0\nstatus:\n  message: \"\"\n  retryCounter: 0\n  state: SetupIstioForMigrate\n";
    let verdict = |settings: &Settings| {
        let inputs = vec![
            fixture_input("trust", "one-root.yaml"),
            Input::new("asm-migrate.yaml", cr),
        ];
        let a = analyze(
            inputs,
            vec![fixture_input("trust", "asm-side.yaml")],
            settings,
        );
        let gate = a
            .gates
            .iter()
            .find(|g| g.id == GateId::RootsOfTrust && g.into == State::Migrating)
            .unwrap()
            .verdict;
        (codes(&a), gate)
    };
    assert_eq!(
        verdict(&settings()),
        (vec![(Code::Mig702, Severity::Error)], Verdict::Fail)
    );
    let handled = Settings {
        trust_handled: true,
        ..settings()
    };
    assert_eq!(
        verdict(&handled),
        (vec![(Code::Mig702, Severity::Warning)], Verdict::Warn)
    );
}

/// The Secret export's template, applied by kubectl to each Secret (kubectl's `patch --local`
/// prints an object through `-o go-template` without a cluster), loads as Secret headers: names,
/// labels and the cluster annotation, and no value.
#[test]
fn the_secret_names_export_keeps_headers_and_no_value() {
    require_kubectl();
    let dir = scratch("secret-names");
    // kubectl applies the template to each object of a `patch --local`, not to a List: take the
    // per-item body of the template.
    let inner = SECRET_HEADERS_TEMPLATE
        .strip_prefix("go-template={{range .items}}")
        .and_then(|t| t.strip_suffix("{{end}}"))
        .expect("the template ranges over .items");
    let secrets = [
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-remote-secret-west\n  namespace: istio-system\n  labels:\n    istio/multiCluster: \"true\"\n  annotations:\n    networking.istio.io/cluster: \"we\\\"st: 'x'\\n\"\n    kubectl.kubernetes.io/last-applied-configuration: planted-secret-value\nstringData:\n  west: planted-secret-value\n",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\ndata:\n  ca-key.pem: cGxhbnRlZC1zZWNyZXQtdmFsdWU=\n",
    ];
    let mut export = String::new();
    for (index, secret) in secrets.iter().enumerate() {
        let path = dir.join(format!("secret-{index}.yaml"));
        write(&path, secret);
        let out = Process::new("kubectl")
            .args(["patch", "--local", "--type=merge", "-p", "{}", "-o"])
            .arg(format!("go-template={inner}"))
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        export.push_str(&String::from_utf8(out.stdout).unwrap());
        export.push('\n');
    }
    assert!(
        !export.contains("planted") && !export.contains("cGxhbnRlZC"),
        "{export}"
    );
    let a = analyze(
        vec![Input::new("istio-system-secret-names.yaml", export.clone())],
        Vec::new(),
        &settings(),
    );
    assert!(
        !a.findings.iter().any(|f| f.code == Code::Mig004),
        "{export}"
    );
    let names: Vec<&str> = a.bundle.secrets.iter().map(|s| s.name()).collect();
    assert_eq!(names, ["istio-remote-secret-west", "cacerts"], "{export}");
    let remote = &a.bundle.secrets[0].meta;
    assert_eq!(remote.label("istio/multiCluster"), Some("true"));
    assert_eq!(
        remote.annotation("networking.istio.io/cluster"),
        Some("we\"st: 'x'\n")
    );
    assert!(a.findings.iter().any(|f| f.code == Code::Mig704));
}

/// Every trust finding and the plan's trust step read in Chinese with the same commands, codes
/// and objects as in English.
#[test]
fn trust_findings_and_the_step_speak_both_languages_alike() {
    use istio2asm_core::i18n::Lang;
    use istio2asm_core::plan;
    let cr = "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: SetupIstioForMigrate\n  retryCounter: 0\nstatus:\n  message: \"\"\n  retryCounter: 0\n  state: SetupIstioForMigrate\n";
    // Each export once (the same ConfigMap in two files would be a duplicate): the roots of
    // two writers with the Secret names and mesh configs, then the expiring and malformed ones.
    let run = |lang, files: &[&str]| {
        let settings = Settings { lang, ..settings() };
        let mut inputs: Vec<Input> = files.iter().map(|f| fixture_input("trust", f)).collect();
        inputs.push(Input::new("asm-migrate.yaml", cr));
        let asm = vec![
            fixture_input("trust", "asm-side.yaml"),
            fixture_input("trust", "asm-mesh-config.yaml"),
        ];
        analyze(inputs, asm, &settings)
    };
    let first = ["two-writers.yaml", "secret-names.yaml", "mesh-configs.yaml"];
    let (en, zh) = (run(Lang::En, &first), run(Lang::ZhCn, &first));
    let vars = istio2asm_core::kubectl::KubeconfigVars::default();
    let shape = |a: &Analysis| {
        a.findings
            .iter()
            .filter(|f| f.code.as_str().starts_with("MIG7"))
            .map(|f| {
                let commands: Vec<String> = f.commands.iter().map(|c| c.render(&vars)).collect();
                (f.code, f.severity, f.object.clone(), commands)
            })
            .collect::<Vec<_>>()
    };
    let codes: std::collections::BTreeSet<Code> = shape(&en).iter().map(|s| s.0).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [Code::Mig701, Code::Mig702, Code::Mig704, Code::Mig705]
    );
    let second = ["expiring.yaml", "malformed.yaml"];
    let (en2, zh2) = (run(Lang::En, &second), run(Lang::ZhCn, &second));
    let codes: std::collections::BTreeSet<Code> = shape(&en2).iter().map(|s| s.0).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [Code::Mig702, Code::Mig703, Code::Mig708]
    );
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (en, zh) in [(&en, &zh), (&en2, &zh2)] {
        assert_eq!(shape(en), shape(zh));
        for f in zh
            .findings
            .iter()
            .filter(|f| f.code.as_str().starts_with("MIG7"))
        {
            assert!(chinese(&f.message), "{}", f.message);
            assert!(chinese(&f.help_text(Lang::ZhCn)), "{:?}", f.help);
        }
    }
    let step = |a: &Analysis| {
        plan::plan(a, false)
            .phases
            .iter()
            .flat_map(|p| p.steps.iter())
            .find(|s| s.id == "roots-of-trust")
            .cloned()
            .expect("the roots-of-trust step")
    };
    let (en_step, zh_step) = (step(&en), step(&zh));
    assert_eq!(
        en_step
            .verify
            .iter()
            .map(|v| &v.command)
            .collect::<Vec<_>>(),
        zh_step
            .verify
            .iter()
            .map(|v| &v.command)
            .collect::<Vec<_>>()
    );
    assert!(chinese(&zh_step.title) && chinese(&zh_step.why));
    assert!(zh_step.verify.iter().all(|v| chinese(&v.expect)));
    // ASM's root is in its export: verified from there, not by GetCaCert.
    assert_eq!(en_step.verify.len(), 3, "{:?}", en_step.verify);
    assert!(en_step.needs.is_empty(), "{:?}", en_step.needs);
}
