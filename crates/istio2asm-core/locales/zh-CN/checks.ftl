# checks — zh-CN

## MIG403 sidecar-manual-restart。$owner 为 kind/name，$at_ns 为所在位置（in-namespace），$pods 为 pod-list。
mig403-on-delete = { $owner }{ $at_ns } 使用 updateStrategy OnDelete：请逐个删除它的 { $pods }，每删除一个都等待新 Pod 就绪（Ready）
mig403-job = { $owner }{ $at_ns } 是 Job：请等待它的 { $pods } 运行结束，或删除并重新创建该 Job
mig403-cronjob = { $owner }{ $at_ns } 是 CronJob：下一次运行会采用新配置；它的 { $pods } 仍在使用旧配置运行
mig403-bare = { $owner }{ $at_ns } 是独立 Pod：请根据其原始清单重新创建
mig403-by-hand = { $owner }{ $at_ns } 为手动注入（MIG509）：重启会保留其 { $pods } 注入时的代理设置；请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用
mig403-other = { $owner }{ $at_ns } 由 { $kind } 管理：请通过该控制器重启它的 { $pods }
mig403-by-hand-template = { $object }{ $at_ns } 为手动注入（MIG509），其 Pod 模板中没有 PROXY_CONFIG_XDS_AGENT；重启后仍然如此：请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用

## 以下检查共用：连接同一条检查结果中的几个分句（MIG505 的问题、MIG601 的各部分）。
checks-clause-separator = ；

## MIG004 secrets-dropped。$count 为 Secret 的数量。
mig004-dropped = 输入中的 { $count } 个 Secret 未经读取即被丢弃；它们不会被存储或显示

## MIG201 kubernetes-too-old。$version 为原样读到的版本（mig201-no-minor 中带引号），$floor 为 MAJOR.MINOR，
## $evidence 为读取来源（detect-kubectl-version、detect-lowest-kubelet）。
mig201-unknown = Kubernetes 版本未知：输入中既没有 `kubectl version -o yaml` 的输出，也没有节点
mig201-too-old = Kubernetes { $version } 低于 { $floor }（{ $evidence }）
mig201-no-minor = Kubernetes 版本 { $version } 中没有可比较的 MAJOR.MINOR

## MIG202 istio-too-old。$tag 为镜像 tag，带引号。
mig202-too-old = Istio 控制面（修订版本 { $revision }）运行的是 { $version }，低于 { $floor }
mig202-unknown = Istio 控制面（修订版本 { $revision }）的版本未知：镜像 tag 为 { $tag }

## MIG204 istio-multiple-revisions。$planes 为 mig204-plane 的列表。
mig204-planes = { $count } 个 Istio 控制面：{ $planes }
mig204-plane = { $revision }（{ $version }）

## MIG205 istio-not-found。
mig205-not-found = 输入中没有 Istio 控制面（istiod）

## MIG302 istio-system-injection-label。$value 为标签的值。
mig302-label = 命名空间 istio-system 带有标签 istio-injection={ $value }，且集群中有东西向网关

## MIG401 mesh-config-missing-xds-agent。$why 为 mig401-parse-error 或空；$error 为 YAML 解析器的报错。
mig401-no-mesh-config = 输入中没有网格配置（istio-system 中的 ConfigMap istio），无法检查 PROXY_CONFIG_XDS_AGENT
mig401-missing = 网格配置 { $name }（修订版本 { $revision }）中没有 PROXY_CONFIG_XDS_AGENT: "true"{ $why }
mig401-parse-error = （其 mesh 键无法解析：{ $error }）

## MIG402 sidecar-missing-xds-agent。$owner 为 kind/name，$at_ns 为 in-namespace，$pods 为 pod-list。
mig402-missing = { $owner }{ $at_ns }：{ $pods } 上的 Istio Sidecar 缺少 PROXY_CONFIG_XDS_AGENT=true
mig402-help-no-rollout = 该所属控制器不支持 rollout restart：请按 MIG403 中的手动方法重启，然后验证每个 Pod 都显示 `true`。

## MIG501 workload-on-istio-sidecar。$tag 为代理镜像的 tag；$by_hand 为 mig501-by-hand 或空。
mig501-on-istio = { $owner }{ $at_ns }：仍在使用 Istio 的代理 { $tag }（{ $pods }）{ $by_hand }
mig501-by-hand = ；为手动注入（MIG509），标签无法切换它

## MIG505 invalid-route-weights。$object 为 namespace/name，$route 形如 http[0]，$problems 为下列问题
## 以 checks-clause-separator 连接；$weight 为原文，$sum 为数字。
mig505-weights = VirtualService { $object } 的路由 { $route }：{ $problems }
mig505-not-an-integer = 权重 { $weight } 不是 0 到 100 之间的整数
mig505-sum = 权重之和为 { $sum }，而不是 100
mig505-single = 唯一的目标（destination）权重为 { $sum }，而不是 100

