# plan — zh-CN

## 迁移资源切换到下一状态（plan::switch_step）。$state 为状态名（Init、SetupIstioForMigrate、
## Migrating、Finished）；$gates 为门禁 ID 列表。
plan-switch-title = 将迁移切换到 { $state }
plan-switch-why = ASM 会检查集群，仅在条件满足时才将迁移切换到 { $state }；状态只能向前切换，每次一个。
plan-switch-expect = 第一行为 { $state }，第二行为空（没有 status.message）
## $counter 为 spec.retryCounter 的新值。
plan-retry-title = 重试切换到 { $state }
plan-retry-note = 上一次切换到 { $state } 失败（见 status.message）；修复原因后，将 retryCounter 改为 { $counter } 即可让 ASM 重新检查。
plan-switch-fixed-here = 门禁 { $gates } 在本次导出中未通过，由上方同名步骤修复；切换前请先执行这些步骤的验证。
plan-switch-setup-istiod = 切换后 istiod 会滚动重启；随后 ASM 会在网格配置中添加 PROXY_CONFIG_XDS_AGENT: "true"。
plan-switch-status-message = 如果 status.message 不为空，请按其提示修复，再将 spec.retryCounter 加一，让 ASM 重新检查（istio2asm check 会给出具体命令）。
## force 为设置项名称。
plan-switch-forced = 已强制（FORCED）：门禁 { $gates } 未通过，已按设置 force 强制跳过。
plan-switch-manual-gates = 切换前请人工确认：{ $gates }。
## 因门禁 sidecars-keep-injector 而受阻的重启或切换批次；$workloads 为 kind/name 列表。
plan-blocked-drops-sidecar = 重启后 { $workloads } 将不再有 Sidecar（MIG513）：已没有匹配它的注入器 Webhook。

## 未导出迁移资源时，检查 ASM 提供哪种结构。$v1beta1 和 $v1 为各结构中东西向选项的字段。
plan-shape-title = 检查 ASM 提供哪种结构的 ASMMigrateFromIstio
plan-shape-why = 未导出 ASMMigrateFromIstio，因此下方的补丁假设采用阿里云迁移文档中的 v1beta1 结构；ASM 公开的 API 还有 v1 结构，其东西向选项的字段名不同。
plan-shape-note = 假设（未确认）：v1beta1 结构（{ $v1beta1 }）。如果检查结果只有 v1（{ $v1 }），请导出该资源并重新生成迁移计划：届时每个补丁都会使用实际提供的版本及其字段。

## 导出文件未指定命名空间的对象（清单、`--dry-run` 输出）：在批次标题中代替命名空间，以及此类批次的说明。
plan-context-namespace = 当前上下文的命名空间
plan-context-namespace-note = 导出文件未为这些对象指定命名空间（清单或 `--dry-run` 输出）：命令不带 -n，在 kubeconfig 当前上下文的命名空间中执行，即它们当初被应用的位置。

## 共用的验证文本。
plan-expect-empty = 输出为空

## Init：东西向前提条件。$value 为该标签的当前值。
plan-eastwest-option-title = 让 ASM 不再对 istio-system 强制设置 istio-injection
plan-eastwest-option-why = 东西向网关的 Pod 通过注入 Webhook 获得镜像；ASM 不能在 istio-system 上强制关闭注入。
plan-injection-label-title = 从 istio-system 移除 istio-injection
plan-injection-label-why = istio-system 带有 istio-injection={ $value }；存在东西向网关时，它不能带任何注入标签。

