// The library page: istio2asm's JavaScript library (web/js/pkg, built by scripts/build-js.sh) used
// directly, with no framework. Everything a manifest contains reaches the page through textContent,
// never as HTML.
import init, { check, plan, render, collect, version } from './js/pkg/web/istio2asm.js';

const $ = (id) => document.getElementById(id);
/** Findings shown at most (a huge export can have tens of thousands). */
const MAX_ROWS = 5000;

const view = {
  result: null,
  plan: null,
  texts: { markdown: '', shell: '', json: '' },
  urls: [],
};

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function setStatus(text, kind = 'info') {
  const status = $('status');
  status.textContent = text;
  status.className = kind;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function readFiles(input) {
  return Promise.all(
    [...input.files].map(async (file) => ({ name: file.name, text: new Uint8Array(await file.arrayBuffer()) })),
  );
}

/** The settings form as library options (empty fields mean the defaults). */
function options() {
  const asmVersion = $('asm-version').value.trim();
  const weights = $('egress-weights').value.trim();
  const wave = $('wave-size').value.trim();
  return {
    asmVersion: asmVersion || null,
    egressWeights: weights || null,
    waveSize: wave === '' ? null : Number(wave),
    force: $('force').checked,
  };
}

async function run({ demo = false } = {}) {
  const opts = options();
  let inputs = null;
  if (demo) {
    opts.demo = true;
  } else {
    inputs = await readFiles($('files'));
    const pasted = $('paste').value;
    if (pasted.trim() !== '') inputs.push({ name: 'pasted.yaml', text: pasted });
    if (inputs.length === 0) {
      setStatus('Choose export files or paste one first (or load the demo cluster).', 'warn');
      return;
    }
  }
  const asm = await readFiles($('asm-files'));
  if (asm.length > 0) opts.asmConfig = asm;

  document.body.dataset.state = 'running';
  setStatus(demo ? 'Checking the demo cluster…' : `Checking ${plural(inputs.length, 'input')}…`);
  // Let the status paint before the (synchronous) analysis takes the main thread.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const started = performance.now();
  try {
    const result = check(inputs, opts);
    const p = plan(inputs, opts);
    view.result = result;
    view.plan = p;
    view.texts = { markdown: render(p, 'markdown'), shell: render(p, 'shell'), json: render(p, 'json') };
    show();
    const { errors, warnings, infos } = result.summary;
    const ms = Math.round(performance.now() - started);
    setStatus(
      `Checked ${plural(result.inputs.files.length, 'file')}, ${plural(result.inputs.objects, 'object')} in ${ms} ms: ` +
        `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}.`,
      errors > 0 ? 'error' : 'ok',
    );
    document.body.dataset.state = 'done';
  } catch (e) {
    // The library throws an Error with a code (E_OPTIONS, E_INPUTS, …) for a bad setting or input.
    setStatus(e && e.code ? `${e.code}: ${e.message}` : `Unexpected failure: ${e}`, 'error');
    document.body.dataset.state = 'failed';
  }
}

function show() {
  showState();
  showFindings();
  showRunbook();
  for (const id of ['state-panel', 'findings-panel', 'runbook-panel']) $(id).hidden = false;
}

function showState() {
  const { migration, versions, inputs } = view.result;
  const facts = [
    ['State', migration ? `${migration.state} (${migration.situation})` : 'Init (assumed: no ASMMigrateFromIstio in the inputs)'],
    ['Next', migration ? migration.next ?? '—' : 'SetupIstioForMigrate'],
  ];
  if (migration?.message) facts.push(['Message', migration.message]);
  facts.push(
    ['Kubernetes', versions.kubernetes ?? 'unknown'],
    ['Istio', versions.istio.length ? versions.istio.join(', ') : 'not found'],
    ['ASM', versions.asm ?? 'not given'],
    [
      'Objects',
      `${inputs.objects} in ${plural(inputs.files.length, 'file')}` +
        (inputs.secretsDropped ? `, ${plural(inputs.secretsDropped, 'Secret')} dropped unread` : ''),
    ],
  );
  $('state').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));

  // Only the gates of the next transition block; later ones are in the runbook.
  const next = migration ? migration.next : 'SetupIstioForMigrate';
  const gates = view.result.gates.filter((g) => next && g.transition.endsWith(`→ ${next}`));
  $('gates-caption').textContent = gates.length
    ? `Gates of ${gates[0].transition}`
    : 'No further transition: the migration is finished.';
  const rows = gates.map((gate) => {
    const result = gate.passed ? 'pass' : gate.blocking ? 'FAIL' : gate.manual ? 'manual' : 'warn';
    return el(
      'tr',
      { class: `gate-${result.toLowerCase()}` },
      el('td', { text: gate.id }),
      el('td', { class: 'result', text: result }),
      el('td', { text: gate.detail }),
    );
  });
  $('gates').tBodies[0].replaceChildren(...rows);
}

