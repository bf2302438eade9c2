# clusters — zh-CN

## 网格中各集群的名称（clusters::validate_names）：读取它们的入口报告的用法错误。$name：给出的名称，在 clusters-name-invalid 中带引号。
clusters-none = 未指定集群：请至少指定一个集群及其导出文件
clusters-name-empty = 集群名称为空：请为每个集群指定名称（DNS-1123 标签，例如 east 或 cluster-1）
clusters-name-invalid = 集群名称 { $name } 不是 DNS-1123 标签（最多 63 个字符，只含 a-z、0-9 和 -，以字母或数字开头和结尾）
clusters-name-twice = 集群名称 { $name } 出现了两次：每个集群都需要自己的名称

## 某集群的操作手册为何排在此处（clusters::order）。$primaries、$remotes：以 list-separator 连接的集群名称。
clusters-order-remote = 从集群：其代理从 { $primaries } 的 istiod 获取配置和证书；它排在前面，因为 { $primaries } 的操作手册会卸载该 istiod。
clusters-order-remote-unknown = 从集群（导出文件中没有 istiod）：排在所有主集群之前，因为其中某个主集群为它服务，但没有导出文件说明是哪一个（没有 topology.istio.io/controlPlaneClusters 注解，也没有它的远程 Secret）。
clusters-order-primary = 主集群（自有 istiod）：网格中没有其他集群使用它的 istiod；按给出的顺序。
clusters-order-primary-remotes = 主集群（自有 istiod），为 { $remotes } 服务：排在它们之后，使其 istiod 只在它们的工作负载都运行 ASM 网格代理后才被卸载。
clusters-order-unknown = 导出文件中没有 Istio 控制面、注入器或代理：没有集群依赖它；排在最后。
## 接在有东西向网关的集群的原因之后。
clusters-order-east-west = 其东西向网关保留到网格中每个集群都已将工作负载迁移至 ASM 网格代理为止（各操作手册的步骤 mesh-wait-for-clusters）。
