# clusters — en

## The names given to the clusters of a mesh (clusters::validate_names): a usage error of the
## surface that read them. $name: the name as given, quoted in clusters-name-invalid.
clusters-none = no cluster given: name at least one cluster and its exports
clusters-name-empty = a cluster's name is empty: give each cluster a name (a DNS-1123 label such as east or cluster-1)
clusters-name-invalid = the cluster name { $name } is not a DNS-1123 label (at most 63 characters of a-z, 0-9 and -, starting and ending with a letter or digit)
clusters-name-twice = the cluster name { $name } is given twice: each cluster needs a name of its own

## Why a cluster's runbook comes where it does (clusters::order). $primaries, $remotes: cluster
## names joined by list-separator.
clusters-order-remote = remote cluster: its proxies take their configuration and certificates from the istiod of { $primaries }; it goes first, because the runbook of { $primaries } uninstalls that istiod.
clusters-order-remote-unknown = remote cluster (no istiod in its export): it goes before every primary, because one of them serves it and no export says which (no topology.istio.io/controlPlaneClusters annotation, no remote secret for it).
clusters-order-primary = primary cluster (its own istiod): no other cluster of the mesh uses its istiod; in the order given.
clusters-order-primary-remotes = primary cluster (its own istiod), which serves { $remotes }: it goes after them, so that its istiod is uninstalled only once their workloads run ASM's proxy.
clusters-order-unknown = no Istio control plane, injector or proxy in its export: nothing depends on it; last.
## Appended to the reason of a cluster with an east-west gateway, after a sentence.
clusters-order-east-west = {" "}Its east-west gateway stays until every cluster of the mesh has moved its workloads to ASM's proxy (step mesh-wait-for-clusters of each runbook).
