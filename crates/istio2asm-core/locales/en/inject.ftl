# inject — en

## Istio's injector deciding for one pod (inject::istio::inject_required). $label is
## sidecar.istio.io/inject, $value its value (quoted), $source inject-source-label or
## inject-source-annotation; $configmap the injector ConfigMap's name, $selector a label selector,
## $index its 1-based place in the list, $policy the ConfigMap's policy (quoted).
inject-host-network = the pod uses hostNetwork, which Istio never injects
inject-ignored-namespace = namespace { $namespace } is one Istio never injects
inject-source-label = label
inject-source-annotation = annotation
inject-loose-value = { $label }={ $value } ({ $source }) means inject before Istio 1.27 when it is y/yes/on, "not" otherwise, and "default" from 1.27; the revision's version is unknown
inject-explicit-on = { $source } { $label }={ $value }
inject-explicit-off = { $source } { $label }={ $value } turns injection off
inject-no-configmap = no injector ConfigMap exported; assuming the chart's default policy `enabled`
inject-never-selector = neverInjectSelector #{ $index } ({ $selector }) of ConfigMap { $configmap } matches
inject-always-selector = alwaysInjectSelector #{ $index } ({ $selector }) of ConfigMap { $configmap } matches
## $error is detect-injector-no-config, detect-injector-not-yaml or detect-injector-empty.
inject-configmap-error = ConfigMap { $configmap }: { $error }
inject-policy-enabled = policy enabled (ConfigMap { $configmap })
inject-policy-disabled = policy disabled (ConfigMap { $configmap }) and the pod does not ask for injection
inject-policy-illegal = policy { $policy } of ConfigMap { $configmap } is illegal; Istio refuses to inject
inject-policy-missing = ConfigMap { $configmap } sets no policy; Istio refuses to inject

## `istioctl x check-inject`'s own sentences (inject::check_inject). The English must stay
## byte-identical to istioctl's (tests/injection.rs compares them). $ns_label and $pod_label are
## key=value; $ns_labels and $pod_labels lists of key=value.
inject-ci-both-match = Namespace label { $ns_label } matches, and pod label { $pod_label } matches
inject-ci-namespace-matches = Namespace label { $ns_label } matches
inject-ci-namespace-matches-all = Namespace label { $ns_label } matches (Automatic injection is enabled in all namespaces).
inject-ci-pod-matches = Pod label { $pod_label } matches
inject-ci-pod-prevents = Pod has { $key }={ $value } label, preventing injection
inject-ci-namespace-prevents = Namespace has istio-injection={ $value } label, preventing injection
inject-ci-deactivated = The injection webhook is deactivated, and will never match labels.
inject-ci-no-match = No matching namespace labels ({ $ns_labels }) or pod labels ({ $pod_labels })

## One injector configuration's row (Simulation::rows): a webhook's name and its reason.
inject-webhook-reason = { $webhook }: { $reason }
inject-no-webhook-called = no webhook is called

## One webhook, for one pod creation. $selected is one of inject-selected-*; $why the injector's
## reason (above); $count the number of matchConditions; $selector a label selector.
inject-no-pod-create = its rules do not cover CREATE pods
inject-deactivated = deactivated (istio.io/deactivated: never-match)
inject-namespace-not-exported = namespace { $namespace } is not in the export; its labels decide
inject-invalid-selector = a selector is invalid; the API server refuses the pod
inject-namespace-selector-no-match = namespaceSelector ({ $selector }) does not match namespace { $namespace }
inject-object-selector-no-match = objectSelector ({ $selector }) does not match the pod's labels
inject-selected-both = namespace label { $ns_label } and pod label { $pod_label } match
inject-selected-namespace = namespace label { $ns_label } matches
inject-selected-pod = pod label { $pod_label } matches
inject-selected-selectors = its selectors match
inject-match-conditions = { $selected }, but it has { $count } matchConditions (CEL), which are not evaluated here
inject-asm-assumed = ASM's injector is assumed to inject like Istio's (its policy is not in the export)
inject-asm-assumed-skips = { $why } (assuming ASM's injector checks as Istio's does)
inject-injects = { $selected }; injects: { $why }
inject-skips = { $selected }; skips: { $why }
inject-unknown = { $selected }; { $why }
## A second call of an IfNeeded webhook; $reason is the first call's.
inject-reinvoked = reinvoked (reinvocationPolicy IfNeeded): { $reason }

## The sidecar a pod creation ends with, and why. $configuration and $webhook name the deciding call;
## $injectors lists "configuration webhook"; $reason is a call's reason.
inject-no-istio-injector = no Istio injector webhook configuration is in the export (kubectl get mutatingwebhookconfigurations -o yaml exports them)
inject-call-reason = { $configuration } { $webhook }: { $reason }
inject-last-decides = { $count } injectors are called ({ $injectors }); the last, { $configuration } { $webhook }, decides
inject-asm-not-exported = ASM's injector webhook configuration is not in the export, so which sidecar ASM gives is unknown (it exists once the cluster is added to ASM; export it with kubectl get mutatingwebhookconfigurations -o yaml); of the exported injectors: { $reason }

## Why no webhook is called. $label is sidecar.istio.io/inject; $configurations lists deactivated
## configurations.
inject-opted-out = its pod label { $label }=false keeps every Istio webhook from matching (objectSelector { $label } NotIn [false]); if its pods run a sidecar, the label came after they started
inject-revision-gone = istio.io/rev={ $revision } names no revision or tag with an active injector webhook (a deleted tag or revision)
inject-no-default-injector = the default revision has no injector webhook
inject-default-deactivated = the default injector is deactivated ({ $configurations }: istio.io/deactivated=never-match) and no revision tag `default` serves
inject-no-match = no injector webhook matches namespace { $namespace } and the pod's labels

## The sidecar a pod gets, in words (inject::Sidecar::label).
sidecar-istio-revision = Istio ({ $revision })
sidecar-istio = Istio
sidecar-asm = ASM
sidecar-none = none
sidecar-unknown = unknown
