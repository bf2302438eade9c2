# checks — en

## MIG403 sidecar-manual-restart. $owner is kind/name, $at_ns where it is (in-namespace), $pods a pod-list.
mig403-on-delete = { $owner }{ $at_ns } uses updateStrategy OnDelete: delete its { $pods } one at a time, waiting for each to be Ready
mig403-job = { $owner }{ $at_ns } is a Job: let its { $pods } finish, or delete and re-create the Job
mig403-cronjob = { $owner }{ $at_ns } is a CronJob: its next run picks the change up; its { $pods } still run the old configuration
mig403-bare = { $owner }{ $at_ns } is a bare pod: re-create it from its original manifest
mig403-by-hand = { $owner }{ $at_ns } was injected by hand (MIG509): a restart keeps the proxy settings its { $pods } were injected with; inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that
mig403-other = { $owner }{ $at_ns } is managed by a { $kind }: restart its { $pods } through that controller
mig403-by-hand-template = { $object }{ $at_ns } was injected by hand (MIG509) without PROXY_CONFIG_XDS_AGENT in its pod template; a restart keeps it so: inject it again from its original manifest (`istioctl kube-inject` against the current mesh config) and apply that

## Shared by the checks below: joins the clauses of one finding (MIG505's problems, MIG601's parts).
checks-clause-separator = {"; "}

## MIG004 secrets-dropped. $count is the number of Secrets.
mig004-dropped = { $count } Secret(s) in the input were dropped unread; they are never stored or shown

## MIG201 kubernetes-too-old. $version as found ($version quoted in mig201-no-minor), $floor MAJOR.MINOR,
## $evidence where it was read (detect-kubectl-version, detect-lowest-kubelet).
mig201-unknown = the Kubernetes version is unknown: the input has neither `kubectl version -o yaml` nor nodes
mig201-too-old = Kubernetes { $version } is older than { $floor } ({ $evidence })
mig201-no-minor = the Kubernetes version { $version } has no MAJOR.MINOR to compare

## MIG202 istio-too-old. $tag is the image tag, quoted.
mig202-too-old = Istio control plane (revision { $revision }) runs { $version }, older than { $floor }
mig202-unknown = the version of Istio control plane (revision { $revision }) is unknown: tag { $tag }

## MIG204 istio-multiple-revisions. $planes is a list of mig204-plane.
mig204-planes = { $count } Istio control planes: { $planes }
mig204-plane = { $revision } ({ $version })

## MIG205 istio-not-found.
mig205-not-found = no Istio control plane (istiod) in the input

## MIG302 istio-system-injection-label. $value is the label's value.
mig302-label = namespace istio-system carries istio-injection={ $value } and the cluster has an east-west gateway

## MIG401 mesh-config-missing-xds-agent. $why is mig401-parse-error or empty; $error the YAML parser's message.
mig401-no-mesh-config = no mesh config (ConfigMap istio in istio-system) in the input; it cannot be checked for PROXY_CONFIG_XDS_AGENT
mig401-missing = mesh config { $name } (revision { $revision }) has no PROXY_CONFIG_XDS_AGENT: "true"{ $why }
mig401-parse-error = {" "}(its mesh key does not parse: { $error })

## MIG402 sidecar-missing-xds-agent. $owner kind/name, $at_ns in-namespace, $pods a pod-list.
mig402-missing = { $owner }{ $at_ns }: Istio's sidecar lacks PROXY_CONFIG_XDS_AGENT=true on { $pods }
mig402-help-no-rollout = This owner has no rollout restart: use the manual method under MIG403, then verify that every pod shows `true`.

## MIG501 workload-on-istio-sidecar. $tag the proxy's image tag; $by_hand is mig501-by-hand or empty.
mig501-on-istio = { $owner }{ $at_ns }: still on Istio's proxy { $tag } ({ $pods }){ $by_hand }
mig501-by-hand = ; injected by hand (MIG509), the label does not switch it

## MIG505 invalid-route-weights. $object namespace/name, $route like http[0], $problems the
## problems below joined by checks-clause-separator; $weight as written, $sum a number.
mig505-weights = VirtualService { $object }: { $route } { $problems }
mig505-not-an-integer = weight { $weight } is not an integer from 0 to 100
mig505-sum = weights sum to { $sum }, not 100
mig505-single = the only destination has weight { $sum }, not 100

## MIG507 istio-api-import. $kinds is a list of mig507-kind.
mig507-import = { $count } Istio API objects to import into ASM: { $kinds }
mig507-kind = { $count } { $kind }

## MIG509 workload-manually-injected. $object resource/name, $image the proxy image; $native is
## mig509-native or empty.
mig509-by-hand = { $object }{ $at_ns } was injected by hand: its pod template holds Istio's proxy ({ $image }{ $native }); ASM's label cannot switch it
mig509-native = , a native sidecar

## MIG512 switch-not-to-asm. $subject "Kind namespace/name", $sidecar like "Istio (1-22)", $reason the simulation's.
mig512-gets-none = { $subject }: after its switch it gets no sidecar, not ASM's: { $reason }
mig512-gets-istio = { $subject }: after its switch it gets { $sidecar }'s sidecar, not ASM's: { $reason }

