# plan — en

## The switch of the migration resource into the next state (plan::switch_step). $state is a
## state name (Init, SetupIstioForMigrate, Migrating, Finished); $gates a list of gate ids.
plan-switch-title = Switch the migration to { $state }
plan-switch-why = ASM checks the cluster and moves the migration to { $state } only when its conditions hold; states move only forward, one at a time.
plan-switch-expect = first line { $state }, second line empty (no status.message)
## $counter is the new value of spec.retryCounter.
plan-retry-title = Retry the switch to { $state }
plan-retry-note = The last switch to { $state } failed (status.message); after fixing its cause, bumping retryCounter to { $counter } re-runs ASM's checks.
plan-switch-fixed-here = The gate(s) { $gates } fail in this export and are fixed by the steps of the same name above; run their verification before switching.
plan-switch-setup-istiod = istiod restarts (rolling) after the switch; ASM then adds PROXY_CONFIG_XDS_AGENT: "true" to the mesh config.
plan-switch-status-message = If status.message is not empty, fix what it says and re-run ASM's checks by bumping spec.retryCounter by one (istio2asm check shows the exact command).
## "force" is the name of a setting.
plan-switch-forced = FORCED: the gate(s) { $gates } fail and were overridden (setting force).
plan-switch-manual-gates = Check by hand before switching: { $gates }.
## A restart or switch wave blocked by the gate sidecars-keep-injector; $workloads is a list of kind/name.
plan-blocked-drops-sidecar = Its restart would leave { $workloads } without a sidecar (MIG513): no injector webhook matches it any more.

## The check of which shape of the migration resource ASM serves, when none was exported.
## $v1beta1 and $v1 are the east-west option's field in each shape.
plan-shape-title = Check which shape of ASMMigrateFromIstio ASM serves
plan-shape-why = No ASMMigrateFromIstio was exported, so the patches below assume the v1beta1 shape of Alibaba Cloud's migration document; ASM's published API also has a v1 shape whose east-west option has another name.
plan-shape-note = Assumed, not confirmed: the v1beta1 shape ({ $v1beta1 }). If the check shows only v1 ({ $v1 }), export the resource and plan again: every patch then names the served version and its field.

## Objects the export names no namespace for (a manifest, `--dry-run` output): in a wave's title
## instead of the namespace, and the note of such a wave.
plan-context-namespace = the context's namespace
plan-context-namespace-note = The export names no namespace for these objects (a manifest or `--dry-run` output): the commands carry no -n and run in the kubeconfig context's namespace, where they were applied.

## Shared verification texts.
plan-expect-empty = empty output

## Init: the east-west prerequisites. $value is the label's current value.
plan-eastwest-option-title = Stop ASM enforcing istio-injection on istio-system
plan-eastwest-option-why = The east-west gateway's pods get their image from the injection webhook; ASM must not force injection off on istio-system.
plan-injection-label-title = Remove istio-injection from istio-system
plan-injection-label-why = istio-system carries istio-injection={ $value }; with an east-west gateway it must carry no injection label.

