// Types of istio2asm's JavaScript library (hand-written; the package ships this file as `types`).
// The result types describe exactly the JSON that `istio2asm check|plan --format json` prints
// (schemaVersion 1, SPEC §7): the same objects whichever surface made them.

/** One exported file: its name (shown in locations) and its content (YAML or JSON). */
export interface InputFile {
  /** Shown in finding locations, e.g. `cluster.yaml`. Non-empty. */
  name: string;
  /** The file's content: text, or its bytes (UTF-8). */
  text: string | Uint8Array | ArrayBuffer;
}

/**
 * The language of the texts: findings' messages and help, gates, plans, runbooks, and the
 * library's own error messages (the CLI's `--lang`). Codes, commands, YAML and JSON keys are the
 * same in both. The usual spellings are accepted too (`"en-US"`, `"zh"`, `"zh_CN"`, `"zh-Hans"`).
 */
export type Lang = "en" | "zh-CN";

/** Load limits (the CLI's `--max-*` flags). */
export interface Limits {
  /** Largest single input, in bytes (default 268435456). */
  maxFileBytes?: number;
  /** Largest sum of all inputs, in bytes (default 1073741824). */
  maxTotalBytes?: number;
  /** Most documents and list items across all inputs (default 1000000). */
  maxDocuments?: number;
  /** Deepest nesting inside one document (default 100). */
  maxDepth?: number;
}

/**
 * Settings for `check` and `plan` (SPEC §2; the CLI's flags in camelCase). Every field is optional;
 * `null`/`undefined` means the default. An unknown field throws `E_OPTIONS`.
 */
export interface Options {
  /** The ASM instance's version, e.g. `"1.24.6"` (default: unknown, a warning; `"1.24.6"` with `demo`). */
  asmVersion?: string | null;
  /** Shell variable holding the cluster's kubeconfig path (default `"K8S_KUBECONFIG"`). */
  clusterKubeconfigVar?: string | null;
  /** Shell variable holding the ASM control plane's kubeconfig path (default `"ASM_KUBECONFIG"`). */
  asmKubeconfigVar?: string | null;
  /** The pod label that opts a workload into ASM's proxy, `"key=value"` (default `"sidecar.asm.aliyun.com/inject=true"`). */
  asmLabel?: string | null;
  /** The label's key alone (instead of `asmLabel`). */
  asmLabelKey?: string | null;
  /** The label's value alone (instead of `asmLabel`). */
  asmLabelValue?: string | null;
  /** The ASM egress gateway's share at each step, rising to 100: `[1, 10, 50, 100]` or `"1,10,50,100"` (the default). */
  egressWeights?: number[] | string | null;
  /** The ASM egress gateway Service host (default: read from the export). */
  asmEgressHost?: string | null;
  /** Workloads per restart or switch wave (default 10). */
  waveSize?: number | null;
  /** Load limits. */
  limits?: Limits | null;
  /** The ASM control plane's export of Istio API objects (the CLI's `--asm-config`): proves the import gate (MIG604). */
  asmConfig?: InputFile[] | null;
  /** Use the embedded demo cluster instead of inputs (the CLI's `--demo`); `inputs` must then be empty or omitted. */
  demo?: boolean | null;
  /** `plan` only: emit state switches even when their gates fail; the plan names the gates overridden. */
  force?: boolean | null;
  /**
   * `check` only: an earlier `check()` result of the same cluster (or its JSON text, e.g. a file of
   * `istio2asm check --format json`); the result then has `changes`. Anything else throws `E_OPTIONS`.
   */
  baseline?: CheckResult | string | null;
  /**
   * The day certificate expiry is judged on, `"YYYY-MM-DD"` (the CLI's `--as-of`; e.g. the change
   * window's). Default: `today`. Anything else throws `E_OPTIONS`.
   */
  asOf?: string | null;
  /**
   * The roots of trust of Istio and ASM are handled (ASM uses the same root, or the proxies trust
   * both; the CLI's `--trust-handled true`): the roots-of-trust gate becomes a check by hand.
   * Default `false`.
   */
  trustHandled?: boolean | null;
  /**
   * Today, `"YYYY-MM-DD"`. Default: the UTC date of the JS clock (`Date.now()`) at each call, as the
   * CLI takes its system clock's. Give it for results that do not change with the day.
   */
  today?: string | null;
  /** Several clusters of one mesh: see {@link MeshOptions}. Not with `inputs`, `demo` or `baseline`. */
  clusters?: null;
  /**
   * The language of the result's texts and of the messages thrown (default `"en"`). Anything else
   * throws `E_OPTIONS` (in English). Read before the other options, whose messages then follow it.
   */
  lang?: Lang | null;
}

