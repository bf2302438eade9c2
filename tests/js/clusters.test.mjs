// Several clusters of one mesh in the JavaScript library (options.clusters): the mesh report, one
// plan per cluster in the runbooks' order, their runbooks, and the errors, on the multi-cluster
// fixtures (tests/fixtures/multicluster: east and west a consistent multi-primary mesh, central
// broken on purpose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lib, root, throwsCode } from './helpers.mjs';

const { check, plan, render } = lib;
const FIXTURES = 'tests/fixtures/multicluster';

/** One cluster's export directory as inputs, named as the CLI would show them. */
const exportOf = (dir) =>
  readdirSync(path.join(root, FIXTURES, dir))
    .sort()
    .map((file) => ({ name: `${FIXTURES}/${dir}/${file}`, text: readFileSync(path.join(root, FIXTURES, dir, file), 'utf8') }));

const east = { name: 'east', inputs: exportOf('east') };
const west = { name: 'west', inputs: exportOf('west') };
const central = { name: 'central', inputs: exportOf('central') };
// A fixed day: the fixtures' roots are judged the same on any machine.
const today = '2027-01-01';
const codes = (findings) => findings.map((f) => f.code);

test('check({ clusters }): each cluster\'s own report, the findings across them, the order', () => {
  const mesh = check({ clusters: [east, central], today });
  assert.deepEqual(Object.keys(mesh).sort(), ['clusters', 'findings', 'lang', 'order', 'schemaVersion', 'summary', 'tool']);
  assert.equal(mesh.schemaVersion, 1);
  assert.equal(mesh.tool, 'istio2asm');
  assert.equal(mesh.lang, 'en');
  assert.deepEqual(mesh.clusters.map((c) => c.name), ['east', 'central']);
  // A cluster's report is exactly its own check, its commands on its own kubeconfig variable.
  for (const [cluster, variable] of [[east, 'K8S_KUBECONFIG_EAST'], [central, 'K8S_KUBECONFIG_CENTRAL']]) {
    const { name, identity, ...report } = mesh.clusters.find((c) => c.name === cluster.name);
    assert.equal(name, cluster.name);
    assert.deepEqual(report, check(cluster.inputs, { clusterKubeconfigVar: variable, today }));
    assert.equal(identity.role, 'primary');
  }
  const [eastReport, centralReport] = mesh.clusters;
  assert.deepEqual(eastReport.identity.clusterId, { value: 'east', from: 'istiodEnv' });
  assert.deepEqual(eastReport.identity.network, { value: 'network1', from: 'namespaceLabel' });
  assert.equal(centralReport.identity.meshId.value, 'mesh2');
  assert.deepEqual(
    eastReport.identity.remoteSecrets.map((s) => s.cluster),
    ['central', 'west'],
    'remote secrets by metadata only',
  );

  // What central breaks: another mesh ID, a network without a gateway, no remote secret for east,
  // another root of trust.
  assert.deepEqual(codes(mesh.findings), ['MIG801', 'MIG803', 'MIG804', 'MIG805']);
  for (const finding of mesh.findings) {
    assert.deepEqual(Object.keys(finding).sort(), ['clusters', 'code', 'commands', 'gate', 'help', 'location', 'message', 'name', 'object', 'severity']);
    assert.ok(finding.clusters.length >= 1 && finding.clusters.every((c) => ['east', 'central'].includes(c)), finding.clusters.join());
    assert.ok(finding.commands.length > 0, finding.code);
    for (const command of finding.commands) {
      assert.match(command, /--kubeconfig="\$\{K8S_KUBECONFIG_(EAST|CENTRAL)\}"/, command);
    }
  }
  const roots = mesh.findings.find((f) => f.code === 'MIG805');
  assert.equal(roots.location.path, `${FIXTURES}/central/istio-ca-root-cert.yaml`);

  // The summary counts every cluster's findings and the cross-cluster ones.
  const all = [...mesh.clusters.flatMap((c) => c.findings), ...mesh.findings];
  const count = (s) => all.filter((f) => f.severity === s).length;
  assert.deepEqual(mesh.summary, { errors: count('error'), warnings: count('warning'), infos: count('info') });

  assert.deepEqual(mesh.order.map((o) => [o.cluster, o.role]), [['east', 'primary'], ['central', 'primary']]);
  assert.ok(mesh.order.every((o) => o.reason.length > 0));
  assert.match(mesh.order[0].reason, /east-west gateway stays/);
});

