# app — en

## The top bar: the tabs (app::View), the finding counts, the language switch.
app-view-overview = Overview
app-view-findings = Findings
app-view-workloads = Workloads
app-view-plan = Plan
app-view-export = Export
app-view-inputs = Inputs
app-count-errors = { $count } errors
app-count-warnings = { $count } warnings
app-count-infos = { $count } infos
app-language-hover = The language of the app, its findings and its plan

## The status bar (app::Status). $files and $objects are counts; $error is the system's own text.
app-status-demo = Showing the embedded demo cluster. Load your own export under Inputs.
app-status-analysed = Analysed { $files } file(s), { $objects } objects: { $errors } errors, { $warnings } warnings, { $infos } infos.
app-status-stopped = The analysis stopped unexpectedly; the previous results are shown.
## $size is a size like "1.2 MB" (app-size-bytes below it), $seconds like "0.4".
app-status-analysing = Analysing { $size } in { $files } file(s)… { $seconds } s
app-status-cannot-read = Cannot read { $name }: { $error }
app-status-saved = Saved { $path }
app-status-cannot-save = Cannot save { $path }: { $error }
app-status-downloading = Downloading { $name }
## $existing lists the files the folder already holds (joined with list-separator).
app-status-nothing-written = Nothing written: { $dir } already holds { $existing }. Pick an empty folder.
app-status-cannot-write = Cannot write { $path }: { $error }
app-status-wrote = Wrote { $count } files into { $dir }
app-status-symbolic-link = it is a symbolic link; not writing through it
app-nothing-loaded = Nothing loaded yet.
## A size under 1 kB (app::human_size); larger ones are "1.2 kB", "3.4 MB" in every language.
app-size-bytes = { $count } bytes
## The file dialog's filters.
app-dialog-exports = Kubernetes exports
app-dialog-all-files = All files

## Shared widgets (views::widgets).
app-severity-error = error
app-severity-warning = warning
app-severity-info = info
app-verdict-pass = pass
app-verdict-warn = warn
app-verdict-manual = manual
app-verdict-fail = FAIL
app-copy = Copy
app-copy-hover = Copy this command
## The accessible name of a copy button: $name is what it copies (a file, "MIG402 command 1").
app-copy-named = Copy { $name }
## The accessible name of a command: $id is a finding's code or a step's id, $number counts from 1.
app-command-numbered = { $id } command { $number }
## A drop-down's choice that filters nothing.
app-choice-all = all
app-preview-heading = What it changes (computed offline from the export)
app-preview-no-change = (no change)

## The Findings tab.
app-filter-errors = Errors
app-filter-warnings = Warnings
app-filter-infos = Infos
app-filter-code = Code
app-filter-namespace = Namespace
app-filter-search = Search
app-findings-shown = { $shown } of { $total } findings
app-findings-select = Select a finding to see its help, its place in the input and its commands.
## The accessible name of a finding's line in the list.
app-finding-row = finding { $code } { $message }
app-finding-how-to-fix = How to fix
app-finding-commands = Commands
app-finding-documentation = Documentation

## The Workloads tab: the table's headers (state::WorkloadColumn) and cells.
app-column-namespace = Namespace
app-column-kind = Kind
app-column-name = Name
app-column-replicas = Replicas
app-column-proxy = Proxy
app-column-next-restart = Next restart
app-column-after-switch = After switch
app-column-xds-agent = XDS agent
app-column-risk = Risk
app-column-wave = Wave
app-proxy-none = none
app-proxy-unknown = unknown
app-proxy-mixed = mixed
## After a proxy cell: its pods were injected by hand. The leading space is a literal.
app-proxy-by-hand = {" "}(injected by hand, MIG509)
app-proxy-ambient = ambient (ztunnel, MIG510)
app-xds-agent-yes = yes
app-xds-agent-no = no
app-workloads-filter = Filter workloads
app-workloads-count = { $count } workloads

