//! How the pods of an owner get restarted: the one classification the findings (MIG402, MIG403,
//! MIG404) and the plan's waves share.

use crate::model::{Bundle, WorkloadKind};

use super::{injected_by_hand, Owner, OwnerKind};

/// Whether a pod still runs (not `Succeeded` or `Failed`): finished pods run no proxy.
pub fn is_live(bundle: &Bundle, pod: usize) -> bool {
    !matches!(
        bundle.pods[pod].body.phase.as_deref(),
        Some("Succeeded" | "Failed")
    )
}

/// How pods of an owner get restarted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restart {
    /// `kubectl rollout restart` of a Deployment, a RollingUpdate StatefulSet or DaemonSet.
    Rollout(WorkloadKind),
    /// A StatefulSet or DaemonSet with `updateStrategy: OnDelete`: delete pods one at a time.
    OnDelete,
    /// A Job: let it finish, or delete and re-create it.
    Job,
    /// A CronJob: the next run picks the change up, or run one now.
    CronJob,
    /// A bare pod: re-create it from its original manifest.
    Bare,
    /// A ReplicaSet without a Deployment, or another controller: restart through it.
    Other(String),
    /// The pod template holds Istio's proxy, injected by hand (`istioctl kube-inject`): a restart
    /// brings back the proxy with the settings it was injected with.
    ByHand,
}

/// The restart method for an owner.
pub fn restart(bundle: &Bundle, owner: &Owner) -> Restart {
    if let OwnerKind::Workload(kind) = owner.kind {
        let workload = bundle.workload(kind, &owner.namespace, &owner.name);
        if workload.is_some_and(|w| injected_by_hand(&w.body).is_some()) {
            return Restart::ByHand;
        }
    }
    match &owner.kind {
        OwnerKind::Workload(kind @ (WorkloadKind::StatefulSet | WorkloadKind::DaemonSet)) => {
            let on_delete = bundle
                .workload(*kind, &owner.namespace, &owner.name)
                .is_some_and(|w| w.body.strategy.as_deref() == Some("OnDelete"));
            if on_delete {
                Restart::OnDelete
            } else {
                Restart::Rollout(*kind)
            }
        }
        OwnerKind::Workload(WorkloadKind::Deployment) => Restart::Rollout(WorkloadKind::Deployment),
        OwnerKind::Workload(WorkloadKind::Job) => Restart::Job,
        OwnerKind::Workload(WorkloadKind::CronJob) => Restart::CronJob,
        OwnerKind::Bare => Restart::Bare,
        OwnerKind::Workload(WorkloadKind::ReplicaSet) => Restart::Other("ReplicaSet".into()),
        OwnerKind::Other(kind) => Restart::Other(kind.clone()),
    }
}
