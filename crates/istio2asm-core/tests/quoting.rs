//! Quoting: any argument survives `Command::render` and bash word for word (property test), so
//! a rendered command reaches its program with exactly its argv, the kubeconfig variable being
//! the only expansion.

mod common;

use std::process::Command as Process;

use common::vars;
use istio2asm_core::kubectl::{Command, Target};
use proptest::prelude::*;

/// Words that mean something to bash, and any text at all (never a NUL: no argv can hold one).
fn hostile_word() -> impl Strategy<Value = String> {
    prop_oneof![
        r#"[ '"`$(){}\\\n\t*?\[\]~#!&|;<>=%@,.:/+\x{202E}é中a-z-]{0,16}"#,
        prop::collection::vec(any::<char>(), 0..12)
            .prop_map(|chars| chars.into_iter().filter(|c| *c != '\0').collect()),
        prop::sample::select(vec![
            "",
            "'",
            "\"",
            "`id`",
            "$(id)",
            "${HOME}",
            "$K8S_KUBECONFIG",
            "\\",
            "a\nb",
            "\t",
            " ",
            "*",
            "?",
            "[a]",
            "~",
            "~root",
            "#x",
            "!!",
            "-n",
            "--kubeconfig=/etc/passwd",
            "\u{202E}evil",
            "'\\''",
        ])
        .prop_map(String::from),
    ]
}

proptest! {
    // About 200 cases, each one bash process: a few seconds. Failures are shown shrunk; nothing
    // is persisted next to the sources.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn rendered_commands_reach_the_program_word_for_word(
        asm in any::<bool>(),
        namespace in hostile_word(),
        resource in hostile_word(),
        name in hostile_word(),
        object in hostile_word(),
        args in prop::collection::vec(hostile_word(), 0..5),
    ) {
        let target = if asm { Target::Asm } else { Target::Cluster };
        let command = Command::kubectl(target, "get")
            .resource(resource)
            .name(name)
            .object("pod", object)
            .args(args)
            .in_namespace(&namespace);
        let rendered = command.render(&vars());
        let script = format!("printf '%s\\0' {rendered}");
        let output = Process::new("bash")
            .arg("-c")
            .arg(&script)
            // Paths with spaces: the variable must stay one word.
            .env("K8S_KUBECONFIG", "/k/cluster dir/config")
            .env("ASM_KUBECONFIG", "/k/asm dir/config")
            .output()
            .unwrap_or_else(|e| panic!("bash: {e}"));
        prop_assert!(output.status.success(), "{rendered}: {}", String::from_utf8_lossy(&output.stderr));
        let mut expected = command.argv(&vars());
        expected[1] = format!(
            "--kubeconfig=/k/{} dir/config",
            if asm { "asm" } else { "cluster" }
        );
        let expected: Vec<u8> = expected
            .iter()
            .flat_map(|w| w.bytes().chain([0]))
            .collect();
        prop_assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&expected),
            "rendered as {}", rendered
        );
    }
}