## The Workloads tab: the selected workload's panel.
app-panel-close = Close
app-panel-no-controller = Its controller is not in the export, only its pods: there is no template to simulate a restart of.
app-panel-next-restart = Next restart:
app-panel-after-switch = After switch:
app-panel-not-switched = Not switched: it runs no Istio sidecar today.
app-panel-asm-not-exported = ASM's injector webhook is not in the export, so the after-switch result is unknown.
app-panel-exported-alone = The exported configurations alone give:
app-panel-configurations = Configurations
app-panel-no-configuration = No injector configuration is in the export.
app-panel-webhooks = Webhooks called
app-panel-no-webhook = No webhook is called.
app-panel-switch-patch = Switch patch
app-panel-no-switch-wave = No switch wave of the plan patches it.
## Which restart a list belongs to, at the start of its lines' accessible names.
app-restart-next = next restart
app-restart-after-switch = after switch
## A webhook call's verdict.
app-call-injects = injects
app-call-skips = skips
app-call-unknown = unknown
app-call-not-called = not called
## After a webhook call: the API server calls it again. The leading space is a literal.
app-call-round = {" "}(round { $round }, reinvoked)
## Accessible names: $restart is app-restart-next or app-restart-after-switch, $mark ✔, ✘ or ?.
app-call-name = { $restart } webhook { $configuration } { $webhook }{ $round }
app-configuration-name = { $restart } configuration { $mark } { $name }
## Whose sidecar an injector configuration gives.
app-served-istio-revision = Istio revision { $revision }
app-served-tag = , tag { $tag }
app-served-deactivated = , deactivated
## The accessible name of the painted ✔ and ✘.
app-mark-injects = injects
app-mark-does-not-inject = does not inject

## The Export tab.
app-export-intro = The runbooks and YAML files, exactly as `istio2asm plan --out DIR` writes them.
app-export-save-all = Save all into a folder…
app-export-save = Save…
app-export-save-named = Save { $name }

## The Inputs tab.
app-inputs-open = Open files…
app-inputs-open-asm = Open ASM export…
app-inputs-open-asm-hover = Istio API objects exported from the ASM control plane: proves the import gate
app-inputs-demo = Load the demo
app-inputs-clear = Clear
app-inputs-intro = Or drop files onto this window, or paste YAML below. Nothing leaves this machine; Secrets are dropped unread.
app-inputs-summary = { $files } file(s), { $objects } objects, { $secrets } Secret(s) dropped
app-inputs-kinds = Kinds ({ $count })
app-inputs-paste = Paste YAML or JSON
app-inputs-analyse = Analyse the pasted text

## What changed since the export loaded before (views/changes.rs).
app-changes-heading = Changes since the previous export
app-changes-none = Nothing changed since the previous export.

## Several clusters (app::clusters, views/clusters.rs): the Mesh tab, the cluster bar, the status line.
app-view-mesh = Mesh
app-mesh-pending = The clusters are being analysed…
app-clusters-label = Clusters:
## A cluster's tooltip in the bar.
app-cluster-counts = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }, { $infos ->
        [one] 1 info
       *[other] { $infos } infos
    }
app-cluster-add = Add cluster…
app-cluster-add-hover = Load the export of another cluster of the same mesh: each cluster gets its own analysis and runbook, and the Mesh tab compares them.
app-inputs-add-cluster = Add another cluster…
app-cluster-name = Name of the new cluster
app-cluster-open-files = Open its files…
app-cluster-open-folder = Open its folder…
app-cluster-cancel = Cancel
app-cluster-rename = Rename
## Accessible names of the selected cluster's buttons and of its name field.
app-cluster-rename-named = Rename { $name }
app-cluster-rename-field = New name of { $name }
app-cluster-rename-apply = Apply
app-cluster-remove = Remove
app-cluster-remove-named = Remove { $name }
app-cluster-remove-hover = Drop this cluster and its export from the analysis (nothing is deleted on disk)
app-status-analysed-mesh = Analysed { $clusters } clusters, { $files } file(s): { $errors } errors, { $warnings } warnings, { $infos } infos (in the clusters and across them).
