# views — zh-CN
# 应用的「概览」和「迁移计划」页（crates/istio2asm-app/src/views/{overview,picture,plan}.rs）。

## 概览：四个状态排成一行步骤。
views-overview-state = 迁移状态
## 迁移在某个状态所处的位置，显示在状态名下方（也用作「迁移计划」页中阶段的状态）。
views-mark-done = 已完成
views-mark-current = 当前
views-mark-switching = 切换中
views-mark-failed = 失败
views-mark-upcoming = 待进行
## $mark：上面的词之一，用于 spec.desiredState 指定的状态。
views-state-desired = { $mark }（目标状态）
## $situation：下面的词之一。
views-situation = 当前情况：{ $situation }
views-situation-assumed = 假设
views-situation-settled = 已调谐
views-situation-in-progress = 切换中
views-situation-failed = 切换失败
views-situation-illegal = 配置非法
views-no-resource = 输入中没有 ASMMigrateFromIstio：假设当前为 Init。请从 ASM 控制面导出 `kubectl get asmmigratefromistio default -o yaml` 并加载。
## $message：资源的 status.message，ASM 原文。
views-status-message = status.message（ASM 的说明）：{ $message }
views-next-action = 下一步操作
## 下一步操作命令的无障碍名称（接在「复制」之后）。
views-next-action-id = 下一步操作
## $transition：`Init -> SetupIstioForMigrate`，不翻译。
views-gates-for = 进入 { $transition } 的门禁
views-finished = 迁移已完成。

## 概览：每个命名空间的 Pod 按所运行的代理画成一条横条，以及图例。
views-pods-heading = 各命名空间的 Pod（按代理）
views-pods-none = 导出文件中没有运行中的 Pod。
## $count：整个集群（图例）或一个命名空间（横条提示）的 Pod 数。
views-pods-asm = ASM 网格代理：{ $count }
views-pods-istio = Istio 代理（已启用 XDS Agent）：{ $count }
views-pods-istio-without-agent = Istio 代理（未启用 XDS Agent）：{ $count }
views-pods-unrecognised = 无法识别的代理：{ $count }
views-pods-unmeshed = 无代理：{ $count }
## 命名空间横条旁的总数。
views-pods-total = { $count } 个 Pod
## 横条的无障碍名称。$counts：上面的计数，以 views-list-separator 连接。
views-pods-bar = { $namespace }：{ $counts }
views-list-separator = ；

## 概览：版本与检查结果。
views-versions = 版本
views-unknown = 未知
views-kubernetes-version = Kubernetes 版本 { $version }
views-istio-version = Istio { $version }（修订版本 { $revision }）
## $version：ASM 版本，或 views-asm-version-not-given。
views-asm-version = ASM 版本 { $version }
views-asm-version-not-given = 未指定（见「迁移计划」中的「设置」）
views-open-findings = { $errors } 个错误、{ $warnings } 个警告、{ $infos } 个提示：查看检查结果

## 迁移计划：设置表单。
views-settings = 设置
views-asm-version-field = ASM 版本
views-cluster-var-field = 集群 kubeconfig 变量
views-asm-var-field = ASM kubeconfig 变量
views-asm-label-field = ASM 标签（key=value）
views-egress-weights-field = 出口权重（ASM 占比）
views-asm-egress-host-field = ASM 出口网关主机
views-wave-size-field = 批次大小
views-force = 门禁未通过时仍生成切换步骤（--force）
## $error：表单内容未通过校验的原因。
views-not-applied = 未应用：{ $error }
views-plan-assumed = 输入中没有 ASMMigrateFromIstio：迁移计划假设当前为 Init。
## $gates：门禁 ID，不翻译。
views-gates-overridden = 已强制跳过的门禁（Force）：{ $gates }

## 迁移计划：检查清单。$cluster：集群标识（`kube-system:<uid>` 等）。
views-ticks-remembered = 勾选的步骤按集群记住（{ $cluster }），并在导出的操作手册中标记为已完成。
## 阶段标题。$state：状态，不翻译；$status：views-mark-done、-current 或 -upcoming。
views-phase = { $state }（{ $status }，{ $count } 个步骤）
views-phase-ticked = { $state }（{ $status }，已完成 { $done }/{ $count } 个步骤）
## 步骤的命令使用哪个 kubeconfig。
views-target-cluster = 集群
views-target-asm = ASM 控制面
views-step-title = { $id }：{ $title }（{ $target }）
## 步骤勾选框的无障碍名称及其提示。
views-step-done = { $id } 已完成
views-step-done-hover = 已完成：按集群记住，并在导出的操作手册中标记
views-step-blocked = 已阻塞：门禁 { $gates } 未通过。
views-step-needs = 需要：{ $need }
views-step-risks = 执行本批次前的风险
views-step-risks-none = 未发现
views-risk-separator = ；
views-step-risk-row = { $workload }（命名空间 { $namespace }）：{ $risks }
## $expect：验证命令应输出的内容。
views-step-verify = 验证（预期输出：{ $expect }）
## 步骤验证与回滚命令的无障碍名称（接在「复制」之后）。
views-step-verify-id = { $id } 验证
views-step-rollback = 回滚
views-step-rollback-id = { $id } 回滚
