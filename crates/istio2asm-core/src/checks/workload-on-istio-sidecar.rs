//! # MIG501 workload-on-istio-sidecar
//!
//! ## What it finds
//!
//! In Migrating (or when the switch to it was asked for), each workload whose running pods still use
//! community Istio's sidecar, with the label patch that moves it to ASM's proxy. This is progress,
//! not a problem.
//!
//! ## Why it matters
//!
//! Every workload has to be switched before the Finished gate (MIG601) can pass; this list is what
//! is left.
//!
//! ## How to fix
//!
//! Add the ASM opt-in label to the pod template (default `sidecar.asm.aliyun.com/inject: "true"`,
//! a setting) in waves; the rollout then recreates the pods with ASM's proxy. Roll back with the
//! same patch and `null` as the value.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop patch deployment cart --type=merge -p '{"spec":{"template":{"metadata":{"labels":{"sidecar.asm.aliyun.com/inject":"true"}}}}}'
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:700:3: info[MIG501]: deployment/cart in shop: still on Istio's proxy 1.22.3 (2 pods (cart-7d9f8b6c4d-2xkqp, cart-7d9f8b6c4d-9vbnm))`

use crate::checks::support::{by_owner, pod_list};
use crate::checks::Context;
use crate::codes::Code;
use crate::commands::template_label_patch;
use crate::detect::{Flavor, OwnerKind, Role};
use crate::finding::Finding;
use crate::model::WorkloadKind;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let migrating = cx.migration.state >= State::Migrating
        || cx.migration.desired.is_some_and(|d| d >= State::Migrating);
    if !migrating {
        return;
    }
    let settings = cx.settings;
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |_| true) {
        let first = &cx.bundle.pods[proxies[0].pod];
        // Injected by hand (MIG509): the label does not switch it; the plan re-deploys it.
        let by_hand = cx
            .facts
            .manual_injection(&owner.namespace, &owner.name)
            .is_some();
        let commands = match owner.kind {
            _ if by_hand => Vec::new(),
            OwnerKind::Workload(
                kind @ (WorkloadKind::Deployment
                | WorkloadKind::StatefulSet
                | WorkloadKind::DaemonSet),
            ) => vec![template_label_patch(
                kind,
                &owner.namespace,
                &owner.name,
                &settings.asm_label_key,
                Some(&settings.asm_label_value),
            )],
            _ => Vec::new(),
        };
        out.push(
            Finding::new(
                Code::Mig501,
                t!(
                    cx.lang,
                    "mig501-on-istio",
                    owner = owner.display(),
                    at_ns = in_namespace(cx.lang, &owner.namespace),
                    tag = &proxies[0].tag,
                    pods = pod_list(cx.lang, cx.bundle, &proxies),
                    by_hand = if by_hand {
                        t!(cx.lang, "mig501-by-hand")
                    } else {
                        String::new()
                    },
                ),
            )
            .at(first.object_ref(), first.span)
            .commands(commands),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    const POD: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9f8b6c4d-2xkqp
  namespace: shop
  labels:
    app: cart
    pod-template-hash: 7d9f8b6c4d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: cart-7d9f8b6c4d
    controller: true
spec:
  containers:
  - name: cart
    image: shop/cart:2.1
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
    env:
    - name: PROXY_CONFIG_XDS_AGENT
      value: "true"
status:
  phase: Running
"#;

    #[test]
    fn while_migrating_each_workload_on_istio_is_listed_with_its_switch() {
        let yaml = POD.to_string() + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig501),
            [(
                Severity::Info,
                "deployment/cart in shop: still on Istio's proxy 1.22.3 (1 pod (cart-7d9f8b6c4d-2xkqp))"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig501),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop patch deployment cart --type=merge -p '{"spec":{"template":{"metadata":{"labels":{"sidecar.asm.aliyun.com/inject":"true"}}}}}'"#
            ]]
        );
    }

    #[test]
    fn a_switch_to_migrating_in_progress_counts_and_bare_pods_get_no_patch() {
        let in_progress = cr("SetupIstioForMigrate").replace(
            "desiredState: SetupIstioForMigrate",
            "desiredState: Migrating",
        );
        let bare = POD.replace(
            "  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: cart-7d9f8b6c4d\n    controller: true\n",
            "",
        );
        let yaml = bare + &in_progress;
        let found = check(&yaml, Code::Mig501);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("pod/cart-7d9f8b6c4d-2xkqp in shop: still on Istio's proxy"),
            "{}",
            found[0].1
        );
        assert_eq!(commands(&yaml, Code::Mig501), [Vec::<String>::new()]);
    }

    #[test]
    fn statefulsets_get_the_patch_with_their_resource_type() {
        let sts = POD.replace("cart-7d9f8b6c4d-2xkqp", "redis-0").replace(
            "kind: ReplicaSet\n    name: cart-7d9f8b6c4d",
            "kind: StatefulSet\n    name: redis",
        );
        let rendered = commands(&(sts + &cr("Migrating")), Code::Mig501);
        assert!(
            rendered[0][0].contains(" -n shop patch statefulset redis --type=merge"),
            "{}",
            rendered[0][0]
        );
    }

    #[test]
    fn asm_gateway_finished_pods_and_earlier_phases_are_not_listed() {
        let asm = POD.replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        let gateway = POD.replace("args: [proxy, sidecar]", "args: [proxy, router]");
        let done = POD.replace("phase: Running", "phase: Succeeded");
        for pod in [asm, gateway, done] {
            assert_eq!(
                check(&(pod.clone() + &cr("Migrating")), Code::Mig501),
                [],
                "{pod}"
            );
        }
        assert_eq!(
            check(
                &(POD.to_string() + &cr("SetupIstioForMigrate")),
                Code::Mig501
            ),
            []
        );
        assert_eq!(check(&(POD.to_string() + &cr("Init")), Code::Mig501), []);
    }
}
