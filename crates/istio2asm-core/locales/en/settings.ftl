# settings — en

## What each setting is, one sentence (settings::Setting::about): help texts and tooltips.
settings-about-asm-version = The ASM instance's version, e.g. 1.24.6.
settings-about-cluster-kubeconfig-var = Shell variable holding the cluster's kubeconfig path.
settings-about-asm-kubeconfig-var = Shell variable holding the ASM control plane's kubeconfig path.
settings-about-asm-label = The pod label that opts a workload into ASM's proxy.
settings-about-egress-weights = The ASM egress gateway's share at each step, ending at 100.
settings-about-asm-egress-host = The ASM egress gateway Service host (default: read from the export).
settings-about-wave-size = Workloads per restart or switch wave.
settings-about-max-file-bytes = Largest input file, in bytes.
settings-about-max-total-bytes = Largest sum of all inputs, in bytes.
settings-about-max-documents = Most documents and list items.
settings-about-max-depth = Deepest nesting inside a document.

## The settings that take a count, named in words for settings-not-whole-number.
settings-name-wave-size = wave size
settings-name-max-file-bytes = limit max-file-bytes
settings-name-max-total-bytes = limit max-total-bytes
settings-name-max-documents = limit max-documents
settings-name-max-depth = limit max-depth

## Text a setting cannot read (settings::Settings::set). $text is what the user gave, in quotes.
## $setting is one of the settings-name-* words.
settings-not-whole-number = the { $setting } { $text } is not a whole number
settings-asm-label-not-key-value = the ASM label { $text } must be KEY=VALUE, e.g. sidecar.asm.aliyun.com/inject=true
settings-egress-weights-not-numbers = the egress weights { $text } must be whole numbers separated by commas, e.g. 1,10,50,100

## Settings that are wrong together or alone (settings::Settings::validate). Each value is quoted.
settings-asm-label-key-invalid = the ASM label key { $key } is not a Kubernetes label key (e.g. sidecar.asm.aliyun.com/inject)
settings-asm-label-value-invalid = the ASM label value { $value } is not a Kubernetes label value (at most 63 of A-Z a-z 0-9 - _ .)
## $weights is the list as written, e.g. [1, 10, 50].
settings-egress-weights-invalid = the egress weights { $weights } must rise strictly from 0..100 and end at 100 (e.g. 1,10,50,100)
settings-asm-egress-host-invalid = the ASM egress host { $host } is not a DNS name
settings-wave-size-zero = the wave size must be at least 1
settings-asm-version-invalid = the ASM version { $version } is not a version like 1.24.6

# Roots of trust (issue 14).
settings-about-as-of = The day certificate expiry is judged on, YYYY-MM-DD (the change window's; default today).
settings-about-trust-handled = The roots of trust of Istio and ASM are handled (same root, or proxies trust both): true or false.
settings-trust-handled-not-bool = whether the roots of trust are handled, { $text }, must be true or false
settings-as-of-invalid = the date { $date } must be a day written YYYY-MM-DD
