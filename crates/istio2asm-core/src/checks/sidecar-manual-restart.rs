//! # MIG403 sidecar-manual-restart
//!
//! ## What it finds
//!
//! Istio sidecar pods lacking `PROXY_CONFIG_XDS_AGENT=true` whose owner cannot be restarted with
//! `kubectl rollout restart`: StatefulSets with `updateStrategy: OnDelete`, Jobs, CronJobs, bare
//! pods, and pods of other controllers.
//!
//! ## Why it matters
//!
//! They block the switch to Migrating like any other sidecar (MIG402), but a rollout restart either
//! does nothing (OnDelete) or does not exist for them, so they need a method of their own and a
//! person's attention.
//!
//! ## How to fix
//!
//! OnDelete StatefulSets: delete the pods one at a time, highest ordinal first, waiting for each to
//! be Ready. Jobs: let them finish, or delete and re-create them. CronJobs: the next run picks the
//! change up; run one now with `kubectl create job --from=cronjob/NAME`. Bare pods: re-create them
//! from their original manifest (not from the injected export, which keeps the old sidecar).
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod redis-2
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: StatefulSet
//! metadata: {name: redis, namespace: shop}
//! spec:
//!   updateStrategy:
//!     type: OnDelete
//! ```
//!
//! `cluster.yaml:940:3: warning[MIG403]: statefulset/redis in shop uses updateStrategy OnDelete: delete its 3 pods one at a time`

use crate::checks::support::{by_owner, pod_list};
use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::commands::{delete_pod, get_pod_yaml, job_from_cronjob, on_delete_recreate};
use crate::detect::injected_by_hand;
use crate::detect::{restart, Restart};
use crate::detect::{Flavor, Role};
use crate::finding::Finding;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |p| !p.xds_agent) {
        let method = restart(cx.bundle, owner);
        let pods = pod_list(cx.lang, cx.bundle, &proxies);
        let ns = owner.namespace.as_str();
        let at_ns = in_namespace(cx.lang, ns);
        let (message, commands) = match method {
            Restart::Rollout(_) => continue,
            Restart::OnDelete => (
                t!(
                    cx.lang,
                    "mig403-on-delete",
                    owner = owner.display(),
                    at_ns = &at_ns,
                    pods = &pods
                ),
                on_delete_recreate(cx.bundle, cx.facts, owner, |p| !p.xds_agent),
            ),
            Restart::Job => (
                t!(
                    cx.lang,
                    "mig403-job",
                    owner = owner.display(),
                    at_ns = &at_ns,
                    pods = &pods
                ),
                Vec::new(),
            ),
            Restart::CronJob => (
                t!(
                    cx.lang,
                    "mig403-cronjob",
                    owner = owner.display(),
                    at_ns = &at_ns,
                    pods = &pods
                ),
                vec![job_from_cronjob(ns, &owner.name)],
            ),
            Restart::Bare => (
                t!(
                    cx.lang,
                    "mig403-bare",
                    owner = owner.display(),
                    at_ns = &at_ns
                ),
                vec![get_pod_yaml(ns, &owner.name), delete_pod(ns, &owner.name)],
            ),
            Restart::ByHand => (
                t!(
                    cx.lang,
                    "mig403-by-hand",
                    owner = owner.display(),
                    at_ns = &at_ns,
                    pods = &pods
                ),
                Vec::new(),
            ),
            Restart::Other(kind) => (
                t!(
                    cx.lang,
                    "mig403-other",
                    owner = owner.display(),
                    at_ns = &at_ns,
                    kind = kind.as_str(),
                    pods = &pods
                ),
                Vec::new(),
            ),
        };
        let first = &cx.bundle.pods[proxies[0].pod];
        out.push(
            Finding::new(Code::Mig403, message)
                .at(first.object_ref(), first.span)
                .commands(commands)
                .gate(State::Migrating),
        );
    }
    // Injected by hand, pods not exported: the template says whether they have the agent.
    for manual in &cx.facts.manual_injections {
        let exported =
            cx.facts.proxies.iter().any(|p| {
                p.owner.namespace == manual.namespace() && p.owner.name == manual.object.name
            });
        let has_agent = cx
            .bundle
            .workload(manual.kind, manual.namespace(), &manual.object.name)
            .and_then(|w| injected_by_hand(&w.body))
            .is_some_and(|(proxy, _)| proxy.env("PROXY_CONFIG_XDS_AGENT") == Some("true"));
        if exported || has_agent {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig403,
                t!(
                    cx.lang,
                    "mig403-by-hand-template",
                    object = format!("{}/{}", manual.kind.resource(), manual.object.name),
                    at_ns = in_namespace(cx.lang, manual.namespace()),
                ),
            )
            .at(manual.object.clone(), manual.span)
            // No pod was exported, so no MIG402 blocks the gate for these: this does.
            .severity(Severity::Error)
            .gate(State::Migrating),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    /// A pod with Istio's sidecar, owned by `owner` (a YAML ownerReferences block, or "").
    fn pod(name: &str, owner: &str, phase: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: shop{owner}
spec:
  containers:
  - name: app
    image: shop/app:1
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
status:
  phase: {phase}
"#
        )
    }

    fn owned_by(kind: &str, name: &str) -> String {
        format!("\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: {kind}\n    name: {name}\n    controller: true")
    }

    const ON_DELETE: &str = r#"---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: shop
spec:
  replicas: 3
  updateStrategy:
    type: OnDelete
