// The npm package as a user gets it: `npm pack` of web/js/pkg, unpacked into a consumer's
// node_modules, imported by name from Node (the `node` export condition), its web build run through
// initSync, and its TypeScript types checked with tsc --strict against code that uses the whole API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lib, pkg, root } from './helpers.mjs';
import { ASM_ROOT, ISTIO_ROOT, rootCertMap } from './certs.mjs';

let dir;
let packed;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'istio2asm-package-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8' });
  [packed] = JSON.parse(out);
  const modules = path.join(dir, 'consumer/node_modules/istio2asm');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(dir, packed.filename), '-C', modules, '--strip-components=1']);
  writeFileSync(path.join(dir, 'consumer/package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('npm pack: name, version and exactly the files the package needs', () => {
  assert.equal(packed.name, 'istio2asm');
  assert.equal(packed.version, lib.version());
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    'README.md',
    'index.d.ts',
    'node/index.js',
    'node/istio2asm.cjs',
    'node/istio2asm_bg.wasm',
    'package.json',
    'web/istio2asm.js',
    'web/istio2asm_bg.wasm',
  ]);
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.types, './index.d.ts');
  assert.equal(manifest.exports['.'].node, './node/index.js');
  assert.equal(manifest.exports['.'].default, './web/istio2asm.js');
  assert.equal(manifest.license, 'Apache-2.0');
});