test('check({ clusters }): a consistent mesh has no findings across it', () => {
  const mesh = check({ clusters: [east, west], today });
  assert.deepEqual(mesh.findings, []);
  assert.deepEqual(mesh.clusters.map((c) => c.identity.network.value), ['network1', 'network2']);
  // With central, the duplicate clusterName too.
  assert.ok(codes(check({ clusters: [east, west, central], today }).findings).includes('MIG802'));
});

test('check({ clusters }): the options alone, or after null, undefined or [] inputs, are the same call', () => {
  const options = { clusters: [east, central], today };
  const alone = check(options);
  assert.deepEqual(check(null, options), alone);
  assert.deepEqual(check(undefined, options), alone);
  assert.deepEqual(check([], options), alone);
  assert.deepEqual(plan(options), plan(null, options));
  // Only the options of a mesh come alone: any other object is still taken as inputs.
  throwsCode(assert, () => check({ demo: true }), 'E_INPUTS', /^check: inputs must be an array/);
  throwsCode(assert, () => plan({ name: 'a.yaml', text: 'x' }), 'E_INPUTS', /^plan: inputs must be an array/);
});

test('check({ clusters }): the shared settings reach every cluster; asmConfig is the one ASM export', () => {
  const asmConfig = [{ name: 'asm-config.yaml', text: readFileSync(path.join(root, 'crates/istio2asm-core/demo/istio-config.yaml'), 'utf8') }];
  const mesh = check({ clusters: [east, west], asmConfig, clusterKubeconfigVar: 'KC', asmVersion: '1.24.6', lang: 'zh-CN', today });
  assert.equal(mesh.lang, 'zh-CN');
  for (const cluster of mesh.clusters) {
    assert.equal(cluster.lang, 'zh-CN');
    assert.equal(cluster.versions.asm, '1.24.6');
    assert.ok(cluster.inputs.files.includes('asm-config.yaml'));
    assert.notEqual(cluster.trust.asm, null);
    const commands = cluster.findings.flatMap((f) => f.commands).join('\n');
    assert.match(commands, new RegExp(`\\$\\{KC_${cluster.name.toUpperCase()}\\}`));
  }
  assert.match(mesh.order[0].reason, /[\u4e00-\u9fff]/);
  const chinese = check({ clusters: [east, central], lang: 'zh-CN', today });
  const english = check({ clusters: [east, central], today });
  assert.deepEqual(chinese.findings.map((f) => [f.code, f.clusters, f.commands]), english.findings.map((f) => [f.code, f.clusters, f.commands]));
  assert.ok(chinese.findings.every((f) => /[\u4e00-\u9fff]/.test(f.message)));
});

test('plan({ clusters }): one plan per cluster in the runbooks\' order, deep-frozen', () => {
  const mesh = plan({ clusters: [east, west, central], today });
  assert.deepEqual(Object.keys(mesh).sort(), ['clusters', 'lang', 'order', 'schemaVersion']);
  assert.deepEqual(mesh.clusters.map((c) => c.name), mesh.order.map((o) => o.cluster));
  assert.deepEqual(mesh.order, check({ clusters: [east, west, central], today }).order);
  assert.ok(Object.isFrozen(mesh) && Object.isFrozen(mesh.clusters[0].plan.phases));
  for (const { name, plan: own } of mesh.clusters) {
    assert.equal(own.kubeconfigVars.cluster, `K8S_KUBECONFIG_${name.toUpperCase()}`);
    assert.equal(own.kubeconfigVars.asm, 'ASM_KUBECONFIG');
    // Istio's east-west gateways stay until every cluster has moved: a pause before they go.
    assert.ok(own.phases.flatMap((ph) => ph.steps).some((s) => s.id === 'mesh-wait-for-clusters'), name);
  }
  // One cluster given as a mesh is planned as a cluster alone, under its own variable.
  const single = plan({ clusters: [east], today });
  assert.deepEqual(single.clusters[0].plan, plan(east.inputs, { clusterKubeconfigVar: 'K8S_KUBECONFIG_EAST', today }));
});