## MIG507 istio-api-import。$kinds 为 mig507-kind 的列表。
mig507-import = 需导入 ASM 的 Istio API 对象共 { $count } 个：{ $kinds }
mig507-kind = { $kind } { $count } 个

## MIG509 workload-manually-injected。$object 为 resource/name，$image 为代理镜像；$native 为
## mig509-native 或空。
mig509-by-hand = { $object }{ $at_ns } 为手动注入：其 Pod 模板中含有 Istio 的代理（{ $image }{ $native }）；ASM 的标签无法切换它
mig509-native = ，原生 Sidecar

## MIG512 switch-not-to-asm。$subject 为「Kind namespace/name」，$sidecar 形如「Istio (1-22)」，$reason 为模拟给出的原因。
mig512-gets-none = { $subject }：切换后不会获得 ASM 的 Sidecar，而是没有任何 Sidecar：{ $reason }
mig512-gets-istio = { $subject }：切换后获得的是 { $sidecar } 的 Sidecar，而不是 ASM 的：{ $reason }

## MIG513 restart-drops-sidecar。
mig513-drops = { $subject } 正在运行注入的 Sidecar，但下次重启后将没有 Sidecar：{ $reason }

## MIG601 istio-sidecars-remain。$pods 和 $workloads 为数量；$names 为 resource/name 的列表。
mig601-pods = { $workloads } 个工作负载中的 { $pods } 个 Pod 仍在运行 Istio Sidecar
mig601-by-hand = { $count } 个手动注入的工作负载（{ $names }）的 Pod 模板中仍含有 Istio 的代理（Pod 未导出）

## MIG602 istio-gateways-remain。$gateways 为 mig602-gateway 的列表；$kind 为下列三种网关之一。
mig602-remain = 仍有 { $count } 个 Istio 网关：{ $gateways }
mig602-gateway = { $owner }{ $at_ns }（{ $kind }）
mig602-ingress = 入口网关
mig602-egress = 出口网关
mig602-east-west = 东西向网关

## MIG603 istio-control-plane-remains。$objects 列出 istiod 的 Deployment 和 Istio 的 Webhook 配置。
mig603-remains = Istio 控制面仍然存在：{ $objects }

## MIG604 istio-api-not-in-asm。$kind 为 kind，$object 为 namespace/name。
mig604-missing = { $kind } { $object } 不在 ASM 的导出文件中
## MIG510 ambient-mode。$at_ns 为对象所在位置（in-namespace），$names 为 kind/name 列表。
mig510-no-workload = 未导出其中的任何工作负载
mig510-workloads = { $count } 个工作负载（{ $names }）在没有 Sidecar 的情况下运行
## $what 为 mig510-no-workload 或 mig510-workloads。
mig510-namespace = 命名空间 { $namespace } 处于 Istio 的 Ambient 模式：{ $what }；迁移流程不会迁移它们
## $label 为标签键 istio.io/dataplane-mode。
mig510-workload = { $workload }{ $at_ns } 通过自身的 { $label } 标签加入了 Istio 的 Ambient 模式；它没有 Sidecar，因此迁移流程不会迁移它
mig510-waypoint = { $gateway }{ $at_ns } 是 Ambient 模式的 waypoint 代理（class istio-waypoint）；迁移流程不会迁移它，卸载 Istio 会将其删除
mig510-ztunnel = { $object }{ $at_ns } 正在运行：集群中安装了 Istio 的 Ambient 数据面；卸载 Istio 会将其删除，所有 Ambient 工作负载也将随之脱离网格

## MIG203 asm-too-old。$floor 为迁移要求的最低 ASM 版本（1.24）。
mig203-not-given = 未提供 ASM 版本（设置 asm-version）；ASM 版本须为 { $floor } 或更高
mig203-too-old = ASM { $version } 低于 { $floor }
## $version 带引号。
mig203-not-a-version = ASM 版本 { $version } 不是有效的版本号

## MIG301 eastwest-needs-label-reconciliation-off。$option 为 spec.advancedOptions 下的字段。
mig301-option-not-true = 集群中有东西向网关（{ $kind } { $name }），但 { $option } 不是 true

## MIG303 eastwest-network-plan。
mig303-no-network = 集群中有东西向网关，但未找到网络名称（istio-system 上的 topology.istio.io/network 或 ISTIO_META_NETWORK）：请在配置 ASM 之前确定网络名称
mig303-networks = 东西向网关服务于网络 { $networks }：请在第一个工作负载切换之前，在 ASM 中配置相同的网络名称，并启用跨集群网格代理

## MIG404 gateway-missing-xds-agent。$owner 为 kind/name，$pods 为 pod-list。
mig404-missing = 网关 { $owner }{ $at_ns }：{ $pods }缺少 PROXY_CONFIG_XDS_AGENT=true