## SetupIstioForMigrate: the mesh config check and the restarts. $number is a wave's number,
## $namespace a namespace (or plan-context-namespace), $workloads a list of kind/name.
plan-mesh-check-title = Check that ASM added PROXY_CONFIG_XDS_AGENT to the mesh config
plan-mesh-check-why = Restarted sidecars take the setting from the mesh config; it must be there before the restarts.
plan-mesh-check-expect = defaultConfig.proxyMetadata contains the line PROXY_CONFIG_XDS_AGENT: "true"
plan-restart-wave-title = Restart wave { $number }: { $namespace } ({ $workloads })
plan-restart-wave-why = Pods started before SetupIstioForMigrate lack PROXY_CONFIG_XDS_AGENT; a restart gives them the new mesh config.
plan-restart-wave-expect = every line ends with a tab and true (pods without a sidecar print nothing after the tab)
plan-restart-wave-note = A restart cannot be undone, and need not be: it only recreates pods with the same template.
## The restarts `rollout restart` cannot do. $owner is kind/name, $at_ns where it is (in-namespace),
## $kind the controller's kind.
plan-restart-manual-title = Restart the workloads that need a manual method
plan-restart-manual-why = OnDelete StatefulSets, Jobs, CronJobs and bare pods are not restarted by `rollout restart`.
plan-restart-manual-on-delete = { $owner }{ $at_ns }: OnDelete; its pods are deleted one at a time, highest ordinal first, each replacement waited for.
plan-restart-manual-cronjob = { $owner }{ $at_ns }: its next scheduled run picks the change up; the command runs one now.
plan-restart-manual-job = { $owner }{ $at_ns }: a Job; let it finish, or delete and re-create it from its manifest.
plan-restart-manual-bare = { $owner }{ $at_ns }: a bare pod; re-create it from its original manifest (not from the export, which holds the injected sidecar).
plan-restart-manual-other = { $owner }{ $at_ns }: managed by a { $kind }; restart it through that controller.
plan-restart-manual-by-hand = { $owner }{ $at_ns }: injected by hand (MIG509); a restart keeps the settings it was injected with. Inject its original manifest again with the istioctl of the installed version (`istioctl kube-inject -f ORIGINAL.yaml`), which reads the current mesh config with PROXY_CONFIG_XDS_AGENT, and apply that.
plan-restart-manual-expect = every line ends with a tab and true
plan-restart-gateways-title = Restart the Istio gateways that lack PROXY_CONFIG_XDS_AGENT
plan-restart-gateways-why = Not a gate, but every Istio proxy should run with the same agent settings while traffic moves.
plan-restart-gateways-expect = every gateway pod's line ends with a tab and true

## Migrating: the import of the Istio API objects into ASM. $count is their number; $objects,
## $filters and $annotations are lists.
plan-import-title = Apply the { $count } Istio API objects to ASM
plan-import-why = ASM proxies read their configuration from the ASM control plane: every Istio API object must be there before the first workload switches.
plan-import-expect = one line per object of the bundle, no NotFound error
plan-import-namespaces = The Namespaces at the top of the file are created if missing and left alone if present; applying again is harmless.
plan-import-no-namespace = { $count } object(s) name no namespace ({ $objects }): kubectl applies them in the namespace of the ASM kubeconfig's context, as it did in the cluster; add metadata.namespace to them in the file if that is not where they belong.
plan-import-envoyfilters = Review the EnvoyFilter(s) { $filters } for ASM's proxy version before applying (MIG508); remove them from the file if unsure.
plan-import-annotations = Annotations outside Istio's domains are left out of the bundle (they can hold anything, tokens included, and mean nothing to ASM): { $annotations }. Add back by hand any that a tool of yours needs.
plan-import-no-rollback = No rollback: deleting with the same file would also delete the Namespaces in ASM. Remove single objects by name if needed.

## Migrating: the east-west network in ASM. $networks is a list of network names.
plan-eastwest-networks-title = Configure the cluster's network in ASM and enable the cross-cluster mesh proxy
plan-eastwest-networks-why = ASM proxies reach the other network's endpoints only when ASM knows the network by the same name as Istio.
plan-eastwest-networks-need = the network name (label topology.istio.io/network on istio-system, or ISTIO_META_NETWORK on the east-west gateway)
plan-eastwest-networks-names = Network(s) to configure with exactly these names: { $networks }.
plan-eastwest-networks-console = Console step (ASM 1.22 or later): set the cluster's network and enable the cross-cluster mesh proxy, before any workload switches to ASM's proxy.

## Migrating: the switch waves. $label_key and $label_value are ASM's injection label (settings).
plan-switch-wave-title = Switch wave { $number }: { $namespace } ({ $workloads }) to ASM's proxy
plan-switch-wave-why = The pod label { $label_key }: "{ $label_value }" makes new pods get ASM's proxy; the patch rolls the workload.
plan-switch-wave-expect = the switched workloads' pods show ASM's proxy image (…aliyuncs.com/…/acs/proxyv2:v…-aliyun)
plan-switch-wave-note = Loss-free only if the protocol shuts down gracefully (HTTP, HTTP/2, gRPC) and requests finish within the proxy's drain window.
plan-switch-manual-title = Switch the workloads that need a manual method
plan-switch-manual-why = Jobs, CronJobs and bare pods get ASM's proxy when re-created with the pod label { $label_key }: "{ $label_value }".
plan-switch-manual-note = { $owner }{ $at_ns }: add the label to its pod template or manifest and re-create it.

