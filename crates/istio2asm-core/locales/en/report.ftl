# report — en

## Severities and situations as the text report, the runbook and the app show them
## (report::severity_label, report::situation_label).
report-severity-error = error
report-severity-warning = warning
report-severity-info = info
report-situation-assumed = assumed
report-situation-settled = settled
report-situation-in-progress = in-progress
report-situation-failed = failed
report-situation-illegal = illegal

## A finding in the text report. $location is file:line:column.
report-first-seen = first seen at { $location }
## The help text follows; its later lines are indented under its first word.
report-help = help: { $help }

## The summary lines of `istio2asm check`. Each line is a bold label, then its text.
report-line = { $label } { $text }
report-label-migration = migration:
report-label-versions = versions:
report-label-next = next:
report-label-injection = injection:
report-label-summary = summary:
## $state is a state (Init, Migrating, ...), $situation a report-situation-* word, $desired
## report-migration-desired or nothing.
report-migration-state = { $state } ({ $situation }){ $desired }
report-migration-desired = {", "}desired { $desired }
report-migration-assumed = no ASMMigrateFromIstio in the input: assuming Init
## Each version is a version as exported or one of the words below.
report-versions = kubernetes { $kubernetes }; istio { $istio }; asm { $asm }
report-version-unknown = unknown
report-version-not-found = not found
report-version-not-given = not given
## $transition is `Init → SetupIstioForMigrate`; $verdict is report-next-clear or -blocked.
report-next = { $transition } — { $verdict }
report-next-clear = no gate blocks
report-next-blocked = blocked by { $count ->
    [one] { $count } gate
   *[other] { $count } gates
}
report-next-finished = none: the migration is finished
## One gate of the next switch: $verdict is a gate-verdict-* word, $gate its id.
report-gate = [{ $verdict }] { $gate }: { $detail }
report-summary = { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}, { $infos ->
    [one] { $infos } info
   *[other] { $infos } infos
}

## The injection line (report::injection_summary). $outcomes is a list of report-injection-count;
## $sidecar is Istio (default), ASM, none or unknown.
report-injection-count = { $count } { $sidecar }
report-injection-now = next restart: { $outcomes }
report-injection-after-switch = ; after the switch: { $outcomes }
report-injection-no-asm-webhook = ; ASM's injector webhook is not in the export
## $names are webhook configurations; $label_key the ASM label's key.
report-injection-asm-webhook = ; ASM's injector: { $names } (recognised by its selector on { $label_key }, an assumption)

## `istio2asm inject` (report::inject_text).
report-inject-no-webhooks = ERROR: no injector webhook configuration in the input (export them with kubectl get mutatingwebhookconfigurations -o yaml)
## The table's column headings.
report-inject-column-webhook = WEBHOOK
report-inject-column-revision = REVISION
report-inject-column-injected = INJECTED
report-inject-column-reason = REASON
## After a webhook the API server calls a second time (reinvocation).
report-inject-round-two = {" "}(round 2)
report-inject-called-none = Webhooks called: none
report-inject-called = Webhooks called, in order:
## $sidecar as in report-injection-count; $reason says why.
report-inject-sidecar = Sidecar: { $sidecar } — { $reason }
report-inject-unknown = (unknown: the export does not decide it; the reason says what to export or check)
report-inject-now = Next restart, as exported:
## $label is the ASM label, KEY=VALUE.
report-inject-after-switch = After the plan's switch ({ $label } on its pod template):
report-inject-not-switched = After the switch: the plan does not switch it (it runs no Istio sidecar).

## What a value that could be secret reads in an excerpt of the input (excerpt::hidden).
report-excerpt-hidden = <hidden>

# The trust: line (issue 14).
report-label-trust = trust:
report-trust-both = cluster { $cluster }; ASM { $asm }
report-trust-cluster-only = cluster { $cluster }; ASM's side not exported
report-trust-side = root { $roots }, trust domain { $domains }
report-trust-root = { $fingerprint } ({ $subject }, until { $until }, { $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    })
report-trust-no-roots = none exported (istio-ca-root-cert)
report-trust-no-domain = unknown (no mesh config exported)
## The report of a mesh of several clusters (report::mesh_text). A heading per cluster: $name
## the name the user gave it, $role a report-role-* word, $cluster_id Istio's name for it
## (CLUSTER_ID), $network its network or report-mesh-no-network, $mesh_id its mesh ID.
report-mesh-cluster = cluster { $name }: { $role }, Istio's clusterName { $cluster_id }, network { $network }, mesh ID { $mesh_id }
report-mesh-no-network = none
report-role-primary = primary
report-role-remote = remote
report-role-unknown = no Istio
report-mesh-across = across the clusters
report-mesh-no-findings = no finding across the clusters
## Before each cross-cluster finding. $clusters: cluster names joined by list-separator.
report-mesh-clusters = clusters { $clusters }:
report-mesh-order = order of the runbooks
report-label-mesh-summary = summary of the mesh:
## $clusters: how many clusters; the counts as in report-summary, over every cluster and across.
report-mesh-summary = { $clusters } clusters, { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}, { $infos ->
    [one] { $infos } info
   *[other] { $infos } infos
}
