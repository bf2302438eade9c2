# checks — zh-CN

## MIG403 sidecar-manual-restart。$owner 为 kind/name，$at_ns 为所在位置（in-namespace），$pods 为 pod-list。
mig403-on-delete = { $owner }{ $at_ns } 使用 updateStrategy OnDelete：请逐个删除它的 { $pods }，每删除一个都等待新 Pod 就绪（Ready）
mig403-job = { $owner }{ $at_ns } 是 Job：请等待它的 { $pods } 运行结束，或删除并重新创建该 Job
mig403-cronjob = { $owner }{ $at_ns } 是 CronJob：下一次运行会采用新配置；它的 { $pods } 仍在使用旧配置运行
mig403-bare = { $owner }{ $at_ns } 是独立 Pod：请根据其原始清单重新创建
mig403-by-hand = { $owner }{ $at_ns } 为手动注入（MIG509）：重启会保留其 { $pods } 注入时的代理设置；请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用
mig403-other = { $owner }{ $at_ns } 由 { $kind } 管理：请通过该控制器重启它的 { $pods }
mig403-by-hand-template = { $object }{ $at_ns } 为手动注入（MIG509），其 Pod 模板中没有 PROXY_CONFIG_XDS_AGENT；重启后仍然如此：请基于当前网格配置，对其原始清单重新执行注入（`istioctl kube-inject`）并应用