## SetupIstioForMigrate：网格配置检查与重启。$number 为批次编号，$namespace 为命名空间
## （或 plan-context-namespace），$workloads 为 kind/name 列表。
plan-mesh-check-title = 检查 ASM 已在网格配置中添加 PROXY_CONFIG_XDS_AGENT
plan-mesh-check-why = 重启后的 Sidecar 从网格配置读取该设置；重启前它必须已经存在。
plan-mesh-check-expect = defaultConfig.proxyMetadata 中包含一行 PROXY_CONFIG_XDS_AGENT: "true"
plan-restart-wave-title = 重启批次 { $number }：{ $namespace }（{ $workloads }）
plan-restart-wave-why = 在 SetupIstioForMigrate 之前启动的 Pod 缺少 PROXY_CONFIG_XDS_AGENT；重启后即可使用新的网格配置。
plan-restart-wave-expect = 每行都以制表符加 true 结尾（没有 Sidecar 的 Pod 在制表符后不输出任何内容）
plan-restart-wave-note = 重启无法撤销，也无需撤销：它只是用同一模板重新创建 Pod。
## `rollout restart` 无法完成的重启。$owner 为 kind/name，$at_ns 为所在位置（in-namespace），
## $kind 为控制器的 kind。
plan-restart-manual-title = 重启需要手动处理的工作负载
plan-restart-manual-why = `rollout restart` 不会重启 OnDelete 的 StatefulSet、Job、CronJob 和独立 Pod。
plan-restart-manual-on-delete = { $owner }{ $at_ns }：OnDelete；按序号从高到低逐个删除其 Pod，每次都等待替代的 Pod 就绪。
plan-restart-manual-cronjob = { $owner }{ $at_ns }：下一次定时运行会采用新配置；该命令会立即运行一次。
plan-restart-manual-job = { $owner }{ $at_ns }：Job；请等待它运行结束，或删除后根据其清单重新创建。
plan-restart-manual-bare = { $owner }{ $at_ns }：独立 Pod；请根据其原始清单重新创建（不要使用导出文件，其中含有已注入的 Sidecar）。
plan-restart-manual-other = { $owner }{ $at_ns }：由 { $kind } 管理；请通过该控制器重启。
plan-restart-manual-by-hand = { $owner }{ $at_ns }：手动注入（MIG509）；重启会保留注入时的设置。请用已安装版本的 istioctl 对其原始清单重新注入（`istioctl kube-inject -f ORIGINAL.yaml`），它会读取含 PROXY_CONFIG_XDS_AGENT 的当前网格配置，然后应用注入结果。
plan-restart-manual-expect = 每行都以制表符加 true 结尾
plan-restart-gateways-title = 重启缺少 PROXY_CONFIG_XDS_AGENT 的 Istio 网关
plan-restart-gateways-why = 这不是门禁，但在迁移流量期间，所有 Istio 代理都应使用相同的 agent 设置。
plan-restart-gateways-expect = 每个网关 Pod 的行都以制表符加 true 结尾

## Migrating：将 Istio API 对象导入 ASM。$count 为对象数量；$objects、$filters 和 $annotations 为列表。
plan-import-title = 将 { $count } 个 Istio API 对象应用至 ASM
plan-import-why = ASM 网格代理从 ASM 控制面读取配置：在第一个工作负载切换之前，所有 Istio API 对象都必须已在 ASM 中。
plan-import-expect = 文件中的每个对象各输出一行，没有 NotFound 错误
plan-import-namespaces = 文件开头的 Namespace 不存在时会被创建，已存在时保持不变；重复应用没有影响。
plan-import-no-namespace = { $count } 个对象未指定命名空间（{ $objects }）：kubectl 会像在集群中一样，将它们应用到 ASM kubeconfig 当前上下文的命名空间；如果那不是它们应在的位置，请在文件中为其添加 metadata.namespace。
plan-import-envoyfilters = 应用前请对照 ASM 网格代理的版本检查 EnvoyFilter { $filters }（MIG508）；如不确定，请将其从文件中删除。
plan-import-annotations = Istio 域之外的注解未放入该文件（它们可能包含任何内容，包括令牌，且对 ASM 没有意义）：{ $annotations }。如果您的工具需要其中某些注解，请手动加回。
plan-import-no-rollback = 无回滚：用同一文件删除会同时删除 ASM 中的 Namespace。如有需要，请按名称逐个删除对象。