/** One cluster of a mesh: its name and its exports. */
export interface ClusterInputs {
  /**
   * The cluster's name (the CLI's `--cluster NAME=PATH`): a DNS-1123 label such as `"east"`, unique
   * in the mesh. Its commands read the kubeconfig variable `clusterKubeconfigVar` + `_` + the name in
   * upper case (`K8S_KUBECONFIG_EAST`).
   */
  name: string;
  /** Its exports, like `check`'s `inputs`; at least one. */
  inputs: InputFile[];
}

/**
 * Settings for `check` and `plan` of several clusters of one mesh: `clusters` instead of `inputs`,
 * and every other setting of {@link Options}, shared by the clusters (`asmConfig` is the one ASM
 * control plane they join). Entries that are not `{ name, inputs }`, a name missing, not a DNS-1123
 * label or given twice, and empty inputs throw `E_INPUTS` naming the entry (`options.clusters[1]`);
 * so do non-empty `inputs` or `demo` beside `clusters`; `baseline` throws `E_OPTIONS`.
 */
export interface MeshOptions extends Omit<Options, "clusters" | "demo" | "baseline"> {
  /** The clusters, in the order given (the runbooks' order is the result's `order`). */
  clusters: ClusterInputs[];
  demo?: false | null;
  baseline?: null;
}

/** Options of `collect`. An unknown field throws `E_OPTIONS`. */
export interface CollectOptions {
  /** Export format (default `"yaml"`); JSON loads about twice as fast for big clusters. */
  format?: "yaml" | "json" | null;
  /** Shell variable holding the cluster's kubeconfig path (default `"K8S_KUBECONFIG"`). */
  clusterKubeconfigVar?: string | null;
  /** Shell variable holding the ASM control plane's kubeconfig path (default `"ASM_KUBECONFIG"`). */
  asmKubeconfigVar?: string | null;
  /** The language of the script's comments and of the messages thrown (default `"en"`). */
  lang?: Lang | null;
}

/** Options of `explain`. An unknown field throws `E_OPTIONS`. */
export interface ExplainOptions {
  /** The language of the page and of the messages thrown (default `"en"`). */
  lang?: Lang | null;
}

export type Severity = "error" | "warning" | "info";
export type MigrationState = "Init" | "SetupIstioForMigrate" | "Migrating" | "Finished";
export type Situation = "assumed" | "settled" | "in-progress" | "failed" | "illegal";

/** The Kubernetes object a finding or gate is about. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  /** `null` for cluster-scoped objects. */
  namespace: string | null;
  name: string;
}

/** Where an object starts: the input's name, 1-based line and column. */
export interface Location {
  path: string;
  line: number;
  column: number;
}

/** One finding (SPEC §6): a stable code, what is wrong, where, and what to run. */
export interface Finding {
  /** `MIG402`. */
  code: string;
  /** `sidecar-missing-xds-agent`. */
  name: string;
  severity: Severity;
  message: string;
  object: ObjectRef | null;
  location: Location | null;
  help: string;
  /** Shell commands, exactly as a user pastes them into bash. */
  commands: string[];
  /** The transition whose gate this finding belongs to, e.g. `"Init → SetupIstioForMigrate"`. */
  gate: string | null;
}

