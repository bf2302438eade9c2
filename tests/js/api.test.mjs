// Every function of the JavaScript library on its Node build (web/js/pkg, from scripts/build-js.sh):
// results, option handling, and the errors for bad arguments. Parity with the CLI is in parity.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lib, pkg, root, throwsCode } from './helpers.mjs';

const { check, plan, render, collect, explain, version } = lib;
const fixture = (p) => path.join(root, 'tests/fixtures/upstream-istio', p);
const demoDir = path.join(root, 'crates/istio2asm-core/demo');
const demoInputs = () =>
  ['cluster.yaml', 'istio-system-configmaps.yaml', 'webhooks.yaml', 'istio-config.yaml', 'version.yaml', 'asm-migrate.yaml'].map(
    (f) => ({ name: `demo/${f}`, text: readFileSync(path.join(demoDir, f), 'utf8') }),
  );
const codes = (result) => new Set(result.findings.map((f) => f.code));

/** True when a value holds only plain objects, arrays and JSON scalars (no Map, no class instance). */
function plainJson(value) {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(plainJson);
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plainJson);
}

test('version() is the package version', () => {
  const packageJson = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.match(version(), /^\d+\.\d+\.\d+/);
  assert.equal(version(), packageJson.version);
});

test('the module exports exactly the documented API', () => {
  assert.deepEqual(Object.keys(lib).sort(), ['check', 'collect', 'default', 'explain', 'initSync', 'plan', 'render', 'version']);
});

test('index.d.ts declares exactly the functions the module exports', () => {
  const dts = readFileSync(path.join(pkg, 'index.d.ts'), 'utf8');
  // Overloads declare a function more than once.
  const declared = new Set([...dts.matchAll(/^export (default )?function (\w+)/gm)].map((m) => (m[1] ? 'default' : m[2])));
  assert.deepEqual([...declared].sort(), Object.keys(lib).sort());
});

test('init() and initSync() are harmless in Node', async () => {
  await lib.default();
  lib.initSync();
  assert.equal(typeof check(null, { demo: true }).summary.errors, 'number');
});

test('check() on the demo: the CLI JSON shape, as plain objects', () => {
  const result = check(null, { demo: true });
  assert.ok(plainJson(result), 'only plain objects and arrays');
  assert.deepEqual(Object.keys(result).sort(), ['findings', 'gates', 'injection', 'inputs', 'lang', 'migration', 'schemaVersion', 'summary', 'trust', 'versions', 'workloads']);
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.migration.state, 'SetupIstioForMigrate');
  assert.equal(result.versions.asm, '1.24.6', 'the demo sets the ASM version when none is given');
  assert.ok(codes(result).has('MIG402'));
  const count = (s) => result.findings.filter((f) => f.severity === s).length;
  assert.deepEqual(result.summary, { errors: count('error'), warnings: count('warning'), infos: count('info') });
  for (const f of result.findings) {
    assert.deepEqual(Object.keys(f).sort(), ['code', 'commands', 'gate', 'help', 'location', 'message', 'name', 'object', 'severity']);
  }
  assert.deepEqual(result.inputs.files, demoInputs().map((i) => i.name));
});

test('check(): demo: true with an empty inputs array, and the demo files given as inputs, agree', () => {
  const viaOption = check([], { demo: true });
  const viaFiles = check(demoInputs(), { asmVersion: '1.24.6' });
  assert.deepEqual(viaFiles, viaOption);
  assert.equal(check(undefined, { demo: true, asmVersion: '1.25.1' }).versions.asm, '1.25.1');
});

test('check(): text as a string, a Uint8Array, a Buffer or an ArrayBuffer gives the same result', () => {
  const name = 'injected/statefulset.yaml.injected';
  const bytes = readFileSync(fixture(name));
  const asString = check([{ name, text: bytes.toString('utf8') }]);
  const asBuffer = check([{ name, text: bytes }]);
  const asUint8 = check([{ name, text: new Uint8Array(bytes) }]);
  const asArrayBuffer = check([{ name, text: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }]);
  assert.deepEqual(asBuffer, asString);
  assert.deepEqual(asUint8, asString);
  assert.deepEqual(asArrayBuffer, asString);
});