## MIG502 injection-label-conflict。$revision 为 Pod 模板中的 istio.io/rev。
mig502-namespace-both = 命名空间 { $namespace } 同时带有 istio-injection={ $injection } 和 istio.io/rev={ $revision } 标签；istio-injection 优先
mig502-injection-wins = 其 Pod 模板要求修订版本 { $revision }，但命名空间 { $namespace } 设置了 istio-injection=enabled，以后者为准
mig502-namespace-revision-wins = 其 Pod 模板要求修订版本 { $revision }，但命名空间 { $namespace } 设置的是 { $namespace_revision }，以后者为准
## $label 为将工作负载切换至 ASM 的标签键（设置 asm-label-key）。
mig502-disabled-with-label = 其 Pod 模板禁用了注入（sidecar.istio.io/inject: "false"），却带有 { $label }
## $object 为 namespace/name；$problems 为以上分句。
mig502-workload = { $kind } { $object }：{ $problems }

## MIG503 graceful-shutdown-risk。$object 为 namespace/name；$risks 为该工作负载的风险。
mig503-risks = { $kind } { $object }：{ $risks }

## MIG504 egress-route-to-migrate。路由写作 protocol[index]，可带 subset。
mig504-subset = ，subset 为 { $subset }
## $object 为 namespace/name；$routes 为路由列表。
mig504-routes = VirtualService { $object } 将网格流量路由到 Istio 出口网关（{ $routes }）

## MIG506 ingress-gateway-to-migrate。$services 为 Service 名称列表。
mig506-no-service = 未导出对应的 Service
mig506-services = 对应 Service { $services }
## $services 为 mig506-no-service 或 mig506-services。
mig506-ingress = 入口网关 { $owner }{ $at_ns }（{ $services }）运行的是 Istio 的代理

## MIG508 envoyfilter-review。$object 为 namespace/name。
mig508-envoyfilter = EnvoyFilter { $object } 直接修改 Envoy 配置：请针对 ASM 的代理版本审查它

## MIG511 injection-multiple-injectors。每次调用写作“配置名（Istio 修订版本）Webhook 名”，按调用顺序排列。
mig511-on-next-restart = 下次重启时
mig511-after-switch = 切换之后
mig511-reinvoked = （再次调用）
mig511-then = {"，随后 "}
## $last 为其 Sidecar 最终生效的配置；$sidecar 为该代理属于谁（Istio (rev)、ASM）。
mig511-injectors = { $count } 个注入器都会注入它：{ $calls }；由最后一个 { $last } 决定：{ $sidecar }
## $when 为 mig511-on-next-restart 或 mig511-after-switch；$injectors 为 mig511-injectors。
mig511-several = { $subject }：{ $when }，{ $injectors }

# 信任根与信任域，MIG701–MIG705、MIG708（issue 14）。
trust-expect = {" "}预期输出：{ $expect }
trust-root-words = { $sha256 }（{ $subject }）
trust-set-words = { $roots } 位于 { $count } 个命名空间（{ $names }{ $more }）
mig701-message = 集群各命名空间的 istio-ca-root-cert 中有 { $count } 组不同的信任根：{ $groups }。有两个控制面在写入它，或信任根轮换尚未到达每个命名空间；信任根不同的命名空间中的代理会拒绝彼此的证书
mig701-expect = 每条命令都打印同一行 "sha256 Fingerprint="。
mig702-message = ASM 的信任根 { $asm } 与集群的信任根 { $cluster } 不同：两者同时提供服务期间，Istio 与 ASM 的代理会拒绝彼此的证书
mig702-expect = 两条命令打印同一行 "sha256 Fingerprint="。
mig703-expiring = 信任根 { $sha256 }（{ $subject }，位于 { $count } 个命名空间）将于 { $date } 到期，还剩 { $days } 天
mig703-expired = 信任根 { $sha256 }（{ $subject }，位于 { $count } 个命名空间）已于 { $date } 到期，已过去 { $days } 天
mig703-expect = "sha256 Fingerprint={ $sha256 }" 和 "{ $end }"；轮换之后，notAfter 为更晚的日期。
mig704-message = Istio 的插入式 CA { $secret }：导出中没有其 CA 证书的到期时间（从不读取 Secret 的数据）；请在集群上检查
mig704-expect-after = 一行 subject 和 "notAfter="，日期晚于 { $date }（判断日之后 30 天）。
mig704-expect = 一行 subject 和 "notAfter="，日期比变更窗口晚 30 天以上。
mig705-istio = Istio 的网格配置（修订版本 { $revision }）
mig705-asm = ASM 的网格配置（修订版本 { $revision }）
mig705-side = { $side }，信任域 { $domain }
mig705-message = 信任域不同且没有别名：{ $first } 与 { $second }。在 mTLS 下，一方的代理会拒绝另一方的对端
mig705-expect = "trustDomain: { $first }" 与 "trustDomain: { $second }" 相同，或各自出现在对方的 trustDomainAliases 中。
mig708-message = 命名空间 { $namespace } 中的 istio-ca-root-cert 无法读取（{ $reason }）：其信任根未知