/** The interpreted ASMMigrateFromIstio resource. */
export interface Migration {
  state: MigrationState;
  desiredState: MigrationState | null;
  /** The state after `state`, `null` once Finished. */
  next: MigrationState | null;
  retryCounter: number | null;
  statusRetryCounter: number | null;
  /** `status.message`; empty when fine. */
  message: string;
  situation: Situation;
  /**
   * Whether the resource's east-west option is true: `disableIstioSystemLabelReconciliation` in
   * `istio.alibabacloud.com/v1beta1`, `stopIstioSystemInjectionDisabling` in
   * `istio.alibabacloud.com/v1` (the key keeps the v1beta1 field's name).
   */
  disableIstioSystemLabelReconciliation: boolean;
  /** The exported resource's apiVersion: which of the two published shapes it has. */
  apiVersion: string | null;
}

/** One gate of a transition. */
export interface Gate {
  /** `"SetupIstioForMigrate → Migrating"`. */
  transition: string;
  /** Stable id, e.g. `"sidecars-xds-agent"`. */
  id: string;
  passed: boolean;
  /** Whether it blocks the switch (an error-severity finding of its codes). */
  blocking: boolean;
  /** Whether it can only be checked by hand with the given inputs. */
  manual: boolean;
  detail: string;
  objects: ObjectRef[];
}

/** One injector webhook the API server calls for a pod, in call order. */
export interface InjectionWebhook {
  /** The MutatingWebhookConfiguration. */
  configuration: string;
  webhook: string;
  /** `"asm"` is recognised by a selector on the ASM opt-in label: an assumption. */
  mesh: "istio" | "asm";
  /** Istio: the revision it injects (a revision tag resolved to its revision). */
  revision: string | null;
  /** Istio: the revision tag it serves. */
  tag: string | null;
  result: "injects" | "skips" | "unknown";
  reason: string;
  /** 2 when reinvoked (`reinvocationPolicy: IfNeeded`). */
  round: 1 | 2;
}

/** One pod creation through the webhook chain. */
export interface InjectionOutcome {
  /** The webhooks called, in the order the API server calls them. */
  webhooks: InjectionWebhook[];
  /** The sidecar it ends with (the last injector called decides). */
  sidecar: "istio" | "asm" | "none" | "unknown";
  /** Istio's revision, when `sidecar` is `"istio"`. */
  revision: string | null;
  reason: string;
}

/** Which injector gives a workload or bare pod its sidecar, now and after its switch. */
export interface Injection {
  object: { kind: string; namespace: string | null; name: string };
  /** Its pods run a sidecar an injector gave them. */
  injectedToday: boolean;
  /** The next restart, as exported. */
  now: InjectionOutcome;
  /** The next restart after the plan's switch patch; `null` when the plan does not switch it. */
  afterSwitch: InjectionOutcome | null;
}

/** `istio2asm check --format json`. */
export interface CheckResult {
  schemaVersion: 1;
  /** The language of the texts (`options.lang`). */
  lang: Lang;
  inputs: {
    files: string[];
    objects: number;
    /** Objects per kind. */
    kinds: Record<string, number>;
    secretsDropped: number;
  };
  /** `null` without the ASMMigrateFromIstio resource (the state is then assumed to be Init). */
  migration: Migration | null;
  versions: {
    kubernetes: string | null;
    istio: string[];
    istioRevisions: { revision: string; version: string }[];
    asm: string | null;
  };
  gates: Gate[];
  /** Every workload and bare pod through the injector webhook chain. */
  injection: Injection[];
  /** Each workload with sidecars: how many of its live pods run Istio's and ASM's proxy. */
  workloads: WorkloadProxies[];
  /** The roots of trust and trust domains of the cluster and of ASM's side. */
  trust: Trust;
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
  /** What changed since `options.baseline`; absent without one. */
  changes?: Changes;
}

