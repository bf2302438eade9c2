//! The gates of the migration as data: which gate belongs to which transition, what it checks,
//! and the four verdicts a gate can reach. A leaf: the codes registry names the gate each code
//! belongs to, `phase` evaluates the gates against the findings, renderers show the verdict.

use serde::Serialize;

use crate::state::State;

/// The oldest Kubernetes the migration supports (SPEC §5.1).
pub const KUBERNETES_FLOOR: (u64, u64) = (1, 21);
/// The oldest Istio the migration supports (SPEC §5.1).
pub const ISTIO_FLOOR: (u64, u64) = (1, 10);
/// The oldest ASM the migration supports (SPEC §5.1).
pub const ASM_FLOOR: (u64, u64) = (1, 24);

/// A gate's stable id, as it appears in reports and runbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GateId {
    /// The `ASMMigrateFromIstio` resource is valid (a gate of every transition).
    MigrationResource,
    /// Kubernetes is recent enough.
    KubernetesVersion,
    /// Every Istio control plane is recent enough.
    IstioVersion,
    /// The ASM instance is recent enough.
    AsmVersion,
    /// With an east-west gateway, ASM leaves istio-system's injection label alone.
    EastwestLabelReconciliation,
    /// With an east-west gateway, istio-system carries no `istio-injection` label.
    IstioSystemInjectionLabel,
    /// Every workload whose sidecar came from an injector gets one again on its next restart.
    SidecarsKeepInjector,
    /// The mesh config has `PROXY_CONFIG_XDS_AGENT`.
    MeshConfigXdsAgent,
    /// Every Istio sidecar pod has `PROXY_CONFIG_XDS_AGENT`.
    SidecarsXdsAgent,
    /// Every Istio gateway pod has `PROXY_CONFIG_XDS_AGENT`.
    GatewaysXdsAgent,
    /// No pod runs a community Istio sidecar.
    NoIstioSidecars,
    /// No Istio gateway remains.
    NoIstioGateways,
    /// Every Istio API object exists in ASM.
    IstioApiInAsm,
    /// istiod and Istio's webhooks are gone.
    IstioControlPlaneRemoved,
}

impl GateId {
    /// The kebab-case id, e.g. `sidecars-xds-agent`.
    pub fn as_str(self) -> &'static str {
        match self {
            GateId::MigrationResource => "migration-resource",
            GateId::KubernetesVersion => "kubernetes-version",
            GateId::IstioVersion => "istio-version",
            GateId::AsmVersion => "asm-version",
            GateId::EastwestLabelReconciliation => "eastwest-label-reconciliation",
            GateId::IstioSystemInjectionLabel => "istio-system-injection-label",
            GateId::SidecarsKeepInjector => "sidecars-keep-injector",
            GateId::MeshConfigXdsAgent => "mesh-config-xds-agent",
            GateId::SidecarsXdsAgent => "sidecars-xds-agent",
            GateId::GatewaysXdsAgent => "gateways-xds-agent",
            GateId::NoIstioSidecars => "no-istio-sidecars",
            GateId::NoIstioGateways => "no-istio-gateways",
            GateId::IstioApiInAsm => "istio-api-in-asm",
            GateId::IstioControlPlaneRemoved => "istio-control-plane-removed",
        }
    }

    /// Whether the gate can only be proved with the ASM control plane's export: without it, the
    /// gate is a check by hand.
    pub fn needs_asm_export(self) -> bool {
        self == GateId::IstioApiInAsm
    }
}

impl GateId {
    /// Every gate id.
    pub const ALL: [GateId; 14] = [
        GateId::MigrationResource,
        GateId::KubernetesVersion,
        GateId::IstioVersion,
        GateId::AsmVersion,
        GateId::EastwestLabelReconciliation,
        GateId::IstioSystemInjectionLabel,
        GateId::SidecarsKeepInjector,
        GateId::MeshConfigXdsAgent,
        GateId::SidecarsXdsAgent,
        GateId::GatewaysXdsAgent,
        GateId::NoIstioSidecars,
        GateId::NoIstioGateways,
        GateId::IstioApiInAsm,
        GateId::IstioControlPlaneRemoved,
    ];

    /// The gate of an id as written (`sidecars-xds-agent`).
    pub fn parse(text: &str) -> Option<GateId> {
        GateId::ALL.into_iter().find(|g| g.as_str() == text)
    }
}

impl GateId {
    /// Gate ids as shown in messages: `a, b`.
    pub fn list(gates: &[GateId]) -> String {
        gates
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<'de> serde::Deserialize<'de> for GateId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        GateId::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown gate id {text:?}")))
    }
}

impl Serialize for GateId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One gate of one transition: the state it leads to, its id, and what it checks in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateDef {
    /// The state the transition leads to.
    pub into: State,
    /// Which gate.
    pub id: GateId,
    /// What passing means, as one clause.
    pub what: &'static str,
}

const fn def(into: State, id: GateId, what: &'static str) -> GateDef {
    GateDef { into, id, what }
}

const RESOURCE_VALID: &str = "the ASMMigrateFromIstio resource is valid";
const SIDECARS_KEEP_INJECTOR: &str =
    "every workload whose sidecar came from an injector still has one that injects it on its next restart";

