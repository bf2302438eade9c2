# render — zh-CN

## Markdown 操作手册（render::markdown）。**粗体** 和 `代码` 为 Markdown 语法。
render-md-title = 操作手册：从 Istio 原地迁移至 ASM
render-md-assumed = 输入中没有 ASMMigrateFromIstio：**假定迁移处于 Init 状态**。请先导出它（`istio2asm collect`）。
## $state 为状态（Init 等），$situation 为 report-situation-* 之一。
render-md-state = 迁移处于 **{ $state }** 状态（{ $situation }）。
## $gates 为门禁 id 列表。
render-md-forced = **已强制跳过的门禁（设置 force）**：{ $gates }。
## 仅当用户在应用中勾选了步骤时显示：迁移计划共 $total 个步骤，其中 $done 个已完成。
render-md-done-count = **已在 istio2asm 中标记完成**：{ $done } / { $total } 个步骤。
## 位于两行 `export K8S_KUBECONFIG=...` 之前。
render-md-kubeconfig = 所有命令都从两个 Shell 变量读取 kubeconfig 路径，请先设置：
render-md-run-here = 请在存放本操作手册及其 YAML 文件的目录中运行这些命令。
## 阶段标题：序号、状态和 render-phase-* 之一。
render-md-phase = 阶段 { $number }：{ $state }（{ $status }）
render-phase-done = 已完成
render-phase-current = 当前
render-phase-upcoming = 待进行
render-md-phase-done = 此阶段已无待办事项。
render-md-upcoming = 待进行：这些步骤基于当前的导出文件。迁移进入此阶段后，请重新导出并重新生成迁移计划。
## $transition 为 `SetupIstioForMigrate → Migrating`。
render-md-gates-for = { $transition } 的门禁
render-md-no-steps = 无步骤。
render-md-steps = 步骤
## 不产生任何变化的补丁预览（Markdown 和 bash 操作手册）。
render-no-change = （无变化）
## 表头，各列以 | 分隔。
render-md-gate-columns = 门禁 | 结果 | 详情
render-md-risk-columns = 工作负载 | 命名空间 | 副本数 | 风险
render-md-no-risk = 未发现
## 需要提供的输入或风险列表各项之间。
render-separator = ；
## 步骤的命令所操作的集群，位于标题之后。
render-target-cluster = 集群
render-target-asm = ASM 控制面
## $gates 为代码字体的门禁 id 列表。
render-md-blocked = **已阻塞**：门禁 { $gates } 未通过。请修复后重新生成迁移计划，或使用设置 force 强制跳过。
render-md-needs = 需要提供（导出文件中没有；运行前请补全）：
render-md-risks = 本批次的风险：
render-md-changes = 变更内容（根据导出文件离线计算）：
## $expect 为命令应输出的内容。
render-md-verify = 验证（预期输出：{ $expect }）：
render-md-rollback = 回滚：
## 过大而不内嵌显示的文件：文件名和字节数。
render-md-file-beside = 文件 `{ $name }`（{ $bytes } 字节）已写入本操作手册所在的目录。

## bash 操作手册（render::shell）：注释和打印的文字。不要使用 $、反引号、反斜杠或双引号：
## 其中一些位于脚本的双引号内。
render-sh-say-quotes = `say` 行会在运行每条命令之前原样打印该命令，因此其中的引号是有意为之。
render-sh-usage = 用法：bash runbook.sh [--phase STATE] [--yes]
## $state 为当前状态。
render-sh-usage-phase = STATE：Init、SetupIstioForMigrate、Migrating 或 Finished（默认：{ $state }，即当前状态）。
render-sh-usage-yes = --yes：每个批次之前不暂停。
## $var 为 Shell 变量名。
render-sh-cluster-kubeconfig-unset = runbook.sh：请先将 { $var } 设置为集群的 kubeconfig 路径
render-sh-asm-kubeconfig-unset = runbook.sh：请先将 { $var } 设置为 ASM 控制面的 kubeconfig 路径
render-sh-phase-needs-state = --phase 需要指定状态
## $argument 为给出的参数（Shell 的 $1）。
render-sh-unknown-argument = runbook.sh：未知参数 { $argument }
render-sh-files-here = YAML 文件与本脚本位于同一目录。
## 打印在验证命令的输出之前；$expect 为其应输出的内容。
render-sh-expect = 预期输出：{ $expect }
## 暂停时的提问；输入 y 继续。
render-sh-continue = 是否继续？[y/N]
render-sh-stopped = 已停止
## $reason 为 render-sh-phase-upcoming 或 render-sh-step-blocked。
render-sh-blocked = 已阻塞：{ $reason }
render-sh-phase-done = { $state } 已完成：无需运行。
## $state 为当前状态，$phase 为要运行的阶段。
render-sh-phase-upcoming = 迁移处于 { $state } 状态；请在进入 { $phase } 后重新导出并生成迁移计划（这些步骤基于当前的导出文件）
render-sh-more-steps = 解除阻塞后，本阶段其余 { $count } 个步骤见 runbook.md
## 用户在应用中勾选的步骤：其上方的注释及其标题（$step 为 id: 标题）。
render-sh-done-comment = 已在 istio2asm 中标记完成；仍会像其他步骤一样再次运行
render-sh-step-done = { $step }（已完成）
render-sh-step-blocked = 门禁 { $gates } 未通过；请修复后重新生成迁移计划（或使用设置 force）
render-sh-needs = 此步骤需要导出文件中没有的输入：{ $needs }。请先将其填入该步骤的文件。
render-sh-next = 下一步：{ $title }。
render-sh-note = 注意：{ $note }
## 补丁预览之上；$object 为 Kind namespace/name。
render-sh-changes = { $object } 的变更：
## $phase 为给出的阶段（Shell 的 $PHASE）。
render-sh-unknown-phase = runbook.sh：未知阶段 { $phase }（Init、SetupIstioForMigrate、Migrating、Finished）

