# gates — en

## What passing each gate means, as one clause (gate::GateId::what). $floor is the oldest
## supported version, e.g. 1.21.
gate-migration-resource = the ASMMigrateFromIstio resource is valid
gate-kubernetes-version = Kubernetes is { $floor } or later
gate-istio-version = every Istio control plane is { $floor } or later
gate-asm-version = the ASM instance is { $floor } or later
gate-eastwest-label-reconciliation = with an east-west gateway, disableIstioSystemLabelReconciliation is true
gate-istio-system-injection-label = with an east-west gateway, istio-system has no istio-injection label
gate-sidecars-keep-injector = every workload whose sidecar came from an injector still has one that injects it on its next restart
gate-mesh-config-xds-agent = the mesh config has PROXY_CONFIG_XDS_AGENT: "true"
gate-sidecars-xds-agent = every Istio sidecar pod has PROXY_CONFIG_XDS_AGENT=true
gate-roots-of-trust = Istio's and ASM's proxies trust the same root of trust and each other's trust domain
gate-gateways-xds-agent = every Istio gateway pod has PROXY_CONFIG_XDS_AGENT=true
gate-no-istio-sidecars = no pod runs a community Istio sidecar
gate-no-istio-gateways = no Istio gateway remains
gate-istio-api-in-asm = every Istio API object exists in ASM
gate-istio-control-plane-removed = istiod and Istio's webhooks are gone

## The four verdicts, as reports and runbooks show them (gate::Verdict::label).
gate-verdict-pass = pass
gate-verdict-warn = warn
gate-verdict-manual = manual
gate-verdict-fail = FAIL

## A gate's detail line (phase::gates). $what is one of the clauses above.
gate-detail-manual = { $what }: manual check, no export of the ASM control plane given
## $count findings of the codes $codes (MIG403, MIG513).
gate-detail-findings = { $what }: { $count } finding(s) ({ $codes })
