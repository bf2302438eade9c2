# views — en
# The app's Overview and Plan tabs (crates/istio2asm-app/src/views/{overview,picture,plan}.rs).

## Overview: the four states as a row of steps.
views-overview-state = Migration state
## Where the migration stands at a state, under the state's name (also a phase's status on the
## Plan tab).
views-mark-done = done
views-mark-current = current
views-mark-switching = switching
views-mark-failed = failed
views-mark-upcoming = upcoming
## $mark: one of the words above, for the state spec.desiredState names.
views-state-desired = { $mark } (desired)
## $situation: one of the words below.
views-situation = Situation: { $situation }
views-situation-assumed = assumed
views-situation-settled = settled
views-situation-in-progress = in-progress
views-situation-failed = failed
views-situation-illegal = illegal
views-no-resource = No ASMMigrateFromIstio in the input: assuming Init. Load `kubectl get asmmigratefromistio default -o yaml` from the ASM control plane.
## $message: the resource's status.message, as ASM wrote it.
views-status-message = status.message: { $message }
views-next-action = Next action
## The accessible name of the next action's command (after "Copy").
views-next-action-id = next action
## $transition: `Init -> SetupIstioForMigrate`, untranslated.
views-gates-for = Gates for { $transition }
views-finished = The migration is finished.

## Overview: each namespace's pods as a bar by the proxy they run, and its legend.
views-pods-heading = Pods by proxy, per namespace
views-pods-none = No running pods in the export.
## $count: pods of the whole cluster (legend) or of one namespace (a bar's tooltip).
views-pods-asm = ASM proxy: { $count }
views-pods-istio = Istio proxy with the XDS agent: { $count }
views-pods-istio-without-agent = Istio proxy without the XDS agent: { $count }
views-pods-unrecognised = Unrecognised proxy: { $count }
views-pods-unmeshed = No proxy: { $count }
## Beside a namespace's bar.
views-pods-total = { $count ->
    [one] { $count } pod
   *[other] { $count } pods
}
## A bar's accessible name. $counts: the counts above, joined by views-list-separator.
views-pods-bar = { $namespace }: { $counts }
views-list-separator = {"; "}

## Overview: versions and findings.
views-versions = Versions
views-unknown = unknown
views-kubernetes-version = Kubernetes { $version }
views-istio-version = Istio { $version } (revision { $revision })
## $version: the ASM version, or views-asm-version-not-given.
views-asm-version = ASM { $version }
views-asm-version-not-given = not given (Plan, Settings)
views-open-findings = { $errors } errors, { $warnings } warnings, { $infos } infos: open the findings

## Plan: the settings form.
views-settings = Settings
views-asm-version-field = ASM version
views-cluster-var-field = Cluster kubeconfig variable
views-asm-var-field = ASM kubeconfig variable
views-asm-label-field = ASM label (key=value)
views-egress-weights-field = Egress weights (ASM share)
views-asm-egress-host-field = ASM egress gateway host
views-wave-size-field = Wave size
views-as-of-field = Judge certificate expiry on
## The as-of field's text while it is empty.
views-as-of-hint = YYYY-MM-DD (empty: today)
views-trust-handled-field = Roots of trust handled
views-force = Emit switches even when their gates fail (--force)
## $error: why the form's text does not validate.
views-not-applied = Not applied: { $error }
views-plan-assumed = No ASMMigrateFromIstio in the input: the plan assumes Init.
## $gates: gate ids, untranslated.
views-gates-overridden = Gates overridden (Force): { $gates }

## Plan: the checklist. $cluster: the cluster's identity (`kube-system:<uid>`, ...).
views-ticks-remembered = Ticked steps are remembered for this cluster ({ $cluster }) and marked done in the exported runbook.
## A phase's header. $state: the state, untranslated; $status: views-mark-done, -current or -upcoming.
views-phase = { $state } ({ $status }, { $count } steps)
views-phase-ticked = { $state } ({ $status }, { $done } of { $count } steps done)
## Which kubeconfig a step's commands use.
views-target-cluster = cluster
views-target-asm = asm
views-step-title = { $id }: { $title } ({ $target })
## The accessible name of a step's tick box, and its tooltip.
views-step-done = { $id } done
views-step-done-hover = Done: remembered for this cluster and marked in the exported runbook
views-step-blocked = Blocked: the gate(s) { $gates } fail.
views-step-needs = Needs: { $need }
views-step-risks = Risks before this wave
views-step-risks-none = none found
views-risk-separator = {"; "}
views-step-risk-row = { $workload } in { $namespace }: { $risks }
## $expect: what the verification command should print.
views-step-verify = Verify (expect: { $expect })
## Accessible names of a step's verification and rollback commands (after "Copy").
views-step-verify-id = { $id } verify
views-step-rollback = Rollback
views-step-rollback-id = { $id } rollback

