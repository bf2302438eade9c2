//! # MIG003 duplicate-object
//!
//! ## What it finds
//!
//! The same object twice in the inputs: same API group, kind, namespace and name. The API
//! version is ignored, so a VirtualService exported once as `v1beta1` and once as `v1` counts
//! as one object. The finding points at the second copy and lists where the first one is.
//!
//! ## Why it matters
//!
//! The first copy is used and the second is ignored. When the two come from exports taken at
//! different times, the first may be stale: a pod restarted since then, or a route changed, and
//! gates and commands are computed from the old copy.
//!
//! ## How to fix
//!
//! Export each resource type once and load one consistent set of files taken at the same time;
//! delete older exports from the input directory.
//!
//! If you need a fresh copy of part of the cluster, replace the old file rather than adding a new
//! one next to it, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml
//! ```
//!
//! ## Example
//!
//! Loading `istio-config.yaml` and then an older `old/istio-config.yaml` that also holds
//! VirtualService `bookinfo/reviews`:
//!
//! ```text
//! old/istio-config.yaml:212:3: warning[MIG003]: VirtualService bookinfo/reviews appears twice; the first copy is used
//! ```

// Raised in crate::model.
