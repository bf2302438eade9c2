# report — zh-CN

## 文本报告、操作手册和应用中显示的严重级别和迁移状况（report::severity_label、report::situation_label）。
report-severity-error = 错误
report-severity-warning = 警告
report-severity-info = 提示
report-situation-assumed = 假定
report-situation-settled = 已稳定
report-situation-in-progress = 进行中
report-situation-failed = 失败
report-situation-illegal = 非法

## 文本报告中的一条检查结果。$location 为 文件:行:列。
report-first-seen = 首次出现于 { $location }
## 后接帮助文本；其后续行与首个字对齐缩进。
report-help = 帮助：{ $help }

## `istio2asm check` 的汇总行。每行先是加粗的标签，然后是内容。
report-line = { $label }{ $text }
report-label-migration = 迁移：
report-label-versions = 版本：
report-label-next = 下一步：
report-label-injection = 注入：
report-label-summary = 汇总：
## $state 为状态（Init、Migrating 等），$situation 为 report-situation-* 之一，$desired 为
## report-migration-desired 或空。
report-migration-state = { $state }（{ $situation }）{ $desired }
report-migration-desired = ，目标状态 { $desired }
report-migration-assumed = 输入中没有 ASMMigrateFromIstio：按 Init 处理
## 每个版本为导出的版本号或下面的词之一。
report-versions = Kubernetes 为 { $kubernetes }；Istio 为 { $istio }；ASM 为 { $asm }
report-version-unknown = 未知
report-version-not-found = 未找到
report-version-not-given = 未提供
## $transition 为 `Init → SetupIstioForMigrate`；$verdict 为 report-next-clear 或 -blocked。
report-next = { $transition } — { $verdict }
report-next-clear = 没有门禁阻塞
report-next-blocked = 被 { $count } 个门禁阻塞
report-next-finished = 无：迁移已完成
## 下一次切换的一个门禁：$verdict 为 gate-verdict-* 之一，$gate 为门禁 id。
report-gate = [{ $verdict }] { $gate }：{ $detail }
report-summary = { $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示

## 注入行（report::injection_summary）。$outcomes 为 report-injection-count 的列表；
## $sidecar 为 Istio (default)、ASM、none 或 unknown。
report-injection-count = { $sidecar } { $count } 个
report-injection-now = 下次重启：{ $outcomes }
report-injection-after-switch = ；切换后：{ $outcomes }
report-injection-no-asm-webhook = ；导出文件中没有 ASM 的注入器 Webhook
## $names 为 Webhook 配置名；$label_key 为 ASM 标签的键。
report-injection-asm-webhook = ；ASM 的注入器：{ $names }（根据其对 { $label_key } 的选择器识别，属于假设）

## `istio2asm inject`（report::inject_text）。
report-inject-no-webhooks = 错误：输入中没有注入器 Webhook 配置（请用 kubectl get mutatingwebhookconfigurations -o yaml 导出）
## 表格的列标题。
report-inject-column-webhook = Webhook
report-inject-column-revision = 修订版本
report-inject-column-injected = 是否注入
report-inject-column-reason = 原因
## API Server 第二次调用的 Webhook（重新调用）之后。
report-inject-round-two = （第 2 轮）
report-inject-called-none = 调用的 Webhook：无
report-inject-called = 调用的 Webhook，按顺序：
## $sidecar 同 report-injection-count；$reason 说明原因。
report-inject-sidecar = 最终 Sidecar：{ $sidecar } — { $reason }
report-inject-unknown = （未知：导出文件无法确定；原因中说明了需要导出或检查的内容）
report-inject-now = 下次重启（按导出时的状态）：
## $label 为 ASM 标签，KEY=VALUE。
report-inject-after-switch = 迁移计划切换后（Pod 模板上带 { $label }）：
report-inject-not-switched = 切换后：迁移计划不会切换它（它没有运行 Istio Sidecar）。

## 输入摘录中可能含机密的值显示为（excerpt::hidden）。
report-excerpt-hidden = <已隐藏>

# trust: 行（issue 14）。
report-label-trust = 信任：
report-trust-both = 集群 { $cluster }；ASM { $asm }
report-trust-cluster-only = 集群 { $cluster }；未导出 ASM 一侧
report-trust-side = 信任根 { $roots }，信任域 { $domains }
report-trust-root = { $fingerprint }（{ $subject }，有效期至 { $until }，{ $count } 个命名空间）
report-trust-no-roots = 未导出（istio-ca-root-cert）
report-trust-no-domain = 未知（未导出网格配置）
## 多集群网格的报告（report::mesh_text）。每个集群一个标题：$name 为用户给出的名称，$role 为 report-role-* 之一，$cluster_id 为 Istio 对它的称呼（CLUSTER_ID），$network 为其网络或 report-mesh-no-network，$mesh_id 为其网格 ID。
report-mesh-cluster = 集群 { $name }：{ $role }，Istio 的 clusterName 为 { $cluster_id }，网络为 { $network }，网格 ID 为 { $mesh_id }
report-mesh-no-network = 无
report-role-primary = 主集群
report-role-remote = 从集群
report-role-unknown = 无 Istio
report-mesh-across = 跨集群
report-mesh-no-findings = 没有跨集群的检查结果
## 每条跨集群检查结果之前。$clusters：以 list-separator 连接的集群名称。
report-mesh-clusters = 集群 { $clusters }：
report-mesh-order = 操作手册的顺序
report-label-mesh-summary = 网格汇总：
## $clusters：集群数；各计数同 report-summary，涵盖每个集群及跨集群。
report-mesh-summary = { $clusters } 个集群，{ $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示
