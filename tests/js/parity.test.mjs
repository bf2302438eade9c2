// Parity: the JavaScript library and the CLI give the same JSON (SPEC §7: "the JSON is the same
// whichever surface produced it") and the same runbooks, for the demo and for Istio's own test data.
// check: the result equals the CLI's `check --format json` parsed, and `JSON.stringify(result, null, 2)`
// is byte-identical to the CLI's text. plan: `render(plan, FORMAT)` is byte-identical to
// `plan --format FORMAT` for markdown, shell and json, and the plan object equals the parsed JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, lib, root } from './helpers.mjs';

const { check, plan, render, collect, explain } = lib;
const FIXTURES = 'tests/fixtures/upstream-istio';

/** Every fixture file (relative to the repository root, as the CLI is given it). */
function fixtureFiles(dir = FIXTURES) {
  return readdirSync(path.join(root, dir))
    .sort()
    .flatMap((name) => {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) return fixtureFiles(rel);
      return /\.(ya?ml|json|injected|tmpl)$/.test(name) ? [rel] : [];
    });
}

const inputsOf = (files) => files.map((name) => ({ name, text: readFileSync(path.resolve(root, name)) }));

/** CLI flags → the same settings as JS options. */
function flagsOf(options) {
  const flags = [];
  const map = {
    asmVersion: '--asm-version',
    clusterKubeconfigVar: '--cluster-kubeconfig-var',
    asmKubeconfigVar: '--asm-kubeconfig-var',
    asmLabel: '--asm-label',
    egressWeights: '--egress-weights',
    asmEgressHost: '--asm-egress-host',
    waveSize: '--wave-size',
    asOf: '--as-of',
    trustHandled: '--trust-handled',
    lang: '--lang',
  };
  for (const [key, value] of Object.entries(options)) {
    if (map[key]) flags.push(map[key], Array.isArray(value) ? value.join(',') : String(value));
    else if (key === 'force') flags.push('--force');
    else if (key === 'demo') flags.push('--demo');
    else if (key === 'limits') {
      for (const [limit, n] of Object.entries(value)) {
        flags.push(`--${limit.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`, String(n));
      }
    } else if (key !== 'asmConfig') throw new Error(`no flag for ${key}`);
  }
  return flags;
}

/** Runs check and plan (all formats) through both surfaces and compares them. */
function assertParity({ files = [], asmFiles = [], options = {} }) {
  const jsOptions = { ...options };
  if (asmFiles.length) jsOptions.asmConfig = inputsOf(asmFiles);
  const jsInputs = options.demo ? null : inputsOf(files);
  const flags = [...flagsOf(options), ...(asmFiles.length ? ['--asm-config', ...asmFiles] : [])];
  const inputArgs = options.demo ? [] : files;
  // --force exists only on plan; the library accepts it on both (check ignores it).
  const checkFlags = flags.filter((f) => f !== '--force');

  const cliCheck = cli(['check', ...inputArgs, ...checkFlags, '--format', 'json', '--fail-on', 'never']);
  assert.equal(cliCheck.status, 0, cliCheck.stderr);
  const jsCheck = check(jsInputs, jsOptions);
  assert.deepEqual(jsCheck, JSON.parse(cliCheck.stdout));
  assert.equal(JSON.stringify(jsCheck, null, 2) + '\n', cliCheck.stdout, 'byte-identical JSON text');

  const jsPlan = plan(jsInputs, jsOptions);
  for (const format of ['json', 'markdown', 'shell']) {
    const cliPlan = cli(['plan', ...inputArgs, ...flags, '--format', format]);
    assert.equal(cliPlan.status, 0, cliPlan.stderr);
    assert.equal(render(jsPlan, format), cliPlan.stdout, `plan --format ${format}`);
    if (format === 'json') assert.deepEqual(jsPlan, JSON.parse(cliPlan.stdout));
  }
  return jsCheck;
}

test('parity: the demo', () => {
  const result = assertParity({ options: { demo: true } });
  assert.ok(result.findings.length > 10);
});

