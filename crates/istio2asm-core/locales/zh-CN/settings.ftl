# settings — zh-CN

## 每项设置的说明，一句话（settings::Setting::about）：帮助文本和提示。
settings-about-asm-version = ASM 实例的版本，如 1.24.6。
settings-about-cluster-kubeconfig-var = 保存集群 kubeconfig 路径的 Shell 变量。
settings-about-asm-kubeconfig-var = 保存 ASM 控制面 kubeconfig 路径的 Shell 变量。
settings-about-asm-label = 让工作负载改用 ASM 网格代理的 Pod 标签。
settings-about-egress-weights = 每一步切到 ASM 出口网关的流量权重，最后一步为 100。
settings-about-asm-egress-host = ASM 出口网关 Service 的主机名（默认从导出文件中读取）。
settings-about-wave-size = 每个重启或切换批次包含的工作负载数。
settings-about-max-file-bytes = 单个输入文件的最大字节数。
settings-about-max-total-bytes = 所有输入合计的最大字节数。
settings-about-max-documents = 文档和列表项的最大数量。
settings-about-max-depth = 文档内的最大嵌套深度。

## 取值为数量的设置，供 settings-not-whole-number 使用的名称。
settings-name-wave-size = 批次大小
settings-name-max-file-bytes = 上限 max-file-bytes
settings-name-max-total-bytes = 上限 max-total-bytes
settings-name-max-documents = 上限 max-documents
settings-name-max-depth = 上限 max-depth

## 无法读取的设置文本（settings::Settings::set）。$text 为用户给出的值，带引号。
## $setting 为某个 settings-name-* 名称。
settings-not-whole-number = { $setting } { $text } 不是整数
settings-asm-label-not-key-value = ASM 标签 { $text } 必须为 KEY=VALUE 格式，如 sidecar.asm.aliyun.com/inject=true
settings-egress-weights-not-numbers = 出口权重 { $text } 必须是以逗号分隔的整数，如 1,10,50,100

## 单项或组合有误的设置（settings::Settings::validate）。每个值都带引号。
settings-asm-label-key-invalid = ASM 标签键 { $key } 不是合法的 Kubernetes 标签键（如 sidecar.asm.aliyun.com/inject）
settings-asm-label-value-invalid = ASM 标签值 { $value } 不是合法的 Kubernetes 标签值（最多 63 个字符，取自 A-Z a-z 0-9 - _ .）
## $weights 为列表原样，如 [1, 10, 50]。
settings-egress-weights-invalid = 出口权重 { $weights } 必须在 0..100 之间严格递增，并以 100 结束（如 1,10,50,100）
settings-asm-egress-host-invalid = ASM 出口网关主机名 { $host } 不是合法的 DNS 名称
settings-wave-size-zero = 批次大小至少为 1
settings-asm-version-invalid = ASM 版本 { $version } 不是形如 1.24.6 的版本号

# 信任根（issue 14）。
settings-about-as-of = 判断证书是否到期所依据的日期，格式 YYYY-MM-DD（变更窗口的日期；默认今天）。
settings-about-trust-handled = Istio 与 ASM 的信任根已处理（同一信任根，或代理同时信任两者）：true 或 false。
settings-trust-handled-not-bool = 信任根是否已处理的取值 { $text } 必须是 true 或 false
settings-as-of-invalid = 日期 { $date } 必须写成 YYYY-MM-DD
