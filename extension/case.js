// The case file page: a copy of a site's case (the background's case file, loaded into an
// engine of this page) exported in one click as the report, the CSV files and the bundle, and a
// bundle someone sent opened read only in a second, separate engine. The page never writes a
// case back: nothing here changes what the background holds.
//
// Strings come from _locales (chrome.i18n, or the catalogue of ?lang=en|fa when the person picks
// a language other than the browser's). Text from a case or a bundle (error messages name files
// an attacker may have named) is written with textContent only; the imported report is shown in
// an iframe sandboxed without scripts and without the extension's origin.
import { createEngine } from './engine/swarmlens.js';
import { openPayloadArchive } from './payload-archive.js';

const api = globalThis.browser ?? globalThis.chrome;
const LANGUAGES = ['en', 'fa'];
const RTL = new Set(['fa']);
const $ = (id) => document.getElementById(id);

// ---- Messages ----------------------------------------------------------------------------------

let catalogue = null;  // the chosen language's messages.json, or null for chrome.i18n

/** The language asked for in the address (?lang=fa), else the browser's. */
function chosenLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(asked)) return asked;
  const ui = (api.i18n.getUILanguage?.() ?? 'en').toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(ui) ? ui : 'en';
}

/** A message with its $1..$9 substitutions, as chrome.i18n.getMessage resolves it. */
function t(key, substitutions = []) {
  const subs = substitutions.map(String);
  if (!catalogue) return api.i18n.getMessage(key, subs);
  const entry = catalogue[key];
  if (!entry) return '';
  const placeholders = entry.placeholders ?? {};
  const fill = (text) => text.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name) => {
    const p = placeholders[name.toLowerCase()];
    return p ? fill(p.content) : '';
  });
}

async function applyLanguage() {
  const lang = chosenLanguage();
  const ui = (api.i18n.getUILanguage?.() ?? 'en').toLowerCase().split(/[-_]/)[0];
  if (lang !== ui) {
    const response = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));  // our own file
    catalogue = await response.json();
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.title = t('case_page_title');
  for (const code of LANGUAGES) $(`lang-${code}`).setAttribute('aria-current', String(code === lang));
}

// ---- Engines -----------------------------------------------------------------------------------