## Migrating：ASM 中的东西向网络。$networks 为网络名称列表。
plan-eastwest-networks-title = 在 ASM 中配置集群的网络并启用跨集群网格代理
plan-eastwest-networks-why = 只有当 ASM 以与 Istio 相同的名称识别该网络时，ASM 网格代理才能访问另一网络中的端点。
plan-eastwest-networks-need = 网络名称（istio-system 上的标签 topology.istio.io/network，或东西向网关上的 ISTIO_META_NETWORK）
plan-eastwest-networks-names = 需按以下名称（完全一致）配置的网络：{ $networks }。
plan-eastwest-networks-console = 控制台操作（ASM 1.22 及以上版本）：在任何工作负载切换到 ASM 网格代理之前，设置集群的网络并启用跨集群网格代理。

## Migrating：切换批次。$label_key 和 $label_value 为 ASM 的注入标签（设置）。
plan-switch-wave-title = 切换批次 { $number }：将 { $namespace }（{ $workloads }）切换到 ASM 网格代理
plan-switch-wave-why = Pod 标签 { $label_key }: "{ $label_value }" 使新建的 Pod 获得 ASM 网格代理；该补丁会滚动更新工作负载。
plan-switch-wave-expect = 已切换工作负载的 Pod 显示 ASM 网格代理镜像（…aliyuncs.com/…/acs/proxyv2:v…-aliyun）
plan-switch-wave-note = 只有协议支持优雅下线（HTTP、HTTP/2、gRPC），且请求能在代理的排空时间内完成，切换才不会丢失请求。
plan-switch-manual-title = 切换需要手动处理的工作负载
plan-switch-manual-why = Job、CronJob 和独立 Pod 带上 Pod 标签 { $label_key }: "{ $label_value }" 重新创建后，即可获得 ASM 网格代理。
plan-switch-manual-note = { $owner }{ $at_ns }：请在其 Pod 模板或清单中添加该标签并重新创建。

## Migrating：手动注入的工作负载。$file 为清单文件名，$object 为 kind/name。
plan-reinject-title = 为手动注入的工作负载加上 ASM 标签并重新部署
plan-reinject-why = 它们的 Pod 模板中含有 Istio 的代理（istioctl kube-inject），因此 Pod 标签 { $label_key }: "{ $label_value }" 无法切换它们；使用不含代理、带有该标签的原始清单，其 Pod 即可获得 ASM 网格代理。
plan-reinject-need = { $file }：{ $object }{ $at_ns } 的原始清单，不含 Istio 的代理（不要使用导出文件，其中含有代理），并在其模板中带有 Pod 标签 { $label_key }: "{ $label_value }"
plan-reinject-no-rollout = { $object }{ $at_ns }：没有可撤销的 rollout；如需回滚，请重新应用其已注入的清单。
plan-reinject-expect-template = 输出为空：模板中已不再含有手动注入的代理
plan-reinject-expect-images = 重新部署的工作负载的 Pod 显示 ASM 网格代理镜像（…aliyuncs.com/…/acs/proxyv2:v…-aliyun）
plan-reinject-no-namespace = 部分清单未指定命名空间：它们的命令在 kubeconfig 当前上下文的命名空间中执行，与当初 `kubectl apply` 这些清单时一致。

## Migrating：迁移流程不涵盖的 Ambient 模式。$names 为列表。
plan-ambient-title = 决定 Ambient 模式工作负载的去向
plan-ambient-why = 迁移流程通过给 Pod 模板打标签来切换 Sidecar；Ambient 模式的工作负载没有 Sidecar，依赖 ztunnel 和 waypoint，而卸载会删除它们。
plan-ambient-expect = 仍处于 Ambient 模式的命名空间；每个都必须先改为 Sidecar 模式，或排除在迁移之外
plan-ambient-namespaces = Ambient 模式的命名空间：{ $names }。
plan-ambient-workloads = Ambient 模式的工作负载（切换批次不会迁移它们）：{ $names }。
plan-ambient-waypoints = 不会迁移的 waypoint：{ $names }。
plan-ambient-not-covered = 本迁移计划不包括将 Ambient 模式的工作负载迁移到 ASM。可以先将每个 Ambient 命名空间改为 Sidecar 模式（移除 istio.io/dataplane-mode，启用 Istio 的 Sidecar 注入，重启，然后重新导出并生成迁移计划），或将其排除在迁移之外，并且在它依赖 ztunnel 期间不要卸载 Istio。

