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
views-as-of-field = 证书到期的判断日期
## 判断日期为空时输入框显示的提示。
views-as-of-hint = YYYY-MM-DD（留空：今天）
views-trust-handled-field = 信任根已处理
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

## 概览：信任面板（issue 14）。指纹、主题、命名空间、名称和日期不翻译。
views-trust-heading = 信任根与信任域
## $date：判断证书到期的日期，YYYY-MM-DD。
views-trust-judged-on = 证书到期按 { $date } 判断（设置 as-of，未设置时为今天）。
views-trust-not-judged = 没有判断到期的日期：只显示日期，不作判断。
views-trust-cluster = 集群
views-trust-asm = ASM
views-trust-asm-not-exported = 未导出 ASM 侧：请在「输入」中加载 ASM 的导出文件，以比较其信任根与信任域。
views-trust-no-roots = 导出中没有 istio-ca-root-cert ConfigMap。
## 按钮复制完整指纹；按钮的无障碍名称为「复制 指纹 …」。
views-trust-copy-hover = 复制完整的 SHA-256 指纹
views-trust-fingerprint-id = 指纹 { $fingerprint }
views-trust-subject = 主题：{ $subject }
views-trust-issuer = 签发者：{ $issuer }
views-trust-until = 有效期至 { $date }（还剩 { $days } 天）
views-trust-expired = 已于 { $date } 过期（{ $days } 天前）
views-trust-until-unjudged = 有效期至 { $date }
views-trust-namespaces = { $count } 个命名空间
## $count：各命名空间的 ConfigMap 中不同信任根组合的数量（2 个或以上）。
views-trust-two-writers = 两个写入方：各命名空间持有 { $count } 组不同的信任根（istio/istio#32778）。
## $roots：该组信任根的缩写指纹。
views-trust-set = 第 { $number } 组：{ $roots }（{ $count } 个命名空间）
## $reason：解析器的原文（英文）。
views-trust-unreadable = { $namespace }：无法读取 root-cert.pem（{ $reason }）
views-trust-domains = 信任域
views-trust-no-domain = 未知：导出中没有网格配置。
views-trust-domain = 修订版本 { $revision }：{ $domain }
views-trust-domain-default = 修订版本 { $revision }：{ $domain }（Istio 默认值，网格配置中未设置）
views-trust-aliases = 别名：{ $aliases }
views-trust-ca-secrets = CA Secret（仅名称）
views-trust-secrets-not-exported = 导出中没有 Secret 名称：无法得知是否使用了插入式 CA（cacerts）。
views-trust-no-ca-secret = 导出中既没有 cacerts，也没有 istio-ca-secret。
views-trust-cacerts = { $namespace }/{ $name }：插入式 CA；离线无法读取其到期时间（从不读取 Secret 的数据）。
views-trust-ca-secret = { $namespace }/{ $name }：istiod 的自签名 CA；离线无法读取其到期时间（从不读取 Secret 的数据）。
views-trust-findings = 信任相关的检查结果
views-trust-no-findings = 没有与信任相关的检查结果。
## 同一代码出现多次时用来区分各条检查结果（用于复制按钮的无障碍名称）。
views-trust-finding-id = { $code } #{ $number }

## 「网格」标签页（views/mesh.rs），有多个集群时显示。集群名称、网络名称和网格 ID 不翻译。
views-mesh-heading = 由 { $count } 个集群组成的网格
views-mesh-order = 操作手册的执行顺序
views-mesh-column-cluster = 集群
views-mesh-column-role = 角色
views-mesh-column-istio-name = Istio 中的集群名称
views-mesh-column-network = 网络
views-mesh-column-mesh-id = 网格 ID
views-mesh-column-findings = 检查结果
views-mesh-column-why = 排在此处的原因
views-mesh-open-cluster = 打开此集群的概览
views-mesh-no-network = 未设置
views-mesh-counts = { $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示
views-mesh-across = 跨集群
views-mesh-no-findings = 没有跨集群检查结果。
## $clusters：该检查结果涉及的集群，以 list-separator 连接。
views-mesh-clusters = 涉及集群：{ $clusters }
views-mesh-export = 网格的操作手册
views-mesh-export-intro = 一个 README.md 说明执行顺序和跨集群的规则，其后每个集群的操作手册和文件位于以该集群命名的文件夹中；已勾选的步骤标记为已完成。
