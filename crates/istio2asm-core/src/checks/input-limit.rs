//! # MIG005 input-limit
//!
//! ## What it finds
//!
//! Input over a load limit: a file larger than `max-file-bytes` (default 256 MiB), all inputs
//! together larger than `max-total-bytes` (1 GiB), more than `max-documents` documents and list
//! items (1,000,000), nesting deeper than `max-depth` (100), or YAML aliases that would expand
//! without bound (an alias bomb), which are refused without being expanded.
//!
//! ## Why it matters
//!
//! The file or document is not loaded (past `max-documents`, loading stops), so the analysis is
//! incomplete. A kubectl export never nests 100 levels deep or uses aliases, so a depth or alias
//! finding means the file did not come from kubectl as it is.
//!
//! ## How to fix
//!
//! Split a large export into smaller files, or raise the matching setting only for input you
//! trust; for a depth or alias finding, find out where the file came from instead.
//!
//! Exporting per namespace keeps each file small, and JSON loads faster than YAML:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -o json > cluster-bookinfo.json
//! ```
//!
//! ## Example
//!
//! ```yaml
//! a0: &a0 [x, x, x, x, x, x, x, x, x, x]
//! a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
//! a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
//! ```
//!
//! continued the same way up to `a9`, ten billion items once expanded:
//!
//! ```text
//! bomb.yaml:1:1: error[MIG005]: document not loaded: repetition limit exceeded
//! ```

// Raised in crate::load.