let wasmBinary = null;
async function newEngine() {
  if (!wasmBinary) {
    const url = api.runtime.getURL('engine/swarmlens_engine.wasm');  // our own packaged file
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot read ${url}: HTTP ${response.status}`);
    wasmBinary = await response.arrayBuffer();
  }
  return createEngine({ wasmBinary, locateFile: (name) => api.runtime.getURL(`engine/${name}`) });
}

function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes or text as a file: a Blob and an <a download> (no downloads permission). */
function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const TYPES = {
  'report.html': 'text/html;charset=utf-8', 'accounts.csv': 'text/csv;charset=utf-8',
  'comments.csv': 'text/csv;charset=utf-8', 'bundle.zip': 'application/zip',
};

function fileName(site, name) {
  return `swarmlens-${site}-${new Date().toISOString().slice(0, 10)}-${name}`;
}

function showError(detailsId, preId, error) {
  $(preId).textContent = error && error.text ? error.text : String(error && error.message ? error.message : error);
  $(detailsId).hidden = false;
}

// ---- The person's own case -----------------------------------------------------------------

const own = { site: 'instagram', engine: null };

function setExportButtons(enabled) {
  for (const id of ['export-report', 'export-accounts', 'export-comments', 'export-bundle']) $(id).disabled = !enabled;
}

async function loadOwnCase(site) {
  setExportButtons(false);
  own.site = site;
  $('summary').textContent = t('case_loading');
  $('export-status').textContent = '';
  $('export-details').hidden = true;
  try {
    const reply = await api.runtime.sendMessage({ type: 'swarmlens:case-snapshot', site });
    if (!reply || !reply.ok) throw reply?.error ?? new Error('no reply from the background');
    own.engine ??= await newEngine();
    const loaded = own.engine.load(base64Bytes(reply.snapshot), { source: `${site} case file` });
    if (!loaded.ok) throw loaded.error;
    const { counts } = own.engine.exportCase();
    $('summary').textContent = own.engine.size === 0 ? t('case_empty') : t('case_summary', [
      own.engine.size, counts.flagged_accounts, counts.threats, counts.harassment, counts.hate,
      counts.coordinated_inauthentic_behaviour, counts.spam,
    ]);
    setExportButtons(true);
  } catch (error) {
    $('summary').textContent = t('case_error');
    showError('export-details', 'export-error', error);
  }
}

function exportFile(name) {
  const file = own.engine.exportCase().files.find((f) => f.name === name);
  const saved = fileName(own.site, name);
  download(saved, file.content, TYPES[name]);
  $('export-status').textContent = t('case_export_saved', [saved]);
}

async function exportBundle() {
  const button = $('export-bundle');
  button.disabled = true;
  try {
    const payloads = await openPayloadArchive(own.site).all();
    const bundle = own.engine.exportBundle(payloads);
    if (!bundle.ok) throw bundle.error;
    const saved = fileName(own.site, 'bundle.zip');
    download(saved, bundle.bytes, TYPES['bundle.zip']);
    const total = bundle.payloads_included + bundle.missing.length;
    $('export-status').textContent = t('case_bundle_saved', [saved, bundle.payloads_included, total]);
  } catch (error) {
    $('export-status').textContent = t('case_error');
    showError('export-details', 'export-error', error);
  } finally {
    button.disabled = false;
  }
}

// ---- A bundle someone sent (read only) ------------------------------------------------------

let shared = null;  // {engine, report} of the opened bundle; never saved anywhere

async function openBundleFile(file) {
  $('import-result').hidden = true;
  $('import-details').hidden = true;
  const status = $('import-status');
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const engine = await newEngine();  // a fresh engine: the sender's case never mixes with yours
    const info = engine.openBundle(bytes, { source: file.name });
    if (!info.ok) {
      engine.dispose();
      $('import-result').hidden = false;
      status.textContent = t('case_import_refused');
      status.className = 'refused';
      for (const id of ['import-missing', 'import-manifest-line', 'import-download', 'import-frame']) $(id).hidden = true;
      showError('import-details', 'import-error', info.error);
      return;
    }
    shared?.engine.dispose();
    const report = engine.exportCase({ generatedAt: info.generated_at }).files.find((f) => f.name === 'report.html');
    shared = { engine, report };
    status.textContent = t('case_import_ok', [info.files, info.payloads_included]);
    status.className = '';
    $('import-missing').hidden = info.missing.length === 0;
    $('import-missing').textContent = t('case_import_missing', [info.missing.length]);
    $('import-manifest').textContent = info.manifest_sha256;
    for (const id of ['import-manifest-line', 'import-download', 'import-frame']) $(id).hidden = false;
    $('import-frame').srcdoc = report.content;  // sandboxed: no script, no extension origin
    $('import-result').hidden = false;
  } catch (error) {
    $('import-result').hidden = false;
    status.textContent = t('case_error');
    showError('import-details', 'import-error', error);
  }
}

// ---- Start -------------------------------------------------------------------------------------

async function start() {
  await applyLanguage();
  $('site').addEventListener('change', (event) => loadOwnCase(event.target.value));
  $('export-report').addEventListener('click', () => exportFile('report.html'));
  $('export-accounts').addEventListener('click', () => exportFile('accounts.csv'));
  $('export-comments').addEventListener('click', () => exportFile('comments.csv'));
  $('export-bundle').addEventListener('click', exportBundle);
  $('bundle-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) openBundleFile(file);
  });
  $('import-download').addEventListener('click', () => {
    if (shared) download('swarmlens-shared-report.html', shared.report.content, TYPES['report.html']);
  });
  await loadOwnCase($('site').value);
  document.documentElement.dataset.ready = 'true';  // for tests and screenshots
}

start();