## 读回迁移计划的 JSON（render::PlanDoc::from_json）。$error 为 JSON 解析器给出的原因。
render-json-not-a-plan = 不是 istio2asm 迁移计划的 JSON（{ $error }）；请用 plan() 或 `istio2asm plan --format json` 生成
render-json-schema-version = 该迁移计划的 schemaVersion 为 { $version }；此版本的 istio2asm 只能读取 { $supported }
render-json-verify-count = 步骤 { $step }：有 { $verify } 条验证命令，却有 { $expect } 条预期输出
render-json-preview-not-object = 步骤 { $step }：{ $object } 的补丁预览中，before 或 after 不是对象
render-json-done-unknown = 迁移计划将 { $step } 标记为已完成，但计划中没有步骤 { $step }

## 导出脚本的注释（collect::script）；命令在各语言中相同。
render-collect-script-intro = 导出 istio2asm 读取的内容。不会请求任何 Secret 的数据（istio-system 中的 Secret 只导出名称和标签）。
## 后接 `istio2asm check` 和文件列表。
render-collect-script-then = 然后运行：
## 每个导出的用途。
render-collect-why-cluster = 工作负载、Pod、Sidecar、网关、重启所属控制器、风险
render-collect-why-istio-system-configmaps = 网格配置（PROXY_CONFIG_XDS_AGENT）和注入器取值（Istio 版本）
render-collect-why-webhooks = 注入 Webhook 及其修订版本；卸载后的残余资源
render-collect-why-istio-config = 要导入 ASM 的 Istio API 对象；出口路由
render-collect-why-install = 通过 Gateway API 或 IstioOperator 安装的东西向网关（这些 CRD 不存在时命令会失败，但无害）
render-collect-why-version = Kubernetes 版本
render-collect-why-nodes = `kubectl version` 不可用时的 kubelet 版本
render-collect-why-asm-migrate = 迁移状态（ASMMigrateFromIstio）
render-collect-why-asm-config = ASM 中已有的资源（作为 ASM 控制面的导出文件加载；用于证明导入门禁）
render-collect-why-root-certs = Istio 写入每个命名空间的根证书（公开证书）：即信任根。
render-collect-why-secret-names = istio-system 中 Secret 的名称和标签（cacerts、远程 Secret），从不包含其数据。

## 网格操作手册的 README.md（render::mesh_readme）。
render-mesh-title = 网格的操作手册：从 Istio 原地迁移至 ASM，逐个集群进行
render-mesh-kubeconfig = 每个集群的操作手册位于以其名称命名的目录中，并读取该集群自己的 kubeconfig 变量；请全部设置，并设置 ASM 的变量：
render-mesh-column-cluster = 集群
render-mesh-column-role = 角色
render-mesh-column-why = 排在此处的原因
render-mesh-rules = 跨集群的规则
render-mesh-rule-order = 按此顺序逐阶段运行操作手册：先按上表顺序在每个集群中完成某阶段的步骤，再在任一集群中进入下一阶段。
## $command：列出 ASM 提供的迁移资源的命令。
render-mesh-rule-one-resource = 假设（未经公开资料证实）：所有集群加入同一个 ASM 实例，其迁移资源（集群级，名为 default）由它们共用，因此每个阶段的切换在每份操作手册中是同一条命令：在每个集群都完成该阶段的步骤后只运行一次。请用 `{ $command }` 查看 ASM 提供的资源（预期输出：一行），并向 ASM 技术支持确认一次原地迁移能否涵盖多个数据面集群。
render-mesh-rule-cross-gateway = 在任何集群的第一个工作负载迁移至 ASM 网格代理之前，ASM 的跨集群网格代理须为每个网络提供服务（各操作手册的步骤 eastwest-networks）：ASM 网格代理只能通过它访问其他网络（迁移流程 步骤三 2）。
render-mesh-rule-east-west = Istio 的东西向网关保留（不缩容、不卸载），直到每个集群都已迁移其工作负载（各操作手册的步骤 mesh-wait-for-clusters）：其他集群中剩余的 Istio 代理通过它们访问本集群的工作负载，且迁移流程只在没有东西向网关承载流量后才卸载 Istio（步骤四）。
render-mesh-rule-findings = 先处理跨集群的检查结果（`istio2asm check` 中的 MIG801–MIG805）：不共享信任根、网格 ID、名称不唯一或网络没有网关的集群，在迁移之前也无法承载跨集群流量。
## 各集群的操作手册依次输出时，每份之前的注释。
render-mesh-cluster-runbook = 集群 { $cluster } 的操作手册