test('Node imports the installed package by name, ready to use', () => {
  const script = `
    import { check, plan, render, version } from 'istio2asm';
    import init from 'istio2asm';
    await init();
    const p = plan(null, { demo: true });
    console.log(JSON.stringify({ version: version(), state: check(null, { demo: true }).migration.state, md: render(p, 'markdown').length }));
  `;
  writeFileSync(path.join(dir, 'consumer/use.mjs'), script);
  const run = spawnSync(process.execPath, ['use.mjs'], { cwd: path.join(dir, 'consumer'), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.version, lib.version());
  assert.equal(out.state, 'SetupIstioForMigrate');
  assert.ok(out.md > 1000);
});

test('the web build gives the same results (initSync with the .wasm bytes, in Node)', async () => {
  const web = await import(path.join(dir, 'consumer/node_modules/istio2asm/web/istio2asm.js'));
  web.initSync({ module: readFileSync(path.join(dir, 'consumer/node_modules/istio2asm/web/istio2asm_bg.wasm')) });
  assert.deepEqual(web.check(null, { demo: true }), lib.check(null, { demo: true }));
  const p = web.plan(null, { demo: true });
  assert.equal(web.render(p, 'shell'), lib.render(lib.plan(null, { demo: true }), 'shell'));
  // A plan is its JSON: one module instance renders another's plan the same.
  assert.equal(web.render(lib.plan(null, { demo: true }), 'json'), lib.render(lib.plan(null, { demo: true }), 'json'));
});

test('the TypeScript types compile under --strict and describe the API', () => {
  const ts = `
    import init, { check, plan, render, collect, explain, version, initSync } from 'istio2asm';
    import type { CheckResult, Plan, Finding, Options, InputFile, Istio2asmError, Explanation, Step, Gate, Preview, Lang, TrustRoot, TrustSide } from 'istio2asm';
    import type { MeshCheckResult, MeshPlan, ClusterRunbook, ClusterReport, CrossFinding, ClusterOrder, MeshOptions, ClusterIdentity } from 'istio2asm';

    await init();
    initSync();
    const inputs: InputFile[] = [{ name: 'a.yaml', text: 'kind: List' }, { name: 'b.yaml', text: new Uint8Array(1) }];
    const options: Options = { asmVersion: '1.24.6', egressWeights: [1, 10, 50, 100], limits: { maxDepth: 50 }, asmConfig: inputs, force: false };
    const result: CheckResult = check(inputs, options);
    const first: Finding | undefined = result.findings[0];
    const line: number | undefined = first?.location?.line;
    const state: 'Init' | 'SetupIstioForMigrate' | 'Migrating' | 'Finished' | undefined = result.migration?.state;
    const gates: Gate[] = result.gates;
    const p: Plan = plan(null, { demo: true });
    const steps: Step[] = p.phases.flatMap((phase) => phase.steps);
    const previews: Preview[] = steps.flatMap((step) => step.preview);
    const changedNamespace: string | null | undefined = previews[0]?.object.namespace;
    const text: string = render(p, 'markdown') + render(p, 'shell') + render(p, 'json');
    const script: string = collect({ format: 'json', clusterKubeconfigVar: 'KC' });
    const doc: Explanation = explain('MIG402');
    const lang: Lang = check(null, { demo: true, lang: 'zh-CN' }).lang;
    const zhPlan: Plan = plan(null, { demo: true, lang });
    const zhDoc: Explanation = explain('MIG402', { lang: zhPlan.lang });
    const zhScript: string = collect({ lang: 'zh-CN' });
    void [zhDoc, zhScript];
    const v: string = version();
    try { check([]); } catch (e) { const code: Istio2asmError['code'] = (e as Istio2asmError).code; void code; }
    void [line, state, gates, steps, previews, changedNamespace, text, script, doc.sections[0]?.heading, v, result.inputs.kinds['Pod']];

    const trusted: CheckResult = check(inputs, { asOf: '2026-12-01', today: '2026-11-30', trustHandled: true });
    const root: TrustRoot | undefined = trusted.trust.cluster.roots[0];
    const asmSide: TrustSide | null = trusted.trust.asm;
    const expires: string | undefined = root?.notAfter;
    void [asmSide, expires];

    // Several clusters: the overloads give the mesh shapes.
    const meshOptions: MeshOptions = { clusters: [{ name: 'east', inputs }, { name: 'west', inputs }], asmConfig: inputs, today: '2026-12-01' };
    const mesh: MeshCheckResult = check(meshOptions);
    const sameMesh: MeshCheckResult = check(null, meshOptions);
    const eastReport: ClusterReport | undefined = mesh.clusters[0];
    const identity: ClusterIdentity | undefined = eastReport?.identity;
    const network: string | undefined = identity?.network?.value;
    const eastRoots: TrustRoot[] | undefined = eastReport?.trust.cluster.roots;
    const across: CrossFinding[] = mesh.findings;
    const concerned: string[] | undefined = across[0]?.clusters;
    const order: ClusterOrder[] = mesh.order;
    const role: 'primary' | 'remote' | 'unknown' | undefined = order[0]?.role;
    const meshPlan: MeshPlan = plan(meshOptions);
    const eastPlan: Plan | undefined = meshPlan.clusters[0]?.plan;
    const runbooks: ClusterRunbook[] = render(meshPlan, 'shell');
    const runbook: string | undefined = runbooks.find((r) => r.name === 'east')?.text;
    void [sameMesh, network, eastRoots, concerned, role, eastPlan, runbook];

    // @ts-expect-error: a single cluster's result is not a mesh's
    const notMesh: MeshCheckResult = check(inputs);
    // @ts-expect-error: inputs and clusters together
    check(inputs, { clusters: [{ name: 'east', inputs }] });
    // @ts-expect-error: a cluster has a name and inputs
    check({ clusters: [{ name: 'east' }] });
    // @ts-expect-error: no baseline across clusters
    check({ clusters: [{ name: 'east', inputs }], baseline: mesh });
    // @ts-expect-error: a mesh plan renders to one runbook per cluster, not one string
    const oneText: string = render(meshPlan, 'markdown');
    void [notMesh, oneText];

    // @ts-expect-error: not a format
    render(p, 'html');
    // @ts-expect-error: a day is text, not a Date
    check(inputs, { asOf: new Date() });
    // @ts-expect-error: trustHandled is a boolean
    plan(inputs, { trustHandled: 'yes' });
    // @ts-expect-error: not an option
    check(inputs, { asmversion: '1.24.6' });
    // @ts-expect-error: not a language
    check(inputs, { lang: 'fr' });
    // @ts-expect-error: inputs are { name, text }
    check(['cluster.yaml']);
    // @ts-expect-error: the plan object is readonly data, and a string is not a plan
    render('plan', 'json');
  `;
  writeFileSync(path.join(dir, 'consumer/use.ts'), ts);
  tsc('use.ts');
});

/** Type-checks a file of the consumer with tsc --strict; fails with tsc's output. */
function tsc(file) {
  const compiler = path.join(root, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(
    process.execPath,
    [compiler, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', file],
    { cwd: path.join(dir, 'consumer'), encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
}

test('the TypeScript types describe real results exactly (every field, no extra one)', () => {
  // Each result is written as an object literal of its declared type: tsc refuses a field the type
  // lacks (excess property check), a field the result lacks, and a value of another type.
  const trustInputs = [
    {
      name: 'trust.yaml',
      text:
        rootCertMap('istio-system', ISTIO_ROOT) +
        rootCertMap('shop', ISTIO_ROOT + ASM_ROOT) +
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: broken\ndata:\n  root-cert.pem: x\n' +
        '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\n' +
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: example.com\n    trustDomainAliases: [cluster.local]\n',
    },
  ];
  const asmConfig = [{ name: 'asm.yaml', text: rootCertMap('istio-system', ASM_ROOT) }];
  const demo = lib.check(null, { demo: true, asmConfig, today: '2036-11-20' });
  const multicluster = (dir) =>
    readdirSync(path.join(root, 'tests/fixtures/multicluster', dir)).map((f) => ({ name: f, text: readFileSync(path.join(root, 'tests/fixtures/multicluster', dir, f)) }));
  const clusters = ['east', 'west', 'central'].map((name) => ({ name, inputs: multicluster(name) }));
  const results = {
    demo: ['CheckResult', demo],
    trust: ['CheckResult', lib.check(trustInputs, { asmConfig, asOf: '2036-11-20', trustHandled: true })],
    changes: ['CheckResult', lib.check(null, { demo: true, baseline: demo })],
    plan: ['Plan', lib.plan(null, { demo: true, asmConfig, force: true, lang: 'zh-CN' })],
    explanation: ['Explanation', lib.explain('MIG703')],
    mesh: ['MeshCheckResult', lib.check({ clusters, asmConfig, today: '2036-11-20' })],
    meshPlan: ['MeshPlan', lib.plan({ clusters, lang: 'zh-CN' })],
    runbooks: ['ClusterRunbook[]', lib.render(lib.plan({ clusters }), 'markdown')],
  };
  assert.ok(results.mesh[1].findings.length >= 4, 'cross-cluster findings to type');
  assert.ok(results.trust[1].trust.cluster.roots.length === 2 && results.trust[1].trust.cluster.unreadable.length === 1);
  assert.ok(results.changes[1].changes);
  const ts = [
    "import type { CheckResult, Plan, Explanation, MeshCheckResult, MeshPlan, ClusterRunbook } from 'istio2asm';",
    ...Object.entries(results).map(([name, [type, value]]) => `export const ${name}: ${type} = ${JSON.stringify(value, null, 1)};`),
  ].join('\n');
  writeFileSync(path.join(dir, 'consumer/results.ts'), ts);
  tsc('results.ts');
});