## MIG513 restart-drops-sidecar.
mig513-drops = { $subject } runs an injected sidecar, but its next restart gets none: { $reason }

## MIG601 istio-sidecars-remain. $pods and $workloads are counts; $names a list of resource/name.
mig601-pods = { $pods ->
    [one] { $pods } pod
   *[other] { $pods } pods
} in { $workloads ->
    [one] { $workloads } workload
   *[other] { $workloads } workloads
} still { $pods ->
    [one] runs
   *[other] run
} Istio's sidecar
mig601-by-hand = { $count ->
    [one] { $count } workload injected by hand ({ $names }) still carries Istio's proxy in its pod template (pods not exported)
   *[other] { $count } workloads injected by hand ({ $names }) still carry Istio's proxy in their pod template (pods not exported)
}

## MIG602 istio-gateways-remain. $gateways is a list of mig602-gateway; $kind one of the three kinds below.
mig602-remain = { $count ->
    [one] { $count } Istio gateway remains
   *[other] { $count } Istio gateways remain
}: { $gateways }
mig602-gateway = { $owner }{ $at_ns } ({ $kind })
mig602-ingress = ingress
mig602-egress = egress
mig602-east-west = east-west

## MIG603 istio-control-plane-remains. $objects lists istiod's Deployment and Istio's webhook configurations.
mig603-remains = Istio's control plane remains: { $objects }

## MIG604 istio-api-not-in-asm. $kind the kind, $object namespace/name.
mig604-missing = { $kind } { $object } is not in the ASM export
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

# Roots of trust and trust domains, MIG701–MIG705, MIG708 (issue 14).
trust-expect = {" "}Expected output: { $expect }
trust-root-words = { $sha256 } ({ $subject })
trust-set-words = { $roots } in { $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    } ({ $names }{ $more })
mig701-message = istio-ca-root-cert holds { $count } different roots of trust across the cluster's namespaces: { $groups }. Two control planes write it, or a root rotation has not reached every namespace; proxies of namespaces with different roots refuse each other's certificates
mig701-expect = every command prints the same "sha256 Fingerprint=" line.
mig702-message = ASM's root of trust, { $asm }, differs from the cluster's, { $cluster }: Istio's and ASM's proxies will refuse each other's certificates while both serve
mig702-expect = both commands print the same "sha256 Fingerprint=" line.
mig703-expiring = The root of trust { $sha256 } ({ $subject }) in { $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    } expires on { $date }, in { $days ->
        [one] 1 day
       *[other] { $days } days
    }
mig703-expired = The root of trust { $sha256 } ({ $subject }) in { $count ->
        [one] 1 namespace
       *[other] { $count } namespaces
    } expired on { $date }, { $days ->
        [one] 1 day
       *[other] { $days } days
    } ago
