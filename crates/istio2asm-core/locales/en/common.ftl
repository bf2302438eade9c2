# common — en

## Where a namespaced object is, appended to its name (names::in_namespace). The leading space is
## a literal, since Fluent trims a value's leading blanks.
in-namespace = {" "}in { $namespace }
in-context-namespace = {" "}(in the context's namespace)

## Lists in messages.
list-separator = {", "}
## A count of pods with at most five names (checks::support::pod_list).
pod-list = { $count ->
    [one] { $count } pod
   *[other] { $count } pods
} ({ $names }{ $more })
pod-list-more = , +{ $count } more
## Between clauses of one message ("a; b").
clause-separator = {"; "}
