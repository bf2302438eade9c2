//! # MIG006 invalid-name
//!
//! ## What it finds
//!
//! An object whose name or namespace breaks Kubernetes' name rules: an RFC 1123 subdomain for
//! most kinds, an RFC 1123 label for namespaces (and every `metadata.namespace`), an RFC 1035
//! label for Services, a path segment for RBAC objects. The object is skipped, so no command is
//! ever generated from it.
//!
//! ## Why it matters
//!
//! The API server does not accept such a name, so the file was edited or did not come from kubectl.
//! Names go into the commands you paste in the change window; a name like `reviews$(id)` or one
//! with invisible characters could change what a command does or hide what it shows. The
//! skipped object is also missing from every count and gate.
//!
//! ## How to fix
//!
//! Re-export from the cluster with kubectl and load the fresh file; since the API server cannot
//! hold such a name, also find out how the loaded file was produced before trusting the rest of it.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata:
//!   name: reviews$(id)
//!   namespace: bookinfo
//! ```
//!
//! ```text
//! cluster.yaml:1:1: error[MIG006]: Deployment skipped: its name "reviews$(id)" is not an RFC 1123 subdomain; no command is generated for it
//! ```

// Raised in crate::names.
