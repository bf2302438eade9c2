# changes — zh-CN

## 与较早报告相比的变化（changes.rs）。$baseline 为较早报告的文件名。
changes-heading = 自 { $baseline } 以来的变化：
changes-none = 没有变化
changes-state = 状态：{ $from } → { $to }
changes-no-resource = 无迁移资源
changes-switched = 已切换为 ASM 网格代理：{ $object }
changes-no-workloads = （基线没有 `workloads` 部分，由较早版本的 istio2asm 生成：无法判断哪些工作负载已切换）
changes-fixed = 已修复：{ $code } { $subject }：{ $message }
changes-new = 新增：{ $code } { $subject }：{ $message }
changes-gate-passed = 门禁已通过：{ $transition } { $gate }（之前为 { $from }）
changes-gate-failed = 门禁未通过：{ $transition } { $gate }（之前为 { $from }）
## 读取基线时的错误；调用方会给出文件名。
changes-not-json = 不是 JSON（{ $error }）；请提供由 `istio2asm check --format json` 生成的较早报告
changes-not-a-report = 不是 istio2asm 报告（缺少 schemaVersion 或 findings）；请提供由 `istio2asm check --format json` 生成的较早报告
changes-not-a-report-detail = 不是 istio2asm 报告（{ $error }）；请提供由 `istio2asm check --format json` 生成的较早报告
changes-schema-version = 该报告的 schemaVersion 为 { $found }；当前 istio2asm 只能与 { $wanted } 比较：请用当前版本对同一导出文件重新生成基线
