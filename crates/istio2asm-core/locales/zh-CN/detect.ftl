# detect — zh-CN

## 证据：版本的读取来源（显示在 MIG201 中以及控制面旁）。
detect-kubectl-version = kubectl version 的 serverVersion.gitVersion { $version }
detect-lowest-kubelet = 最低的 kubelet 版本，节点 { $node }：{ $version }
detect-istiod-image = istiod 镜像 { $image }
detect-istiod-pod-image = istiod Pod 镜像 { $image }
## $name 为注入器的 ConfigMap，$tag 为 global.tag 的值。
detect-injector-tag = ConfigMap { $name } 的 values 中 global.tag 为 { $tag }
## $kind 为 MutatingWebhookConfiguration 或 ValidatingWebhookConfiguration，$name 为其名称。
detect-webhook-version = { $kind } { $name } 的标签为 istio.io/rev={ $revision }，版本 { $version }

## 注入器 ConfigMap 的 `config` 键无法读取的原因；显示在「ConfigMap NAME：」之后。
## $error 为 YAML 解析器的报错。
detect-injector-no-config = 其中没有 `config` 键
detect-injector-not-yaml = 其 `config` 不是 YAML：{ $error }
detect-injector-empty = 其 `config` 为空
