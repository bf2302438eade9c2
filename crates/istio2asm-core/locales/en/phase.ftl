# phase — en

## The ASMMigrateFromIstio resource (phase::interpret). States, fields and values stay as they are.
phase-or = {" or "}
phase-did-you-mean = {" "}(did you mean { $suggestion }?)

## MIG101 cr-missing.
mig101-assumed-init = no ASMMigrateFromIstio resource in the input; the migration is assumed to be in Init

## MIG102 cr-identity. Names and apiVersions in $name and $api_version of mig102-api-version are quoted.
mig102-another-ignored = another ASMMigrateFromIstio { $name } ({ $api_version }) is ignored: ASM reads only `default`
## $known lists the apiVersions ASM reads, joined by phase-or.
mig102-api-version = apiVersion is { $api_version }, not { $known }
mig102-name = name is { $name }, not default
## $problems is mig102-api-version and/or mig102-name.
mig102-not-the-one = the ASMMigrateFromIstio resource is not the one ASM reads: { $problems }

## MIG103 cr-invalid-state. $value is quoted; $states lists the four states; $hint is phase-did-you-mean or empty.
mig103-invalid-state = { $field } is { $value }, not one of { $states }{ $hint }

## MIG104 cr-illegal-transition.
mig104-backwards = desiredState { $desired } goes backwards from the current state { $state }; states move only forward, one at a time
mig104-skips = desiredState { $desired } skips a state after the current state { $state }; states move only forward, one at a time
mig104-help = Set desiredState back to { $state } (the command below), then move one state at a time once each gate passes.

## MIG105 cr-invalid-retry-counter. $value is the value as written, or mig105-the-string.
mig105-the-string = the string { $text }
mig105-invalid-counter = { $field } is { $value }, not an integer from 0 to { $max }

## MIG106 cr-switch-failed. $message is ASM's status.message, as it is.
mig106-failed = the switch to { $state } failed: { $message }
mig106-help-retry = Fix what the message says, then bump spec.retryCounter to { $counter } to re-run ASM's checks.
mig106-help-at-maximum = retryCounter is at its maximum ({ $max }); set it to 0 to re-run ASM's checks once the cause is fixed.

## MIG107 cr-reconcile-pending. $status_counter is a number or mig107-unset.
mig107-switch-pending = the switch to { $desired } is not reconciled yet (status.state is { $state })
mig107-retry-pending = retryCounter { $counter } is not reconciled yet (status.retryCounter is { $status_counter })
mig107-unset = unset

## MIG108 cr-unknown-field. $version is mig108-in-version or empty; $hint phase-did-you-mean or empty.
mig108-in-version = {" "}in { $api_version }
mig108-unknown-field = unknown field { $path }{ $version }{ $hint }: ASM ignores it

## What the check of the served shapes prints (phase::served_shapes_expect), one line per shape.
phase-served-shape-line = a line `{ $version }<TAB>true<TAB>{"{"}"{ $option }":…{"}"}` means the { $api_version } shape (field { $option })
## $shapes is the lines above, joined.
phase-served-shapes-expect = { $shapes }; export the resource (`get asmmigratefromistio default -o yaml`) and plan again with it, so every patch uses the served version's fields
