// SwarmLens options page: one setting, stored in storage.local (read by comments.js).
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const box = document.getElementById('blurThreats');
const statusLine = document.getElementById('status');

Promise.resolve(api.storage.local.get({ blurThreats: true })).then((items) => {
  box.checked = items.blurThreats !== false;  // default: on (see README)
  box.disabled = false;
});
box.disabled = true;
box.addEventListener('change', () => {
  Promise.resolve(api.storage.local.set({ blurThreats: box.checked })).then(() => {
    statusLine.textContent = box.checked ? 'Threatening comments are blurred.' : 'Threatening comments are shown.';
  });
});
