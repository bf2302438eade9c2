# changes — en

## What changed since an earlier report (changes.rs). $baseline is the earlier report's file name.
changes-heading = Changes since { $baseline }:
changes-none = nothing changed
changes-state = state: { $from } → { $to }
changes-no-resource = no migration resource
changes-switched = switched to ASM's proxy: { $object }
changes-no-workloads = (the baseline has no `workloads` section, made by an earlier istio2asm: switched workloads cannot be told)
changes-fixed = fixed: { $code } { $subject }: { $message }
changes-new = new: { $code } { $subject }: { $message }
changes-gate-passed = gate passed: { $transition } { $gate } (was { $from })
changes-gate-failed = gate failed: { $transition } { $gate } (was { $from })
## Errors reading the baseline; the caller names the file.
changes-not-json = not JSON ({ $error }); give an earlier report made with `istio2asm check --format json`
changes-not-a-report = not an istio2asm report (no schemaVersion or findings); give an earlier report made with `istio2asm check --format json`
changes-not-a-report-detail = not an istio2asm report ({ $error }); give an earlier report made with `istio2asm check --format json`
changes-schema-version = the report has schemaVersion { $found }; this istio2asm compares with { $wanted }: make the baseline again with this version from the same export