function showFindings() {
  const { findings, summary } = view.result;
  $('counts').textContent = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    plural(summary.infos, 'info'),
  ].join(' · ');
  const wanted = $('severity-filter').value;
  const shown = findings.filter((f) => wanted === 'all' || f.severity === wanted);
  const rows = shown.slice(0, MAX_ROWS).map((f) => {
    const location = f.location ? `${f.location.path}:${f.location.line}:${f.location.column}` : '';
    const message = el('td', { class: 'message' });
    if (f.help || f.commands.length) {
      const details = el('details', {}, el('summary', { text: f.message }));
      if (f.help) details.append(el('p', { text: f.help }));
      if (f.commands.length) details.append(el('pre', { text: f.commands.join('\n') }));
      message.append(details);
    } else {
      message.textContent = f.message;
    }
    return el(
      'tr',
      { class: `severity-${f.severity}` },
      el('td', {}, el('span', { class: `badge ${f.severity}`, text: f.severity })),
      el('td', { class: 'code', title: f.name, text: f.code }),
      el('td', { class: 'location', title: location, text: location }),
      message,
    );
  });
  $('findings').tBodies[0].replaceChildren(...rows);
  const more = $('findings-more');
  more.hidden = shown.length <= MAX_ROWS;
  more.textContent = `${shown.length - MAX_ROWS} more finding(s) not shown: download plan.json or use the CLI for all.`;
}

function runbookFormat() {
  return document.querySelector('input[name="runbook-format"]:checked').value;
}

function blobLink(link, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  view.urls.push(url);
  link.href = url;
}

function showRunbook() {
  $('runbook').textContent = view.texts[runbookFormat()];
  for (const url of view.urls) URL.revokeObjectURL(url);
  view.urls = [];
  blobLink($('download-md'), view.texts.markdown, 'text/markdown');
  blobLink($('download-sh'), view.texts.shell, 'text/x-shellscript');
  blobLink($('download-json'), view.texts.json, 'application/json');
  const files = view.plan.phases.flatMap((phase) => phase.steps.flatMap((step) => step.files));
  const links = files.map((file) => {
    const link = el('a', { download: file.name, text: file.name });
    blobLink(link, file.content, 'application/yaml');
    return link;
  });
  $('download-files').replaceChildren(...links);
  $('download-files-line').hidden = links.length === 0;
}

async function copyRunbook() {
  const text = $('runbook').textContent;
  const button = $('copy');
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without the async clipboard (permissions, older browsers): copy the selection instead.
    const range = document.createRange();
    range.selectNodeContents($('runbook'));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand('copy');
    selection.removeAllRanges();
  }
  button.textContent = 'Copied';
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 1500);
}

function clear() {
  $('files').value = '';
  $('asm-files').value = '';
  $('paste').value = '';
  for (const id of ['state-panel', 'findings-panel', 'runbook-panel']) $(id).hidden = true;
  for (const url of view.urls) URL.revokeObjectURL(url);
  view.urls = [];
  setStatus('Ready.');
  document.body.dataset.state = 'ready';
}

async function start() {
  try {
    await init(); // fetches js/pkg/web/istio2asm_bg.wasm from this origin
  } catch (e) {
    setStatus(`The library could not load: ${e}. Build it with scripts/build-js.sh.`, 'error');
    document.body.dataset.state = 'failed';
    return;
  }
  $('version').textContent = `v${version()}`;
  $('collect').textContent = collect();
  $('run').disabled = false;
  $('demo').disabled = false;
  $('run').addEventListener('click', () => run());
  $('demo').addEventListener('click', () => run({ demo: true }));
  $('clear').addEventListener('click', clear);
  $('files').addEventListener('change', () => run());
  $('copy').addEventListener('click', copyRunbook);
  $('severity-filter').addEventListener('change', () => view.result && showFindings());
  for (const radio of document.querySelectorAll('input[name="runbook-format"]')) {
    radio.addEventListener('change', () => view.plan && ($('runbook').textContent = view.texts[runbookFormat()]));
  }
  // Files dropped anywhere on the page are checked like chosen ones.
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer?.files.length) {
      $('files').files = e.dataTransfer.files;
      run();
    }
  });
  setStatus('Ready: choose export files, paste one, or load the demo cluster.');
  document.body.dataset.state = 'ready';
}

start();