/** What the proxies of each side trust, read from the exports (Secrets' data is never read). */
export interface Trust {
  /** The cluster's export. */
  cluster: TrustSide;
  /** ASM's export (`options.asmConfig`); `null` without one. */
  asm: TrustSide | null;
}

/** One side's trust domains, roots of trust and CA Secrets. */
export interface TrustSide {
  /** The trust domain of each mesh config, in the export's order. */
  trustDomains: TrustDomain[];
  /** Every distinct certificate of the `istio-ca-root-cert` ConfigMaps (key `root-cert.pem`). */
  roots: TrustRoot[];
  /** The ConfigMaps grouped by the set of certificates they hold, largest group first: more than one set means two writers. */
  rootSets: RootSet[];
  /** How many `istio-ca-root-cert` ConfigMaps the export holds. */
  rootCertMaps: number;
  /** ConfigMaps whose `root-cert.pem` could not be read; `reason` is the parser's (English). */
  unreadable: { namespace: string; reason: string }[];
  /** The CA Secrets seen by name only (`cacerts`, `istio-ca-secret`); their data is never read. */
  caSecrets: { namespace: string; name: string }[];
  /** Whether the export holds any Secret at all (so an absent `cacerts` is known to be absent). */
  secretsExported: boolean;
}

/** A mesh config's trust domain. */
export interface TrustDomain {
  /** The revision whose mesh config it is (`"default"` for ConfigMap `istio`). */
  revision: string;
  /** `trustDomain`, or Istio's default `"cluster.local"` when unset. */
  trustDomain: string;
  /** Whether `trustDomain` is written in the mesh config (false: the default applies). */
  explicit: boolean;
  /** `trustDomainAliases`. */
  aliases: string[];
}

/** One root certificate. */
export interface TrustRoot {
  /** SHA-256 of the DER as `openssl x509 -fingerprint -sha256` prints it: upper-case hex pairs joined by `:`. */
  sha256: string;
  /** RFC 4514, e.g. `"O=cluster.local"`. */
  subject: string;
  /** RFC 4514. */
  issuer: string;
  /** RFC 3339 in UTC, e.g. `"2026-01-01T00:00:00Z"`. */
  notBefore: string;
  /** RFC 3339 in UTC. */
  notAfter: string;
  /** The namespaces whose ConfigMap holds it, sorted. */
  namespaces: string[];
}

/** ConfigMaps holding the same certificates. */
export interface RootSet {
  /** The certificates' fingerprints, sorted. */
  sha256: string[];
  /** The namespaces, sorted. */
  namespaces: string[];
}

/** A workload's live sidecar pods by proxy. */
export interface WorkloadProxies {
  object: { kind: string; namespace: string; name: string };
  istio: number;
  asm: number;
}

/** A cluster's part in a multi-cluster mesh: `primary` runs its own istiod, `remote` uses another cluster's, `unknown`: no Istio seen. */
export type ClusterRole = "primary" | "remote" | "unknown";

/** A name Istio knows a cluster by, and where it was read. */
export interface IdentityName {
  value: string;
  /**
   * `istiodEnv` (istiod's `CLUSTER_ID`), `injectorValues` (the injector's `values.global`),
   * `proxyEnv` (the sidecars' `ISTIO_META_*`), `namespaceLabel` (`topology.istio.io/network` on
   * `istio-system`), `meshConfig` (`defaultConfig.meshId`), `trustDomain` (the mesh ID when none is
   * set), `default` (Istio's default).
   */
  from: "istiodEnv" | "injectorValues" | "proxyEnv" | "namespaceLabel" | "meshConfig" | "trustDomain" | "default";
}