## Migrating：入口网关的流量。$service 为 Istio 网关 Service 的 namespace/name，$name 为 ASM 的
## IstioGateway，$gateway 为网关的标识（namespace-name），$weight 为 0 到 100 的权重；$lb_id、
## $vgroup 和 $weight_key 为注解键。
plan-ingress-attach-title = 以全部权重将虚拟服务器组挂载到 Service { $service }
plan-ingress-why = 两个网关共用 Istio 网关的 CLB；两个 Service 的权重决定流量分配。
plan-ingress-need-clb = Service { $service } 的 CLB 实例 ID（SLB 控制台）
plan-ingress-need-vgroups = Service { $service } 的虚拟服务器组 ID 及其端口，格式为 `rsp-xxx:80,rsp-yyy:443`（SLB 控制台）
plan-ingress-attach-expect = 存在 { $lb_id }、{ $vgroup } 和 { $weight_key }=100
plan-ingress-fields-note = 除 ASM 的指南外，没有公开来源可以确认 IstioGateway 的具体字段；请对照您的 ASM 版本核实。
plan-ingress-asm-gateway-title = 在同一 CLB 上创建 ASM 入口网关 { $name }，权重为 0
plan-ingress-asm-gateway-why = ASM 的 IstioGateway 以权重 0 挂载到 Istio 网关的 CLB 上，因此暂不接收流量。
plan-ingress-asm-gateway-expect = IstioGateway 已存在；其在集群中的 Service 显示相同的 CLB ID
plan-ingress-asm-weight-title = 入口网关 { $gateway }：ASM 网关的权重调至 { $weight }
plan-ingress-asm-weight-why = CLB 按两个 Service 的权重分配流量；先调高 ASM 网关的权重，确保容量不会下降。
plan-ingress-istio-weight-title = 入口网关 { $gateway }：Istio 网关的权重调至 { $weight }
plan-ingress-istio-weight-why = Istio 网关让出 ASM 网关已承接的那部分流量。

## Migrating：出口路由的流量。$virtual_service 为 VirtualService 的标识（namespace-name），$asm 和
## $istio 为两边的百分比，$selector 为 ASM 出口网关 Pod 的 istio 标签值，$host 为其 Service 的主机名。
plan-egress-setup-title = 为 VirtualService { $virtual_service } 准备 ASM 出口网关
plan-egress-setup-why = ASM 出口网关需要一个选中其 Pod 的 Gateway，并由 VirtualService 将其与 Istio 的网关一起绑定，使到达它的流量能继续转发到外部主机。
plan-egress-need-host = ASM 出口网关 Service 的主机名（设置 asm-egress-host；该 Service 名为 istio-<IstioGateway 名称>）
plan-egress-assumed = 假设：ASM 出口网关的 Pod 带有标签 istio: { $selector }，其 Service 为 { $host }；应用前请在 ASM 中确认。
plan-egress-no-gateway = 该 VirtualService 未绑定 Istio 出口网关的 Gateway：请手动添加从 ASM 出口网关到外部主机的路由。
plan-egress-weight-title = 出口 { $virtual_service }：ASM { $asm }% / Istio { $istio }%
plan-egress-cluster-why = Istio Sidecar 读取集群中的 VirtualService 副本。
plan-egress-asm-why = ASM 网格代理读取 ASM 中的 VirtualService 副本。
plan-egress-expect-done = Istio 出口网关的日志中没有发往该外部主机的新请求
plan-egress-expect-fewer = Istio 出口网关的日志中仍有请求，但比之前少