/// The gates of every transition, in report order (SPEC §5). Which codes fail a gate is said by
/// each code's registry entry (`codes`), not here.
pub const GATES: &[GateDef] = &[
    def(
        State::SetupIstioForMigrate,
        GateId::MigrationResource,
        RESOURCE_VALID,
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::KubernetesVersion,
        "Kubernetes is 1.21 or later",
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::IstioVersion,
        "every Istio control plane is 1.10 or later",
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::AsmVersion,
        "the ASM instance is 1.24 or later",
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::EastwestLabelReconciliation,
        "with an east-west gateway, disableIstioSystemLabelReconciliation is true",
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::IstioSystemInjectionLabel,
        "with an east-west gateway, istio-system has no istio-injection label",
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::SidecarsKeepInjector,
        SIDECARS_KEEP_INJECTOR,
    ),
    def(State::Migrating, GateId::MigrationResource, RESOURCE_VALID),
    def(
        State::Migrating,
        GateId::SidecarsKeepInjector,
        SIDECARS_KEEP_INJECTOR,
    ),
    def(
        State::Migrating,
        GateId::MeshConfigXdsAgent,
        "the mesh config has PROXY_CONFIG_XDS_AGENT: \"true\"",
    ),
    def(
        State::Migrating,
        GateId::SidecarsXdsAgent,
        "every Istio sidecar pod has PROXY_CONFIG_XDS_AGENT=true",
    ),
    def(
        State::Migrating,
        GateId::GatewaysXdsAgent,
        "every Istio gateway pod has PROXY_CONFIG_XDS_AGENT=true",
    ),
    def(State::Finished, GateId::MigrationResource, RESOURCE_VALID),
    def(
        State::Finished,
        GateId::NoIstioSidecars,
        "no pod runs a community Istio sidecar",
    ),
    def(
        State::Finished,
        GateId::NoIstioGateways,
        "no Istio gateway remains",
    ),
    def(
        State::Finished,
        GateId::IstioApiInAsm,
        "every Istio API object exists in ASM",
    ),
    def(
        State::Finished,
        GateId::IstioControlPlaneRemoved,
        "istiod and Istio's webhooks are gone",
    ),
];

/// What a gate's evaluation came to. Ordered from best to worst for sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing of its codes was found.
    Pass,
    /// Findings of its codes, none an error: shown, does not block.
    Warn,
    /// The inputs cannot prove it: a check by hand.
    Manual,
    /// An error of its codes: blocks the switch.
    Fail,
}

impl Verdict {
    /// The word shown in reports and runbooks: `pass`, `warn`, `manual`, `FAIL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Manual => "manual",
            Verdict::Fail => "FAIL",
        }
    }

    /// Whether the gate holds (only a pass does).
    pub fn passed(self) -> bool {
        self == Verdict::Pass
    }

    /// Whether the gate blocks its switch.
    pub fn blocks(self) -> bool {
        self == Verdict::Fail
    }

    /// Whether the gate can only be checked by hand.
    pub fn manual(self) -> bool {
        self == Verdict::Manual
    }

    /// The verdict from the three flags a report's JSON writes it as ([`Verdict::passed`],
    /// [`Verdict::blocks`], [`Verdict::manual`]); `None` for flags no verdict gives.
    pub fn from_flags(passed: bool, blocks: bool, manual: bool) -> Option<Verdict> {
        [Verdict::Pass, Verdict::Warn, Verdict::Manual, Verdict::Fail]
            .into_iter()
            .find(|v| (v.passed(), v.blocks(), v.manual()) == (passed, blocks, manual))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transition_checks_the_migration_resource_first() {
        for into in [
            State::SetupIstioForMigrate,
            State::Migrating,
            State::Finished,
        ] {
            let first = GATES.iter().find(|g| g.into == into).map(|g| g.id);
            assert_eq!(first, Some(GateId::MigrationResource), "{into:?}");
        }
    }

    #[test]
    fn the_version_gates_name_their_floors() {
        for (id, (major, minor)) in [
            (GateId::KubernetesVersion, KUBERNETES_FLOOR),
            (GateId::IstioVersion, ISTIO_FLOOR),
            (GateId::AsmVersion, ASM_FLOOR),
        ] {
            let gate = GATES.iter().find(|g| g.id == id).expect("defined");
            assert!(
                gate.what.contains(&format!(" {major}.{minor} ")),
                "{gate:?}"
            );
        }
    }

    #[test]
    fn verdicts_read_back_from_their_flags() {
        for verdict in [Verdict::Pass, Verdict::Warn, Verdict::Manual, Verdict::Fail] {
            let flags = (verdict.passed(), verdict.blocks(), verdict.manual());
            assert_eq!(
                Verdict::from_flags(flags.0, flags.1, flags.2),
                Some(verdict)
            );
        }
        assert_eq!(Verdict::from_flags(true, true, false), None);
    }

    #[test]
    fn gate_ids_parse_back() {
        for id in GateId::ALL {
            assert_eq!(GateId::parse(id.as_str()), Some(id));
        }
        assert_eq!(GateId::parse("nope"), None);
    }

    #[test]
    fn no_transition_lists_a_gate_twice() {
        let mut seen = std::collections::BTreeSet::new();
        for gate in GATES {
            assert!(seen.insert((gate.into, gate.id)), "{gate:?} twice");
        }
    }
}
