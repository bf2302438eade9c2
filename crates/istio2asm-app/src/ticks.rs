//! The plan as a checklist: the steps a user ticked as done, remembered per cluster and step id
//! across runs and across exports of the same cluster.
//!
//! A cluster is told apart by `istio2asm_core::progress::cluster_identity` (its `kube-system`
//! uid, else the migration resource's uid, else a hash of its namespace names), so loading a
//! newer export of the same cluster shows the same ticks. The ticks are persisted beside the
//! settings under their own key; they hold cluster identities and step ids (a step id may name a
//! gateway or a VirtualService), never the inputs. The Export tab hands the cluster's ticks to
//! `istio2asm_core::render::files_with_done`, which marks those steps done in the runbooks.

use std::collections::{BTreeMap, BTreeSet};

/// Storage key of the ticks, apart from the settings so that either can be dropped alone.
pub const TICKS_KEY: &str = "istio2asm-ticks";

/// The ticked step ids of each cluster, by cluster identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Ticks(BTreeMap<String, BTreeSet<String>>);

/// No step ticked, for a cluster the ticks do not know.
static NONE: BTreeSet<String> = BTreeSet::new();

impl Ticks {
    /// The ticks kept in `storage`; none when there are none or they do not read.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value::<Ticks>(s, TICKS_KEY))
            .unwrap_or_default()
    }

    /// Keeps the ticks in `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, TICKS_KEY, self);
    }

    /// The steps ticked in `cluster`, by id. Ids of steps the current plan no longer has stay:
    /// a later export may plan them again.
    pub fn done(&self, cluster: &str) -> &BTreeSet<String> {
        self.0.get(cluster).unwrap_or(&NONE)
    }

    /// Whether step `step` is ticked in `cluster`.
    pub fn is_done(&self, cluster: &str, step: &str) -> bool {
        self.done(cluster).contains(step)
    }

    /// Ticks or unticks step `step` in `cluster`. A cluster left with no tick is forgotten.
    pub fn set(&mut self, cluster: &str, step: &str, done: bool) {
        if done {
            self.0
                .entry(cluster.to_string())
                .or_default()
                .insert(step.to_string());
        } else if let Some(steps) = self.0.get_mut(cluster) {
            steps.remove(step);
            if steps.is_empty() {
                self.0.remove(cluster);
            }
        }
    }
}