test('parity: the demo with every setting changed', () => {
  assertParity({
    options: {
      demo: true,
      asmVersion: '1.25.2',
      clusterKubeconfigVar: 'CLUSTER_KC',
      asmKubeconfigVar: 'MESH_KC',
      asmLabel: 'example.com/asm-inject=enabled',
      egressWeights: [5, 25, 100],
      asmEgressHost: 'istio-egress.istio-system.svc.cluster.local',
      waveSize: 2,
      force: true,
    },
  });
});

test('parity: the demo in Chinese (options.lang, --lang)', () => {
  const result = assertParity({ options: { demo: true, lang: 'zh-CN' } });
  assert.equal(result.lang, 'zh-CN');
  assertParity({ files: fixtures.slice(0, 3), options: { asmVersion: '1.24.6', lang: 'zh-CN', force: true } });
});

test('parity: the demo with its Istio config as the ASM export (--asm-config)', () => {
  assertParity({ options: { demo: true }, asmFiles: ['crates/istio2asm-core/demo/istio-config.yaml'] });
});

test('parity: load limits', () => {
  assertParity({ files: ['crates/istio2asm-core/demo/cluster.yaml'], options: { limits: { maxFileBytes: 4096, maxDepth: 5 } } });
  assertParity({ files: ['crates/istio2asm-core/demo/cluster.yaml'], options: { limits: { maxDocuments: 10 } } });
});

const fixtures = fixtureFiles();

// Several clusters: each cluster's report in the mesh's is the CLI's report of that cluster alone,
// under the cluster's own kubeconfig variable; the mesh as a whole against `--cluster NAME=PATH`
// once the CLI has it.
const MULTICLUSTER = 'tests/fixtures/multicluster';
const clusterOf = (name) => ({ name, inputs: inputsOf(fixtureFiles(`${MULTICLUSTER}/${name}`)) });
const meshClusters = ['east', 'west', 'central'].map(clusterOf);

test('parity: each cluster of a mesh is the CLI\'s report of it alone', () => {
  const mesh = check({ clusters: meshClusters });
  for (const { name, identity, ...report } of mesh.clusters) {
    assert.ok(identity);
    const variable = `K8S_KUBECONFIG_${name.toUpperCase()}`;
    const alone = cli(['check', `${MULTICLUSTER}/${name}`, '--cluster-kubeconfig-var', variable, '--format', 'json', '--fail-on', 'never']);
    assert.equal(alone.status, 0, alone.stderr);
    assert.deepEqual(report, JSON.parse(alone.stdout), name);
  }
  // A mesh of one cluster is planned as that cluster alone: its runbooks are the CLI's, byte for byte.
  for (const cluster of meshClusters) {
    const variable = `K8S_KUBECONFIG_${cluster.name.toUpperCase()}`;
    const plans = plan({ clusters: [cluster] });
    for (const format of ['markdown', 'shell', 'json']) {
      const alone = cli(['plan', `${MULTICLUSTER}/${cluster.name}`, '--cluster-kubeconfig-var', variable, '--format', format]);
      assert.equal(alone.status, 0, alone.stderr);
      assert.deepEqual(render(plans, format), [{ name: cluster.name, text: alone.stdout }], `${cluster.name} ${format}`);
    }
  }
});

test('parity: several clusters against the CLI\'s --cluster NAME=PATH', () => {
  const args = ['east', 'central'].flatMap((name) => ['--cluster', `${name}=${MULTICLUSTER}/${name}`]);
  const clusters = meshClusters.filter((c) => c.name !== 'west');
  const cliCheck = cli(['check', ...args, '--format', 'json', '--fail-on', 'never']);
  assert.equal(cliCheck.status, 0, cliCheck.stderr);
  const jsCheck = check({ clusters });
  assert.deepEqual(jsCheck, JSON.parse(cliCheck.stdout));
  assert.equal(JSON.stringify(jsCheck, null, 2) + '\n', cliCheck.stdout, 'byte-identical JSON text');
  const cliPlan = cli(['plan', ...args, '--format', 'json']);
  assert.equal(cliPlan.status, 0, cliPlan.stderr);
  assert.deepEqual(plan({ clusters }), JSON.parse(cliPlan.stdout));
});

