# model — zh-CN

## MIG002 not-a-kubernetes-object。
mig002-version-without-server = `kubectl version` 的输出中没有 serverVersion.gitVersion；请在能访问集群时导出
## $fields 列出 apiVersion、kind、metadata.name 中缺少的字段。
mig002-missing = 缺少 { $fields }
## $type_name 为下方 model-type-* 之一。
mig002-not-a-map = 该文档是{ $type_name }，不是对象
## $what 为 mig002-missing 或 mig002-not-a-map。
mig002-skipped = 不是 Kubernetes 对象（{ $what }），已跳过
## 不是映射时，YAML 或 JSON 文档的类型。
model-type-null = 空值（null）
model-type-boolean = 布尔值
model-type-integer = 整数
model-type-number = 数字
model-type-string = 字符串
model-type-list = 列表
model-type-map = 映射

## MIG003 duplicate-object。$name 为 namespace/name 或 name。
mig003-twice = { $kind } { $name } 出现了两次；使用第一份

## MIG006 invalid-name。对象的 kind 所遵循的命名规则（Kubernetes 的对象名称规则）。
mig006-rfc1123-label = 合法的 RFC 1123 标签名
mig006-rfc1035-label = 合法的 RFC 1035 标签名
mig006-path-segment = 合法的路径分段名称
mig006-rfc1123-subdomain = 合法的 RFC 1123 子域名
## 名称带引号；$rule 为以上规则之一。
mig006-name = 其名称 { $name } 不是{ $rule }
mig006-owner = 其所属控制器 { $kind } { $name } 不是合法的 kind 与 RFC 1123 子域名名称
mig006-namespace = 其命名空间 { $namespace } 不是合法的 RFC 1123 标签名
## $problem 为 mig006-name、mig006-owner 或 mig006-namespace。
mig006-skipped = 已跳过 { $kind }：{ $problem }；不会为它生成任何命令
