// The agent's chat page: fetches the conversation from the hub's API, long-polls for news, and
// sends the agent's replies and decisions. Every text from the conversation goes in through
// textContent, never as HTML. Its texts come translated from the hub, in the JSON block #strings.
'use strict';

(function () {
  const STRINGS = JSON.parse(document.getElementById('strings').textContent);
  // The text KEY in the user's language, each %s replaced by the next argument.
  const t = (key, ...args) => {
    let i = 0;
    return (STRINGS[key] || key).replace(/%s/g, () => String(i < args.length ? args[i++] : ''));
  };
  const ROLE_NAMES = { user: t('customer'), bot: t('bot'), agent: t('you') };
  const STATUS_NAMES = {
    pending: t('pending'),
    accepted: t('accepted'),
    completed: t('completed'),
    failed: t('failed'),
  };
  // The handoff's own context, in the order Power Virtual Agents documents it.
  const CONTEXT_ORDER = [
    'va_BotName', 'va_BotId', 'va_ConversationId', 'va_Language', 'va_Scope', 'va_LastTopic',
    'va_Topics', 'va_LastPhrase', 'va_LastPhrases', 'va_Phrases', 'va_AgentMessage',
  ];
  const RETRY_MS = 2000;

  const token = new URLSearchParams(window.location.search).get('token') || '';
  const match = /^\/c\/([0-9a-f]+)$/.exec(window.location.pathname);
  const base = match ? '/c/' + match[1] : null;

  const $ = (id) => document.getElementById(id);
  const transcript = $('transcript');
  const reply = $('reply');
  const send = $('send');
  const buttons = { accept: $('accept'), resolve: $('resolve'), decline: $('decline') };

  let next = 0;
  let status = '';
  let stopped = false;

  class HttpError extends Error {
    constructor(status) {
      super('HTTP ' + status);
      this.status = status;
    }
  }

  async function api(path, body) {
    const init = {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-Hub-Token': token },
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(base + path, init);
    if (!response.ok)
      throw new HttpError(response.status);
    return response.json();
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className)
      node.className = className;
    if (text !== undefined)
      node.textContent = text;
    return node;
  }

  function showBanner(text, isError) {
    const banner = $('banner');
    banner.textContent = text;
    banner.classList.toggle('error', Boolean(isError));
    banner.hidden = false;
  }

  function addMessage(message) {
    const known = Object.prototype.hasOwnProperty.call(ROLE_NAMES, message.role);
    const role = known ? message.role : 'bot';
    const item = element('li', 'message ' + role);
    item.append(element('span', 'author', ROLE_NAMES[role]));
    item.append(element('p', 'text', String(message.text)));
    transcript.append(item);
    $('empty').hidden = true;
    item.scrollIntoView({ block: 'end' });
  }

  function formatValue(value) {
    if (value === null || value === undefined || value === '')
      return '—';
    if (typeof value === 'string')
      return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      return value.length > 0 ? value.join(', ') : '—';
    return JSON.stringify(value);
  }

  function fillList(list, names, values) {
    list.replaceChildren();
    for (const name of names) {
      const row = element('div', 'row');
      row.append(element('dt', '', name));
      row.append(element('dd', '', formatValue(values[name])));
      list.append(row);
    }
    if (names.length === 0)
      list.append(element('p', 'dim', t('none')));
  }

  function showVariables(variables) {
    const values = variables && typeof variables === 'object' ? variables : {};
    const names = Object.keys(values);
    const context = names.filter((name) => name.startsWith('va_'));
    const rank = (name) => {
      const i = CONTEXT_ORDER.indexOf(name);
      return i < 0 ? CONTEXT_ORDER.length : i;
    };
    context.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    fillList($('context'), context, values);
    fillList($('variables'), names.filter((name) => !name.startsWith('va_')).sort(), values);
  }

  function showStatus(newStatus, message) {
    status = newStatus;
    const pill = $('status');
    pill.className = 'pill ' + newStatus;
    pill.textContent = (STATUS_NAMES[newStatus] || newStatus) + (message ? ' — ' + message : '');
    const open = newStatus === 'pending' || newStatus === 'accepted';
    buttons.accept.disabled = newStatus !== 'pending';
    buttons.resolve.disabled = !open;
    buttons.decline.disabled = !open;
    reply.disabled = !open;
    send.disabled = !open;
    if (newStatus === 'completed')
      showBanner(t('resolved-banner'), false);
    else if (newStatus === 'failed')
      showBanner(t('declined-banner'), false);
  }

  function takeEvents(events) {
    for (const message of events.messages) {
      if (message.seq >= next) {
        addMessage(message);
        next = message.seq + 1;
      }
    }
    next = Math.max(next, events.next);
    if (events.status !== status)
      showStatus(events.status, events.status_message);
  }

  function stop(error) {
    stopped = true;
    for (const button of Object.values(buttons))
      button.disabled = true;
    reply.disabled = true;
    send.disabled = true;
    if (error instanceof HttpError && error.status === 403)
      showBanner(t('bad-token'), true);
    else if (error instanceof HttpError && error.status === 404)
      showBanner(t('gone'), true);
    else
      showBanner(t('offline'), true);
  }

  async function poll() {
    let offline = false;
    while (!stopped) {
      try {
        const query = '?after=' + next + '&status=' + encodeURIComponent(status);
        const events = await api('/events' + query);
        if (offline) {
          offline = false;
          $('banner').hidden = true;
        }
        takeEvents(events);
        if (status === 'completed' || status === 'failed')
          return;
      } catch (error) {
        if (error instanceof HttpError && (error.status === 403 || error.status === 404)) {
          stop(error);
          return;
        }
        // The app may be busy or restarting: say so, and keep trying.
        offline = true;
        showBanner(t('offline'), true);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async function load() {
    if (base === null || token === '') {
      stop(new HttpError(403));
      return;
    }
    let state;
    try {
      state = await api('/state');
    } catch (error) {
      stop(error);
      return;
    }
    if (state.bot_name)
      $('bot-name').textContent = state.bot_name;
    $('subtitle').textContent = t('conversation-id', state.conversation_id || state.id);
    document.title = t('bot-title', state.bot_name || 'Virtual Agent');
    $('agent-message').textContent = state.agent_message || t('no-message');
    showVariables(state.variables);
    for (const message of state.transcript)
      addMessage(message);
    $('empty').hidden = state.transcript.length > 0;
    next = state.next;
    showStatus(state.status, state.status_message);
    document.body.dataset.ready = 'true';
    poll();
  }

  async function sendReply(event) {
    event.preventDefault();
    const text = reply.value.trim();
    if (text === '' || send.disabled)
      return;
    send.disabled = true;
    try {
      await api('/reply', { text: text });
      reply.value = '';
    } catch (error) {
      showBanner(t('not-sent', error.message), true);
    } finally {
      send.disabled = reply.disabled;
      reply.focus();
    }
  }

  async function setStatus(state) {
    try {
      await api('/status', { state: state });
    } catch (error) {
      showBanner(t('not-taken', error.message), true);
    }
  }

  $('composer').addEventListener('submit', sendReply);
  reply.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing)
      sendReply(event);
  });
  buttons.accept.addEventListener('click', () => setStatus('accepted'));
  buttons.resolve.addEventListener('click', () => setStatus('completed'));
  buttons.decline.addEventListener('click', () => setStatus('failed'));
  load();
})();