mig703-expect = "sha256 Fingerprint={ $sha256 }" and "{ $end }"; after the rotation, a later notAfter date.
mig704-message = Istio's plugged-in CA { $secret }: its CA certificate's expiry is not in the export (Secrets' data is never read); check it on the cluster
mig704-expect-after = a subject line and "notAfter=" with a date after { $date } (30 days after the day judged on).
mig704-expect = a subject line and "notAfter=" with a date more than 30 days after the change window.
mig705-istio = Istio's mesh config (revision { $revision })
mig705-asm = ASM's mesh config (revision { $revision })
mig705-side = { $side }, trust domain { $domain }
mig705-message = The trust domains differ without an alias: { $first } and { $second }. Proxies of one refuse peers of the other under mTLS
mig705-expect = "trustDomain: { $first }" and "trustDomain: { $second }" are equal, or each appears under the other's trustDomainAliases.
mig708-message = istio-ca-root-cert in namespace { $namespace } cannot be read ({ $reason }): its root of trust is unknown
# MIG801–MIG805: across the clusters of a mesh (checks run over several clusters' analyses).
## Where a cluster's name, network or mesh ID was read (checks::mesh_support::source).
mig8-source-istiod-env = CLUSTER_ID of istiod
mig8-source-injector-values = the injector's values
mig8-source-proxy-env = the environment of its sidecars
mig8-source-namespace-label = label topology.istio.io/network on istio-system
mig8-source-mesh-config = defaultConfig.meshId of its mesh config
mig8-source-trust-domain = its trust domain, no mesh ID being set
mig8-source-default = Istio's default, none being set

## MIG801 mesh-id-differs. $cluster: a cluster; $mesh_id its mesh ID and $source where it was
## read (mig8-source-*); $others: the clusters with the mesh ID most have, $common.
mig801-differs = { $cluster } has mesh ID { $mesh_id } ({ $source }), the other clusters { $others } have { $common }: every cluster of one multicluster mesh has the same mesh ID
mig801-help = Set values.global.meshID to one value in every cluster (istioctl install or helm upgrade of istiod), then restart the proxies, which carry it as ISTIO_META_MESH_ID; Istio calls changing it after the install possibly disruptive: do it in a change window. Verify with the commands below: the mesh config of each of { $clusters } shows the same line `meshId: { $common }` under defaultConfig.

## MIG802 cluster-name-not-unique. $clusters: the clusters; $cluster_id the name they share.
mig802-twice = { $clusters } all call themselves { $cluster_id } ({ $source }): Istio's cluster names must differ, or istiod registers only one of them and the endpoints of the others are not discovered across clusters
mig802-help = Give each cluster its own values.global.multiCluster.clusterName (istiod's CLUSTER_ID, the proxies' ISTIO_META_CLUSTER_ID), create the other clusters' remote secrets again with `istioctl create-remote-secret --name=<the new name>`, and restart the proxies. Verify with the commands below: each prints its cluster's CLUSTER_ID, a different name in every cluster (today { $cluster_id } in { $clusters }).

## MIG803 network-gateway-mismatch. $networks and $others: "network (clusters)" joined by
## list-separator; $gateway: an east-west gateway as kind/name in namespace.
mig803-no-gateway = { $cluster } is on network { $network } ({ $source }), but no cluster of the mesh has an east-west gateway for { $network } and no meshNetworks names a gateway for it: workloads on { $others } cannot reach the workloads of { $cluster }
mig803-gateway-elsewhere = the east-west gateway { $gateway } of { $cluster } serves network { $network }, but { $cluster } is on { $own }: Istio sends a network's traffic to the gateways labelled with it, and this one cannot reach { $network }'s workloads
mig803-gateway-no-network = the east-west gateway { $gateway } of { $cluster } serves network { $network }, which is no cluster's network (the mesh's: { $networks })
## $registry: a fromRegistry value; $ids: the clusterNames of the mesh.
mig803-unknown-registry = the meshNetworks of { $cluster } puts the registry { $registry } on network { $network }, but no cluster of the mesh is called { $registry } (their clusterNames: { $ids }) and { $cluster } holds no remote secret for it
mig803-unknown-gateway-service = the meshNetworks of { $cluster } names { $service } as a gateway of network { $network }, but no cluster of the mesh exports an east-west gateway Service of that name
mig803-help = Label each cluster's istio-system with its network, and give every network that other networks reach an east-west gateway whose Service carries the same label topology.istio.io/network and port 15443 (Istio's gen-eastwest-gateway.sh --network NAME); ASM's cross-cluster mesh proxy later needs the same names. Verify with the commands below: each cluster's istio-system shows its network in the NETWORK column, and for each network of the mesh ({ $networks }) some cluster lists a Service with that label and 15443 among its ports.
mig803-help-mesh-networks = Make every fromRegistry of meshNetworks a clusterName of the mesh (istiod's CLUSTER_ID) and every registryServiceName an east-west gateway Service (name.namespace.svc.cluster.local), or remove meshNetworks and let the network labels decide. Verify with the command below: the meshNetworks printed names only clusters and gateways of the mesh.

## MIG804 remote-secret-missing. $primary: a primary cluster; $cluster: another cluster and
## $cluster_id the name its istiod uses; $secret: a Secret's name.
mig804-missing = { $primary } holds no remote secret for { $cluster } (clusterName { $cluster_id }): the istiod of { $primary } does not watch the API server of { $cluster }, so its workloads do not see the endpoints of { $cluster }
mig804-remote-unwatched = no primary holds a remote secret for the remote cluster { $cluster } (clusterName { $cluster_id }; primaries: { $primaries }): no istiod watches its API server, so its services and endpoints are unknown to the mesh
mig804-other-name = { $primary } holds the remote secret { $secret } for { $cluster }, but the istiod of { $cluster } calls itself { $cluster_id }: istiod registers the cluster under the name the Secret gives it (its data key), not under its clusterName
## $expected: the clusterName the Secret should hold.
mig804-help = From the other cluster's context, create its remote secret with its clusterName and apply it to { $primary }: `istioctl create-remote-secret --name={ $expected } | kubectl apply -f -`. This tool reads Secrets' metadata only (the annotation networking.istio.io/cluster, else the name istio-remote-secret-NAME); istiod uses their data keys. Verify with the commands below: a line per remote secret of { $primary }, its name then the cluster names it holds (the data keys, never their values), { $expected } among them.

## MIG805 cluster-roots-differ. $fingerprints, $common, $shared: SHA-256 fingerprints shortened
## to their ends; $subject: the root's subject.
mig805-differs = the root of trust of { $cluster } ({ $fingerprints }, { $subject }) differs from that of { $others } ({ $common }): cross-cluster mTLS between them fails, since a proxy accepts a peer only when the peer's certificate chains to a root it holds
mig805-overlap = the roots of trust of { $cluster } ({ $fingerprints }) and of { $others } ({ $common }) differ but share { $shared }: a root rotation looks under way; cross-cluster mTLS works only while every bundle holds the shared root
## $fingerprints: "cluster: full fingerprint" for every cluster.
mig805-help = Plug one root into every cluster (Istio's "Plug in CA Certificates": a Secret cacerts in istio-system with each cluster's intermediate CA signed by the common root), then restart istiod and the proxies. Verify with the commands below: each prints its cluster's root, the same sha256 Fingerprint= line in every cluster; today: { $fingerprints }.
