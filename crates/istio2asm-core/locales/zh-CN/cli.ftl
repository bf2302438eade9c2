# cli — zh-CN

## 语言选项（crates/istio2asm-cli/src/lang.rs）。$tag：用户输入的值，带引号。
cli-unknown-lang = 未知语言 { $tag }；请使用 en 或 zh-CN

## `--help`：程序及各子命令的一行说明。
cli-help-about = istio2asm 命令行：从 Istio 社区版迁移至服务网格 ASM 之前，检查集群的导出文件
cli-help-check = 检查导出的清单：检查结果、迁移状态和下一步的门禁
cli-help-plan = 生成操作手册：每个阶段的门禁和步骤、确切的命令和 YAML
cli-help-collect = 打印 kubectl 命令，导出 istio2asm 读取的内容
cli-help-explain = 打印检查结果代码（`MIG402`）的文档；加 --all 时打印所有代码的文档
cli-help-inject = 哪些注入器 Webhook 为某个工作负载注入 Sidecar，现在以及切换之后（离线版的 `istioctl x check-inject`）：`istio2asm inject [INPUT]... NAMESPACE/KIND/NAME`
cli-help-demo-command = 检查内置的演示集群（一次处于 SetupIstioForMigrate 状态的迁移）
cli-help-help-command = 打印本帮助，或指定子命令的帮助
cli-help-help-subcommands = 打印指定子命令的帮助

## `--help`：各参数的说明。
cli-help-lang = 输出语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为 en）
cli-help-inputs = 文件或目录（*.yaml、*.yml、*.json，递归读取）；`-` 表示读取标准输入
cli-help-demo = 使用内置的演示集群代替输入
cli-help-asm-config = ASM 控制面的 Istio API 对象的导出文件（用于证明导入门禁）
cli-help-cluster = 网格中的一个集群及其导出文件（文件或目录），格式为 NAME=PATH；每个集群重复一次，即可一起分析多个集群
cli-help-output-format = 输出格式
cli-help-fail-on = 有检查结果达到此严重级别时，退出码为 1
cli-help-color = 文本输出是否着色
cli-help-plan-format = 输出格式（未用 --out 写入文件时）
cli-help-out = 将 runbook.md、runbook.sh、plan.json 和 YAML 文件写入此目录
cli-help-overwrite = 替换 --out 中已存在的文件（仅此而已）
cli-help-force = 即使门禁未通过也生成状态切换（操作手册会列出被强制跳过的门禁），并替换 --out 中已存在的文件
cli-help-write = 将演示集群的导出文件写入此目录，而不检查它们
cli-help-collect-format = 导出格式；对大型集群，JSON 的加载速度约为 YAML 的两倍
cli-help-code = 代码（MIG402）或名称（sidecar-missing-xds-agent）
cli-help-all = 所有代码，即 docs/checks.md（加 --lang zh-CN 时为 docs/checks.zh-CN.md）
cli-help-inject-words = 与 `check` 相同的文件或目录，最后是工作负载或独立 Pod，格式为 NAMESPACE/KIND/NAME（`shop/deployment/cart`、`shop/pod/debug`）
cli-help-baseline = 同一集群早先的报告（`check --format json`）：打印此后的变化（已修复和新增的检查结果、已切换到 ASM 的工作负载、门禁、状态）
cli-help-help = 打印帮助
cli-help-version = 打印版本

## `--help`：clap 在上述文字周围写的内容。
cli-help-usage = 用法：
cli-help-commands = 命令
cli-help-arguments = 参数
cli-help-options = 选项
## $value：参数的默认值。
cli-help-default = [默认：{ $value }]
## $values：参数接受的值，以逗号分隔。
cli-help-possible-values = [可选值：{ $values }]

