# app — zh-CN

## 顶栏：标签页（app::View）、检查结果的数量、语言切换。
app-view-overview = 概览
app-view-findings = 检查结果
app-view-workloads = 工作负载
app-view-plan = 迁移计划
app-view-export = 导出
app-view-inputs = 输入
app-count-errors = { $count } 个错误
app-count-warnings = { $count } 个警告
app-count-infos = { $count } 条提示
app-language-hover = 应用、检查结果和迁移计划使用的语言

## 状态栏（app::Status）。$files、$objects 为数量；$error 为系统给出的原文。
app-status-demo = 正在显示内置的演示集群。请在「输入」中加载您自己的导出文件。
app-status-analysed = 已分析 { $files } 个文件、{ $objects } 个对象：{ $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示。
app-status-stopped = 分析意外中止，当前显示的是之前的结果。
## $size 为大小，如「1.2 MB」（见 app-size-bytes）；$seconds 如「0.4」。
app-status-analysing = 正在分析 { $files } 个文件（{ $size }）… { $seconds } 秒
app-status-cannot-read = 无法读取 { $name }：{ $error }
app-status-saved = 已保存 { $path }
app-status-cannot-save = 无法保存 { $path }：{ $error }
app-status-downloading = 正在下载 { $name }
## $existing 为文件夹中已有的文件（以 list-separator 连接）。
app-status-nothing-written = 未写入任何文件：{ $dir } 中已有 { $existing }。请选择一个空文件夹。
app-status-cannot-write = 无法写入 { $path }：{ $error }
app-status-wrote = 已将 { $count } 个文件写入 { $dir }
app-status-symbolic-link = 它是符号链接，不会通过它写入
app-nothing-loaded = 尚未加载任何内容。
## 小于 1 kB 的大小（app::human_size）；更大的在各语言中均写作「1.2 kB」「3.4 MB」。
app-size-bytes = { $count } 字节
## 文件对话框的筛选项。
app-dialog-exports = Kubernetes 导出文件
app-dialog-all-files = 所有文件

## 共用组件（views::widgets）。
app-severity-error = 错误
app-severity-warning = 警告
app-severity-info = 提示
app-verdict-pass = 通过
app-verdict-warn = 警告
app-verdict-manual = 人工确认
app-verdict-fail = 未通过
app-copy = 复制
app-copy-hover = 复制此命令
## 复制按钮的无障碍名称：$name 为复制的内容（文件，或「MIG402 命令 1」）。
app-copy-named = 复制 { $name }
## 命令的无障碍名称：$id 为检查结果的代码或步骤 id，$number 从 1 开始。
app-command-numbered = { $id } 命令 { $number }
## 下拉框中不做筛选的选项。
app-choice-all = 全部
app-preview-heading = 变更内容（根据导出文件离线计算）
app-preview-no-change = （无变更）

## 「检查结果」标签页。
app-filter-errors = 错误
app-filter-warnings = 警告
app-filter-infos = 提示
app-filter-code = 代码
app-filter-namespace = 命名空间
app-filter-search = 搜索
app-findings-shown = 共 { $total } 条检查结果，显示 { $shown } 条
app-findings-select = 选择一条检查结果，查看修复方法、它在输入中的位置及相关命令。
## 列表中一条检查结果的无障碍名称。
app-finding-row = 检查结果 { $code } { $message }
app-finding-how-to-fix = 修复方法
app-finding-commands = 命令
app-finding-documentation = 文档

## 「工作负载」标签页：表头（state::WorkloadColumn）与单元格。
app-column-namespace = 命名空间
app-column-kind = 类型
app-column-name = 名称
app-column-replicas = 副本数
app-column-proxy = 代理
app-column-next-restart = 下次重启
app-column-after-switch = 切换后
app-column-xds-agent = XDS 代理
app-column-risk = 风险
app-column-wave = 批次
app-proxy-none = 无
app-proxy-unknown = 未知
app-proxy-mixed = 混合
## 接在代理单元格之后：其 Pod 为手动注入。
app-proxy-by-hand = （手动注入，MIG509）
app-proxy-ambient = Ambient 模式（ztunnel，MIG510）
app-xds-agent-yes = 是
app-xds-agent-no = 否
app-workloads-filter = 筛选工作负载
app-workloads-count = { $count } 个工作负载

## 「工作负载」标签页：所选工作负载的面板。
app-panel-close = 关闭
app-panel-no-controller = 导出文件中只有它的 Pod，没有它的所属控制器：没有可用于模拟重启的模板。
app-panel-next-restart = 下次重启：
app-panel-after-switch = 切换后：
app-panel-not-switched = 不切换：它目前未运行 Istio Sidecar。
app-panel-asm-not-exported = 导出文件中没有 ASM 的注入器 Webhook，因此切换后的结果未知。
app-panel-exported-alone = 仅根据导出的配置，结果为：
app-panel-configurations = 注入配置
app-panel-no-configuration = 导出文件中没有注入器配置。
app-panel-webhooks = 调用的 Webhook
app-panel-no-webhook = 不调用任何 Webhook。
app-panel-switch-patch = 切换补丁
app-panel-no-switch-wave = 迁移计划中没有修改它的切换批次。
## 列表所属的重启，位于各行无障碍名称的开头。
app-restart-next = 下次重启
app-restart-after-switch = 切换后
## Webhook 调用的结果。
app-call-injects = 注入
app-call-skips = 跳过
app-call-unknown = 未知
app-call-not-called = 未调用
## 接在 Webhook 调用之后：API Server 再次调用它。
app-call-round = （第 { $round } 轮，重新调用）
## 无障碍名称：$restart 为 app-restart-next 或 app-restart-after-switch，$mark 为勾号、叉号或 ?。
app-call-name = { $restart }调用的 Webhook { $configuration } { $webhook }{ $round }
app-configuration-name = { $restart }的注入配置 { $mark } { $name }
## 注入配置给出的是谁的 Sidecar。
app-served-istio-revision = Istio 修订版本 { $revision }
app-served-tag = ，修订版本标签 { $tag }
app-served-deactivated = ，已停用
## 绘制的勾号与叉号的无障碍名称。
app-mark-injects = 注入
app-mark-does-not-inject = 不注入

## 「导出」标签页。
app-export-intro = 操作手册和 YAML 文件，与 `istio2asm plan --out DIR` 写出的完全相同。
app-export-save-all = 全部保存到文件夹…
app-export-save = 保存…
app-export-save-named = 保存 { $name }

## 「输入」标签页。
app-inputs-open = 打开文件…
app-inputs-open-asm = 打开 ASM 导出文件…
app-inputs-open-asm-hover = 从 ASM 控制面导出的 Istio API 对象：用于证明导入门禁已满足
app-inputs-demo = 加载演示集群
app-inputs-clear = 清空
app-inputs-intro = 也可以把文件拖到此窗口，或在下方粘贴 YAML。所有数据都不会离开本机；Secret 不会被读取，直接丢弃。
app-inputs-summary = { $files } 个文件，{ $objects } 个对象，已丢弃 { $secrets } 个 Secret
app-inputs-kinds = 类型（{ $count }）
app-inputs-paste = 粘贴 YAML 或 JSON
app-inputs-analyse = 分析粘贴的文本

## 与上一次加载的导出文件相比的变化（views/changes.rs）。
app-changes-heading = 自上一次导出以来的变化
app-changes-none = 自上一次导出以来没有变化。

## 多个集群（app::clusters、views/clusters.rs）：「网格」标签页、集群栏、状态栏。
app-view-mesh = 网格
app-mesh-pending = 正在分析各集群…
app-clusters-label = 集群：
## 集群栏中集群的提示。
app-cluster-counts = { $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示
app-cluster-add = 添加集群…
app-cluster-add-hover = 加载同一网格中另一个集群的导出文件：每个集群各自分析、各有操作手册，「网格」标签页对它们进行比较。
app-inputs-add-cluster = 添加另一个集群…
app-cluster-name = 新集群的名称
app-cluster-open-files = 打开其文件…
app-cluster-open-folder = 打开其文件夹…
app-cluster-cancel = 取消
app-cluster-rename = 重命名
## 所选集群的按钮及其名称输入框的无障碍名称。
app-cluster-rename-named = 重命名 { $name }
app-cluster-rename-field = { $name } 的新名称
app-cluster-rename-apply = 应用
app-cluster-remove = 移除
app-cluster-remove-named = 移除 { $name }
app-cluster-remove-hover = 从分析中移除此集群及其导出文件（不会删除磁盘上的任何文件）
app-status-analysed-mesh = 已分析 { $clusters } 个集群、{ $files } 个文件：{ $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示（包括各集群内及跨集群的结果）。
