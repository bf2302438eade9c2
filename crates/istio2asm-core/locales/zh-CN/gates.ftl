# gates — zh-CN

## 每个门禁通过的含义，一个分句（gate::GateId::what）。$floor 为支持的最低版本，如 1.21。
gate-migration-resource = ASMMigrateFromIstio 资源有效
gate-kubernetes-version = Kubernetes 版本不低于 { $floor }
gate-istio-version = 所有 Istio 控制面的版本不低于 { $floor }
gate-asm-version = ASM 实例的版本不低于 { $floor }
gate-eastwest-label-reconciliation = 存在东西向网关时，disableIstioSystemLabelReconciliation 为 true
gate-istio-system-injection-label = 存在东西向网关时，istio-system 没有 istio-injection 标签
gate-sidecars-keep-injector = 每个由注入器注入 Sidecar 的工作负载，下次重启时仍有注入器为其注入
gate-mesh-config-xds-agent = 网格配置包含 PROXY_CONFIG_XDS_AGENT: "true"
gate-sidecars-xds-agent = 每个 Istio Sidecar Pod 都有 PROXY_CONFIG_XDS_AGENT=true
gate-roots-of-trust = Istio 与 ASM 的代理信任同一信任根，并接受彼此的信任域
gate-gateways-xds-agent = 每个 Istio 网关 Pod 都有 PROXY_CONFIG_XDS_AGENT=true
gate-no-istio-sidecars = 没有 Pod 运行 Istio 社区版 Sidecar
gate-no-istio-gateways = 没有残留的 Istio 网关
gate-istio-api-in-asm = 所有 Istio API 对象都已存在于 ASM
gate-istio-control-plane-removed = istiod 和 Istio 的 Webhook 均已移除

## 四种门禁结论，报告和操作手册中的写法（gate::Verdict::label）。
gate-verdict-pass = 通过
gate-verdict-warn = 警告
gate-verdict-manual = 人工确认
gate-verdict-fail = 未通过

## 门禁的详情行（phase::gates）。$what 为上面的分句之一。
gate-detail-manual = { $what }：需人工确认，未提供 ASM 控制面的导出文件
## $codes（MIG403、MIG513）的 $count 条检查结果。
gate-detail-findings = { $what }：{ $count } 条检查结果（{ $codes }）
