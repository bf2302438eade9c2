# progress — en

## The next action (progress::NextAction::text). A finding: $code, $name (its code's kebab-case
## name), $message and, when it has no command to copy, $help. A step: $id and $title.
progress-next-fix = { $code } { $name }: { $message }
progress-next-fix-help = { $code } { $name }: { $message }. { $help }
progress-next-run = { $id }: { $title }
progress-finished = Nothing left: the migration is finished.
