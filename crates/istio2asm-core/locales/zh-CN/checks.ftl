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
# MIG801–MIG805：网格中跨集群的检查（在多个集群的分析结果上运行）。
## 集群的名称、网络或网格 ID 的读取来源（checks::mesh_support::source）。
mig8-source-istiod-env = istiod 的 CLUSTER_ID
mig8-source-injector-values = 注入器的 values
mig8-source-proxy-env = 其 Sidecar 的环境变量
mig8-source-namespace-label = istio-system 上的标签 topology.istio.io/network
mig8-source-mesh-config = 其网格配置的 defaultConfig.meshId
mig8-source-trust-domain = 其信任域（未设置网格 ID）
mig8-source-default = Istio 的默认值（未设置）

## MIG801 mesh-id-differs。$cluster：某集群；$mesh_id 为其网格 ID，$source 为读取来源（mig8-source-*）；$others：具有多数集群所用网格 ID 的集群，$common 为该 ID。
mig801-differs = { $cluster } 的网格 ID 为 { $mesh_id }（{ $source }），其他集群 { $others } 的为 { $common }：同一多集群网格中的每个集群应具有相同的网格 ID
mig801-help = 在每个集群中将 values.global.meshID 设为同一个值（对 istiod 执行 istioctl install 或 helm upgrade），然后重启代理（代理以 ISTIO_META_MESH_ID 携带该值）；Istio 说明安装后更改该值可能造成中断：请在变更窗口内进行。用下方命令验证：{ $clusters } 的网格配置在 defaultConfig 下都显示同一行 `meshId: { $common }`。

## MIG802 cluster-name-not-unique。$clusters：这些集群；$cluster_id 为它们共用的名称。
mig802-twice = { $clusters } 都自称 { $cluster_id }（{ $source }）：Istio 的集群名称必须互不相同，否则 istiod 只注册其中一个，其余集群的端点无法被跨集群发现
mig802-help = 为每个集群设置各自的 values.global.multiCluster.clusterName（istiod 的 CLUSTER_ID、代理的 ISTIO_META_CLUSTER_ID），用 `istioctl create-remote-secret --name=<新名称>` 重新创建其他集群中的远程 Secret，并重启代理。用下方命令验证：每条命令输出其集群的 CLUSTER_ID，每个集群各不相同（当前 { $clusters } 均为 { $cluster_id }）。

## MIG803 network-gateway-mismatch。$networks 和 $others：以 list-separator 连接的"网络（集群）"；$gateway：东西向网关，形如 kind/name 及其命名空间。
mig803-no-gateway = { $cluster } 位于网络 { $network }（{ $source }），但网格中没有任何集群为 { $network } 部署东西向网关，也没有 meshNetworks 为它指定网关：{ $others } 上的工作负载无法访问 { $cluster } 的工作负载
mig803-gateway-elsewhere = { $cluster } 的东西向网关 { $gateway } 服务于网络 { $network }，但 { $cluster } 位于 { $own }：Istio 将发往某网络的流量送到带有该网络标签的网关，而此网关无法访问 { $network } 的工作负载
mig803-gateway-no-network = { $cluster } 的东西向网关 { $gateway } 服务于网络 { $network }，但没有集群位于该网络（网格中的网络：{ $networks }）
## $registry：fromRegistry 的值；$ids：网格中各集群的 clusterName。
mig803-unknown-registry = { $cluster } 的 meshNetworks 将注册表 { $registry } 归入网络 { $network }，但网格中没有名为 { $registry } 的集群（各集群的 clusterName：{ $ids }），{ $cluster } 也没有它的远程 Secret
mig803-unknown-gateway-service = { $cluster } 的 meshNetworks 将 { $service } 指定为网络 { $network } 的网关，但网格中没有集群导出同名的东西向网关 Service
mig803-help = 为每个集群的 istio-system 加上其网络标签，并为其他网络需要访问的每个网络部署东西向网关，其 Service 带有相同的标签 topology.istio.io/network 和端口 15443（Istio 的 gen-eastwest-gateway.sh --network NAME）；之后 ASM 的跨集群网格代理也需要相同的名称。用下方命令验证：每个集群的 istio-system 在 NETWORK 列显示其网络，且对网格中的每个网络（{ $networks }）都有某个集群列出带该标签、端口含 15443 的 Service。
mig803-help-mesh-networks = 让 meshNetworks 中的每个 fromRegistry 都是网格中某集群的 clusterName（istiod 的 CLUSTER_ID），每个 registryServiceName 都是东西向网关的 Service（name.namespace.svc.cluster.local），或删除 meshNetworks，由网络标签决定。用下方命令验证：输出的 meshNetworks 只包含网格中的集群和网关。

## MIG804 remote-secret-missing。$primary：某主集群；$cluster：另一集群，$cluster_id 为其 istiod 使用的名称；$secret：Secret 的名称。
mig804-missing = { $primary } 没有 { $cluster }（clusterName 为 { $cluster_id }）的远程 Secret：{ $primary } 的 istiod 不监视 { $cluster } 的 API Server，因此其工作负载看不到 { $cluster } 的端点
mig804-remote-unwatched = 没有主集群持有从集群 { $cluster }（clusterName 为 { $cluster_id }；主集群：{ $primaries }）的远程 Secret：没有 istiod 监视其 API Server，因此网格不知道它的服务和端点
mig804-other-name = { $primary } 持有 { $cluster } 的远程 Secret { $secret }，但 { $cluster } 的 istiod 自称 { $cluster_id }：istiod 以 Secret 给出的名称（其 data 键）注册该集群，而不是以其 clusterName
## $expected：该 Secret 应包含的 clusterName。
mig804-help = 在另一集群的上下文中，以其 clusterName 创建远程 Secret 并应用到 { $primary }：`istioctl create-remote-secret --name={ $expected } | kubectl apply -f -`。本工具只读取 Secret 的元数据（注解 networking.istio.io/cluster，否则为名称 istio-remote-secret-NAME）；istiod 使用的是其 data 键。用下方命令验证：{ $primary } 的每个远程 Secret 一行，先是名称，再是其包含的集群名称（data 键，从不输出其值），其中应有 { $expected }。

## MIG805 cluster-roots-differ。$fingerprints、$common、$shared：缩短为首尾字节的 SHA-256 指纹；$subject：根证书的主题。
mig805-differs = { $cluster } 的信任根（{ $fingerprints }，{ $subject }）与 { $others } 的（{ $common }）不同：它们之间的跨集群 mTLS 会失败，因为代理只接受证书链终止于其所持信任根的对端
mig805-overlap = { $cluster } 的信任根（{ $fingerprints }）与 { $others } 的（{ $common }）不同，但共有 { $shared }：似乎正在轮换根证书；只有每个证书包都含有共同的根证书时，跨集群 mTLS 才能成功
## $fingerprints：每个集群的"集群: 完整指纹"。
mig805-help = 为每个集群插入同一个根证书（Istio 的 "Plug in CA Certificates"：istio-system 中的 Secret cacerts，其中每个集群的中间 CA 由共同的根证书签发），然后重启 istiod 和代理。用下方命令验证：每条命令输出其集群的根证书，每个集群的 sha256 Fingerprint= 行都相同；当前：{ $fingerprints }。