## Overview: the Trust panel (issue 14). Fingerprints, subjects, namespaces, names and dates are untranslated.
views-trust-heading = Roots of trust and trust domains
## $date: the day certificate expiry is judged on, YYYY-MM-DD.
views-trust-judged-on = Expiry judged as of { $date } (setting: as-of, else today).
views-trust-not-judged = No day to judge expiry on: dates are shown, not judged.
views-trust-cluster = Cluster
views-trust-asm = ASM
views-trust-asm-not-exported = ASM's side not exported: load ASM's export under Inputs to compare its roots and trust domain.
views-trust-no-roots = No istio-ca-root-cert ConfigMap in the export.
## A button copies the whole fingerprint; the accessible name of the button is "Copy fingerprint …".
views-trust-copy-hover = Copy the whole SHA-256 fingerprint
views-trust-fingerprint-id = fingerprint { $fingerprint }
views-trust-subject = Subject: { $subject }
views-trust-issuer = Issuer: { $issuer }
views-trust-until = Until { $date } ({ $days ->
        [one] 1 day
       *[other] { $days } days
    } left)
views-trust-expired = Expired on { $date } ({ $days ->
        [one] 1 day
       *[other] { $days } days
    } ago)
views-trust-until-unjudged = Until { $date }
views-trust-namespaces = { $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    }
## $count: how many different sets of roots the namespaces' ConfigMaps hold (2 or more).
views-trust-two-writers = Two writers: the namespaces hold { $count } different sets of roots (istio/istio#32778).
## $roots: the set's short fingerprints.
views-trust-set = Set { $number }: { $roots } ({ $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    })
## $reason: the parser's words, in English.
views-trust-unreadable = { $namespace }: root-cert.pem cannot be read ({ $reason })
views-trust-domains = Trust domains
views-trust-no-domain = Unknown: no mesh config in the export.
views-trust-domain = Revision { $revision }: { $domain }
views-trust-domain-default = Revision { $revision }: { $domain } (Istio's default, not set in the mesh config)
views-trust-aliases = Aliases: { $aliases }
views-trust-ca-secrets = CA Secrets (by name)
views-trust-secrets-not-exported = No Secret names in the export: whether a plugged-in CA (cacerts) is used is not known.
views-trust-no-ca-secret = Neither cacerts nor istio-ca-secret in the export.
views-trust-cacerts = { $namespace }/{ $name }: a plugged-in CA; its expiry is not readable offline (Secrets' data is never read).
views-trust-ca-secret = { $namespace }/{ $name }: istiod's self-signed CA; its expiry is not readable offline (Secrets' data is never read).
views-trust-findings = Trust findings
views-trust-no-findings = No finding about trust.
## Names a finding whose code is found more than once (in the accessible names of its copy buttons).
views-trust-finding-id = { $code } #{ $number }

## The Mesh tab (views/mesh.rs), with several clusters. Cluster names, network names and mesh IDs are untranslated.
views-mesh-heading = Mesh of { $count } clusters
views-mesh-order = Order of the runbooks
views-mesh-column-cluster = Cluster
views-mesh-column-role = Role
views-mesh-column-istio-name = Istio's name for it
views-mesh-column-network = Network
views-mesh-column-mesh-id = Mesh ID
views-mesh-column-findings = Findings
views-mesh-column-why = Why here
views-mesh-open-cluster = Open this cluster's Overview
views-mesh-no-network = not set
views-mesh-counts = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }, { $infos ->
        [one] 1 info
       *[other] { $infos } infos
    }
views-mesh-across = Across the clusters
views-mesh-no-findings = No cross-cluster finding.
## $clusters: the clusters a finding concerns, joined by list-separator.
views-mesh-clusters = Clusters: { $clusters }
views-mesh-export = Runbooks of the mesh
views-mesh-export-intro = A README.md with the order and the rules across the clusters, then each cluster's runbooks and files in a folder named after it; ticked steps are marked done.
