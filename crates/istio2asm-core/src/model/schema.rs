//! What the model reads of each kind, as the pruning schema the parser applies while it reads: the
//! fields of pods and workloads that no summary uses are skipped without being allocated, and
//! only the environment variables the tool reads keep their values.

use crate::node::{Keep, Schema};

/// Environment variables whose values are kept; every other value is dropped on load.
pub const KEPT_ENV: [&str; 6] = [
    "PROXY_CONFIG_XDS_AGENT",
    "ISTIO_META_NETWORK",
    "ASM_ID",
    "REVISION",
    "ISTIO_META_CLUSTER_ID",
    // istiod's name for its cluster (a multi-cluster mesh's cluster names must differ).
    "CLUSTER_ID",
];

const META: Keep = Keep::Fields(&[
    ("annotations", Keep::All),
    ("labels", Keep::All),
    ("name", Keep::All),
    ("namespace", Keep::All),
    ("ownerReferences", Keep::All),
    ("uid", Keep::All),
]);
const ENV_VAR: Keep = Keep::EnvVar(&KEPT_ENV);
const PORT: Keep = Keep::Fields(&[("containerPort", Keep::All), ("name", Keep::All)]);
const CONTAINER: Keep = Keep::Fields(&[
    ("args", Keep::All),
    ("env", Keep::Items(&ENV_VAR)),
    ("image", Keep::All),
    ("lifecycle", Keep::Fields(&[("preStop", Keep::Fields(&[]))])),
    ("name", Keep::All),
    ("ports", Keep::Items(&PORT)),
    ("restartPolicy", Keep::All),
]);
const TEMPLATE: Keep = Keep::Fields(&[
    (
        "metadata",
        Keep::Fields(&[("annotations", Keep::All), ("labels", Keep::All)]),
    ),
    ("spec", POD_SPEC),
]);
const POD_SPEC: Keep = Keep::Fields(&[
    ("containers", Keep::Items(&CONTAINER)),
    ("hostNetwork", Keep::All),
    ("initContainers", Keep::Items(&CONTAINER)),
    ("terminationGracePeriodSeconds", Keep::All),
]);
const WORKLOAD_SPEC: Keep = Keep::Fields(&[
    ("replicas", Keep::All),
    ("selector", Keep::All),
    ("strategy", Keep::Fields(&[("type", Keep::All)])),
    ("template", TEMPLATE),
    ("updateStrategy", Keep::Fields(&[("type", Keep::All)])),
]);
const CRONJOB_SPEC: Keep = Keep::Fields(&[(
    "jobTemplate",
    Keep::Fields(&[("spec", Keep::Fields(&[("template", TEMPLATE)]))]),
)]);
const POD_STATUS: Keep = Keep::Fields(&[("phase", Keep::All)]);
const NOTHING: Keep = Keep::Fields(&[]);
const ALL: Keep = Keep::All;

/// The schema the loader hands to the parser for the cluster's objects.
pub const SCHEMA: Schema = Schema::new(keep_for);

/// The rule for a top-level field of an object of `kind` (`metadata`, `spec`, `status`). Only the
/// kinds that are summarised (see the model) are pruned; everything else is kept whole.
fn keep_for(kind: &str, field: &str) -> &'static Keep {
    let summarised = matches!(
        kind,
        "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob"
    );
    match (kind, field) {
        (_, "metadata") if summarised => &META,
        ("Pod", "spec") => &POD_SPEC,
        ("Pod", "status") => &POD_STATUS,
        ("CronJob", "spec") => &CRONJOB_SPEC,
        (_, "spec") if summarised => &WORKLOAD_SPEC,
        (_, "status") if summarised => &NOTHING,
        // A Secret's values are never allocated: only whether it had any is kept.
        ("Secret", "data" | "stringData") => &NOTHING,
        _ => &ALL,
    }
}