"#;

    fn at_setup(yaml: &str) -> String {
        yaml.to_string() + &cr("SetupIstioForMigrate")
    }

    #[test]
    fn on_delete_statefulset_pods_are_deleted_highest_ordinal_first() {
        let owner = owned_by("StatefulSet", "redis");
        let yaml = at_setup(
            &(ON_DELETE.to_string()
                + &pod("redis-0", &owner, "Running")
                + &pod("redis-1", &owner, "Running")
                + &pod("redis-10", &owner, "Running")),
        );
        assert_eq!(
            check(&yaml, Code::Mig403),
            [(
                Severity::Warning,
                "statefulset/redis in shop uses updateStrategy OnDelete: delete its 3 pods (redis-0, redis-1, redis-10) one at a time, waiting for each to be Ready"
                    .to_string()
            )]
        );
        let delete = |pod: &str| {
            format!(r#"kubectl --kubeconfig="${{K8S_KUBECONFIG}}" -n shop delete pod {pod}"#)
        };
        // After each delete, the wait for every replica to be ready again, as the plan does.
        let wait = r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop wait '--for=jsonpath={.status.readyReplicas}=3' statefulset/redis --timeout=10m"#;
        assert_eq!(
            commands(&yaml, Code::Mig403),
            [[
                delete("redis-10"),
                wait.to_string(),
                delete("redis-1"),
                wait.to_string(),
                delete("redis-0"),
                wait.to_string()
            ]]
        );
        // The pods still block the gate (MIG402), without a rollout command.
        let blocking = check(&yaml, Code::Mig402);
        assert_eq!(blocking.len(), 1, "{blocking:?}");
        assert_eq!(blocking[0].0, Severity::Error);
        assert!(commands(&yaml, Code::Mig402)[0]
            .iter()
            .all(|c| !c.contains("rollout")));
    }

    #[test]
    fn a_job_and_a_cronjob_have_their_own_method() {
        let job = at_setup(&pod(
            "migrate-db-x8k2p",
            &owned_by("Job", "migrate-db"),
            "Running",
        ));
        let found = check(&job, Code::Mig403);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert_eq!(
            found[0].1,
            "job/migrate-db in shop is a Job: let its 1 pod (migrate-db-x8k2p) finish, or delete and re-create the Job"
        );
        let cron_job = r#"---
apiVersion: batch/v1
kind: Job
metadata:
  name: report-28900000
  namespace: shop
  ownerReferences:
  - apiVersion: batch/v1
    kind: CronJob
    name: report
    controller: true
"#;
        let yaml = at_setup(
            &(cron_job.to_string()
                + &pod(
                    "report-28900000-q7w8e",
                    &owned_by("Job", "report-28900000"),
                    "Running",
                )),
        );
        let found = check(&yaml, Code::Mig403);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.starts_with(
                "cronjob/report in shop is a CronJob: its next run picks the change up"
            ),
            "{}",
            found[0].1
        );
        assert_eq!(
            commands(&yaml, Code::Mig403),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop create job --from=cronjob/report report-asm-migrate"#
            ]]
        );
    }

    #[test]
    fn a_bare_pod_is_recreated_from_its_manifest() {
        let yaml = at_setup(&pod("debug-shell", "", "Running"));
        assert_eq!(
            check(&yaml, Code::Mig403),
            [(
                Severity::Warning,
                "pod/debug-shell in shop is a bare pod: re-create it from its original manifest"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig403),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get pod debug-shell -o yaml"#,
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod debug-shell"#,
            ]]
        );
    }

    #[test]
    fn a_replica_set_without_a_deployment_is_restarted_through_it() {
        // No pod-template-hash label and no exported ReplicaSet: the ReplicaSet is the owner.
        let yaml = at_setup(&pod(
            "legacy-abcde",
            &owned_by("ReplicaSet", "legacy"),
            "Running",
        ));
        let found = check(&yaml, Code::Mig403);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("replicaset/legacy in shop is managed by a ReplicaSet"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn rolling_workloads_and_finished_pods_need_nothing_manual() {
        let rolling = ON_DELETE.replace("OnDelete", "RollingUpdate");
        let owner = owned_by("StatefulSet", "redis");
        assert_eq!(
            check(
                &at_setup(&(rolling + &pod("redis-0", &owner, "Running"))),
                Code::Mig403
            ),
            []
        );
        let done = pod(
            "migrate-db-x8k2p",
            &owned_by("Job", "migrate-db"),
            "Succeeded",
        );
        assert_eq!(check(&at_setup(&done), Code::Mig403), []);
        let failed = pod("debug-shell", "", "Failed");
        assert_eq!(check(&at_setup(&failed), Code::Mig403), []);
    }

    #[test]
    fn before_the_first_switch_it_is_information() {
        let yaml = pod("debug-shell", "", "Running") + &cr("Init");
        assert_eq!(check(&yaml, Code::Mig403)[0].0, Severity::Info);
    }

    #[test]
    fn a_template_injected_by_hand_without_the_agent_needs_a_new_injection() {
        let yaml = crate::checks::workload_manually_injected::tests::injected("hello", "shop")
            + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig403);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error, "the next gate's finding");
        assert!(
            found[0].1.starts_with("deployment/hello in shop was injected by hand (MIG509) without PROXY_CONFIG_XDS_AGENT"),
            "{}",
            found[0].1
        );
        let with_agent = crate::checks::workload_manually_injected::tests::injected("hello", "shop")
            .replace(
                "        args: [proxy, sidecar]\n",
                "        args: [proxy, sidecar]\n        env:\n        - name: PROXY_CONFIG_XDS_AGENT\n          value: \"true\"\n",
            )
            + &cr("SetupIstioForMigrate");
        assert_eq!(check(&with_agent, Code::Mig403), []);
    }
}
