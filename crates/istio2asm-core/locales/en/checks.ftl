# checks — en

## MIG403 sidecar-manual-restart. $owner is kind/name, $at_ns where it is (in-namespace), $pods a pod-list.
mig403-on-delete = { $owner }{ $at_ns } uses updateStrategy OnDelete: delete its { $pods } one at a time, waiting for each to be Ready
mig403-job = { $owner }{ $at_ns } is a Job: let its { $pods } finish, or delete and re-create the Job
mig403-cronjob = { $owner }{ $at_ns } is a CronJob: its next run picks the change up; its { $pods } still run the old configuration
mig403-bare = { $owner }{ $at_ns } is a bare pod: re-create it from its original manifest
mig403-by-hand = { $owner }{ $at_ns } was injected by hand (MIG509): a restart keeps the proxy settings its { $pods } were injected with; inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that
mig403-other = { $owner }{ $at_ns } is managed by a { $kind }: restart its { $pods } through that controller
mig403-by-hand-template = { $object }{ $at_ns } was injected by hand (MIG509) without PROXY_CONFIG_XDS_AGENT in its pod template; a restart keeps it so: inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that

## MIG510 ambient-mode. $at_ns is where an object is (in-namespace); $names a list of kind/name.
mig510-no-workload = no workload of it was exported
mig510-workloads = { $count ->
    [one] { $count } workload ({ $names }) runs without a sidecar
   *[other] { $count } workloads ({ $names }) run without a sidecar
}
## $what is mig510-no-workload or mig510-workloads.
mig510-namespace = namespace { $namespace } is in Istio's ambient mode: { $what }; the procedure does not move them
## $label is the label key istio.io/dataplane-mode.
mig510-workload = { $workload }{ $at_ns } is enrolled in Istio's ambient mode by its own { $label } label; it has no sidecar, so the procedure does not move it
mig510-waypoint = { $gateway }{ $at_ns } is an ambient waypoint proxy (class istio-waypoint); the procedure does not migrate it, and uninstalling Istio removes it
mig510-ztunnel = { $object }{ $at_ns } runs: Istio's ambient data plane is installed; uninstalling Istio removes it, with the mesh of every ambient workload

## MIG203 asm-too-old. $floor is the oldest ASM version the migration takes (1.24).
mig203-not-given = the ASM version is not given (setting asm-version); it must be { $floor } or later
mig203-too-old = ASM { $version } is older than { $floor }
## $version is quoted.
mig203-not-a-version = the ASM version { $version } is not a version

## MIG301 eastwest-needs-label-reconciliation-off. $option is the field under spec.advancedOptions.
mig301-option-not-true = the cluster has an east-west gateway ({ $kind } { $name }) but { $option } is not true

## MIG303 eastwest-network-plan.
mig303-no-network = the cluster has an east-west gateway but no network name was found (topology.istio.io/network on istio-system or ISTIO_META_NETWORK): find it before configuring ASM
mig303-networks = east-west gateway serves network(s) { $networks }: configure the same names in ASM and enable the cross-cluster mesh proxy before the first workload switch

## MIG404 gateway-missing-xds-agent. $owner is kind/name, $pods a pod-list.
mig404-missing = gateway { $owner }{ $at_ns }: PROXY_CONFIG_XDS_AGENT=true is missing on { $pods }

## MIG502 injection-label-conflict. $revision is the pod template's istio.io/rev.
mig502-namespace-both = namespace { $namespace } carries both istio-injection={ $injection } and istio.io/rev={ $revision }; istio-injection takes precedence
mig502-injection-wins = its pod template asks for revision { $revision } but namespace { $namespace } has istio-injection=enabled, which wins
mig502-namespace-revision-wins = its pod template asks for revision { $revision } but namespace { $namespace } sets { $namespace_revision }, which wins
## $label is the label key that switches a workload to ASM (setting asm-label-key).
mig502-disabled-with-label = its pod template disables injection (sidecar.istio.io/inject: "false") and carries { $label }
## $object is namespace/name; $problems the clauses above.
mig502-workload = { $kind } { $object }: { $problems }

## MIG503 graceful-shutdown-risk. $object is namespace/name; $risks the workload's risks.
mig503-risks = { $kind } { $object }: { $risks }

## MIG504 egress-route-to-migrate. A route is protocol[index] with an optional subset.
mig504-subset = , subset { $subset }
## $object is namespace/name; $routes the routes.
mig504-routes = VirtualService { $object } routes mesh traffic to the Istio egress gateway ({ $routes })

## MIG506 ingress-gateway-to-migrate. $services is a list of Service names.
mig506-no-service = no Service exported
mig506-services = Service { $services }
## $services is mig506-no-service or mig506-services.
mig506-ingress = ingress gateway { $owner }{ $at_ns } ({ $services }) runs Istio's proxy

## MIG508 envoyfilter-review. $object is namespace/name.
mig508-envoyfilter = EnvoyFilter { $object } patches Envoy directly: review it for ASM's proxy version

## MIG511 injection-multiple-injectors. A call is "configuration (Istio rev) webhook", in order.
mig511-on-next-restart = on its next restart
mig511-after-switch = after its switch
mig511-reinvoked = {" "}(reinvoked)
mig511-then = {", then "}
## $last is the configuration whose sidecar wins; $sidecar whose proxy that is (Istio (rev), ASM).
mig511-injectors = { $count } injectors inject it: { $calls }; the last, { $last }, decides: { $sidecar }
## $when is mig511-on-next-restart or mig511-after-switch; $injectors is mig511-injectors.
mig511-several = { $subject }: { $when }, { $injectors }
