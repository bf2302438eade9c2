# checks — en

## MIG403 sidecar-manual-restart. $owner is kind/name, $at_ns where it is (in-namespace), $pods a pod-list.
mig403-on-delete = { $owner }{ $at_ns } uses updateStrategy OnDelete: delete its { $pods } one at a time, waiting for each to be Ready
mig403-job = { $owner }{ $at_ns } is a Job: let its { $pods } finish, or delete and re-create the Job
mig403-cronjob = { $owner }{ $at_ns } is a CronJob: its next run picks the change up; its { $pods } still run the old configuration
mig403-bare = { $owner }{ $at_ns } is a bare pod: re-create it from its original manifest
mig403-by-hand = { $owner }{ $at_ns } was injected by hand (MIG509): a restart keeps the proxy settings its { $pods } were injected with; inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that
mig403-other = { $owner }{ $at_ns } is managed by a { $kind }: restart its { $pods } through that controller
mig403-by-hand-template = { $object }{ $at_ns } was injected by hand (MIG509) without PROXY_CONFIG_XDS_AGENT in its pod template; a restart keeps it so: inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that
