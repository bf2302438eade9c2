# cli — en

## The language option (crates/istio2asm-cli/src/lang.rs). $tag is what was typed, quoted.
cli-unknown-lang = unknown language { $tag }; use en or zh-CN

## `--help`: the program and its subcommands, one line each (the English texts are the doc
## comments of crates/istio2asm-cli/src/main.rs; a test keeps them equal).
cli-help-about = The istio2asm command line: check an Istio cluster export before migrating to Alibaba Cloud Service Mesh
cli-help-check = Check exported manifests: findings, the migration state and the gates of the next step
cli-help-plan = Build the runbook: every phase's gates and steps, exact commands and YAML
cli-help-collect = Print the kubectl commands that export what istio2asm reads
cli-help-explain = Print the documentation of a finding code (`MIG402`) or, with --all, of every code
cli-help-inject = Which injector webhooks give one workload its sidecar, now and after its switch (like `istioctl x check-inject`, offline): `istio2asm inject [INPUT]... NAMESPACE/KIND/NAME`
cli-help-demo-command = Check the embedded demo cluster (a migration in SetupIstioForMigrate)
cli-help-help-command = Print this message or the help of the given subcommand(s)
cli-help-help-subcommands = Print help for the subcommand(s)

## `--help`: each argument's line.
cli-help-lang = The language of the output: en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG, else en)
cli-help-inputs = Files or directories (*.yaml, *.yml, *.json, recursively); `-` reads stdin
cli-help-demo = Use the embedded demo cluster instead of inputs
cli-help-asm-config = Exports of the ASM control plane's Istio API objects (proves the import gate)
cli-help-cluster = One cluster of a mesh and its exports (a file or directory), as NAME=PATH; repeat it for each cluster to analyse several clusters together
cli-help-output-format = Output format
cli-help-fail-on = Exit 1 when a finding reaches this severity
cli-help-color = Colour in text output
cli-help-plan-format = Output format (when not writing files with --out)
cli-help-out = Write runbook.md, runbook.sh, plan.json and the YAML files into this directory
cli-help-overwrite = Replace files that already exist in --out (and nothing more)
cli-help-force = Emit state switches even when their gates fail (the runbook names the gates overridden), and replace files that already exist in --out
cli-help-write = Write the demo's export files into this directory instead of checking them
cli-help-collect-format = Export format; JSON loads about twice as fast for big clusters
cli-help-code = A code (MIG402) or name (sidecar-missing-xds-agent)
cli-help-all = Every code, as docs/checks.md (docs/checks.zh-CN.md with --lang zh-CN)
cli-help-inject-words = Files or directories as for `check`, then the workload or bare pod as NAMESPACE/KIND/NAME (`shop/deployment/cart`, `shop/pod/debug`)
cli-help-baseline = An earlier report (`check --format json`) of the same cluster: prints what changed since (findings fixed and new, workloads switched to ASM, gates, the state)
cli-help-help = Print help
cli-help-version = Print version

## `--help`: what clap itself writes around the texts above. In English clap writes these
## itself; the Chinese help writes them from here.
cli-help-usage = Usage:
cli-help-commands = Commands
cli-help-arguments = Arguments
cli-help-options = Options
## $value: a flag's default value.
cli-help-default = [default: { $value }]
## $values: the values a flag accepts, separated by commas.
cli-help-possible-values = [possible values: { $values }]

## Command-line errors that clap finds (the Chinese ones; in English clap writes its own).
## $arg: a flag or argument as `--format <FORMAT>`, quoted; $value: the value given, quoted.
cli-clap-error = error: { $message }
cli-clap-try-help = For more information, try '--help'.
cli-clap-tip = tip: { $tip }
cli-clap-invalid-value = invalid value { $value } for { $arg }
cli-clap-value-required = a value is required for { $arg } but none was supplied
cli-clap-value-validation = invalid value { $value } for { $arg }: { $reason }
cli-clap-unknown-argument = unexpected argument { $arg } found
cli-clap-unknown-subcommand = unrecognized subcommand { $command }
cli-clap-similar-argument = a similar argument exists: { $similar }
cli-clap-similar-subcommand = a similar subcommand exists: { $similar }
cli-clap-similar-value = a similar value exists: { $similar }
cli-clap-conflict = the argument { $arg } cannot be used with { $other }
cli-clap-repeated = the argument { $arg } cannot be used multiple times
cli-clap-missing = the following required arguments were not provided:
cli-clap-too-many-values = unexpected value { $value } for { $arg } found; no more were expected
cli-clap-missing-subcommand = { $command } requires a subcommand but one was not provided
cli-clap-subcommands = [subcommands: { $commands }]

## Messages on stderr. $message: one of the messages below; $error: the system's reason (in
## the system's language); $path, $dir: a file or directory as given.
cli-error = istio2asm: error: { $message }
cli-no-files = istio2asm: warning: { $path } holds no *.yaml, *.yml or *.json file
cli-cannot-read-stdin = cannot read stdin: { $error }
cli-cannot-read = cannot read { $path }: { $error }
## $failed: how many paths failed.
cli-no-input-read = no input could be read ({ $failed } failed); give files or directories of kubectl exports
cli-no-asm-config-read = no --asm-config file could be read ({ $failed } failed); give files or directories of kubectl exports
cli-no-input = no input: give exported files or directories, `-` for stdin, or --demo (see `istio2asm collect`)
cli-cannot-create = cannot create { $path }: { $error }
cli-symlink = { $path } is a symbolic link; refusing to write through it
cli-is-directory = { $path } is a directory
## $files: the names of the files already there.
cli-already-holds = { $dir } already holds { $files }; nothing was written (use --overwrite to replace them, or --force, which also overrides failing gates)
cli-cannot-write = cannot write { $path }: { $error }
cli-baseline-unreadable = --baseline { $path }: cannot read it: { $error }
## $count: how many files `plan --out` wrote (always several).
cli-wrote-files = wrote { $count } files into { $dir }
cli-wrote = wrote { $path }
cli-exists = { $path } exists; not overwriting it
## `inject`: $target is the last argument as typed (quoted in cli-inject-bad-target).
cli-inject-bad-target = { $target } is not NAMESPACE/KIND/NAME (for example shop/deployment/cart); it is the last argument, after the inputs
cli-inputs-or-demo = give inputs or --demo, not both
## $count: the workloads and bare pods in the inputs; $examples: some of them.
cli-inject-not-found = no workload or bare pod { $target } in the inputs ({ $count } in all)
cli-inject-not-found-examples = no workload or bare pod { $target } in the inputs ({ $count } in all, e.g. { $examples })
## `explain`: $message says which code is unknown and which exist.
cli-explain-unknown = { $message } (`istio2asm explain --all` lists them)

## Several clusters (`--cluster NAME=PATH`). $value: the argument as typed, quoted; $message: why
## the names are refused (clusters-*), or why a cluster's exports could not be read (cli-no-input-read).
cli-cluster-malformed = --cluster { $value }: expected NAME=PATH (a cluster's name, `=`, then a file or directory of its exports), e.g. --cluster east=exports/east
cli-cluster-names = --cluster: { $message }
cli-cluster-inputs = --cluster { $name }: { $message }
cli-baseline-clusters = --baseline compares one cluster's reports; it cannot be used with --cluster
cli-mesh-shell-needs-out = several clusters make one bash runbook each: write them with --out DIR, or choose --format markdown or json
cli-not-directory = { $path } is not a directory
