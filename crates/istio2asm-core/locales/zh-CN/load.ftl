# load — zh-CN

## MIG001 yaml-syntax。$error 为解析器的消息（serde_yaml 或 serde_json 的英文原文）或 load-not-utf8。
mig001-does-not-parse = 无法解析：{ $error }
load-not-utf8 = 无效的 UTF-8（这些字节不是文本）

## MIG005 input-limit。$limit 为大小（1024 MiB 或 load-bytes）；$size 为该文件的字节数。
mig005-file-too-large = 未加载：文件大小超过上限 { $limit }（此文件 { $size } 字节）
mig005-inputs-too-large = 未加载：所有输入的总大小超过上限 { $limit }（此文件 { $size } 字节）
load-bytes = { $bytes } 字节
## $command 为按命名空间逐个导出的 shell 循环；$setting 为该上限对应的设置。
mig005-split-help = 请按命名空间将导出文件拆分为多个较小的文件，再一并加载：`{ $command }`（加上 `istio2asm collect` 所用的 kubeconfig 参数）。如果输入可信且机器内存充足，也可以通过设置 { $setting } 提高上限。
mig005-too-many-documents = 已停止加载：输入中的文档和列表项超过 { $max } 个
mig005-too-many-documents-help = 请减少一次加载的对象数量；如果输入可信，也可以通过设置 max-documents 提高上限。
## $detail 为 load-too-deep、load-too-deep-for-parser 或解析器的消息（英文原文）。
mig005-document-not-loaded = 文档未加载：{ $detail }
mig005-document-help = 该文档的嵌套层数或别名展开程度超出了任何 Kubernetes 对象的需要，已在展开前被拒绝。请核实其来源；仅在输入可信时才提高设置 max-depth。
load-too-deep = 嵌套超过 { $depth } 层（设置 max-depth）
load-too-deep-for-parser = 嵌套超过 { $depth } 层，即 YAML 解析器能读取的最大层数（设置 max-depth 高于此值）
