# js — en

## The JS library's messages (crates/istio2asm-wasm). Each names the argument at fault: $place is
## where (`options`, `options.limits`), $key an option's name, $at an input (`inputs[2]`), all
## JavaScript as written; $got describes the value given (one of the js-describe-… messages, or
## `undefined`, `null`, `true`, `false`). Code spans, option names and JS literals stay as they are.

## What a value is. $text: the string, quoted (at most 40 characters); $number: as JS writes it;
## $kind: the value's `typeof` (`symbol`, `bigint`).
js-describe-string = the string { $text }
js-describe-number = the number { $number }
js-describe-array = an array
js-describe-function = a function
js-describe-object = an object
js-describe-other = a { $kind }

js-getter-threw = { $place }.{ $key } could not be read (its getter threw)
js-inputs-not-array = { $place } must be an array of {"{"} name, text {"}"} (one per exported file), got { $got }
js-input-not-object = { $at } must be an object {"{"} name, text {"}"}, got { $got }
js-input-name = { $at }.name must be a non-empty string (the file name shown in locations), got { $got }
js-input-text = { $at }.text must be a string, a Uint8Array or an ArrayBuffer (the file's content), got { $got }
js-options-not-object = { $place } must be an object, got { $got }
js-options-keys-threw = { $place } could not be read (listing its keys threw)
## $options: the option names, separated by commas.
js-unknown-option = { $place }.{ $key } is not an option; the options are { $options }
js-option-string = { $place }.{ $key } must be a string, got { $got }
js-option-bool = { $place }.{ $key } must be true or false, got { $got }
## $max: the largest whole number accepted.
js-option-count = { $place }.{ $key } must be a whole number from 0 to { $max }, got { $got }
js-option-weights = { $place }.{ $key } must be whole numbers, as an array [1, 10, 50, 100] or a string "1,10,50,100", got { $got }
js-label-both = { $place }: give asmLabel ("key=value") or asmLabelKey and asmLabelValue, not both
js-inputs-or-demo = give inputs or options.demo, not both
js-no-inputs = no inputs: give an array of {"{"} name, text {"}"} (kubectl exports; see collect()), or options.demo = true
js-inputs-empty = inputs is empty: give at least one {"{"} name, text {"}"} (kubectl exports; see collect()), or options.demo = true
js-baseline-invalid = { $place }.baseline: { $got }; give an earlier check() result or its JSON text
js-baseline-plan = options.baseline: only check() compares with a baseline
## $formats: the accepted formats, separated by commas.
js-render-format = render: the format must be one of { $formats }, got { $got }
js-collect-format = { $place }.format must be "yaml" or "json", got { $got }
## Always in English: the language is not known yet.
js-lang = { $place }.lang must be "en" or "zh-CN", got { $got }
## $error: serde's reason (a bug).
js-internal = cannot serialize the result: { $error }
## $why: one of the two messages below, or what is wrong with the plan's JSON.
js-not-a-plan = render: the plan must be an object that plan() returned (or plan.json parsed); { $why }
js-plan-got = got { $got }
js-plan-not-json = it cannot be written as JSON
js-explain-code = explain: the code must be a string such as "MIG402" or "sidecar-missing-xds-agent", got { $got }

## Several clusters (options.clusters). $at: an entry (`options.clusters[1]`); $key: a field given.
js-clusters-not-array = { $place } must be an array of {"{"} name, inputs {"}"} (one per cluster of the mesh), got { $got }
js-clusters-empty = { $place } is empty: give at least one {"{"} name, inputs {"}"}
js-cluster-not-object = { $at } must be an object {"{"} name, inputs {"}"}, got { $got }
js-cluster-field = { $at }.{ $key } is not a field of a cluster; a cluster has name and inputs
js-cluster-name = { $at }.name must be a non-empty string (the cluster's name, such as "east"), got { $got }
js-cluster-inputs-empty = { $place } is empty: give the cluster's exports as {"{"} name, text {"}"}
js-inputs-or-clusters = give inputs or options.clusters, not both (each cluster has its own inputs)
js-clusters-or-demo = give options.demo or options.clusters, not both
js-baseline-clusters = options.baseline: a baseline is one cluster's report; it cannot be compared with options.clusters
## $why: what is wrong with the mesh plan's JSON (serde's words, or render-json-… of one cluster's plan); $at: where (`clusters[1].plan`).
js-not-a-mesh-plan = render: the plan must be an object that plan() returned for options.clusters (or its JSON parsed); { $why }
js-mesh-plan-at = { $at }: { $why }