test('render(meshPlan, format): each cluster\'s runbook, the same from a copy or the JSON parsed', () => {
  for (const lang of ['en', 'zh-CN']) {
    const mesh = plan({ clusters: [east, central], force: true, lang, today });
    for (const format of ['markdown', 'shell', 'json']) {
      const runbooks = render(mesh, format);
      assert.deepEqual(runbooks.map((r) => r.name), ['east', 'central']);
      runbooks.forEach((runbook, i) => assert.equal(runbook.text, render(mesh.clusters[i].plan, format), `${lang} ${format} ${runbook.name}`));
      assert.deepEqual(render(structuredClone(mesh), format), runbooks);
      assert.deepEqual(render(JSON.parse(JSON.stringify(mesh)), format), runbooks);
    }
    const [eastMarkdown] = render(mesh, 'markdown');
    assert.match(eastMarkdown.text, /K8S_KUBECONFIG_EAST/);
    assert.doesNotMatch(eastMarkdown.text, /K8S_KUBECONFIG_CENTRAL/);
    assert.deepEqual(JSON.parse(render(mesh, 'json')[1].text), mesh.clusters[1].plan);
  }
});

test('render(meshPlan): a mesh plan that does not read throws E_PLAN saying where', () => {
  const mesh = plan({ clusters: [east, central], today });
  const broken = structuredClone(mesh);
  delete broken.clusters[1].plan.phases;
  throwsCode(assert, () => render(broken, 'markdown'), 'E_PLAN', /^render: the plan must be an object that plan\(\) returned for options\.clusters .*; clusters\[1\]\.plan: not the JSON of an istio2asm plan/);
  const extra = structuredClone(mesh);
  extra.clusters[0].runbook = 'x';
  throwsCode(assert, () => render(extra, 'shell'), 'E_PLAN', /unknown field `runbook`/);
  const hostile = structuredClone(mesh);
  hostile.clusters[0].plan.kubeconfigVars.cluster = 'X$(id)';
  throwsCode(assert, () => render(hostile, 'shell'), 'E_PLAN', /clusters\[0\]\.plan: .*not a shell variable name/);
  throwsCode(assert, () => render({ ...structuredClone(mesh), schemaVersion: 2 }, 'json'), 'E_PLAN', /schemaVersion 2/);
  throwsCode(assert, () => render(mesh, 'html'), 'E_FORMAT');
  throwsCode(assert, () => render({ ...structuredClone(mesh), lang: 'zh-CN', schemaVersion: 2 }, 'json'), 'E_PLAN', /^render: plan 必须是/);
});

