//! The plan's types: phases, steps with their commands, verifications, rollbacks, files and
//! risks, each step with its kind and the gates it fixes.

use serde::{Deserialize, Serialize};

use crate::detect::Owner;
use crate::gate::GateId;
use crate::i18n::Lang;
use crate::kubectl::{Command, KubeconfigVars, Target};
use crate::phase::{Gate, Situation};
use crate::preview::Preview;
use crate::risk::Risks;
use crate::state::State;

/// A file a step writes (YAML to apply).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFile {
    /// File name, relative to the output directory.
    pub name: String,
    /// The content, with a generated-file header.
    pub content: String,
}

/// One row of a wave's risk table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskRow {
    /// `deployment/cart`.
    pub workload: String,
    /// Namespace.
    pub namespace: String,
    /// `spec.replicas`.
    pub replicas: Option<i64>,
    /// The risks found.
    pub risks: Risks,
}

/// A verification: a command and what it should print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verify {
    /// The command.
    pub command: Command,
    /// What the output should look like, in words or literally.
    pub expect: String,
}

/// What a step does, for the surfaces that look steps up by meaning (the app's wave column, the
/// next action) rather than by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepKind {
    /// Sets ASM's east-west option on the migration resource.
    EastWestOption,
    /// Removes `istio-injection` from istio-system.
    InjectionLabel,
    /// Only verifies a precondition (the mesh config after SetupIstioForMigrate).
    Check,
    /// Restarts Istio sidecar workloads of one namespace so they get `PROXY_CONFIG_XDS_AGENT`.
    RestartWave {
        /// The wave's number, from 1.
        number: usize,
        /// The workloads it restarts.
        workloads: Vec<Owner>,
    },
    /// Restarts the workloads that `rollout restart` cannot (OnDelete, Jobs, bare pods).
    RestartManual,
    /// Restarts Istio's gateways.
    RestartGateways,
    /// Imports the Istio API objects into ASM.
    ImportIstioApi,
    /// Configures the cluster's network in ASM (east-west).
    EastWestNetworks,
    /// Moves workloads of one namespace to ASM's proxy with the ASM label.
    SwitchWave {
        /// The wave's number, from 1.
        number: usize,
        /// The workloads it switches.
        workloads: Vec<Owner>,
    },
    /// Moves the workloads that need a manual method.
    SwitchManual,
    /// Re-deploys the workloads injected by hand from their original manifests with ASM's label.
    ReinjectByHand,
    /// Moves an ingress gateway's traffic (set-up or a weight step).
    Ingress,
    /// Moves an egress route's traffic (set-up or a weight step).
    Egress,
    /// Checks that Istio's gateways carry no more traffic.
    GatewayTrafficCheck,
    /// Scales Istio's gateways to zero.
    RetireGateways,
    /// Uninstalls Istio.
    Uninstall,
    /// Removes what the uninstall left.
    Cleanup,
    /// Switches the migration resource into a state (or retries the switch).
    StateSwitch(State),
}

/// One step of a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What it does.
    pub kind: StepKind,
    /// Stable id, e.g. `restart-wave-1`.
    pub id: String,
    /// One line.
    pub title: String,
    /// Which cluster its commands talk to.
    pub target: Target,
    /// The commands, in order.
    pub commands: Vec<Command>,
    /// How to check it worked.
    pub verify: Vec<Verify>,
    /// How to undo it, when it can be undone.
    pub rollback: Vec<Command>,
    /// Files it applies.
    pub files: Vec<PlanFile>,
    /// Inputs the export does not hold and the operator must supply.
    pub needs: Vec<String>,
    /// Why the step exists.
    pub why: String,
    /// Notes for the operator (facts not confirmed, manual attention).
    pub notes: Vec<String>,
    /// The risk table shown before a wave.
    pub risks: Vec<RiskRow>,
    /// Whether it is a wave (the shell runbook pauses before each).
    pub wave: bool,
    /// The gates of the phase's switch that this step makes pass.
    pub fixes: Vec<GateId>,
    /// The gates that fail and keep it from running (empty when it may run): for a state switch,
    /// the switch's own gates; for a restart or switch wave, `sidecars-keep-injector` when one of
    /// its workloads would come back without a sidecar.
    pub blocked_by: Vec<GateId>,
    /// What its commands change, one entry per object they patch, computed offline by applying
    /// their exact patches to the exported object as the steps before it leave it. Empty for a
    /// step that patches nothing, and for an object the export does not hold (the migration
    /// resource before it is exported, ASM's IstioGateway that the plan creates): such an object
    /// gets no preview rather than a guessed one. Rollbacks are not previewed.
    pub preview: Vec<Preview>,
}

