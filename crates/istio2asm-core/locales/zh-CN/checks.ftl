# checks — zh-CN

## MIG403 sidecar-manual-restart。$owner 为 kind/name，$at_ns 为所在位置（in-namespace），$pods 为 pod-list。
mig403-on-delete = { $owner }{ $at_ns } 使用 updateStrategy OnDelete：请逐个删除它的 { $pods }，每删除一个都等待新 Pod 就绪（Ready）
mig403-job = { $owner }{ $at_ns } 是 Job：请等待它的 { $pods } 运行结束，或删除并重新创建该 Job
mig403-cronjob = { $owner }{ $at_ns } 是 CronJob：下一次运行会采用新配置；它的 { $pods } 仍在使用旧配置运行
mig403-bare = { $owner }{ $at_ns } 是独立 Pod：请根据其原始清单重新创建
mig403-by-hand = { $owner }{ $at_ns } 为手动注入（MIG509）：重启会保留其 { $pods } 注入时的代理设置；请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用
mig403-other = { $owner }{ $at_ns } 由 { $kind } 管理：请通过该控制器重启它的 { $pods }
mig403-by-hand-template = { $object }{ $at_ns } 为手动注入（MIG509），其 Pod 模板中没有 PROXY_CONFIG_XDS_AGENT；重启后仍然如此：请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用

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