const eastOnly = [east];
const badCalls = [
  // [what, call, code, message pattern]
  ['clusters not an array', () => check({ clusters: 'east' }), 'E_INPUTS', /^check: options\.clusters must be an array of \{ name, inputs \}.*got the string "east"$/],
  ['clusters an object', () => plan({ clusters: east }), 'E_INPUTS', /^plan: options\.clusters must be an array/],
  ['no cluster', () => check({ clusters: [] }), 'E_INPUTS', /^check: options\.clusters is empty/],
  ['a cluster that is not an object', () => check({ clusters: [east, 'west'] }), 'E_INPUTS', /options\.clusters\[1\] must be an object \{ name, inputs \}, got the string "west"/],
  ['a cluster without a name', () => check({ clusters: [east, { inputs: west.inputs }] }), 'E_INPUTS', /options\.clusters\[1\]\.name must be a non-empty string .*got undefined/],
  ['a cluster with an empty name', () => check({ clusters: [{ name: '', inputs: east.inputs }] }), 'E_INPUTS', /options\.clusters\[0\]\.name must be a non-empty string/],
  ['a name that is not a DNS-1123 label', () => plan({ clusters: [east, { name: 'West_2', inputs: west.inputs }] }), 'E_INPUTS', /options\.clusters\[1\]\.name: the cluster name "West_2" is not a DNS-1123 label/],
  ['a duplicate name', () => check({ clusters: [east, west, { ...central, name: 'east' }] }), 'E_INPUTS', /options\.clusters\[2\]\.name: the cluster name east is given twice/],
  ['a cluster without inputs', () => check({ clusters: [east, { name: 'west' }] }), 'E_INPUTS', /options\.clusters\[1\]\.inputs must be an array of \{ name, text \}.*got undefined/],
  ['a cluster with empty inputs', () => check({ clusters: [east, { name: 'west', inputs: [] }] }), 'E_INPUTS', /options\.clusters\[1\]\.inputs is empty/],
  ['a bad input of a cluster', () => check({ clusters: [east, { name: 'west', inputs: [{ name: 'a' }] }] }), 'E_INPUTS', /options\.clusters\[1\]\.inputs\[0\]\.text must be a string/],
  ['an unknown field of a cluster', () => check({ clusters: [{ ...east, input: [] }] }), 'E_INPUTS', /options\.clusters\[0\]\.input is not a field of a cluster; a cluster has name and inputs/],
  ['inputs and clusters together', () => check(east.inputs, { clusters: eastOnly }), 'E_INPUTS', /^check: give inputs or options\.clusters, not both/],
  ['demo and clusters together', () => plan({ clusters: eastOnly, demo: true }), 'E_INPUTS', /^plan: give options\.demo or options\.clusters, not both/],
  ['a baseline with clusters', () => check({ clusters: eastOnly, baseline: check(null, { demo: true }) }), 'E_OPTIONS', /^check: options\.baseline: a baseline is one cluster's report/],
  ['a bad shared setting', () => check({ clusters: eastOnly, waveSize: 0 }), 'E_OPTIONS', /wave size must be at least 1/],
  ['the options twice', () => check({ clusters: eastOnly }, { lang: 'en' }), 'E_INPUTS', /^check: inputs must be an array/],
  [
    'a cluster whose keys cannot be listed',
    () => check({ clusters: [new Proxy({}, { ownKeys() { throw new Error('boom'); } })] }),
    'E_INPUTS',
    /options\.clusters\[0\] could not be read/,
  ],
  [
    'a cluster name getter that throws',
    () => check({ clusters: [{ get name() { throw new Error('boom'); }, inputs: east.inputs }] }),
    'E_INPUTS',
    /options\.clusters\[0\]\.name could not be read/,
  ],
];

for (const [what, call, code, pattern] of badCalls) {
  test(`bad clusters: ${what} → ${code}`, () => throwsCode(assert, call, code, pattern));
}

test('bad clusters: the messages follow options.lang', () => {
  const zh = { lang: 'zh-CN' };
  throwsCode(assert, () => check({ ...zh, clusters: [east, { ...west, name: 'east' }] }), 'E_INPUTS', /^check: options\.clusters\[1\]\.name: .*[\u4e00-\u9fff]/);
  throwsCode(assert, () => check({ ...zh, clusters: [{ name: 'a', inputs: [] }] }), 'E_INPUTS', /^check: options\.clusters\[0\]\.inputs 为空/);
  throwsCode(assert, () => check(east.inputs, { ...zh, clusters: eastOnly }), 'E_INPUTS', /^check: 请提供 inputs 或 options\.clusters，不能同时提供/);
});

test('nothing panics: odd values as clusters throw coded Errors or work', () => {
  const odd = [undefined, null, 0, '', true, [], [[]], {}, Symbol('s'), 10n, () => 1, new Date(0), [null], [{}], [{ name: 'a' }], [{ name: 'a', inputs: {} }], [{ name: 'a', inputs: [null] }], new Array(3), Object.create(null)];
  const known = new Set(['E_INPUTS', 'E_OPTIONS']);
  for (const clusters of odd) {
    for (const call of [() => check({ clusters }), () => plan(null, { clusters }), () => check([], { clusters, lang: 'zh-CN' })]) {
      try {
        call();
      } catch (e) {
        assert.ok(e instanceof Error && known.has(e.code), `uncoded throw: ${e && e.stack}`);
      }
    }
  }
  assert.equal(check({ clusters: eastOnly, today }).clusters.length, 1, 'still healthy');
});