## Migrating：下线 Istio 的网关并卸载。$name 为网关的 Deployment；$version 为已安装的 Istio 版本
## （或 plan-uninstall-version-unknown）。
plan-gateway-traffic-title = 检查 Istio 的网关已不再承载流量
plan-gateway-traffic-why = 访问日志中仍有请求的网关仍在承载流量，不能下线。
plan-gateway-traffic-expect = { $name } 的访问日志中没有新请求
plan-retire-gateways-title = 下线 Istio 的网关
plan-retire-gateways-why = 切换到 Finished 的门禁要求所有 Istio 网关都已移除；先缩容到零，可在卸载前保留回退的余地。
plan-retire-gateways-eastwest = 只有在 ASM 的跨集群网格代理接管该网络之后，才能下线东西向网关。
plan-uninstall-title = 卸载 Istio
plan-uninstall-why = 切换到 Finished 要求 Istio 的控制面和 Webhook 都已移除。
plan-uninstall-expect-webhooks = 没有 istio-sidecar-injector*、istio-validator*、istiod-* 或 istio-revision-tag-* 条目
plan-uninstall-istioctl = 请使用已安装版本的 istioctl（{ $version }）；`istioctl uninstall` 从 1.15 起不再是实验命令，更早的版本需使用 `istioctl x uninstall`。
plan-uninstall-version-unknown = 未知：请查看 istiod 的镜像标签
plan-uninstall-purge = --purge 也会删除集群中 Istio 的配置：只有在 Istio API 对象已导入 ASM，且没有任何 Pod 或网关运行 Istio 的代理之后，才能执行。
plan-uninstall-crds = 切勿删除 *.istio.io 的 CRD：ASM 仍在使用它们。
plan-uninstall-ambient = 卸载还会删除 ztunnel 和 waypoint：只有在没有工作负载仍处于 Ambient 模式之后才能执行（见步骤 ambient-not-covered）。
plan-uninstall-revisions = 安装了多个修订版本（revision）：请分别用各自的 istioctl 卸载（`istioctl uninstall --revision REV`）。

## Finished：卸载后的残余资源。
plan-cleanup-title = 清理卸载后的残余资源
plan-cleanup-why = 如果切换到 Finished 失败，status.message 会列出残余资源；以下是导出文件中属于 Istio 的对象。
plan-cleanup-note = 卸载后请重新导出（`istio2asm collect`）以列出剩余内容；*.istio.io 的 CRD 不会被删除。

## 重启工作负载的风险（risk::Risks::list），在批次的风险表中以「; 」连接。$count 为 spec.replicas
## （少于两个），$grace 为 terminationGracePeriodSeconds，$drain 为代理的排空时长（秒），
## $ports 为 plan-risk-port-* 的列表。
plan-risk-replicas = { $count } 个副本
plan-risk-no-pdb = 没有 PodDisruptionBudget
plan-risk-grace-below-drain = terminationGracePeriodSeconds { $grace } 小于排空时长 { $drain } 秒
plan-risk-no-pre-stop = 没有 preStop 钩子
plan-risk-non-http-ports = 非 HTTP 端口：{ $ports }
plan-risk-on-delete = updateStrategy 为 OnDelete
## 非 HTTP、HTTP/2 或 gRPC 的 Service 端口：$service 为 Service，$port 为端口号，$name 为端口名。
plan-risk-port-named = { $service }:{ $port }（{ $name }）
plan-risk-port-undeclared = { $service }:{ $port }（未声明协议）

