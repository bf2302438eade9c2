//! # MIG004 secrets-dropped
//!
//! ## What it finds
//!
//! `Secret` objects in the input, for example from `kubectl get all,secrets` or a backup of a
//! namespace. They are dropped as they are loaded: never stored, never shown, never part of a
//! plan. The finding gives only their number and where the first one starts.
//!
//! ## Why it matters
//!
//! The migration needs no Secret, so the analysis is complete without them. The file you loaded
//! still holds them, though, with keys and certificates in base64, and should not be attached to
//! the change ticket or passed to reviewers.
//!
//! ## How to fix
//!
//! Nothing is needed for the analysis; re-export without Secrets using the commands from
//! `istio2asm collect`, and delete or lock away the file that contains them.
//!
//! The export commands never request Secrets, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get configmaps -n istio-system -o yaml > istio-system-configmaps.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Secret
//! metadata:
//!   name: cacerts
//!   namespace: istio-system
//! type: Opaque
//! data:
//!   ca-key.pem: LS0tLS1CRUdJTi...
//! ```

// Raised in crate::model.
