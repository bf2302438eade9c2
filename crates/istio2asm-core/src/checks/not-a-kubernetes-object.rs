//! # MIG002 not-a-kubernetes-object
//!
//! ## What it finds
//!
//! A document that parses but is not a Kubernetes object: it lacks `apiVersion`, `kind` or
//! `metadata.name`, or it is a string, number or list instead of a mapping. Typical sources are a
//! Helm `values.yaml` or a `kustomization.yaml` picked up when a directory is loaded.
//!
//! ## Why it matters
//!
//! The document is skipped. If it was meant to be part of the cluster (a hand-trimmed or
//! truncated export), the analysis runs without it and the plan may miss workloads or Istio API
//! objects that still need attention in the change window.
//!
//! ## How to fix
//!
//! Load only kubectl exports, or remove the file from the input if it is not one; if it should
//! be an object, re-export it with kubectl rather than repairing it by hand.
//!
//! `istio2asm collect` prints the export commands, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get configmaps -n istio-system -o yaml > istio-system-configmaps.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: kustomize.config.k8s.io/v1beta1
//! kind: Kustomization
//! resources:
//!   - deployment.yaml
//! ```
//!
//! ```text
//! manifests/kustomization.yaml:1:1: error[MIG002]: not a Kubernetes object (missing metadata.name); skipped
//! ```

// Raised in crate::model.
