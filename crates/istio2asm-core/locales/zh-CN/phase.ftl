# phase — zh-CN

## ASMMigrateFromIstio 资源（phase::interpret）。状态、字段和取值保持原样。
phase-or = {" 或 "}
phase-did-you-mean = （是否应为 { $suggestion }？）

## MIG101 cr-missing。
mig101-assumed-init = 输入中没有 ASMMigrateFromIstio 资源；假定迁移处于 Init 状态

## MIG102 cr-identity。$name 与 mig102-api-version 的 $api_version 带引号。
mig102-another-ignored = 另一个 ASMMigrateFromIstio { $name }（{ $api_version }）已被忽略：ASM 只读取 `default`
## $known 列出 ASM 读取的 apiVersion，以 phase-or 连接。
mig102-api-version = apiVersion 为 { $api_version }，不是 { $known }
mig102-name = 名称为 { $name }，不是 default
## $problems 为 mig102-api-version 和/或 mig102-name。
mig102-not-the-one = 该 ASMMigrateFromIstio 资源不是 ASM 读取的那一个：{ $problems }

## MIG103 cr-invalid-state。$value 带引号；$states 列出四个状态；$hint 为 phase-did-you-mean 或空。
mig103-invalid-state = { $field } 为 { $value }，不是 { $states } 之一{ $hint }

## MIG104 cr-illegal-transition。
mig104-backwards = desiredState { $desired } 从当前状态 { $state } 倒退；状态只能逐个向前切换
mig104-skips = desiredState { $desired } 跳过了当前状态 { $state } 之后的状态；状态只能逐个向前切换
mig104-help = 请将 desiredState 改回 { $state }（见下方命令），之后在每个门禁通过后逐个切换状态。

## MIG105 cr-invalid-retry-counter。$value 为原样写出的值，或 mig105-the-string。
mig105-the-string = { $text }（字符串）
mig105-invalid-counter = { $field } 为 { $value }，不是 0 到 { $max } 之间的整数

## MIG106 cr-switch-failed。$message 为 ASM 的 status.message，保持原样。
mig106-failed = 切换至 { $state } 失败：{ $message }
mig106-help-retry = 请先按消息所述修复问题，再将 spec.retryCounter 增加到 { $counter }，让 ASM 重新运行检查。
mig106-help-at-maximum = retryCounter 已达最大值（{ $max }）；修复原因后，请将其设为 0，让 ASM 重新运行检查。

## MIG107 cr-reconcile-pending。$status_counter 为数字或 mig107-unset。
mig107-switch-pending = 切换至 { $desired } 尚未调谐完成（status.state 为 { $state }）
mig107-retry-pending = retryCounter { $counter } 尚未调谐完成（status.retryCounter：{ $status_counter }）
mig107-unset = 未设置

## MIG108 cr-unknown-field。$version 为 mig108-in-version 或空；$hint 为 phase-did-you-mean 或空。
mig108-in-version = （{ $api_version } 中）
mig108-unknown-field = 未知字段 { $path }{ $version }{ $hint }：ASM 会忽略它

## 检查 ASM 提供哪种资源结构时的预期输出（phase::served_shapes_expect），每种结构一行。
phase-served-shape-line = 输出一行 `{ $version }<TAB>true<TAB>{"{"}"{ $option }":…{"}"}` 表示 ASM 提供 { $api_version } 结构（字段 { $option }）
## $shapes 为以上各行，已连接。
phase-served-shapes-expect = { $shapes }；请导出该资源（`get asmmigratefromistio default -o yaml`）并据此重新生成迁移计划，使每个补丁都使用 ASM 实际提供的版本的字段
