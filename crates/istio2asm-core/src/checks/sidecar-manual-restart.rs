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

use crate::analysis::Context;
use crate::checks::support::{by_owner, pod_list, restart, Restart};
use crate::commands::{delete_pod, get_pod_yaml, job_from_cronjob};
use crate::detect::{Flavor, Role};
use crate::finding::{Code, Finding};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |p| !p.xds_agent) {
        let method = restart(cx.bundle, owner);
        let pods = pod_list(cx.bundle, &proxies);
        let mut names: Vec<&str> = proxies.iter().map(|p| cx.bundle.pods[p.pod].name()).collect();
        // Highest ordinal first, as a StatefulSet's own rolling update does.
        names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(b.cmp(a)));
        let ns = owner.namespace.as_str();
        let (message, commands) = match method {
            Restart::Rollout(_) => continue,
            Restart::OnDelete => (
                format!("{} in {ns} uses updateStrategy OnDelete: delete its {pods} one at a time, waiting for each to be Ready", owner.display()),
                names.iter().map(|n| delete_pod(ns, n)).collect(),
            ),
            Restart::Job => (
                format!("{} in {ns} is a Job: let its {pods} finish, or delete and re-create the Job", owner.display()),
                Vec::new(),
            ),
            Restart::CronJob => (
                format!("{} in {ns} is a CronJob: its next run picks the change up; its {pods} still run the old configuration", owner.display()),
                vec![job_from_cronjob(ns, &owner.name)],
            ),
            Restart::Bare => (
                format!("{} in {ns} is a bare pod: re-create it from its original manifest", owner.display()),
                vec![get_pod_yaml(ns, &owner.name), delete_pod(ns, &owner.name)],
            ),
            Restart::Other(kind) => (
                format!("{} in {ns} is managed by a {kind}: restart its {pods} through that controller", owner.display()),
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
}
