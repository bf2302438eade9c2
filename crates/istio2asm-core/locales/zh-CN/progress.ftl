# progress — zh-CN

## 下一步操作（progress::NextAction::text）。检查结果：$code、$name（代码的 kebab-case 名称）、
## $message，以及没有可复制的命令时的 $help。步骤：$id 和 $title。
progress-next-fix = { $code } { $name }：{ $message }
progress-next-fix-help = { $code } { $name }：{ $message }。{ $help }
progress-next-run = { $id }：{ $title }
progress-finished = 没有剩余步骤：迁移已完成。