/** What a cluster's export says about its place in the mesh. */
export interface ClusterIdentity {
  role: ClusterRole;
  /** The name Istio knows the cluster by (`CLUSTER_ID`); `null` without any Istio. */
  clusterId: IdentityName | null;
  /** The network of its workloads; `null` when none is set. */
  network: IdentityName | null;
  /** Its mesh ID (the trust domain when none is set); `null` without any Istio. */
  meshId: IdentityName | null;
  /** The remote secrets it holds (`istio/multiCluster=true`), by metadata only. */
  remoteSecrets: { namespace: string; name: string; cluster: string | null }[];
  /** The clusters named by `istio-system`'s `topology.istio.io/controlPlaneClusters`. */
  controlPlaneClusters: string[];
  /** Its mesh configs' `meshNetworks`. */
  meshNetworks: { name: string; registries: string[]; gatewayServices: string[]; gatewayAddresses: string[] }[];
}

/** One cluster's report in a mesh's: exactly its own `check` result, with its name and identity. */
export interface ClusterReport extends Omit<CheckResult, "changes"> {
  /** The name given in `options.clusters`. */
  name: string;
  identity: ClusterIdentity;
}

/** A finding across the clusters of a mesh: each command runs against its own cluster's kubeconfig variable. */
export interface CrossFinding extends Finding {
  /** The clusters it concerns, by the names given. */
  clusters: string[];
}

/** A cluster's place in the order its runbook runs in. */
export interface ClusterOrder {
  cluster: string;
  role: ClusterRole;
  /** Why it comes there (remotes before the primaries that serve them, east-west gateways kept). */
  reason: string;
}

/** `check` with `options.clusters`: the report of a mesh of several clusters. */
export interface MeshCheckResult {
  schemaVersion: 1;
  tool: "istio2asm";
  lang: Lang;
  /** Each cluster's report, in the order given. */
  clusters: ClusterReport[];
  /** The findings across the clusters (meshID, clusterName, networks, remote secrets, roots). */
  findings: CrossFinding[];
  /** The order the clusters' runbooks run in. */
  order: ClusterOrder[];
  /** Over every cluster's findings and the cross-cluster ones. */
  summary: { errors: number; warnings: number; infos: number };
}

/** A finding as the baseline comparison matches it: by code and subject (object, or file). */
export interface ChangedFinding {
  code: string;
  /** `Deployment shop/cart`, or the file of a finding without an object. */
  subject: string;
  message: string;
}

/** What changed since an earlier report (`options.baseline`). */
export interface Changes {
  /** The baseline's name (`"baseline"` in the library; the file in the CLI). */
  baseline: string;
  /** The migration resource's state before and now, when it changed (`null`: no resource). */
  state: { from: string | null; to: string | null } | null;
  fixed: ChangedFinding[];
  new: ChangedFinding[];
  switchedToAsm: { kind: string; namespace: string; name: string }[];
  gatesPassed: GateChange[];
  gatesFailed: GateChange[];
  /** False when the baseline has no `workloads` (made by an earlier istio2asm): switches cannot be told. */
  workloadsCompared: boolean;
}

/** A gate whose verdict changed. */
export interface GateChange {
  transition: string;
  id: string;
  from: 'pass' | 'warn' | 'manual' | 'FAIL';
  to: 'pass' | 'warn' | 'manual' | 'FAIL';
}

/** A file a step applies. */
export interface PlanFile {
  name: string;
  content: string;
}

/** One row of a wave's risk table. */
export interface RiskRow {
  /** `deployment/cart`. */
  workload: string;
  namespace: string;
  replicas: number | null;
  risks: {
    replicas: number | null;
    noPdb: boolean;
    /** `[grace seconds, drain seconds]` when the grace period is shorter than the proxy's drain. */
    graceBelowDrain: [number, number] | null;
    noPreStop: boolean;
    nonHttpPorts: string[];
    onDelete: boolean;
  };
}

/** A JSON object of a preview: the changed paths, nested from the object's root. */
export type PreviewFields = { [key: string]: unknown };

/**
 * What a step's commands change in one object, computed offline by applying their exact merge
 * patches to the object as exported (with the earlier steps applied). `before` holds each changed
 * path with its exported value, `after` with its value after the patch; a path that exists on one
 * side only is absent from the other (a removed label is in `before` only). A patch that changes
 * nothing gives `{}` and `{}`.
 */
