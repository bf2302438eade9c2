// Roots of trust in the JavaScript library: the report's `trust` section on an export with real
// certificates, and the options that judge it (asOf, today, trustHandled), with their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lib, throwsCode } from './helpers.mjs';
import { ASM_ROOT, ASM_ROOT_SHA256, ISTIO_ROOT, ISTIO_ROOT_SHA256, rootCertMap } from './certs.mjs';

const { check, plan, render } = lib;

/** Istio's mesh config with a trust domain and its aliases. */
const meshConfig = (domain, aliases) =>
  `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: ${domain}\n    trustDomainAliases: [${aliases.join(', ')}]\n`;

const SECRET_DATA = 'bm90LWEtcmVhbC1rZXktYnV0LXNlY3JldA==';

/** The cluster: one root in two namespaces, an unreadable copy, a mesh config, a plugged-in CA. */
const clusterText = [
  meshConfig('cluster.local', ['old.local']),
  rootCertMap('istio-system', ISTIO_ROOT),
  rootCertMap('shop', ISTIO_ROOT),
  `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: broken\ndata:\n  root-cert.pem: not a certificate\n`,
  `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\ndata:\n  ca-key.pem: ${SECRET_DATA}\n`,
].join('');
const inputs = [{ name: 'trust.yaml', text: clusterText }];
const asmConfig = [{ name: 'asm-trust.yaml', text: rootCertMap('istio-system', ASM_ROOT) }];
const codes = (result) => result.findings.map((f) => f.code);

test('trust: the roots, sets, trust domains and CA Secrets of both sides, as the report serializes them', () => {
  const result = check(inputs, { asmConfig, today: '2027-01-01' });
  const istioRoot = {
    sha256: ISTIO_ROOT_SHA256,
    subject: 'O=cluster.local',
    issuer: 'O=cluster.local',
    notBefore: '2026-12-03T12:56:49Z',
    notAfter: '2036-11-30T12:56:49Z',
    namespaces: ['istio-system', 'shop'],
  };
  assert.deepEqual(result.trust.cluster, {
    trustDomains: [{ revision: 'default', trustDomain: 'cluster.local', explicit: true, aliases: ['old.local'] }],
    roots: [istioRoot],
    rootSets: [{ sha256: [ISTIO_ROOT_SHA256], namespaces: ['istio-system', 'shop'] }],
    rootCertMaps: 3,
    unreadable: [{ namespace: 'broken', reason: result.trust.cluster.unreadable[0]?.reason }],
    caSecrets: [{ namespace: 'istio-system', name: 'cacerts' }],
    secretsExported: true,
  });
  assert.equal(typeof result.trust.cluster.unreadable[0].reason, 'string');
  assert.deepEqual(result.trust.asm, {
    trustDomains: [],
    roots: [
      {
        sha256: ASM_ROOT_SHA256,
        subject: 'O=asm.local',
        issuer: 'O=asm.local',
        notBefore: '2026-12-03T12:57:06Z',
        notAfter: '2036-11-30T12:57:06Z',
        namespaces: ['istio-system'],
      },
    ],
    rootSets: [{ sha256: [ASM_ROOT_SHA256], namespaces: ['istio-system'] }],
    rootCertMaps: 1,
    unreadable: [],
    caSecrets: [],
    secretsExported: false,
  });
  assert.ok(!JSON.stringify(result).includes(SECRET_DATA), "a Secret's data is never shown");
  for (const code of ['MIG702', 'MIG704', 'MIG708']) assert.ok(codes(result).includes(code), code);
  // Without asmConfig there is no ASM side.
  assert.equal(check(inputs, { today: '2027-01-01' }).trust.asm, null);
});

test('asOf and today: expiry is judged on asOf, else today, else the JS clock\'s UTC day', () => {
  const expiring = (options) => check(inputs, options).findings.filter((f) => f.code === 'MIG703');
  // The root expires on 2036-11-30: 15 days after asOf, a warning; more than 30 days, nothing.
  const soon = expiring({ asOf: '2036-11-15' });
  assert.equal(soon.length, 1);
  assert.equal(soon[0].severity, 'warning');
  assert.match(soon[0].message, /expires on 2036-11-30, in 15 days/);
  assert.ok(soon[0].commands.some((c) => c.includes('openssl')), soon[0].commands.join('\n'));
  assert.deepEqual(expiring({ asOf: '2036-10-01' }), []);
  // Past the expiry it is an error.
  assert.equal(expiring({ asOf: '2037-01-01' })[0].severity, 'error');
  // today when asOf is not given; asOf wins over today.
  assert.equal(expiring({ today: '2036-11-15' }).length, 1);
  assert.deepEqual(expiring({ today: '2030-01-01' }), []);
  assert.equal(expiring({ today: '2030-01-01', asOf: '2036-11-15' }).length, 1);
  assert.deepEqual(expiring({ today: '2036-11-15', asOf: '2030-01-01' }), []);
  // Not given: the clock's UTC day, every call (the same result as that day given).
  const now = new Date().toISOString().slice(0, 10);
  assert.deepEqual(check(inputs, { asmConfig }), check(inputs, { asmConfig, today: now }));
  // Blanks around a day are ignored and an empty one is not given, as core reads the setting.
  assert.deepEqual(check(inputs, { asOf: ' 2036-11-15 ' }), check(inputs, { asOf: '2036-11-15' }));
  assert.deepEqual(check(inputs, { asOf: '', today: now }), check(inputs, { today: now }));
});

