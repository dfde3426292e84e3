// The workbench page's client: shows the inbox, opens messages, and plays the add-on panel the way
// Gmail does, calling the server for every trigger and card action and keeping the card stack.
// Card HTML comes from the server's renderer, which escapes all data; this script only inserts it.
(function () {
  'use strict';
  const panel = document.getElementById('panel-cards');
  const toast = document.getElementById('toast');
  const inbox = document.getElementById('inbox');
  const reader = document.getElementById('reader');
  const draftBox = document.getElementById('draft');
  /** The card stack, as Gmail keeps it: [{ name, html }], last is shown. */
  let stack = [];
  let openMessageId = null;
  /** Which Gmail surface the cards are in: the compose window takes other responses than the sidebar. */
  let panelMode = 'sidebar';
  // The server's per-start secret, served in the page; requests without it are refused (CSRF guard).
  const token = document.querySelector('meta[name="churnguard-token"]').content;

  async function api(path, body) {
    const res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'x-churnguard-token': token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(json.error || res.statusText);
    return json;
  }

  function showToast(text) {
    if (!text) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(showToast.timer);
    showToast.timer = setTimeout(() => (toast.hidden = true), 4000);
  }

  function renderStack() {
    const top = stack[stack.length - 1];
    panel.innerHTML = top ? top.html : '';
    const back = document.getElementById('panel-back');
    back.hidden = stack.length < 2;
    panel.dataset.card = top ? top.name || '' : '';
  }

  function setRoot(cards) {
    stack = cards.map((c) => ({ name: c.name, html: c.html })).slice(0, 1);
    renderStack();
  }

  function applyResponse(r) {
    if (r.kind === 'navigate') {
      for (const step of r.steps) {
        if (step.kind === 'push') stack.push(step.card);
        else if (step.kind === 'update') stack[stack.length ? stack.length - 1 : 0] = step.card;
        else if (step.kind === 'pop') {
          if (stack.length > 1) stack.pop();
        } else if (step.kind === 'popToRoot') stack = stack.slice(0, 1);
        else if (step.kind === 'popToNamed') {
          const i = stack.map((c) => c.name).lastIndexOf(step.name);
          if (i >= 0) stack = stack.slice(0, i + 1);
        }
      }
      renderStack();
      showToast(r.notification);
    } else if (r.kind === 'notify') {
      showToast(r.notification);
    } else if (r.kind === 'openLink') {
      showToast('The add-on opens: ' + r.url);
      window.open(r.url, '_blank', 'noopener');
    } else if (r.kind === 'draft') {
      showDraft(r.draft);
    }
  }

  function showDraft(draft) {
    draftBox.hidden = false;
    draftBox.querySelector('[data-draft=to]').textContent = (draft.to || []).join(', ');
    draftBox.querySelector('[data-draft=subject]').textContent = draft.subject || '';
    draftBox.querySelector('[data-draft=body]').textContent = draft.textBody || draft.insertText || '';
    showToast('Draft created');
  }

  /** Collects the current card's inputs the way Gmail fills commonEventObject.formInputs. */
  function formInputs() {
    const inputs = {};
    for (const el of panel.querySelectorAll('input[name], select[name], textarea[name]')) {
      const name = el.name;
      if (el.type === 'checkbox' || el.type === 'radio') {
        inputs[name] = inputs[name] || [];
        if (el.checked) inputs[name].push(el.value);
      } else if (el.type === 'date') {
        if (el.value) inputs[name] = Date.parse(el.value + 'T00:00:00Z');
      } else if (el.multiple) {
        inputs[name] = Array.from(el.selectedOptions).map((o) => o.value);
      } else {
        inputs[name] = el.value;
      }
    }
    return inputs;
  }

  function parseParams(json) {
    try {
      return JSON.parse(json || '{}');
    } catch {
      return {};
    }
  }

  async function runAction(kind, name, params) {
    panel.classList.add('busy');
    try {
      const r = await api('/api/action', {
        kind,
        panel: panelMode,
        messageId: openMessageId,
        parameters: Object.assign({}, params, { action: name }),
        formInputs: formInputs(),
      });
      applyResponse(r);
    } catch (e) {
      showToast('Error: ' + e.message);
    } finally {
      panel.classList.remove('busy');
    }
  }

  panel.addEventListener('click', (ev) => {
    const el = ev.target.closest('[data-kind]');
    if (!el || el.disabled || el.dataset.trigger === 'change') return;
    ev.preventDefault();
    const kind = el.dataset.kind;
    if (kind === 'back') {
      if (stack.length > 1) stack.pop();
      renderStack();
      return;
    }
    if (kind === 'openLink') {
      applyResponse({ kind: 'openLink', url: el.dataset.url });
      return;
    }
    runAction(kind, el.dataset.action, parseParams(el.dataset.params));
  });

  panel.addEventListener('change', (ev) => {
    const el = ev.target.closest('[data-trigger="change"]');
    if (!el) return;
    runAction('action', el.dataset.action, parseParams(el.dataset.params));
  });

  document.getElementById('panel-back').addEventListener('click', () => {
    if (stack.length > 1) stack.pop();
    renderStack();
  });

  document.getElementById('compose-action').addEventListener('click', async () => {
    try {
      const r = await api('/api/compose', { to: openMessageId ? [reader.dataset.from || ''] : [] });
      panelMode = 'compose';
      if (r.kind === 'cards') setRoot(r.cards);
      else applyResponse(r);
    } catch (e) {
      showToast('Error: ' + e.message);
    }
  });

  document.getElementById('run-triggers').addEventListener('click', async () => {
    try {
      const r = await api('/api/triggers', {});
      if (r.ran === 0)
        showToast('No hourly trigger installed: nothing is sending and the daily scan is off.');
      else
        showToast(
          'Hourly trigger ran: ' +
            (r.campaigns ? r.campaigns + ' campaign(s) continued' : 'no campaign to continue') +
            (r.scanned ? ', daily scan done' : '') +
            (r.errors.length ? ' · errors: ' + r.errors.join('; ') : ''),
        );
    } catch (e) {
      showToast('Error: ' + e.message);
    }
  });

  async function openHomepage() {
    openMessageId = null;
    panelMode = 'sidebar';
    reader.hidden = true;
    document.getElementById('reader-empty').hidden = false;
    for (const li of inbox.querySelectorAll('.active')) li.classList.remove('active');
    const r = await api('/api/homepage', {});
    setRoot(r.cards);
  }

  async function openMessage(id, li) {
    const r = await api('/api/message', { messageId: id });
    openMessageId = id;
    panelMode = 'sidebar';
    for (const other of inbox.querySelectorAll('.active')) other.classList.remove('active');
    li.classList.add('active');
    document.getElementById('reader-empty').hidden = true;
    reader.hidden = false;
    reader.dataset.from = r.message.fromEmail;
    reader.querySelector('[data-msg=subject]').textContent = r.message.subject;
    reader.querySelector('[data-msg=from]').textContent = r.message.from;
    reader.querySelector('[data-msg=date]').textContent = new Date(r.message.date).toLocaleString();
    reader.querySelector('[data-msg=body]').textContent = r.message.plainBody;
    setRoot(r.cards);
  }

  async function loadInbox() {
    const r = await api('/api/inbox');
    inbox.textContent = '';
    for (const m of r.messages) {
      const li = document.createElement('li');
      li.dataset.messageId = m.id;
      const from = document.createElement('div');
      from.className = 'from';
      from.textContent = m.fromName || m.fromEmail;
      const subject = document.createElement('div');
      subject.className = 'subject';
      subject.textContent = m.subject;
      const snippet = document.createElement('div');
      snippet.className = 'snippet';
      snippet.textContent = m.snippet;
      li.append(from, subject, snippet);
      li.addEventListener('click', () =>
        openMessage(m.id, li).catch((e) => showToast('Error: ' + e.message)),
      );
      inbox.append(li);
    }
  }

  document
    .getElementById('home')
    .addEventListener('click', () => openHomepage().catch((e) => showToast(e.message)));
  loadInbox()
    .then(openHomepage)
    .catch((e) => showToast('Error: ' + e.message));
})();
