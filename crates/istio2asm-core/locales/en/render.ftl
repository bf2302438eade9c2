# render — en

## The Markdown runbook (render::markdown). **bold** and `code` are Markdown.
render-md-title = Runbook: in-place migration from Istio to ASM
render-md-assumed = No ASMMigrateFromIstio in the input: the migration is **assumed to be in Init**. Export it first (`istio2asm collect`).
## $state is a state (Init, ...), $situation a report-situation-* word.
render-md-state = The migration is in **{ $state }** ({ $situation }).
## $gates lists gate ids.
render-md-forced = **Gates overridden (setting force)**: { $gates }.
## Only when the user ticked steps in the app: $done of the plan's $total steps.
render-md-done-count = **Marked done in istio2asm**: { $done } of { $total } steps.
## Before the two `export K8S_KUBECONFIG=...` lines.
render-md-kubeconfig = Every command reads the kubeconfig paths from two shell variables; set them first:
render-md-run-here = Run the commands from the directory that holds this runbook and its YAML files.
## A phase heading: its number, state and render-phase-* status.
render-md-phase = Phase { $number }: { $state } ({ $status })
render-phase-done = done
render-phase-current = current
render-phase-upcoming = upcoming
render-md-phase-done = Nothing left to do here.
render-md-upcoming = Upcoming: these steps come from the current export. Export again and plan again when the migration reaches this phase.
## $transition is `SetupIstioForMigrate → Migrating`.
render-md-gates-for = Gates for { $transition }
render-md-no-steps = No steps.
render-md-steps = Steps
## A patch preview that changes nothing (Markdown and bash runbooks).
render-no-change = (no change)
## Table headings, cells separated by |.
render-md-gate-columns = gate | result | detail
render-md-risk-columns = workload | namespace | replicas | risks
render-md-no-risk = none found
## Between the items of a list of needs or risks.
render-separator = {"; "}
## Which cluster a step's commands talk to, after its title.
render-target-cluster = cluster
render-target-asm = asm
## $gates lists gate ids in code font.
render-md-blocked = **Blocked**: the gate(s) { $gates } fail. Fix them and plan again, or plan with the setting force to override.
render-md-needs = Needs (not in the export; fill in before running):
render-md-risks = Risks before this wave:
render-md-changes = What it changes (computed offline from the export):
## $expect is what the command should print.
render-md-verify = Verify (expect: { $expect }):
render-md-rollback = Rollback:
## A file too large to show inline: its name and size in bytes.
render-md-file-beside = File `{ $name }` ({ $bytes } bytes) is written next to this runbook.

## The bash runbook (render::shell): its comments and what it prints. No $, backquote, backslash
## or double quote in these: some sit inside double quotes in the script.
render-sh-say-quotes = The `say` lines print each command literally before running it, so their quotes are deliberate.
render-sh-usage = Usage: bash runbook.sh [--phase STATE] [--yes]
## $state is the current state.
render-sh-usage-phase = STATE: Init, SetupIstioForMigrate, Migrating or Finished (default: { $state }, the current state).
render-sh-usage-yes = --yes: do not pause before each wave.
## $var is a shell variable name.
render-sh-cluster-kubeconfig-unset = runbook.sh: set { $var } to the kubeconfig path of the cluster first
render-sh-asm-kubeconfig-unset = runbook.sh: set { $var } to the kubeconfig path of the ASM control plane first
render-sh-phase-needs-state = --phase needs a state
## $argument is the argument given (the shell's $1).
render-sh-unknown-argument = runbook.sh: unknown argument { $argument }
render-sh-files-here = The YAML files live next to this script.
## Printed before a verification's output; $expect is what it should print.
render-sh-expect = expect: { $expect }
## The question at a pause; y continues.
render-sh-continue = Continue? [y/N]
render-sh-stopped = stopped
## $reason is render-sh-phase-upcoming or render-sh-step-blocked.
render-sh-blocked = BLOCKED: { $reason }
render-sh-phase-done = { $state } is done: nothing to run.
## $state is the current state, $phase the phase asked for.
render-sh-phase-upcoming = the migration is in { $state }; export again and plan when it reaches { $phase } (these steps come from the current export)
render-sh-more-steps = { $count } more step(s) of this phase follow in runbook.md once it is unblocked
## A step the user ticked in the app: a comment above it, and its title ($step is id: title).
render-sh-done-comment = marked done in istio2asm; it runs again like any other step
render-sh-step-done = { $step } (done)
render-sh-step-blocked = the gate(s) { $gates } fail; fix them and plan again (or plan with the setting force)
render-sh-needs = This step needs inputs the export does not hold: { $needs }. Fill them into its files first.
render-sh-next = Next: { $title }.
render-sh-note = note: { $note }
## Above a patch preview; $object is Kind namespace/name.
render-sh-changes = changes { $object }:
## $phase is the phase given (the shell's $PHASE).
render-sh-unknown-phase = runbook.sh: unknown phase { $phase } (Init, SetupIstioForMigrate, Migrating, Finished)