# 切换到 Migrating 之前的信任根检查（issue 14）。
plan-trust-title = 检查 Istio 与 ASM 的代理信任同一信任根和信任域
plan-trust-why = 在 Migrating 阶段，使用 ASM 网格代理的工作负载与仍使用 Istio 代理的工作负载通过 mTLS 互相调用：每一侧只接受链到自己信任根、并带有自己信任域（或其别名）的证书。请在第一个工作负载切换之前检查。
plan-trust-expect-cluster = "sha256 Fingerprint={ $sha256 }"（导出中集群的信任根），一行 subject，以及 30 天以后的 notAfter 日期
plan-trust-expect-cluster-unknown = 一行 "sha256 Fingerprint="：请记下它，ASM 的信任根必须打印相同的值（导出中没有 istio-ca-root-cert）
plan-trust-expect-asm = "sha256 Fingerprint={ $sha256 }"（ASM 导出中的信任根），与集群的相同
plan-trust-need-asm-root = 导出中没有 ASM 的信任根。请用阿里云 API GetCaCert 读取：aliyun servicemesh GetCaCert --ServiceMeshId <你的网格 ID> | jq -r .CaCert | openssl x509 -noout -fingerprint -sha256 -subject -enddate。预期：与集群信任根相同的 "sha256 Fingerprint="；如果 ASM 使用中间 CA 签发，则其 issuer 等于集群信任根的 subject（此时比较其证书链的根）。如果都不是，说明 ASM 实例创建时没有使用 Istio 的 CA（CreateServiceMesh UseExistingCA）：在两侧信任同一信任根之前不要切换工作负载。尚无公开资料确认：ASM 是否也会向集群的命名空间写入 istio-ca-root-cert。
plan-trust-expect-domain = 一行 "trustDomain: { $domain }"（或没有 trustDomain：即 Istio 的默认值 cluster.local）
plan-trust-need-asm-domain = 导出中没有 ASM 的信任域；假定为 { $domain }（Istio 的默认值；没有公开资料说明 ASM 的信任域）。请在一个使用 ASM 网格代理的 Pod 上检查：istioctl proxy-config secret <pod> -n <namespace> -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d | openssl x509 -noout -ext subjectAltName。预期：URI:spiffe://{ $domain }/ns/<namespace>/sa/<service account>。
plan-trust-handled = 你已说明信任根已处理（trust-handled）：该门禁只给出警告。上面的检查仍会显示是否成立。
## 多集群网格（plan::plan_mesh）：各集群的操作手册为其他集群增加的内容。
## $networks：以 list-separator 连接的"集群: 网络"对。
plan-mesh-networks = 多集群：在任何集群的第一个工作负载切换为 ASM 网格代理之前，在 ASM 中为网格的每个集群配置其网络，并为每个有东西向网关的集群启用跨集群网格代理：{ $networks }。
plan-mesh-network-unknown = 无网络名称（与其他集群同一网络）
plan-mesh-retire-east-west = 多集群：东西向网关只在步骤 mesh-wait-for-clusters 之后才在此缩容。
plan-mesh-uninstall-east-west = 多集群：`istioctl uninstall --purge` 也会删除由 istioctl 安装的东西向网关（gen-eastwest-gateway.sh）：只在步骤 mesh-wait-for-clusters 之后运行。
## $remotes：本集群的 istiod 服务的从集群。
plan-mesh-uninstall-remotes = 此 istiod 还为从集群 { $remotes } 服务：卸载它会使其剩余的 Istio 代理失去控制面。
plan-mesh-wait-title = 等待网格中的其他集群将工作负载迁移至 ASM
plan-mesh-wait-why = Istio 的东西向网关和 istiod 也为其他集群服务：那里剩余的 Istio 代理仍通过本集群的东西向网关访问本集群的工作负载，从集群的代理从其主集群的 istiod 获取配置。
## $clusters：其他集群；$gateways：有东西向网关的集群。
plan-mesh-wait-east-west = 只有当 { $clusters } 的操作手册都已完成最后一个切换批次（那里不再有 Istio Sidecar）后才继续：在此之前，它们的 Istio 代理使用 { $gateways } 的东西向网关。
plan-mesh-wait-remotes = 只有当 { $remotes } 的每个工作负载都运行 ASM 网格代理后才继续：本集群的 istiod 是它们的控制面。
## $ids：Istio 对这些从集群的称呼（CLUSTER_ID）。
plan-mesh-wait-proxy-status = 没有 CLUSTER 列为 { $ids } 的行
plan-mesh-wait-remote-self = 这是一个从集群：其主集群的操作手册在同一步骤等待本集群。
plan-mesh-reader-title = 每个集群都进入 Finished 后删除 istio-reader
## $clusters：网格中的其他集群。
plan-mesh-reader-why = { $clusters } 的 istiod 使用 istio-reader-service-account（其远程 Secret 中的令牌）读取本集群的 API Server：只有当网格中每个集群都进入 Finished 后才删除它。
