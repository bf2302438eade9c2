//! # MIG001 yaml-syntax
//!
//! ## What it finds
//!
//! A YAML or JSON document that does not parse: a syntax error, bytes that are not valid UTF-8
//! (for example a file saved as UTF-16), or the same key twice in one mapping. The location is
//! the first error in the document; the other documents and files still load.
//!
//! ## Why it matters
//!
//! The broken document is skipped, and a `kubectl get -o yaml` export is a single `kind: List`
//! document, so one error drops every object in that file. Gates that count pods or sidecars are
//! then computed on an incomplete cluster and may pass when they should not.
//!
//! ## How to fix
//!
//! Re-export the file with kubectl instead of editing it by hand, and write only kubectl's
//! standard output into it (no `2>&1`, no interrupted copy).
//!
//! Prefer JSON for large clusters: it loads about 15 times faster than YAML. `istio2asm collect`
//! prints every export command, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o json > cluster.json
//! ```
//!
//! On Windows, redirect with a shell that writes UTF-8; Windows PowerShell 5 writes UTF-16 by
//! default.
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: reviews
//!   labels: app: reviews
//! ```
//!
//! ```text
//! cluster.yaml:5:14: error[MIG001]: does not parse: mapping values are not allowed in this context
//! ```

// Raised in crate::load.
