# common — zh-CN

## 对象所在的命名空间，附在对象名之后（names::in_namespace）。
in-namespace = （命名空间 { $namespace }）
in-context-namespace = （位于当前上下文的命名空间）

## 消息中的列表。
list-separator = 、
## Pod 的数量，最多列出五个名称（checks::support::pod_list）。
pod-list = { $count } 个 Pod（{ $names }{ $more }）
pod-list-more = 等，另有 { $count } 个
## 同一条消息中各分句之间（"a；b"）。
clause-separator = ；