impl Step {
    pub(super) fn new(
        kind: StepKind,
        id: impl Into<String>,
        title: impl Into<String>,
        target: Target,
        why: impl Into<String>,
    ) -> Self {
        Step {
            kind,
            id: id.into(),
            title: title.into(),
            target,
            commands: Vec::new(),
            verify: Vec::new(),
            rollback: Vec::new(),
            files: Vec::new(),
            needs: Vec::new(),
            why: why.into(),
            notes: Vec::new(),
            risks: Vec::new(),
            wave: false,
            fixes: Vec::new(),
            blocked_by: Vec::new(),
            preview: Vec::new(),
        }
    }

    pub(super) fn verify(mut self, command: Command, expect: impl Into<String>) -> Self {
        self.verify.push(Verify {
            command,
            expect: expect.into(),
        });
        self
    }
}

/// Where a phase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseStatus {
    /// Behind the current state.
    Done,
    /// The state the migration is in: its steps are next.
    Current,
    /// Further ahead.
    Upcoming,
}

/// One phase: the work done while in `state`, ending with the switch into the next state.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The state this phase runs in.
    pub state: State,
    /// Done, current or upcoming.
    pub status: PhaseStatus,
    /// The gates of leaving this state.
    pub gates: Vec<Gate>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The state the migration is in.
    pub current: State,
    /// Whether the state was assumed (no resource in the input).
    pub assumed: bool,
    /// How the migration stands (settled, failed, ...).
    pub situation: Situation,
    /// The gates overridden with the setting `force`.
    pub forced: Vec<GateId>,
    /// Whether the plan was made with `force` (upcoming phases may then run from the runbook).
    pub force: bool,
    /// The shell variables the commands read the kubeconfig paths from.
    pub vars: KubeconfigVars,
    /// Init, SetupIstioForMigrate, Migrating, Finished.
    pub phases: Vec<Phase>,
    /// The language of its texts; commands, files and structure are the same in every language.
    pub lang: Lang,
}

impl Plan {
    /// The phase of a state.
    pub fn phase(&self, state: State) -> Option<&Phase> {
        self.phases.iter().find(|p| p.state == state)
    }

    /// Every command of every step: its commands, verifications and rollback.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.phases.iter().flat_map(|p| &p.steps).flat_map(|s| {
            s.commands
                .iter()
                .chain(s.verify.iter().map(|v| &v.command))
                .chain(&s.rollback)
        })
    }

    /// The switch wave that moves a workload to ASM's proxy, if the plan has one.
    pub fn switch_wave_of(&self, namespace: &str, name: &str) -> Option<&Step> {
        self.phases
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| match &s.kind {
                StepKind::SwitchWave { workloads, .. } => workloads
                    .iter()
                    .any(|w| w.namespace == namespace && w.name == name),
                _ => false,
            })
    }

    /// Every file of every step.
    pub fn files(&self) -> impl Iterator<Item = &PlanFile> {
        self.phases
            .iter()
            .flat_map(|p| p.steps.iter())
            .flat_map(|s| s.files.iter())
    }
}

/// The header every generated file starts with.
pub fn file_header(comment: &str) -> String {
    format!(
        "{comment} Generated by istio2asm {}; do not edit. Regenerate with `istio2asm plan`.\n",
        crate::VERSION
    )
}
