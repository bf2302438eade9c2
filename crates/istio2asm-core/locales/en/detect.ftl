# detect — en

## Evidence: where a version was read (shown in MIG201 and beside a control plane).
detect-kubectl-version = kubectl version: serverVersion.gitVersion { $version }
detect-lowest-kubelet = lowest kubelet version, node { $node }: { $version }
detect-istiod-image = istiod image { $image }
detect-istiod-pod-image = istiod pod image { $image }
## $name the injector ConfigMap, $tag the value of global.tag.
detect-injector-tag = ConfigMap { $name } values global.tag { $tag }
## $kind MutatingWebhookConfiguration or ValidatingWebhookConfiguration, $name its name.
detect-webhook-version = { $kind } { $name } labels istio.io/rev={ $revision }, version { $version }

## Why an injector ConfigMap's `config` key could not be read; shown after "ConfigMap NAME: ".
## $error is the YAML parser's message.
detect-injector-no-config = it has no `config` key
detect-injector-not-yaml = its `config` is not YAML: { $error }
detect-injector-empty = its `config` is empty