export interface Preview {
  object: {
    kind: string;
    /** `null` for cluster-scoped objects. */
    namespace: string | null;
    name: string;
  };
  before: PreviewFields;
  after: PreviewFields;
}

/** One step of a phase. Every command is exactly the text a user pastes into bash. */
export interface Step {
  id: string;
  title: string;
  /** Which cluster its commands talk to. */
  target: "cluster" | "asm";
  commands: string[];
  verify: string[];
  /** What each `verify` command should print, in the same order. */
  expect: string[];
  rollback: string[];
  files: PlanFile[];
  /** Inputs the export does not hold and the operator must supply. */
  needs: string[];
  why: string;
  notes: string[];
  risks: RiskRow[];
  /** Whether it is a wave (the shell runbook pauses before each). */
  wave: boolean;
  /**
   * The gates that keep it from running (empty when it may): a state switch's own failing gates,
   * or `sidecars-keep-injector` on a wave that would restart a workload out of the mesh.
   */
  blockedBy: string[];
  /**
   * What its patch commands change, one entry per object; empty for a step that patches nothing
   * and for an object the export does not hold (no preview is guessed). Rollbacks have none.
   */
  preview: Preview[];
}

/** The work done while in `state`, ending with the switch into `next`. */
export interface Phase {
  state: MigrationState;
  status: "done" | "current" | "upcoming";
  next: MigrationState | null;
  gates: Gate[];
  steps: Step[];
}

/** `istio2asm plan --format json`. The object `plan()` returns is frozen (see `render`). */
export interface Plan {
  schemaVersion: 1;
  /** The language of the texts (`options.lang`); `render` writes the runbooks in it. */
  lang: Lang;
  /** The state the migration is in. */
  state: MigrationState;
  /** Whether the state was assumed (no ASMMigrateFromIstio resource in the inputs). */
  assumed: boolean;
  /** How the migration stands. */
  situation: Situation;
  /** Whether the plan was made with `force` (upcoming phases then run from the bash runbook). */
  force: boolean;
  /** The shell variables every command reads the kubeconfig paths from. */
  kubeconfigVars: { cluster: string; asm: string };
  /** The gates overridden with `force`. */
  forced: string[];
  phases: Phase[];
}

/** `plan` with `options.clusters`: one plan per cluster, in the order the runbooks run in. The object is frozen. */
export interface MeshPlan {
  schemaVersion: 1;
  lang: Lang;
  order: ClusterOrder[];
  /** Each cluster's plan, in `order`. */
  clusters: { name: string; plan: Plan }[];
}

/** One cluster's runbook of a mesh plan (`render(meshPlan, format)`). */
export interface ClusterRunbook {
  /** The cluster's name. */
  name: string;
  /** Its runbook in the format asked, byte for byte `render(plan, format)` of its plan. */
  text: string;
}

/** A finding code's documentation. */
export interface Explanation {
  /** `"MIG402"`. */
  code: string;
  /** `"sidecar-missing-xds-agent"`. */
  name: string;
  severity: Severity;
  /** `"MIG402 sidecar-missing-xds-agent"`. */
  title: string;
  /** "What it finds", "Why it matters", "How to fix", "Example" (in Chinese "发现什么", "为什么重要", "如何修复", "示例"), in that order. */
  sections: { heading: string; body: string }[];
  /** The page as Markdown (as in docs/checks.md, or docs/checks.zh-CN.md in Chinese). */
  markdown: string;
  /** Exactly what `istio2asm explain CODE` prints. */
  text: string;
}

export type RenderFormat = "markdown" | "shell" | "json";

/** Which argument was wrong. */
export type ErrorCode = "E_INPUTS" | "E_OPTIONS" | "E_FORMAT" | "E_PLAN" | "E_CODE" | "E_INTERNAL";

/** What every function throws for a bad argument: a plain `Error` with a `code`. */
export interface Istio2asmError extends Error {
  code: ErrorCode;
}