test('check(): broken YAML is a finding with its location, not an error', () => {
  const result = check([{ name: 'broken.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n' }]);
  const broken = result.findings.find((f) => f.code === 'MIG001');
  assert.ok(broken, JSON.stringify(result.findings));
  assert.equal(broken.location.path, 'broken.yaml');
  assert.ok(broken.location.line >= 1);
});

test('check(): Secrets are dropped and never shown', () => {
  const secret = 'c3VwZXItc2VjcmV0LXZhbHVl';
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ndata:\n  password: ${secret}\n`;
  const result = check([{ name: 'secrets.yaml', text }]);
  assert.ok(codes(result).has('MIG004'));
  assert.equal(result.inputs.secretsDropped, 1);
  assert.ok(!JSON.stringify(result).includes(secret));
});

test('check(): options reach the analysis', () => {
  const inputs = demoInputs();
  const kc = check(inputs, { clusterKubeconfigVar: 'KC', asmKubeconfigVar: 'AKC' });
  const commands = kc.findings.flatMap((f) => f.commands).join('\n');
  assert.match(commands, /\$\{KC\}/);
  assert.doesNotMatch(commands, /K8S_KUBECONFIG/);

  const noVersion = check(inputs, {});
  assert.equal(noVersion.versions.asm, null);
  assert.equal(check(inputs, { asmVersion: '1.24.6' }).versions.asm, '1.24.6');

  const limited = check(inputs, { limits: { maxFileBytes: 1000 } });
  assert.ok(codes(limited).has('MIG005'), 'the file limit is applied');

  // The two spellings of the label and of the weights mean the same.
  assert.deepEqual(
    check(inputs, { asmLabel: 'example.com/mesh=asm' }),
    check(inputs, { asmLabelKey: 'example.com/mesh', asmLabelValue: 'asm' }),
  );
  assert.deepEqual(check(inputs, { egressWeights: '5, 50,100' }), check(inputs, { egressWeights: [5, 50, 100] }));
  // null means "not given".
  assert.deepEqual(check(inputs, { asmVersion: null, waveSize: null, limits: null, asmConfig: null }), noVersion);
});

test('check(): asmConfig is loaded as the ASM control plane export', () => {
  const istioConfig = demoInputs().find((i) => i.name === 'demo/istio-config.yaml');
  const result = check(null, { demo: true, asmConfig: [{ name: 'asm-config.yaml', text: istioConfig.text }] });
  assert.ok(result.inputs.files.includes('asm-config.yaml'));
  const without = check(null, { demo: true });
  assert.notDeepEqual(result.gates, without.gates, 'the import gate is proved by the ASM export');
});

test('plan(): the CLI plan shape, deep-frozen; render() gives the three runbooks', () => {
  const p = plan(null, { demo: true });
  assert.ok(plainJson(p));
  assert.deepEqual(Object.keys(p).sort(), ['assumed', 'force', 'forced', 'kubeconfigVars', 'lang', 'phases', 'schemaVersion', 'situation', 'state']);
  assert.equal(p.lang, 'en');
  assert.deepEqual(p.phases.map((ph) => ph.state), ['Init', 'SetupIstioForMigrate', 'Migrating', 'Finished']);
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.phases) && Object.isFrozen(p.phases[1].steps[0]));
  assert.throws(() => {
    p.state = 'Finished';
  }, TypeError);

  const markdown = render(p, 'markdown');
  const shell = render(p, 'shell');
  const json = render(p, 'json');
  assert.match(markdown, /^<!-- Generated by istio2asm .*do not edit/);
  assert.match(markdown, /# Runbook/);
  assert.match(shell, /^#!\/usr\/bin\/env bash/);
  assert.match(shell, /set -euo pipefail/);
  assert.ok(json.endsWith('}\n'));
  assert.deepEqual(JSON.parse(json), p);
  // Every step carries its patch preview; the demo's label removal shows the value it removes.
  const steps = p.phases.flatMap((ph) => ph.steps);
  assert.ok(steps.every((s) => Array.isArray(s.preview)));
  const label = steps.find((s) => s.id === 'istio-system-injection-label');
  assert.deepEqual(label.preview, [
    {
      object: { kind: 'Namespace', namespace: null, name: 'istio-system' },
      before: { metadata: { labels: { 'istio-injection': 'disabled' } } },
      after: {},
    },
  ]);
  assert.match(markdown, /```diff\n@@ Namespace istio-system @@\n- metadata\.labels\.istio-injection: "disabled"\n```/);
  // The commands of the current phase's steps appear in both runbooks, verbatim; the bash
  // runbook stops at the first blocked step (`blocked` exits), so it holds those before it.
  const current = p.phases.find((ph) => ph.status === 'current');
  assert.ok(current.steps.length > 0);
  const firstBlocked = current.steps.findIndex((s) => s.blockedBy.length > 0);
  current.steps.forEach((step, i) => {
    if (step.blockedBy.length > 0) return;
    for (const command of step.commands) {
      assert.ok(markdown.includes(command), `markdown lacks: ${command}`);
      if (firstBlocked < 0 || i < firstBlocked) assert.ok(shell.includes(command), `shell lacks: ${command}`);
    }
  });
});

test('plan(): each plan object renders its own runbook', () => {
  const a = plan(null, { demo: true });
  const b = plan(null, { demo: true, clusterKubeconfigVar: 'OTHER_KUBECONFIG' });
  assert.doesNotMatch(render(a, 'markdown'), /OTHER_KUBECONFIG/);
  assert.match(render(b, 'markdown'), /OTHER_KUBECONFIG/);
  assert.match(render(b, 'shell'), /OTHER_KUBECONFIG/);
});

test('plan(): force overrides failing gates and says so', () => {
  const normal = plan(null, { demo: true });
  const forced = plan(null, { demo: true, force: true });
  assert.deepEqual(normal.forced, []);
  assert.ok(forced.forced.length > 0, 'the demo has a failing gate');
  assert.match(render(forced, 'markdown'), new RegExp(forced.forced[0]));
});

test('plan(): waveSize changes the waves', () => {
  const waves = (p) => p.phases.flatMap((ph) => ph.steps).filter((s) => s.wave).length;
  assert.ok(waves(plan(null, { demo: true, waveSize: 1 })) > waves(plan(null, { demo: true, waveSize: 100 })));
});

test('render(): a copy or plan.json parsed renders the same runbooks; non-plans and unknown formats throw', () => {
  for (const force of [false, true]) {
    const p = plan(null, { demo: true, force });
    for (const format of ['markdown', 'shell', 'json']) {
      assert.equal(render(structuredClone(p), format), render(p, format), format);
      assert.equal(render(JSON.parse(render(p, 'json')), format), render(p, format), format);
    }
  }
  const p = plan(null, { demo: true });
  throwsCode(assert, () => render(check(null, { demo: true }), 'markdown'), 'E_PLAN', /not the JSON of an istio2asm plan/);
  const hostile = structuredClone(p);
  hostile.kubeconfigVars.cluster = 'X$(id)';
  throwsCode(assert, () => render(hostile, 'shell'), 'E_PLAN', /not a shell variable name/);
  throwsCode(assert, () => render([], 'markdown'), 'E_PLAN');
  throwsCode(assert, () => render(null, 'markdown'), 'E_PLAN', /got null/);
  throwsCode(assert, () => render('plan', 'markdown'), 'E_PLAN');
  throwsCode(assert, () => render(p, 'html'), 'E_FORMAT', /markdown, shell, json/);
  throwsCode(assert, () => render(p), 'E_FORMAT', /got undefined/);
  throwsCode(assert, () => render(p, 'MARKDOWN'), 'E_FORMAT');
});

test('collect(): the export commands, YAML or JSON, with the kubeconfig variables', () => {
  const yaml = collect();
  assert.equal(collect({}), yaml);
  assert.equal(collect(null), yaml);
  assert.equal(collect({ format: 'yaml' }), yaml);
  assert.match(
    yaml,
    /kubectl --kubeconfig="\$\{K8S_KUBECONFIG\}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster\.yaml/,
  );
  // Secrets only by name and labels, through a go-template that never reads their data.
  const secretExports = yaml.split(/\n(?=kubectl )/).filter((c) => /^kubectl .* get secrets\b/.test(c));
  assert.equal(secretExports.length, 1, 'one export of Secret names');
  assert.match(secretExports[0], /-o 'go-template=/);
  assert.doesNotMatch(secretExports[0], /\.data|stringData|-o (yaml|json)/);
  assert.match(collect({ format: 'json' }), /-o json > cluster\.json/);
  const vars = collect({ clusterKubeconfigVar: 'KC', asmKubeconfigVar: 'AKC' });
  assert.match(vars, /\$\{KC\}/);
  assert.match(vars, /\$\{AKC\}/);
  throwsCode(assert, () => collect({ format: 'xml' }), 'E_FORMAT', /"yaml" or "json"/);
  throwsCode(assert, () => collect({ formt: 'json' }), 'E_OPTIONS', /formt is not an option/);
  throwsCode(assert, () => collect({ clusterKubeconfigVar: 'not-a-name' }), 'E_OPTIONS', /shell variable name/);
  throwsCode(assert, () => collect('json'), 'E_OPTIONS');
});

test('explain(): by code in any case or by name; unknown codes throw E_CODE', () => {
  const doc = explain('MIG402');
  assert.equal(doc.code, 'MIG402');
  assert.equal(doc.name, 'sidecar-missing-xds-agent');
  assert.equal(doc.severity, 'error');
  assert.equal(doc.title, 'MIG402 sidecar-missing-xds-agent');
  assert.deepEqual(doc.sections.map((s) => s.heading), ['What it finds', 'Why it matters', 'How to fix', 'Example']);
  assert.ok(doc.sections.every((s) => s.body.length > 0));
  assert.match(doc.markdown, /^## MIG402 sidecar-missing-xds-agent\n/);
  assert.match(doc.text, /^MIG402 sidecar-missing-xds-agent \(error\)\n/);
  assert.deepEqual(explain('mig402'), doc);
  assert.deepEqual(explain('sidecar-missing-xds-agent'), doc);
  throwsCode(assert, () => explain('MIG999'), 'E_CODE', /unknown code "MIG999"; codes run from MIG001 to MIG\d{3}/);
  throwsCode(assert, () => explain(402), 'E_CODE', /must be a string/);
  throwsCode(assert, () => explain(), 'E_CODE');
});

const ok = [{ name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' }];

const badCalls = [
  // [what, call, code, message pattern]
  ['no inputs at all', () => check(), 'E_INPUTS', /^check: no inputs/],
  ['inputs not an array', () => check('cluster.yaml'), 'E_INPUTS', /^check: inputs must be an array/],
  ['inputs an object', () => plan({ name: 'a', text: 'b' }), 'E_INPUTS', /^plan: inputs must be an array/],
  ['an empty inputs array', () => check([]), 'E_INPUTS', /inputs is empty/],
  ['an input that is not an object', () => check([1]), 'E_INPUTS', /inputs\[0\] must be an object/],
  ['an input without a name', () => check([{ text: 'x' }]), 'E_INPUTS', /inputs\[0\]\.name must be a non-empty string/],
  ['an input with an empty name', () => check([{ name: '', text: 'x' }]), 'E_INPUTS', /inputs\[0\]\.name/],
  ['an input without text', () => check([...ok, { name: 'b' }]), 'E_INPUTS', /inputs\[1\]\.text must be a string, a Uint8Array or an ArrayBuffer/],
  ['text of the wrong type', () => check([{ name: 'a', text: 42 }]), 'E_INPUTS', /got the number 42/],
  ['inputs and demo together', () => check(ok, { demo: true }), 'E_INPUTS', /not both/],
  ['asmConfig not an array', () => check(ok, { asmConfig: 'asm.yaml' }), 'E_INPUTS', /options\.asmConfig must be an array/],
  ['asmConfig item without text', () => check(ok, { asmConfig: [{ name: 'x' }] }), 'E_INPUTS', /options\.asmConfig\[0\]\.text/],
  ['options not an object', () => check(ok, 'fast'), 'E_OPTIONS', /options must be an object/],
  ['options an array', () => check(ok, []), 'E_OPTIONS', /options must be an object/],
  ['an unknown option', () => check(ok, { asmversion: '1.24.6' }), 'E_OPTIONS', /options\.asmversion is not an option; the options are asmVersion,/],
  ['a version that is not one', () => check(ok, { asmVersion: 'latest' }), 'E_OPTIONS', /ASM version "latest" is not a version/],
  ['a version given as a number', () => check(ok, { asmVersion: 1.24 }), 'E_OPTIONS', /asmVersion must be a string, got the number 1.24/],
  ['weights above 100', () => check(ok, { egressWeights: [1, 200] }), 'E_OPTIONS', /egress weights/],
  ['weights not rising', () => check(ok, { egressWeights: '50,10,100' }), 'E_OPTIONS', /rise strictly/],
  ['weights not ending at 100', () => check(ok, { egressWeights: [1, 10] }), 'E_OPTIONS', /end at 100/],
  ['weights with a fraction', () => check(ok, { egressWeights: [1.5, 100] }), 'E_OPTIONS', /whole numbers/],
  ['weights as words', () => check(ok, { egressWeights: 'ten,100' }), 'E_OPTIONS', /whole numbers/],
  ['weights as an object', () => check(ok, { egressWeights: { a: 1 } }), 'E_OPTIONS', /whole numbers/],
  ['a zero wave size', () => check(ok, { waveSize: 0 }), 'E_OPTIONS', /wave size must be at least 1/],
  ['a negative wave size', () => check(ok, { waveSize: -1 }), 'E_OPTIONS', /waveSize must be a whole number/],
  ['a fractional wave size', () => plan(ok, { waveSize: 2.5 }), 'E_OPTIONS', /waveSize must be a whole number/],
  ['a wave size as text', () => plan(ok, { waveSize: '3' }), 'E_OPTIONS', /waveSize must be a whole number/],
  ['a wave size of NaN', () => plan(ok, { waveSize: NaN }), 'E_OPTIONS', /waveSize/],
  ['a label without =', () => check(ok, { asmLabel: 'sidecar.asm.aliyun.com/inject' }), 'E_OPTIONS', /options\.asmLabel: the ASM label "sidecar\.asm\.aliyun\.com\/inject" must be KEY=VALUE/],
  ['a label both ways', () => check(ok, { asmLabel: 'a=b', asmLabelKey: 'a' }), 'E_OPTIONS', /not both/],
  ['an invalid label key', () => check(ok, { asmLabelKey: 'bad key!' }), 'E_OPTIONS', /label key/],
  ['an invalid label value', () => check(ok, { asmLabelValue: 'x'.repeat(64) }), 'E_OPTIONS', /label value/],
  ['a kubeconfig variable that is not a shell name', () => check(ok, { clusterKubeconfigVar: '1KC' }), 'E_OPTIONS', /shell variable name/],
  ['an egress host that is not a DNS name', () => check(ok, { asmEgressHost: 'not a host' }), 'E_OPTIONS', /DNS name/],
  ['limits not an object', () => check(ok, { limits: 10 }), 'E_OPTIONS', /options\.limits must be an object/],
  ['an unknown limit', () => check(ok, { limits: { maxFiles: 1 } }), 'E_OPTIONS', /options\.limits\.maxFiles is not an option/],
  ['a negative limit', () => check(ok, { limits: { maxDepth: -1 } }), 'E_OPTIONS', /maxDepth must be a whole number/],
  ['demo as text', () => check(null, { demo: 'yes' }), 'E_OPTIONS', /demo must be true or false/],
  ['force as a number', () => plan(ok, { force: 1 }), 'E_OPTIONS', /force must be true or false/],
  [
    'an option getter that throws',
    () => check(ok, { get asmVersion() { throw new Error('boom'); } }),
    'E_OPTIONS',
    /asmVersion could not be read/,
  ],
  [
    'an input getter that throws',
    () => check([{ name: 'a', get text() { throw new Error('boom'); } }]),
    'E_INPUTS',
    /inputs\[0\]\.text could not be read/,
  ],
  [
    'options whose keys cannot be listed',
    () => check(ok, new Proxy({}, { ownKeys() { throw new Error('boom'); } })),
    'E_OPTIONS',
    /listing its keys threw/,
  ],
];

for (const [what, call, code, pattern] of badCalls) {
  test(`bad argument: ${what} → ${code}`, () => throwsCode(assert, call, code, pattern));
}

test('nothing panics: odd values in every argument position throw coded Errors or work', () => {
  const odd = [
    undefined, null, 0, -1, NaN, Infinity, '', 'x', true, [], [[]], {}, Symbol('s'), 10n, () => 1, new Date(0),
    new Map([['a', 1]]), new Uint8Array(2), { name: 'a' }, [{ name: 'a', text: '' }], [{ name: 'a', text: '\u0000\ud800' }],
    { demo: true }, { length: 1, 0: 'x' }, Object.create(null), new Array(2 ** 32 - 1), [, { name: 'a', text: 'b' }],
  ];
  const known = new Set(['E_INPUTS', 'E_OPTIONS', 'E_FORMAT', 'E_PLAN', 'E_CODE']);
  const attempt = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof Error && known.has(e.code), `uncoded throw: ${e && e.stack}`);
    }
  };
  for (const a of odd) {
    attempt(() => explain(a));
    attempt(() => collect(a));
    for (const b of odd) {
      attempt(() => check(a, b));
      attempt(() => plan(a, b));
      attempt(() => render(a, b));
      attempt(() => explain(a, b));
    }
  }
  // The module is still healthy afterwards.
  assert.equal(check(null, { demo: true }).migration.state, 'SetupIstioForMigrate');
});

test('invalid UTF-8 bytes are a finding, not a crash', () => {
  const result = check([{ name: 'latin1.yaml', text: new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) }]);
  assert.ok(result.findings.some((f) => f.severity === 'error'), JSON.stringify(result.findings));
});

test('check() on the demo: the injection section, now and after the switch', () => {
  const result = check(null, { demo: true });
  const checkout = result.injection.find((i) => i.object.namespace === 'shop' && i.object.name === 'checkout');
  assert.equal(checkout.object.kind, 'Deployment');
  assert.equal(checkout.injectedToday, true);
  assert.equal(checkout.now.sidecar, 'none');
  assert.equal(checkout.afterSwitch.sidecar, 'none');
  assert.equal(checkout.afterSwitch.webhooks[0].configuration, 'sidecar-injector-asm');
  assert.equal(checkout.afterSwitch.webhooks[0].result, 'skips');
  const cart = result.injection.find((i) => i.object.namespace === 'shop' && i.object.name === 'cart');
  assert.deepEqual(cart.now.webhooks.map((w) => [w.configuration, w.mesh, w.revision, w.tag]), [['istio-revision-tag-default', 'istio', 'default', 'default']]);
  assert.equal(cart.afterSwitch.sidecar, 'asm');
  assert.ok(['MIG511', 'MIG512', 'MIG513'].every((c) => codes(result).has(c)));
});

test('check(): options.baseline compares with an earlier result, as the CLI\'s --baseline', () => {
  const earlier = check(null, { demo: true });
  const asm = 'registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.52-ge8ff3daa-aliyun';
  const altered = demoInputs().map((input) => {
    if (input.name !== 'demo/cluster.yaml') return input;
    const items = input.text.split(/(?=\n- apiVersion:)/).map((item) =>
      item.includes('kind: Pod\n') && item.includes('name: ledger-78bd7d8599-') ? item.replaceAll('docker.io/istio/proxyv2:1.22.3', asm) : item,
    );
    const text = items
      .join('')
      .replace('      istio-injection: disabled\n      kubernetes.io/metadata.name: istio-system\n', '      kubernetes.io/metadata.name: istio-system\n');
    return { name: input.name, text };
  });
  for (const baseline of [earlier, JSON.stringify(earlier)]) {
    const now = check(altered, { asmVersion: '1.24.6', baseline });
    assert.equal(now.changes.baseline, 'baseline');
    assert.deepEqual(now.changes.switchedToAsm, [{ kind: 'Deployment', namespace: 'payments', name: 'ledger' }]);
    assert.ok(now.changes.fixed.some((f) => f.code === 'MIG302' && f.subject === 'Namespace istio-system'));
    assert.equal(now.changes.state, null);
  }
  assert.equal(check(null, { demo: true }).changes, undefined, 'no baseline, no changes');
  throwsCode(assert, () => check(null, { demo: true, baseline: 3 }), 'E_OPTIONS', /baseline/);
  throwsCode(assert, () => check(null, { demo: true, baseline: '{"phases": []}' }), 'E_OPTIONS', /not an istio2asm report/);
  throwsCode(assert, () => plan(null, { demo: true, baseline: earlier }), 'E_OPTIONS', /only check\(\)/);
});

/** Every text of a check result that is a command, a code or structure: what no language changes. */
function structure(result) {
  return {
    codes: result.findings.map((f) => [f.code, f.name, f.severity, f.object, f.location, f.commands, f.gate]),
    gates: result.gates.map((g) => [g.transition, g.id, g.passed, g.blocking, g.manual, g.objects]),
    migration: result.migration,
    versions: result.versions,
    summary: result.summary,
  };
}

test('options.lang: check() in Chinese has Chinese texts and the same codes, commands and objects', () => {
  const english = check(null, { demo: true });
  const chinese = check(null, { demo: true, lang: 'zh-CN' });
  assert.equal(english.lang, 'en');
  assert.equal(chinese.lang, 'zh-CN');
  assert.deepEqual(structure(chinese), structure(english));
  assert.deepEqual(check(null, { demo: true, lang: 'en' }), english);
  assert.deepEqual(check(null, { demo: true, lang: null }), english, 'null means not given');
  const han = /[\u4e00-\u9fff]/;
  const mig402 = chinese.findings.find((f) => f.code === 'MIG402');
  assert.match(mig402.message, /上的 Istio Sidecar 缺少 PROXY_CONFIG_XDS_AGENT=true/);
  assert.ok(chinese.findings.every((f) => han.test(f.message)), 'every message reads in Chinese');
  assert.ok(english.findings.every((f) => !han.test(f.message)), 'and none in English');
  // The usual spellings of the two languages.
  assert.deepEqual(check(null, { demo: true, lang: 'zh_CN' }), chinese);
  assert.deepEqual(check(null, { demo: true, lang: 'en-US' }), english);
});

test('options.lang: plan() and render() in Chinese, the same steps and commands', () => {
  const english = plan(null, { demo: true });
  const chinese = plan(null, { demo: true, lang: 'zh-CN' });
  assert.equal(chinese.lang, 'zh-CN');
  const steps = (p) => p.phases.flatMap((ph) => ph.steps.map((s) => [s.id, s.target, s.commands, s.verify, s.rollback, s.files, s.blockedBy]));
  assert.deepEqual(steps(chinese), steps(english));
  const markdown = render(chinese, 'markdown');
  assert.match(markdown, /[\u4e00-\u9fff]/);
  assert.notEqual(markdown, render(english, 'markdown'));
  // render() follows the plan's own language, from a copy or plan.json too.
  assert.equal(render(JSON.parse(render(chinese, 'json')), 'markdown'), markdown);
  assert.equal(render(structuredClone(chinese), 'shell'), render(chinese, 'shell'));
});

test('options.lang: collect() and explain() in Chinese; explain(code) alone stays English', () => {
  const english = collect();
  const chinese = collect({ lang: 'zh-CN' });
  assert.match(chinese, /[\u4e00-\u9fff]/);
  const commands = (text) => text.split('\n').filter((l) => l.startsWith('kubectl'));
  assert.deepEqual(commands(chinese), commands(english));
  assert.deepEqual(explain('MIG402', { lang: 'en' }), explain('MIG402'));
  assert.deepEqual(explain('MIG402', null), explain('MIG402'));
  const doc = explain('MIG402', { lang: 'zh-CN' });
  assert.equal(doc.code, 'MIG402');
  assert.equal(doc.severity, 'error');
  assert.deepEqual(doc.sections.map((s) => s.heading), ['发现什么', '为什么重要', '如何修复', '示例']);
  assert.match(doc.text, /^MIG402 sidecar-missing-xds-agent（错误）\n/);
});

test('options.lang: an unknown language is E_OPTIONS, said in English', () => {
  const ok1 = [{ name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' }];
  throwsCode(assert, () => check(ok1, { lang: 'fr' }), 'E_OPTIONS', /^check: options\.lang must be "en" or "zh-CN", got the string "fr"$/);
  throwsCode(assert, () => plan(null, { demo: true, lang: 'zh-TW' }), 'E_OPTIONS', /^plan: options\.lang must be "en" or "zh-CN"/);
  throwsCode(assert, () => check(ok1, { lang: 1 }), 'E_OPTIONS', /got the number 1/);
  throwsCode(assert, () => collect({ lang: 'de' }), 'E_OPTIONS', /^collect: options\.lang must be/);
  throwsCode(assert, () => explain('MIG402', { lang: 'fr' }), 'E_OPTIONS', /^explain: options\.lang must be/);
  throwsCode(assert, () => explain('MIG402', { lng: 'zh-CN' }), 'E_OPTIONS', /^explain: options\.lng is not an option; the options are lang$/);
  throwsCode(assert, () => explain('MIG402', 'zh-CN'), 'E_OPTIONS', /options must be an object/);
});

test('options.lang: the messages thrown follow it, the codes do not change', () => {
  const zh = { lang: 'zh-CN' };
  const cases = [
    [() => check([1], zh), 'E_INPUTS', /^check: inputs\[0\] 必须是对象 \{ name, text \}，实际为：数字 1$/],
    [() => check(null, zh), 'E_INPUTS', /^check: 没有输入：/],
    [() => check([], zh), 'E_INPUTS', /^check: inputs 为空/],
    [() => check(null, { ...zh, demo: 'yes' }), 'E_OPTIONS', /^check: options\.demo 必须是 true 或 false，实际为：字符串 "yes"$/],
    [() => plan(null, { ...zh, demo: true, waveSize: -1 }), 'E_OPTIONS', /options\.waveSize 必须是 0 到 \d+ 之间的整数/],
    [() => check(null, { ...zh, demo: true, asmVersion: 'latest' }), 'E_OPTIONS', /^check: options: .*[\u4e00-\u9fff]/],
    [() => check(null, { ...zh, demo: true, asmversion: '1' }), 'E_OPTIONS', /options\.asmversion 不是选项/],
    [() => collect({ ...zh, format: 'xml' }), 'E_FORMAT', /^collect: options\.format 必须是 "yaml" 或 "json"，实际为：字符串 "xml"$/],
    [() => explain(402, zh), 'E_CODE', /^explain: 代码必须是字符串/],
    [() => explain('MIG999', zh), 'E_CODE', /^explain: 未知代码 "MIG999"；代码从 MIG001 到 MIG\d{3}$/],
    [() => render(plan(null, { ...zh, demo: true }), 'html'), 'E_FORMAT', /^render: 格式必须是 markdown, shell, json 之一，实际为：字符串 "html"$/],
  ];
  for (const [call, code, pattern] of cases) throwsCode(assert, call, code, pattern);
  // The same calls in English keep their English messages.
  throwsCode(assert, () => check([1]), 'E_INPUTS', /^check: inputs\[0\] must be an object \{ name, text \}, got the number 1$/);
  throwsCode(assert, () => explain('MIG999'), 'E_CODE', /^explain: unknown code "MIG999"; codes run from MIG001 to MIG\d{3}$/);
});
