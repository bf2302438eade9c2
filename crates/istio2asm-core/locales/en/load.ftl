# load — en

## MIG001 yaml-syntax. $error is the parser's message (serde_yaml's or serde_json's, in English)
## or load-not-utf8.
mig001-does-not-parse = does not parse: { $error }
load-not-utf8 = invalid UTF-8 (the bytes are not text)

## MIG005 input-limit. $limit is a size (1024 MiB, or load-bytes); $size the file's size in bytes.
mig005-file-too-large = not loaded: the file exceeds the limit of { $limit } ({ $size } bytes in this file)
mig005-inputs-too-large = not loaded: all inputs together exceed the limit of { $limit } ({ $size } bytes in this file)
load-bytes = { $bytes } bytes
## $command is a shell loop exporting one namespace at a time; $setting the limit's setting.
mig005-split-help = Split the export into smaller files, one per namespace, and load them together: `{ $command }` (with the kubeconfig flag of `istio2asm collect`). Or raise the limit with the setting { $setting } if the input is trusted and the machine has the memory.
mig005-too-many-documents = stopped loading: more than { $max } documents and list items in the input
mig005-too-many-documents-help = Load fewer objects at once, or raise the limit with the setting max-documents if the input is trusted.
## $detail is load-too-deep, load-too-deep-for-parser, or the parser's message (in English).
mig005-document-not-loaded = document not loaded: { $detail }
mig005-document-help = The document nests deeper or expands aliases further than any Kubernetes object needs; it was refused without being expanded. Check where it came from; raise the setting max-depth only for a trusted input.
load-too-deep = nesting deeper than { $depth } levels (setting max-depth)
load-too-deep-for-parser = nesting deeper than { $depth } levels, the most the YAML parser reads (setting max-depth is higher)
