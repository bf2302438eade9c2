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

## 检查结果的严重程度（codes::Severity::label）。
severity-info = 提示
severity-warning = 警告
severity-error = 错误

## `istio2asm explain` 的页面（codes::Code::explain_text、codes::docs_markdown）。$title 为页面标题行（`MIG402 sidecar-missing-xds-agent`），$severity 为上面的严重程度。
explain-title = { $title }（{ $severity }）
## 生成的文档页面：文件头注释（$source 为页面路径，$command 为生成该文件的命令）、标题和表格列名。
explain-docs-generated = 由 istio2asm 根据 { $source } 生成，请勿编辑。
explain-docs-regenerate = 重新生成：{ $command }
explain-docs-title = istio2asm 检查结果代码
explain-docs-code = 代码
explain-docs-name = 名称
explain-docs-severity = 严重程度

## `explain` 不认识的检查结果代码（Code::unknown）。$code：用户输入的值，带引号；$first、$last：第一个和最后一个代码。
code-unknown = 未知代码 { $code }；代码从 { $first } 到 { $last }