## Reading a plan's JSON back (render::PlanDoc::from_json). $error is the JSON reader's reason.
render-json-not-a-plan = not the JSON of an istio2asm plan ({ $error }); make it with plan() or `istio2asm plan --format json`
render-json-schema-version = the plan has schemaVersion { $version }; this istio2asm reads { $supported }
render-json-verify-count = step { $step }: { $verify } verifications but { $expect } expectations
render-json-preview-not-object = step { $step }: the preview of { $object } has a before or after that is no object
render-json-done-unknown = the plan marks { $step } done, but it has no step { $step }

## The export script's comments (collect::script); the commands are the same in every language.
render-collect-script-intro = Export what istio2asm reads. No Secret's data is requested (of istio-system's Secrets, only their names and labels).
## Followed by `istio2asm check` and the files.
render-collect-script-then = Then:
## What each export is for.
render-collect-why-cluster = workloads, pods, sidecars, gateways, restart owners, risks
render-collect-why-istio-system-configmaps = mesh config (PROXY_CONFIG_XDS_AGENT) and injector values (Istio version)
render-collect-why-webhooks = injection webhooks and revisions; residues after the uninstall
render-collect-why-istio-config = Istio API objects to import into ASM; egress routes
render-collect-why-install = east-west gateways installed with the Gateway API or IstioOperator (fails harmlessly when those CRDs are absent)
render-collect-why-version = Kubernetes version
render-collect-why-nodes = kubelet versions when `kubectl version` is not available
render-collect-why-asm-migrate = the migration state (ASMMigrateFromIstio)
render-collect-why-asm-config = what ASM already has (load it as the ASM control plane's export; proves the import gate)
render-collect-why-root-certs = The root certificates Istio writes into every namespace (public certificates): the roots of trust.
render-collect-why-secret-names = The names and labels of istio-system's Secrets (cacerts, remote secrets), never their data.

## README.md of a mesh's runbooks (render::mesh_readme).
render-mesh-title = Runbooks of the mesh: in-place migration from Istio to ASM, cluster by cluster
render-mesh-kubeconfig = Each cluster's runbook is in the directory of its name and reads its own kubeconfig variable; set them all, and ASM's:
render-mesh-column-cluster = Cluster
render-mesh-column-role = Role
render-mesh-column-why = Why in this place
render-mesh-rules = Across the clusters
render-mesh-rule-order = Run the runbooks in this order, phase by phase: a phase's steps in every cluster, in the order above, before the next phase in any of them.
## $command: the command that lists the migration resources ASM serves.
render-mesh-rule-one-resource = Assumption, not confirmed by a public source: every cluster joins one ASM instance, whose migration resource (cluster-scoped, named default) is then shared by all of them, so each phase's switch is the same command in every runbook: run it once, after every cluster's steps of that phase. Check what ASM serves with `{ $command }` (expected: one line) and ask ASM support whether one in-place migration covers several data-plane clusters.
render-mesh-rule-cross-gateway = Before the first workload of any cluster moves to ASM's proxy, ASM's cross-cluster mesh proxy serves every network (step eastwest-networks of each runbook): ASM's proxies reach other networks only through it (the migration procedure, 步骤三 2).
render-mesh-rule-east-west = Istio's east-west gateways stay (not scaled down, not uninstalled) until every cluster has moved its workloads (step mesh-wait-for-clusters of each runbook): the Istio proxies left in other clusters reach a cluster's workloads through them, and the procedure uninstalls Istio only once no east-west gateway carries traffic (步骤四).
render-mesh-rule-findings = The cross-cluster findings (MIG801–MIG805 in `istio2asm check`) come first: clusters that do not share a root of trust, a mesh ID, unique names and gateways for their networks do not carry cross-cluster traffic before the migration either.
## A comment before each cluster's runbook when they are printed one after the other.
render-mesh-cluster-runbook = runbook of cluster { $cluster }
