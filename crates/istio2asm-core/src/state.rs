//! The four states of the `ASMMigrateFromIstio` resource and their only legal order. A leaf: every
//! layer above may name a state.

use serde::{Deserialize, Serialize};

/// The four states, in their only legal order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum State {
    /// Before anything: the cluster has just been added to ASM.
    Init,
    /// ASM prepares Istio for the migration (adds `PROXY_CONFIG_XDS_AGENT`).
    SetupIstioForMigrate,
    /// Workloads move to ASM's proxy.
    Migrating,
    /// Istio is gone.
    Finished,
}

impl State {
    /// All states in order.
    pub const ALL: [State; 4] = [
        State::Init,
        State::SetupIstioForMigrate,
        State::Migrating,
        State::Finished,
    ];

    /// The exact spelling the resource uses.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Init => "Init",
            State::SetupIstioForMigrate => "SetupIstioForMigrate",
            State::Migrating => "Migrating",
            State::Finished => "Finished",
        }
    }

    /// Parses the exact spelling (the resource is case-sensitive).
    pub fn parse(text: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The state after this one.
    pub fn next(self) -> Option<State> {
        match self {
            State::Init => Some(State::SetupIstioForMigrate),
            State::SetupIstioForMigrate => Some(State::Migrating),
            State::Migrating => Some(State::Finished),
            State::Finished => None,
        }
    }

    /// The state before this one.
    pub fn previous(self) -> Option<State> {
        State::ALL.into_iter().find(|s| s.next() == Some(self))
    }

    /// "Init → SetupIstioForMigrate" for the transition into this state.
    pub fn transition(self) -> String {
        match self.previous() {
            Some(from) => format!("{} → {}", from.as_str(), self.as_str()),
            None => self.as_str().to_string(),
        }
    }
}