## Migrating: the workloads injected by hand. $file is the manifest's file name, $object kind/name.
plan-reinject-title = Re-deploy the workloads injected by hand with ASM's label
plan-reinject-why = Their pod template holds Istio's proxy (istioctl kube-inject), so the pod label { $label_key }: "{ $label_value }" cannot switch them; the original manifest, without the proxy and with the label, gives their pods ASM's proxy.
plan-reinject-need = { $file }: the original manifest of { $object }{ $at_ns }, without Istio's proxy (not the export, which holds it), with the pod label { $label_key }: "{ $label_value }" in its template
plan-reinject-no-rollout = { $object }{ $at_ns }: no rollout to undo; to go back, apply its injected manifest again.
plan-reinject-expect-template = empty output: the template no longer holds a proxy injected by hand
plan-reinject-expect-images = the re-deployed workloads' pods show ASM's proxy image (…aliyuncs.com/…/acs/proxyv2:v…-aliyun)
plan-reinject-no-namespace = Some manifests name no namespace: their commands run in the kubeconfig context's namespace, as `kubectl apply` of those manifests did.

## Migrating: ambient mode, which the procedure does not cover. $names is a list.
plan-ambient-title = Decide what happens to the ambient workloads
plan-ambient-why = The procedure moves sidecars by labelling pod templates; ambient workloads have no sidecar and depend on ztunnel and waypoints, which the uninstall removes.
plan-ambient-expect = the namespaces still in ambient mode; each must be moved to sidecars first or kept out of the migration
plan-ambient-namespaces = Ambient namespaces: { $names }.
plan-ambient-workloads = Ambient workloads, not moved by the switch waves: { $names }.
plan-ambient-waypoints = Waypoints, not migrated: { $names }.
plan-ambient-not-covered = Not covered by this plan: moving ambient workloads to ASM. Either move each ambient namespace to sidecars first (remove istio.io/dataplane-mode, enable Istio's sidecar injection, restart, export and plan again), or keep it out of the migration and do not uninstall Istio while it depends on ztunnel.

## Migrating: an ingress gateway's traffic. $service is namespace/name of the Istio gateway's
## Service, $name ASM's IstioGateway, $gateway the gateway's slug (namespace-name), $weight a
## weight from 0 to 100; $lb_id, $vgroup and $weight_key are annotation keys.
plan-ingress-attach-title = Attach the vServer groups to Service { $service } at full weight
plan-ingress-why = Both gateways share the Istio gateway's CLB; the weights of the two Services decide the split.
plan-ingress-need-clb = the CLB instance id of Service { $service } (SLB console)
plan-ingress-need-vgroups = the vServer group ids with their ports for Service { $service }, as `rsp-xxx:80,rsp-yyy:443` (SLB console)
plan-ingress-attach-expect = { $lb_id }, { $vgroup } and { $weight_key }=100 present
plan-ingress-fields-note = Not confirmed from a public source beyond ASM's guide: the exact IstioGateway fields; check them against your ASM version.
plan-ingress-asm-gateway-title = Create ASM's ingress gateway { $name } on the same CLB, weight 0
plan-ingress-asm-gateway-why = ASM's IstioGateway attaches to the Istio gateway's CLB with weight 0, so it receives no traffic yet.
plan-ingress-asm-gateway-expect = the IstioGateway exists; its Service in the cluster shows the same CLB id
plan-ingress-asm-weight-title = Ingress { $gateway }: ASM's gateway to weight { $weight }
plan-ingress-asm-weight-why = The CLB splits traffic by the two Services' weights; ASM's goes up first so capacity never drops.
plan-ingress-istio-weight-title = Ingress { $gateway }: Istio's gateway to weight { $weight }
plan-ingress-istio-weight-why = Istio's gateway gives up the share ASM's took.

## Migrating: an egress route's traffic. $virtual_service is the VirtualService's slug
## (namespace-name), $asm and $istio the two shares in percent, $selector the value of ASM's
## egress gateway pods' label istio, $host its Service's host.
plan-egress-setup-title = Prepare ASM's egress gateway for VirtualService { $virtual_service }
plan-egress-setup-why = ASM's egress gateway needs a Gateway selecting its pods, and the VirtualService binds it next to Istio's so traffic that reaches it goes on to the external host.
plan-egress-need-host = ASM's egress gateway Service host (setting asm-egress-host; the Service is istio-<IstioGateway name>)
plan-egress-assumed = Assumed: ASM's egress gateway pods carry the label istio: { $selector } and its Service is { $host }; check them in ASM before applying.
plan-egress-no-gateway = The VirtualService binds no Istio egress Gateway: add the route from ASM's egress gateway to the external host by hand.
plan-egress-weight-title = Egress { $virtual_service }: ASM { $asm }% / Istio { $istio }%
plan-egress-cluster-why = Istio sidecars read the cluster's copy of the VirtualService.
plan-egress-asm-why = ASM proxies read ASM's copy of the VirtualService.
plan-egress-expect-done = no new requests for the external host in Istio's egress gateway log
plan-egress-expect-fewer = requests still appear in Istio's egress gateway log, fewer than before

## Migrating: Istio's gateways taken out of service, and the uninstall. $name is a gateway's
## Deployment; $version the installed Istio version (or plan-uninstall-version-unknown).
plan-gateway-traffic-title = Check that Istio's gateways no longer carry traffic
plan-gateway-traffic-why = A gateway that still shows requests in its access log is still carrying traffic and must not be taken out.
plan-gateway-traffic-expect = no new requests in { $name }'s access log
plan-retire-gateways-title = Take Istio's gateways out of service
plan-retire-gateways-why = The Finished gate needs every Istio gateway gone; scaling to zero first keeps the way back open until the uninstall.
plan-retire-gateways-eastwest = The east-west gateway goes only once ASM's cross-cluster mesh proxy serves the network.
plan-uninstall-title = Uninstall Istio
plan-uninstall-why = Finished requires Istio's control plane and webhooks to be gone.
plan-uninstall-expect-webhooks = no istio-sidecar-injector*, istio-validator*, istiod-* or istio-revision-tag-* entries
plan-uninstall-istioctl = Use the istioctl of the installed version ({ $version }); `istioctl uninstall` left experimental in 1.15, older versions need `istioctl x uninstall`.
plan-uninstall-version-unknown = unknown: check istiod's image tag
plan-uninstall-purge = --purge also deletes Istio's configuration in the cluster: run it only after the Istio API bundle is in ASM and no pod or gateway runs Istio's proxy.
plan-uninstall-crds = Never delete the *.istio.io CRDs: ASM uses them.
plan-uninstall-ambient = The uninstall also removes ztunnel and the waypoints: run it only once no workload is left in ambient mode (step ambient-not-covered).
plan-uninstall-revisions = Several revisions are installed: uninstall each with its own istioctl (`istioctl uninstall --revision REV`).

## Finished: what the uninstall left behind.
plan-cleanup-title = Remove what the uninstall left behind
plan-cleanup-why = If the switch to Finished fails, status.message names residues; these are the Istio-owned objects found in the export.
plan-cleanup-note = Export again after the uninstall (`istio2asm collect`) to list what remains; CRDs of *.istio.io are never deleted.

## The risks of restarting a workload (risk::Risks::list), joined with "; " in a wave's risk
## table. $count is spec.replicas (fewer than two), $grace terminationGracePeriodSeconds, $drain
## the proxy's drain duration in seconds, $ports a list of plan-risk-port-*.
## `[1]` matches exactly one (not every number English calls singular, such as -1).
plan-risk-replicas = { $count ->
    [1] { $count } replica
   *[other] { $count } replicas
}
plan-risk-no-pdb = no PodDisruptionBudget
plan-risk-grace-below-drain = terminationGracePeriodSeconds { $grace } < drain { $drain }s
plan-risk-no-pre-stop = no preStop hook
plan-risk-non-http-ports = non-HTTP ports: { $ports }
plan-risk-on-delete = updateStrategy OnDelete
## A Service port that is not HTTP, HTTP/2 or gRPC: $service the Service, $port its number,
## $name the port's name.
plan-risk-port-named = { $service }:{ $port } ({ $name })
plan-risk-port-undeclared = { $service }:{ $port } (protocol not declared)

# The roots-of-trust check before Migrating (issue 14).
plan-trust-title = Check that Istio's and ASM's proxies trust the same root of trust and trust domain
plan-trust-why = In Migrating, workloads on ASM's proxy and workloads still on Istio's call each other over mTLS: each side accepts only certificates that chain to its own root and carry its trust domain (or an alias). Check before the first workload switches.
plan-trust-expect-cluster = "sha256 Fingerprint={ $sha256 }" (the cluster's root in the export), a subject line and a notAfter date more than 30 days away
plan-trust-expect-cluster-unknown = one "sha256 Fingerprint=" line: note it, ASM's root must print the same (the export holds no istio-ca-root-cert)
plan-trust-expect-asm = "sha256 Fingerprint={ $sha256 }" (ASM's root in its export), equal to the cluster's
plan-trust-need-asm-root = ASM's root of trust is not in the export. Read it with Alibaba Cloud's API GetCaCert: aliyun servicemesh GetCaCert --ServiceMeshId <your mesh ID> | jq -r .CaCert | openssl x509 -noout -fingerprint -sha256 -subject -enddate. Expected: the same "sha256 Fingerprint=" as the cluster's root, or, if ASM signs with an intermediate CA, an issuer equal to the subject of the cluster's root (then compare the root of its chain). If neither, the ASM instance was not created with Istio's CA (CreateServiceMesh UseExistingCA): do not switch workloads until both trust one root. Not confirmed by a public source: whether ASM also writes istio-ca-root-cert into the cluster's namespaces.
plan-trust-expect-domain = the line "trustDomain: { $domain }" (or no trustDomain: Istio's default cluster.local)
plan-trust-need-asm-domain = ASM's trust domain is not in the export; assumed { $domain } (Istio's default; no public source states ASM's). Check it on a pod with ASM's proxy: istioctl proxy-config secret <pod> -n <namespace> -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d | openssl x509 -noout -ext subjectAltName. Expected: URI:spiffe://{ $domain }/ns/<namespace>/sa/<service account>.
plan-trust-handled = You said the roots of trust are handled (trust-handled): the gate only warns. The checks above still show whether it holds.
## A mesh of several clusters (plan::plan_mesh): what each cluster's runbook adds for the others.
## $networks: "cluster: network" pairs joined by list-separator.
plan-mesh-networks = Several clusters: configure every cluster of the mesh in ASM with its network and enable the cross-cluster mesh proxy for each cluster that has an east-west gateway, before the first workload of any cluster switches to ASM's proxy: { $networks }.
plan-mesh-network-unknown = no network name (same network as every other)
plan-mesh-retire-east-west = Several clusters: the east-west gateway is scaled down here only after step mesh-wait-for-clusters.
plan-mesh-uninstall-east-west = Several clusters: `istioctl uninstall --purge` also removes the east-west gateway that istioctl installed (gen-eastwest-gateway.sh): run it only after step mesh-wait-for-clusters.
## $remotes: the remote clusters this cluster's istiod serves.
plan-mesh-uninstall-remotes = This istiod also serves the remote clusters { $remotes }: uninstalling it leaves their remaining Istio proxies without a control plane.
plan-mesh-wait-title = Wait until the other clusters of the mesh have moved their workloads to ASM
plan-mesh-wait-why = Istio's east-west gateways and istiod serve other clusters too: Istio proxies left there still reach this cluster's workloads through its east-west gateway, and a remote cluster's proxies take their configuration from its primary's istiod.
## $clusters: the other clusters; $gateways: the clusters with an east-west gateway.
plan-mesh-wait-east-west = Go on only when the runbooks of { $clusters } have passed their last switch wave (no Istio sidecar left there): until then their Istio proxies use the east-west gateways of { $gateways }.
plan-mesh-wait-remotes = Go on only when every workload of { $remotes } runs ASM's proxy: this cluster's istiod is their control plane.
## $ids: the remote clusters' names as Istio knows them (CLUSTER_ID).
plan-mesh-wait-proxy-status = no row whose CLUSTER column is { $ids }
plan-mesh-wait-remote-self = This is a remote cluster: its primary's runbook waits for this one at the same step.
plan-mesh-reader-title = Remove istio-reader once every cluster is Finished
## $clusters: the other clusters of the mesh.
plan-mesh-reader-why = The istiods of { $clusters } read this cluster's API server with istio-reader-service-account (the token in their remote secrets): delete it only when every cluster of the mesh is Finished.
