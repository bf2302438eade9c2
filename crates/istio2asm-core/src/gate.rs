//! The gates of the migration as data: which gate belongs to which transition, what it checks,
//! and the four verdicts a gate can reach. A leaf: the codes registry names the gate each code
//! belongs to, `phase` evaluates the gates against the findings, renderers show the verdict.

use serde::Serialize;

use crate::i18n::Lang;
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
    /// Istio's and ASM's proxies trust the same root and each other's trust domain.
    RootsOfTrust,
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
            GateId::RootsOfTrust => "roots-of-trust",
            GateId::GatewaysXdsAgent => "gateways-xds-agent",
            GateId::NoIstioSidecars => "no-istio-sidecars",
            GateId::NoIstioGateways => "no-istio-gateways",
            GateId::IstioApiInAsm => "istio-api-in-asm",
            GateId::IstioControlPlaneRemoved => "istio-control-plane-removed",
        }
    }

    /// What passing the gate means, as one clause (`the mesh config has ...`).
    pub fn what(self, lang: Lang) -> String {
        let floor = |(major, minor): (u64, u64)| format!("{major}.{minor}");
        match self {
            GateId::MigrationResource => t!(lang, "gate-migration-resource"),
            GateId::KubernetesVersion => {
                t!(
                    lang,
                    "gate-kubernetes-version",
                    floor = floor(KUBERNETES_FLOOR)
                )
            }
            GateId::IstioVersion => t!(lang, "gate-istio-version", floor = floor(ISTIO_FLOOR)),
            GateId::AsmVersion => t!(lang, "gate-asm-version", floor = floor(ASM_FLOOR)),
            GateId::EastwestLabelReconciliation => t!(lang, "gate-eastwest-label-reconciliation"),
            GateId::IstioSystemInjectionLabel => t!(lang, "gate-istio-system-injection-label"),
            GateId::SidecarsKeepInjector => t!(lang, "gate-sidecars-keep-injector"),
            GateId::MeshConfigXdsAgent => t!(lang, "gate-mesh-config-xds-agent"),
            GateId::SidecarsXdsAgent => t!(lang, "gate-sidecars-xds-agent"),
            GateId::RootsOfTrust => t!(lang, "gate-roots-of-trust"),
            GateId::GatewaysXdsAgent => t!(lang, "gate-gateways-xds-agent"),
            GateId::NoIstioSidecars => t!(lang, "gate-no-istio-sidecars"),
            GateId::NoIstioGateways => t!(lang, "gate-no-istio-gateways"),
            GateId::IstioApiInAsm => t!(lang, "gate-istio-api-in-asm"),
            GateId::IstioControlPlaneRemoved => t!(lang, "gate-istio-control-plane-removed"),
        }
    }

    /// Whether the gate can only be proved with the ASM control plane's export: without it, the
    /// gate is a check by hand.
    pub fn needs_asm_export(self) -> bool {
        matches!(self, GateId::IstioApiInAsm | GateId::RootsOfTrust)
    }
}

impl GateId {
    /// Every gate id.
    pub const ALL: [GateId; 15] = [
        GateId::MigrationResource,
        GateId::KubernetesVersion,
        GateId::IstioVersion,
        GateId::AsmVersion,
        GateId::EastwestLabelReconciliation,
        GateId::IstioSystemInjectionLabel,
        GateId::SidecarsKeepInjector,
        GateId::MeshConfigXdsAgent,
        GateId::SidecarsXdsAgent,
        GateId::RootsOfTrust,
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

    /// Gate ids as shown in a sentence of `lang`: `a, b` in English, `a、b` in Chinese.
    pub fn list_in(gates: &[GateId], lang: Lang) -> String {
        gates
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"))
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

/// One gate of one transition: the state it leads to and its id; what it checks in words is
/// [`GateId::what`], the same in every transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateDef {
    /// The state the transition leads to.
    pub into: State,
    /// Which gate.
    pub id: GateId,
}

const fn def(into: State, id: GateId) -> GateDef {
    GateDef { into, id }
}

/// The gates of every transition, in report order (SPEC §5). Which codes fail a gate is said by
/// each code's registry entry (`codes`), not here.
pub const GATES: &[GateDef] = &[
    def(State::SetupIstioForMigrate, GateId::MigrationResource),
    def(State::SetupIstioForMigrate, GateId::KubernetesVersion),
    def(State::SetupIstioForMigrate, GateId::IstioVersion),
    def(State::SetupIstioForMigrate, GateId::AsmVersion),
    def(
        State::SetupIstioForMigrate,
        GateId::EastwestLabelReconciliation,
    ),
    def(
        State::SetupIstioForMigrate,
        GateId::IstioSystemInjectionLabel,
    ),
    def(State::SetupIstioForMigrate, GateId::SidecarsKeepInjector),
    def(State::Migrating, GateId::MigrationResource),
    def(State::Migrating, GateId::SidecarsKeepInjector),
    def(State::Migrating, GateId::MeshConfigXdsAgent),
    def(State::Migrating, GateId::SidecarsXdsAgent),
    def(State::Migrating, GateId::GatewaysXdsAgent),
    def(State::Migrating, GateId::RootsOfTrust),
    def(State::Finished, GateId::MigrationResource),
    def(State::Finished, GateId::NoIstioSidecars),
    def(State::Finished, GateId::NoIstioGateways),
    def(State::Finished, GateId::IstioApiInAsm),
    def(State::Finished, GateId::IstioControlPlaneRemoved),
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

    /// The word shown to a person in `lang` (`pass`, `FAIL` in English; `通过`, `未通过` in
    /// Chinese). [`Verdict::as_str`] is the same in every language.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Verdict::Pass => t!(lang, "gate-verdict-pass"),
            Verdict::Warn => t!(lang, "gate-verdict-warn"),
            Verdict::Manual => t!(lang, "gate-verdict-manual"),
            Verdict::Fail => t!(lang, "gate-verdict-fail"),
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
            for lang in Lang::ALL {
                let what = id.what(lang);
                assert!(what.contains(&format!(" {major}.{minor}")), "{what}");
            }
        }
        assert_eq!(
            GateId::KubernetesVersion.what(Lang::En),
            "Kubernetes is 1.21 or later"
        );
        assert_eq!(
            GateId::KubernetesVersion.what(Lang::ZhCn),
            "Kubernetes 版本不低于 1.21"
        );
    }

    #[test]
    fn verdicts_have_words_in_both_languages() {
        assert_eq!(Verdict::Fail.label(Lang::En), "FAIL");
        assert_eq!(Verdict::Fail.label(Lang::ZhCn), "未通过");
        assert_eq!(Verdict::Manual.label(Lang::ZhCn), "人工确认");
        let gates = [GateId::SidecarsKeepInjector, GateId::SidecarsXdsAgent];
        assert_eq!(GateId::list_in(&gates, Lang::En), GateId::list(&gates));
        assert_eq!(
            GateId::list_in(&gates, Lang::ZhCn),
            "sidecars-keep-injector、sidecars-xds-agent"
        );
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
