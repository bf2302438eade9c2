# inject — zh-CN

## Istio 注入器对单个 Pod 的判断（inject::istio::inject_required）。$label 为
## sidecar.istio.io/inject，$value 为其值（带引号），$source 为 inject-source-label 或
## inject-source-annotation；$configmap 为注入器 ConfigMap 的名称，$selector 为标签选择器，
## $index 为其在列表中的序号（从 1 开始），$policy 为 ConfigMap 中的 policy（带引号）。
inject-host-network = Pod 使用 hostNetwork，Istio 从不对其注入
inject-ignored-namespace = 命名空间 { $namespace } 属于 Istio 从不注入的命名空间
inject-source-label = 标签
inject-source-annotation = 注解
inject-loose-value = { $label }={ $value }（{ $source }）在 Istio 1.27 之前取值为 y/yes/on 时表示注入，其他值表示「不注入」，从 1.27 起则表示「按默认处理」；该修订版本的版本未知
inject-explicit-on = { $source } { $label }={ $value }
inject-explicit-off = { $source } { $label }={ $value } 关闭了注入
inject-no-configmap = 未导出注入器 ConfigMap；假设为 chart 的默认 policy `enabled`
inject-never-selector = ConfigMap { $configmap } 的 neverInjectSelector #{ $index }（{ $selector }）匹配
inject-always-selector = ConfigMap { $configmap } 的 alwaysInjectSelector #{ $index }（{ $selector }）匹配
## $error 为 detect-injector-no-config、detect-injector-not-yaml 或 detect-injector-empty。
inject-configmap-error = ConfigMap { $configmap } 无法读取：{ $error }
inject-policy-enabled = policy 为 enabled（ConfigMap { $configmap }）
inject-policy-disabled = policy 为 disabled（ConfigMap { $configmap }），且 Pod 未要求注入
inject-policy-illegal = ConfigMap { $configmap } 的 policy { $policy } 不合法；Istio 拒绝注入
inject-policy-missing = ConfigMap { $configmap } 未设置 policy；Istio 拒绝注入

## `istioctl x check-inject` 自己的句子（inject::check_inject），此处为其译文，作为说明显示给用户。
## $ns_label 和 $pod_label 为 key=value；$ns_labels 和 $pod_labels 为 key=value 的列表。
inject-ci-both-match = 命名空间标签 { $ns_label } 匹配，且 Pod 标签 { $pod_label } 匹配
inject-ci-namespace-matches = 命名空间标签 { $ns_label } 匹配
inject-ci-namespace-matches-all = 命名空间标签 { $ns_label } 匹配（所有命名空间均已启用自动注入）。
inject-ci-pod-matches = Pod 标签 { $pod_label } 匹配
inject-ci-pod-prevents = Pod 带有 { $key }={ $value } 标签，阻止了注入
inject-ci-namespace-prevents = 命名空间带有 istio-injection={ $value } 标签，阻止了注入
inject-ci-deactivated = 该注入 Webhook 已停用，不会匹配任何标签。
inject-ci-no-match = 没有匹配的命名空间标签（{ $ns_labels }）或 Pod 标签（{ $pod_labels }）

## 一个注入器配置的一行（Simulation::rows）：Webhook 的名称及原因。
inject-webhook-reason = { $webhook }：{ $reason }
inject-no-webhook-called = 没有调用任何 Webhook

## 一次 Pod 创建中的一个 Webhook。$selected 为 inject-selected-* 之一；$why 为注入器给出的原因（见上）；
## $count 为 matchConditions 的数量；$selector 为标签选择器。
inject-no-pod-create = 其 rules 不涵盖 CREATE pods
inject-deactivated = 已停用（istio.io/deactivated: never-match）
inject-namespace-not-exported = 命名空间 { $namespace } 不在导出文件中；由其标签决定
inject-invalid-selector = 某个选择器无效；API Server 会拒绝该 Pod
inject-namespace-selector-no-match = namespaceSelector（{ $selector }）不匹配命名空间 { $namespace }
inject-object-selector-no-match = objectSelector（{ $selector }）不匹配 Pod 的标签
inject-selected-both = 命名空间标签 { $ns_label } 和 Pod 标签 { $pod_label } 均匹配
inject-selected-namespace = 命名空间标签 { $ns_label } 匹配
inject-selected-pod = Pod 标签 { $pod_label } 匹配
inject-selected-selectors = 其选择器匹配
inject-match-conditions = { $selected }，但它有 { $count } 个 matchConditions（CEL），此处不对其求值
inject-asm-assumed = 假设 ASM 的注入器与 Istio 的注入方式相同（其 policy 不在导出文件中）
inject-asm-assumed-skips = { $why }（假设 ASM 的注入器与 Istio 的检查方式相同）
inject-injects = { $selected }；注入：{ $why }
inject-skips = { $selected }；跳过：{ $why }
inject-unknown = { $selected }；{ $why }
## IfNeeded Webhook 的第二次调用；$reason 为第一次调用的原因。
inject-reinvoked = 再次调用（reinvocationPolicy IfNeeded）：{ $reason }

## 一次 Pod 创建最终得到的 Sidecar 及原因。$configuration 和 $webhook 为起决定作用的调用；
## $injectors 列出「配置 Webhook」；$reason 为一次调用的原因。
inject-no-istio-injector = 导出文件中没有 Istio 的注入器 Webhook 配置（可用 kubectl get mutatingwebhookconfigurations -o yaml 导出）
inject-call-reason = { $configuration } { $webhook }：{ $reason }
inject-last-decides = 调用了 { $count } 个注入器（{ $injectors }）；由最后一个 { $configuration } { $webhook } 决定
inject-asm-not-exported = 导出文件中没有 ASM 的注入器 Webhook 配置，因此无法确定 ASM 会注入哪种 Sidecar（集群添加到 ASM 后才有该配置；可用 kubectl get mutatingwebhookconfigurations -o yaml 导出）；就已导出的注入器而言：{ $reason }

## 没有调用任何 Webhook 的原因。$label 为 sidecar.istio.io/inject；$configurations 列出已停用的配置。
inject-opted-out = 其 Pod 标签 { $label }=false 使所有 Istio Webhook 都不匹配（objectSelector { $label } NotIn [false]）；如果其 Pod 正在运行 Sidecar，说明该标签是在 Pod 启动之后才加上的
inject-revision-gone = istio.io/rev={ $revision } 所指的修订版本或修订版本标签（tag）没有生效的注入器 Webhook（该 tag 或修订版本已被删除）
inject-no-default-injector = default 修订版本没有注入器 Webhook
inject-default-deactivated = default 注入器已停用（{ $configurations }：istio.io/deactivated=never-match），且没有修订版本标签（tag）`default` 接替
inject-no-match = 没有注入器 Webhook 匹配命名空间 { $namespace } 和 Pod 的标签

## Pod 获得的 Sidecar（inject::Sidecar::label）。
sidecar-istio-revision = Istio 代理（{ $revision }）
sidecar-istio = Istio 代理
sidecar-asm = ASM 网格代理
sidecar-none = 无 Sidecar
sidecar-unknown = 未知