// The trust fixtures (generated roots in istio-ca-root-cert exports; their "now" is 2026-12-01).
const trustFixtures = fixtureFiles('tests/fixtures/trust').filter((f) => f.endsWith('.yaml') && !f.endsWith('/asm-side.yaml'));

test('the trust fixtures are there', () => {
  assert.ok(trustFixtures.length >= 5, trustFixtures.join(', '));
});

for (const file of trustFixtures) {
  test(`parity: ${file} (asOf, and ASM's side from --asm-config)`, () => {
    const result = assertParity({ files: [file], asmFiles: ['tests/fixtures/trust/asm-side.yaml'], options: { asmVersion: '1.24.6', asOf: '2026-12-01' } });
    assert.notEqual(result.trust.asm, null);
  });
}

test('parity: roots of trust with trustHandled (--trust-handled), asOf (--as-of) and in Chinese', () => {
  const files = ['tests/fixtures/trust/expiring.yaml', 'tests/fixtures/trust/secret-names.yaml', 'tests/fixtures/trust/mesh-configs.yaml'];
  const asmFiles = ['tests/fixtures/trust/asm-side.yaml'];
  for (const trustHandled of [true, false]) {
    const result = assertParity({ files, asmFiles, options: { asOf: '2026-12-10', trustHandled } });
    assert.ok(result.findings.some((f) => f.code === 'MIG703'), 'the expiring root is judged on asOf');
  }
  assertParity({ options: { demo: true, asOf: '2026-12-10', trustHandled: true, lang: 'zh-CN', force: true }, asmFiles });
});

test('the fixtures are there', () => {
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixture files under ${FIXTURES}`);
});

for (const file of fixtures) {
  test(`parity: ${file}`, () => {
    assertParity({ files: [file], options: { asmVersion: '1.24.6' } });
  });
}

test('parity: all fixtures at once, without an ASM version', () => {
  const result = assertParity({ files: fixtures });
  assert.ok(new Set(result.findings.map((f) => f.code)).size > 5);
});

test('parity: broken and odd inputs (MIG001, invalid UTF-8, JSON, empty)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'istio2asm-parity-'));
  try {
    const files = {
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n',
      'nameless.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
      'list.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } }],
      }),
      'empty.yaml': '',
      'latin1.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
    };
    const paths = Object.entries(files).map(([name, content]) => {
      const p = path.join(dir, name);
      writeFileSync(p, content);
      return p;
    });
    const result = assertParity({ files: paths });
    assert.ok(result.findings.some((f) => f.code === 'MIG001'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parity: collect, in both formats and with other variable names', () => {
  assert.equal(collect(), cli(['collect']).stdout);
  assert.equal(collect({ format: 'json' }), cli(['collect', '--format', 'json']).stdout);
  assert.equal(
    collect({ clusterKubeconfigVar: 'KC', asmKubeconfigVar: 'AKC' }),
    cli(['collect', '--cluster-kubeconfig-var', 'KC', '--asm-kubeconfig-var', 'AKC']).stdout,
  );
  assert.equal(collect({ lang: 'zh-CN' }), cli(['collect', '--lang', 'zh-CN']).stdout);
});

test('parity: explain, for every code', () => {
  const all = cli(['explain', '--all']).stdout;
  const listed = [...all.matchAll(/^\| \[(MIG\d{3})\]/gm)].map((m) => m[1]);
  assert.ok(listed.length >= 30);
  for (const code of listed) {
    const doc = explain(code);
    assert.equal(doc.text, cli(['explain', code]).stdout, code);
    assert.ok(all.includes(doc.markdown), `${code}: docs/checks.md holds the same page`);
  }
  const zh = cli(['explain', '--all', '--lang', 'zh-CN']).stdout;
  for (const code of listed) {
    const doc = explain(code, { lang: 'zh-CN' });
    assert.equal(doc.text, cli(['explain', code, '--lang', 'zh-CN']).stdout, code);
    assert.ok(zh.includes(doc.markdown), `${code}: docs/checks.zh-CN.md holds the same page`);
  }
});

test('parity: the version', () => {
  assert.equal(cli(['--version']).stdout.trim(), `istio2asm ${lib.version()}`);
});