## clap 发现的命令行错误。$arg：参数，如 `--format <FORMAT>`，带引号；$value：给出的值，带引号。
cli-clap-error = 错误：{ $message }
cli-clap-try-help = 更多信息请运行 '--help'。
cli-clap-tip = 提示：{ $tip }
cli-clap-invalid-value = { $arg } 的值 { $value } 无效
cli-clap-value-required = { $arg } 需要一个值，但没有提供
cli-clap-value-validation = { $arg } 的值 { $value } 无效：{ $reason }
cli-clap-unknown-argument = 未知参数 { $arg }
cli-clap-unknown-subcommand = 未知子命令 { $command }
cli-clap-similar-argument = 有一个相似的参数：{ $similar }
cli-clap-similar-subcommand = 有一个相似的子命令：{ $similar }
cli-clap-similar-value = 有一个相似的值：{ $similar }
cli-clap-conflict = 参数 { $arg } 不能与 { $other } 同时使用
cli-clap-repeated = 参数 { $arg } 不能多次使用
cli-clap-missing = 缺少以下必需的参数：
cli-clap-too-many-values = { $arg } 多出了值 { $value }；不需要更多的值
cli-clap-missing-subcommand = { $command } 需要一个子命令，但没有提供
cli-clap-subcommands = [子命令：{ $commands }]

## 标准错误输出中的消息。$message：下面的某条消息；$error：系统给出的原因（系统的语言）；
## $path、$dir：给出的文件或目录。
cli-error = istio2asm: 错误：{ $message }
cli-no-files = istio2asm: 警告：{ $path } 中没有 *.yaml、*.yml 或 *.json 文件
cli-cannot-read-stdin = 无法读取标准输入：{ $error }
cli-cannot-read = 无法读取 { $path }：{ $error }
## $failed：读取失败的路径数。
cli-no-input-read = 没有可读取的输入（{ $failed } 个失败）；请提供 kubectl 导出的文件或目录
cli-no-asm-config-read = 没有可读取的 --asm-config 文件（{ $failed } 个失败）；请提供 kubectl 导出的文件或目录
cli-no-input = 没有输入：请提供导出的文件或目录、`-`（标准输入）或 --demo（参见 `istio2asm collect`）
cli-cannot-create = 无法创建 { $path }：{ $error }
cli-symlink = { $path } 是符号链接；拒绝通过它写入
cli-is-directory = { $path } 是一个目录
## $files：已存在的文件名。
cli-already-holds = { $dir } 中已有 { $files }；未写入任何文件（使用 --overwrite 替换它们，或使用 --force，它还会强制跳过未通过的门禁）
cli-cannot-write = 无法写入 { $path }：{ $error }
cli-baseline-unreadable = --baseline { $path }：无法读取：{ $error }
## $count：`plan --out` 写入的文件数。
cli-wrote-files = 已将 { $count } 个文件写入 { $dir }
cli-wrote = 已写入 { $path }
cli-exists = { $path } 已存在；不覆盖它
## `inject`：$target 是用户输入的最后一个参数（cli-inject-bad-target 中带引号）。
cli-inject-bad-target = { $target } 不是 NAMESPACE/KIND/NAME 格式（例如 shop/deployment/cart）；它是最后一个参数，位于输入之后
cli-inputs-or-demo = 请提供输入或 --demo，不能同时提供
## $count：输入中的工作负载和独立 Pod 数；$examples：其中几个。
cli-inject-not-found = 输入中没有工作负载或独立 Pod { $target }（共 { $count } 个）
cli-inject-not-found-examples = 输入中没有工作负载或独立 Pod { $target }（共 { $count } 个，例如 { $examples }）
## `explain`：$message 说明哪个代码未知、有哪些代码。
cli-explain-unknown = { $message }（`istio2asm explain --all` 会列出所有代码）

## 多集群（`--cluster NAME=PATH`）。$value：输入的参数，带引号；$message：名称被拒绝的原因（clusters-*），或某集群的导出文件无法读取的原因（cli-no-input-read）。
cli-cluster-malformed = --cluster { $value }：应为 NAME=PATH（集群名称、`=`，然后是其导出文件所在的文件或目录），例如 --cluster east=exports/east
cli-cluster-names = --cluster 参数有误：{ $message }
cli-cluster-inputs = --cluster 集群 { $name }：{ $message }
cli-baseline-clusters = --baseline 比较的是单个集群的报告，不能与 --cluster 一起使用
cli-mesh-shell-needs-out = 多个集群各有一份 bash 操作手册：请用 --out DIR 写出，或选择 --format markdown 或 json
cli-not-directory = { $path } 不是目录
