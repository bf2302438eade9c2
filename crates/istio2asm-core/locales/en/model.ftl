# model — en

## MIG002 not-a-kubernetes-object.
mig002-version-without-server = `kubectl version` output without serverVersion.gitVersion; export it with access to the cluster
## $fields lists the missing ones among apiVersion, kind, metadata.name.
mig002-missing = missing { $fields }
## $type_name is one of the model-type-* below.
mig002-not-a-map = the document is a { $type_name }, not an object
## $what is mig002-missing or mig002-not-a-map.
mig002-skipped = not a Kubernetes object ({ $what }); skipped
## What a YAML or JSON document is when it is not a map.
model-type-null = null
model-type-boolean = boolean
model-type-integer = integer
model-type-number = number
model-type-string = string
model-type-list = list
model-type-map = map

## MIG003 duplicate-object. $name is namespace/name, or name.
mig003-twice = { $kind } { $name } appears twice; the first copy is used

## MIG006 invalid-name. The name rule an object's kind follows (Kubernetes' names).
mig006-rfc1123-label = an RFC 1123 label
mig006-rfc1035-label = an RFC 1035 label
mig006-path-segment = a path segment
mig006-rfc1123-subdomain = an RFC 1123 subdomain
## Names are quoted; $rule is one of the rules above.
mig006-name = its name { $name } is not { $rule }
mig006-owner = its owner { $kind } { $name } is not a valid kind and RFC 1123 subdomain name
mig006-namespace = its namespace { $namespace } is not an RFC 1123 label
## $problem is mig006-name, mig006-owner or mig006-namespace.
mig006-skipped = { $kind } skipped: { $problem }; no command is generated for it
