# js — zh-CN

## JS 库的消息（crates/istio2asm-wasm）。每条消息都指出出错的参数：$place 是位置（`options`、
## `options.limits`），$key 是选项名，$at 是某个输入（`inputs[2]`），均按 JavaScript 原样书写；
## $got 描述给出的值（下面 js-describe-… 中的一条，或 `undefined`、`null`、`true`、`false`）。
## 代码、选项名和 JS 字面量保持原样。

## 值的描述。$text：字符串，带引号（最多 40 个字符）；$number：按 JS 的写法；$kind：值的 `typeof`（`symbol`、`bigint`）。
js-describe-string = 字符串 { $text }
js-describe-number = 数字 { $number }
js-describe-array = 数组
js-describe-function = 函数
js-describe-object = 对象
js-describe-other = { $kind } 值

js-getter-threw = 无法读取 { $place }.{ $key }（其 getter 抛出了异常）
js-inputs-not-array = { $place } 必须是由 {"{"} name, text {"}"} 组成的数组（每个导出文件一项），实际为：{ $got }
js-input-not-object = { $at } 必须是对象 {"{"} name, text {"}"}，实际为：{ $got }
js-input-name = { $at }.name 必须是非空字符串（位置中显示的文件名），实际为：{ $got }
js-input-text = { $at }.text 必须是字符串、Uint8Array 或 ArrayBuffer（文件内容），实际为：{ $got }
js-options-not-object = { $place } 必须是对象，实际为：{ $got }
js-options-keys-threw = 无法读取 { $place }（列出其键时抛出了异常）
## $options：选项名，以逗号分隔。
js-unknown-option = { $place }.{ $key } 不是选项；可用的选项为 { $options }
js-option-string = { $place }.{ $key } 必须是字符串，实际为：{ $got }
js-option-bool = { $place }.{ $key } 必须是 true 或 false，实际为：{ $got }
## $max：可接受的最大整数。
js-option-count = { $place }.{ $key } 必须是 0 到 { $max } 之间的整数，实际为：{ $got }
js-option-weights = { $place }.{ $key } 必须是整数，写成数组 [1, 10, 50, 100] 或字符串 "1,10,50,100"，实际为：{ $got }
js-label-both = { $place }：请提供 asmLabel（"key=value"），或 asmLabelKey 和 asmLabelValue，不能同时提供
js-inputs-or-demo = 请提供 inputs 或 options.demo，不能同时提供
js-no-inputs = 没有输入：请提供由 {"{"} name, text {"}"} 组成的数组（kubectl 导出文件；参见 collect()），或设置 options.demo = true
js-inputs-empty = inputs 为空：请至少提供一个 {"{"} name, text {"}"}（kubectl 导出文件；参见 collect()），或设置 options.demo = true
js-baseline-invalid = { $place }.baseline：{ $got }；请提供早先的 check() 结果或其 JSON 文本
js-baseline-plan = options.baseline：只有 check() 会与基线比较
## $formats：可接受的格式，以逗号分隔。
js-render-format = render: 格式必须是 { $formats } 之一，实际为：{ $got }
js-collect-format = { $place }.format 必须是 "yaml" 或 "json"，实际为：{ $got }
## 始终以英文显示：此时还不知道语言。
js-lang = { $place }.lang 必须是 "en" 或 "zh-CN"，实际为：{ $got }
## $error：serde 给出的原因（程序缺陷）。
js-internal = 无法序列化结果：{ $error }
## $why：下面两条消息之一，或 plan 的 JSON 的问题。
js-not-a-plan = render: plan 必须是 plan() 返回的对象（或解析后的 plan.json）；{ $why }
js-plan-got = 实际为：{ $got }
js-plan-not-json = 它无法写成 JSON
js-explain-code = explain: 代码必须是字符串，例如 "MIG402" 或 "sidecar-missing-xds-agent"，实际为：{ $got }

## Several clusters (options.clusters). $at: an entry (`options.clusters[1]`); $key: a field given.
js-clusters-not-array = { $place } 必须是 {"{"} name, inputs {"}"} 的数组（网格中每个集群一项），实际为：{ $got }
js-clusters-empty = { $place } 为空：请至少给出一个 {"{"} name, inputs {"}"}
js-cluster-not-object = { $at } 必须是对象 {"{"} name, inputs {"}"}，实际为：{ $got }
js-cluster-field = { $at }.{ $key } 不是集群的字段；集群只有 name 和 inputs
js-cluster-name = { $at }.name 必须是非空字符串（集群的名称，例如 "east"），实际为：{ $got }
js-cluster-inputs-empty = { $place } 为空：请以 {"{"} name, text {"}"} 给出该集群的导出文件
js-inputs-or-clusters = 请提供 inputs 或 options.clusters，不能同时提供（每个集群有自己的输入）
js-clusters-or-demo = 请提供 options.demo 或 options.clusters，不能同时提供
js-baseline-clusters = options.baseline：基线是单个集群的报告，不能与 options.clusters 比较
## $why: what is wrong with the mesh plan's JSON (serde's words, or render-json-… of one cluster's plan); $at: where (`clusters[1].plan`).
js-not-a-mesh-plan = render: plan 必须是 plan() 为 options.clusters 返回的对象（或解析后的其 JSON）；{ $why }
js-mesh-plan-at = { $at }：{ $why }