/**
 * Checks several clusters of one mesh (`options.clusters`): each cluster's own report, the findings
 * across them and the order of their runbooks. `check({ clusters, ...options })` is `check(null, options)`.
 * @throws {Istio2asmError} `E_INPUTS` (a cluster entry, or `inputs` or `demo` beside `clusters`), `E_OPTIONS`.
 */
export function check(options: MeshOptions): MeshCheckResult;
export function check(inputs: null | undefined | [], options: MeshOptions): MeshCheckResult;
/**
 * Checks exported manifests: findings, the migration state, versions and the gates of the next
 * step. Equals the object `istio2asm check --format json` prints for the same files and settings.
 * @throws {Istio2asmError} `E_INPUTS` (not an array of `{ name, text }`, or empty without `demo`), `E_OPTIONS`.
 */
export function check(inputs: InputFile[] | null | undefined, options?: Options | null): CheckResult;

/**
 * Plans several clusters of one mesh (`options.clusters`): one plan per cluster, in the order their
 * runbooks run in. Deep-frozen; `render` gives each cluster's runbook. `plan({ clusters, ...options })` is `plan(null, options)`.
 * @throws {Istio2asmError} `E_INPUTS`, `E_OPTIONS`.
 */
export function plan(options: MeshOptions): MeshPlan;
export function plan(inputs: null | undefined | [], options: MeshOptions): MeshPlan;
/**
 * Builds the runbook as data: every phase's gates and steps, exact commands and YAML files. Equals
 * the object `istio2asm plan --format json` prints. The object is deep-frozen; pass it to `render`.
 * @throws {Istio2asmError} `E_INPUTS`, `E_OPTIONS`.
 */
export function plan(inputs: InputFile[] | null | undefined, options?: Options | null): Plan;

/**
 * The runbooks of a mesh's plan (`plan()` with `options.clusters`, a copy, or its JSON parsed): one
 * per cluster, in the plan's order, each `render(plan, format)` of that cluster's plan.
 * @throws {Istio2asmError} `E_FORMAT`, `E_PLAN` (naming the cluster's plan that does not read).
 */
export function render(plan: MeshPlan, format: RenderFormat): ClusterRunbook[];
/**
 * The runbook of a plan as text, byte for byte what `istio2asm plan --format FORMAT` prints:
 * `markdown` (runbook.md), `shell` (runbook.sh, bash) or `json` (plan.json).
 * `plan` is the object `plan()` returned, a copy of it, or `plan.json` parsed: its JSON holds
 * everything the runbooks show, its language (`lang`) too. Anything that is not such a plan throws
 * `E_PLAN`.
 * @throws {Istio2asmError} `E_FORMAT`, `E_PLAN`.
 */
export function render(plan: Plan, format: RenderFormat): string;

/**
 * The kubectl commands that export what istio2asm reads (no Secret's data is ever requested), as the bash
 * text `istio2asm collect` prints.
 * @throws {Istio2asmError} `E_OPTIONS`, `E_FORMAT`.
 */
export function collect(options?: CollectOptions | null): string;

/**
 * The documentation of a finding code (`"MIG402"`, any case) or name (`"sidecar-missing-xds-agent"`),
 * in `options.lang` (default English).
 * @throws {Istio2asmError} `E_CODE` for anything else, `E_OPTIONS` for bad options.
 */
export function explain(code: string, options?: ExplainOptions | null): Explanation;

/** istio2asm's version, e.g. `"0.1.0"` (the package's version too). */
export function version(): string;

/** What `init` and `initSync` accept: the `.wasm`'s URL, bytes or compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Web build: loads and instantiates the `.wasm` (by default `istio2asm_bg.wasm` next to the module,
 * fetched from the same origin). Await it once before calling anything else. Node build: does
 * nothing (the module is ready on import).
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;

/** Web build: instantiates synchronously from bytes or a compiled module. Node build: does nothing. */
export function initSync(module?: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