test('trustHandled: a differing root still shows, as a warning, and no longer blocks the switch', () => {
  const options = { demo: true, asmConfig, today: '2027-01-01' };
  const gate = (result) => result.gates.find((g) => g.id === 'roots-of-trust');
  const strict = check(null, options);
  const handled = check(null, { ...options, trustHandled: true });
  const mig702 = (result) => result.findings.find((f) => f.code === 'MIG702');
  assert.equal(mig702(strict).severity, 'error');
  assert.equal(mig702(handled).severity, 'warning');
  assert.equal(gate(strict).transition, 'SetupIstioForMigrate → Migrating');
  assert.equal(gate(strict).blocking, true);
  assert.equal(gate(handled).blocking, false);
  assert.deepEqual(check(null, { ...options, trustHandled: false }), strict);
  assert.deepEqual(check(null, { ...options, trustHandled: null }), strict, 'null means not given');

  // The plan checks the roots in a step before the switch to Migrating; trustHandled is noted there.
  const steps = (p) => p.phases.flatMap((ph) => ph.steps);
  const strictPlan = plan(null, options);
  const handledPlan = plan(null, { ...options, trustHandled: true });
  const trustStep = (p) => steps(p).find((s) => s.id === 'roots-of-trust');
  assert.ok(trustStep(strictPlan).verify.some((v) => v.includes('istio-ca-root-cert')), 'the step reads the roots');
  const added = trustStep(handledPlan).notes.filter((n) => !trustStep(strictPlan).notes.includes(n));
  assert.equal(added.length, 1);
  assert.match(added[0], /trust-handled/);
  assert.ok(render(handledPlan, 'markdown').includes(added[0]));
});

const badCalls = [
  ['asOf not a day', () => check(inputs, { asOf: 'tomorrow' }), /^check: options\.asOf: the date "tomorrow" must be a day written YYYY-MM-DD$/],
  ['asOf a day that does not exist', () => plan(inputs, { asOf: '2026-02-30' }), /^plan: options\.asOf: the date "2026-02-30"/],
  ['asOf not zero-padded', () => check(inputs, { asOf: '2026-1-5' }), /options\.asOf: the date "2026-1-5"/],
  ['asOf a Date object', () => check(inputs, { asOf: new Date(0) }), /options\.asOf must be a string, got an object/],
  ['asOf a number', () => check(inputs, { asOf: 20261201 }), /options\.asOf must be a string, got the number 20261201/],
  ['today not a day', () => check(inputs, { today: 'now' }), /^check: options\.today: the date "now" must be a day written YYYY-MM-DD$/],
  ['today a number', () => plan(inputs, { today: Date.now() }), /options\.today must be a string/],
  ['trustHandled as text', () => check(inputs, { trustHandled: 'true' }), /options\.trustHandled must be true or false, got the string "true"/],
  ['trustHandled as a number', () => plan(inputs, { trustHandled: 1 }), /options\.trustHandled must be true or false, got the number 1/],
  ['a misspelt option', () => check(inputs, { asof: '2026-12-01' }), /options\.asof is not an option; the options are .*asOf, trustHandled, today/],
];

for (const [what, call, pattern] of badCalls) {
  test(`bad trust option: ${what} → E_OPTIONS`, () => throwsCode(assert, call, 'E_OPTIONS', pattern));
}

test('the trust options\' messages follow options.lang', () => {
  throwsCode(assert, () => check(inputs, { lang: 'zh-CN', asOf: 'x' }), 'E_OPTIONS', /^check: options\.asOf: 日期 "x" 必须写成 YYYY-MM-DD$/);
  throwsCode(assert, () => check(inputs, { lang: 'zh-CN', trustHandled: 'yes' }), 'E_OPTIONS', /^check: options\.trustHandled 必须是 true 或 false/);
});
