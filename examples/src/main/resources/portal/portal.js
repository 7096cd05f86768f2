'use strict';
// The reference Billing Portal's page: plain JavaScript over the portal's JSON API. Everything the
// API answers is written as text (textContent), never as markup.

const state = { session: null, portal: null, change: null, cancel: null, setup: null,
  history: { company: null, cursors: [] },
  // The subscription list: the rows shown, the filters they were read with, the next page's
  // cursor, how many pages are shown, and the number of the latest request (an answer to an older
  // one is dropped).
  subscriptions: { rows: [], filters: null, next: null, pages: 0, request: 0 } };

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'Request failed (' + status + ')');
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (error) {
    // Not the API's JSON (a proxy's page, say): the status says enough.
    if (response.ok) throw new ApiError(response.status, { message: 'The answer could not be read.' });
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function say(message, kind = 'ok') {
  const status = $('#status');
  status.textContent = message;
  status.className = kind;
}

function clearProblems(root = document) {
  $$('.problem', root).forEach(node => { node.textContent = ''; });
  $$('.invalid', root).forEach(node => node.classList.remove('invalid'));
}

/** Shows an error: its message, and each field's problem beside the field it names. */
function showError(error, root = document) {
  clearProblems(root);
  if (!(error instanceof ApiError)) { say(String(error), 'error'); return; }
  if (error.status === 401) { signedOut(); return; }
  const problems = error.body.violations || [];
  say(problems.length ? error.message + ' (' + problems.length + ' problem' + (problems.length > 1 ? 's' : '')
    + ')' : error.message, 'error');
  for (const problem of problems) {
    const slot = $('[data-problem="' + CSS.escape(problem.field) + '"]', root)
      || $('[data-problem="' + CSS.escape(problem.field.split('.').slice(-1)[0]) + '"]', root);
    const input = $('[data-field="' + CSS.escape(problem.field) + '"]', root);
    if (slot) slot.textContent = (slot.textContent ? slot.textContent + '; ' : '') + problem.message;
    if (input) input.classList.add('invalid');
  }
}

// Signing in and out.

async function start() {
  $('#sign-out').addEventListener('click', signOut);
  $$('nav button').forEach(button => button.addEventListener('click', () => showTab(button.dataset.tab)));
  $$('.company-select').forEach(select => select.addEventListener('change', () => {
    $('#setup-panel').hidden = true;
    loadTab(select.dataset.for);
  }));
  wirePanels();
  wireSubscriptionFilters();
  buildAddress($('[data-address="billingAddress"]'), 'billingAddress');
  buildAddress($('[data-address="shippingAddress"]'), 'shippingAddress');
  try {
    state.session = await api('GET', '/api/session');
    await signedIn();
  } catch (error) {
    signedOut();
  }
}

async function signedOut() {
  state.session = null;
  state.portal = null;
  state.change = state.cancel = state.setup = null;
  for (const panel of ['#change-panel', '#cancel-panel', '#setup-panel']) $(panel).hidden = true;
  $('#change-result').replaceChildren();
  resetSubscriptions();
  say('');
  clearProblems();
  $('#portal').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  const list = $('#demo-users');
  list.replaceChildren();
  for (const user of await api('GET', '/api/demo-users')) {
    list.append(el('li', {}, el('button', { type: 'button', 'data-user': user.user, onclick: () => signIn(user.user) },
      'Sign in as ' + user.user), ' ', user.companyName + ' · ' + user.role));
  }
}

async function signIn(user) {
  try {
    state.session = await api('POST', '/api/session', { user });
    await signedIn();
  } catch (error) {
    $('#sign-in').append(el('p', { class: 'problem' }, 'Signing in failed: ' + error.message));
  }
}

async function signOut() {
  try { await api('DELETE', '/api/session'); } catch (error) { /* signed out either way */ }
  signedOut();
}

async function signedIn() {
  $('#sign-in').hidden = true;
  $('#portal').hidden = false;
  $('#who').hidden = false;
  $('#who-name').textContent = state.session.user + ' (' + state.session.email + ') · ' + state.session.companyName;
  say('');
  await loadPortal();
  showTab('subscriptions');
}

function showTab(name) {
  $$('nav button').forEach(button => button.classList.toggle('active', button.dataset.tab === name));
  $$('section.tab').forEach(section => { section.hidden = section.id !== 'tab-' + name; });
  clearProblems();
  loadTab(name);
}

function chosenCompany(tab) {
  const select = $('.company-select[data-for="' + tab + '"]');
  return select && select.value ? select.value : state.session.companyId;
}

async function loadTab(name) {
  try {
    if (name === 'subscriptions') await loadSubscriptions();
    if (name === 'account' || name === 'billing') await loadAccount(name);
    if (name === 'methods') await loadMethods();
    if (name === 'history') { state.history.cursors = []; await loadHistory(null); }
  } catch (error) {
    showError(error);
  }
}

// Subscriptions.

async function loadPortal() {
  state.portal = await api('GET', '/api/portal');
  const banner = $('#banner');
  const notes = [];
  if (state.portal.message) notes.push(state.portal.message);
  if (state.portal.billedTo) notes.push('Billed to ' + state.portal.billedTo + '.');
  banner.textContent = notes.join(' ');
  banner.hidden = notes.length === 0;
  for (const select of $$('.company-select')) {
    const current = select.value;
    select.replaceChildren(...state.portal.companies.map(company => el('option', { value: company.id,
      selected: company.id === (current || state.session.companyId) }, company.name)));
  }
  const product = $('#filter-product');
  const chosen = product.value;
  const products = new Map(state.portal.plans.map(plan => [plan.product, plan.productName]));
  product.replaceChildren(el('option', { value: '' }, 'All products'), ...Array.from(products, ([code, name]) =>
    el('option', { value: code, selected: code === chosen }, name)));
  $('#subscription-filters').hidden = state.portal.partnerManaged;
}

// The list of subscriptions, a page at a time, as the filters above it select.

const STATE_NAMES = { total: 'All', ACTIVE: 'Active', TRIALING: 'Trialing', PAST_DUE: 'Past due',
  CANCELLED: 'Cancelled' };

function wireSubscriptionFilters() {
  // The name is searched for on Enter, or once typing has paused.
  let typing = null;
  $('#subscription-filters').addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(typing);
    reloadFromFirstPage();
  });
  for (const id of ['#filter-state', '#filter-product', '#filter-scheduled']) {
    $(id).addEventListener('change', reloadFromFirstPage);
  }
  $('#filter-q').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(reloadFromFirstPage, 400);
  });
  $('#subscriptions-more').addEventListener('click', async () => {
    try {
      await loadSubscriptions({ append: true });
    } catch (error) {
      showError(error);
    }
  });
}

async function reloadFromFirstPage() {
  try {
    await loadSubscriptions();
  } catch (error) {
    showError(error, $('#subscription-filters'));
  }
}

/** The filters as the form has them, as the list's query parameters. */
function chosenFilters() {
  const filters = new URLSearchParams();
  const chosenState = $('#filter-state').value;
  const product = $('#filter-product').value;
  const text = $('#filter-q').value.trim();
  if (chosenState) filters.set('state', chosenState);
  if (product) filters.set('product', product);
  if ($('#filter-scheduled').checked) filters.set('scheduled', 'true');
  if (text) filters.set('q', text);
  return filters;
}

function subscriptionQuery(filters, cursor) {
  const query = new URLSearchParams(filters);
  if (cursor) query.set('cursor', cursor);
  const encoded = query.toString();
  return encoded ? '?' + encoded : '';
}

/**
 * Loads the list with the filters as they are: its first page; with `pages`, that many from the
 * first (after an action, so that the row acted on stays in view); with `append`, the page after
 * those shown, with the filters they were shown with.
 */
async function loadSubscriptions({ append = false, pages = 1 } = {}) {
  const list = state.subscriptions;
  if (!state.portal || state.portal.partnerManaged) {
    resetSubscriptions();
    return;
  }
  if (append && !list.next) return;
  const request = ++list.request;
  const more = $('#subscriptions-more');
  more.disabled = true;
  const path = '/api/companies/' + state.session.companyId + '/subscriptions';
  const filters = append ? list.filters : chosenFilters();
  let rows = [];
  let shownPages = append ? list.pages : 0;
  let page = null;
  let cursor = append ? list.next : null;
  try {
    do {
      page = await api('GET', path + subscriptionQuery(filters, cursor));
      if (request !== list.request) return;
      rows = rows.concat(page.rows);
      shownPages++;
      cursor = page.nextCursor;
    } while (!append && cursor && shownPages < pages);
  } finally {
    if (request === list.request) more.disabled = false;
  }
  clearProblems($('#subscription-filters'));
  list.rows = append ? list.rows.concat(rows) : rows;
  list.filters = filters;
  list.next = page.nextCursor;
  list.pages = shownPages;
  list.counts = page.counts;
  renderSubscriptions(append ? rows : null);
}

/** Reloads the list after an action, with the filters and as many pages as it showed. */
function reloadSubscriptions() {
  return loadSubscriptions({ pages: Math.max(1, state.subscriptions.pages) });
}

function resetSubscriptions() {
  const list = state.subscriptions;
  list.request++;
  list.rows = [];
  list.filters = null;
  list.next = null;
  list.pages = 0;
  $('#subscription-filters').reset();
  clearProblems($('#subscription-filters'));
  $$('#filter-state option').forEach(option => { option.textContent = STATE_NAMES[option.dataset.count]; });
  $('#subscriptions-summary').textContent = '';
  $('#subscriptions tbody').replaceChildren();
  $('#subscriptions-more').hidden = true;
}

/** Shows the counts beside the states and the rows: all of them, or only `appended` after those shown. */
function renderSubscriptions(appended) {
  const list = state.subscriptions;
  for (const option of $$('#filter-state option')) {
    option.textContent = STATE_NAMES[option.dataset.count] + ' (' + list.counts[option.dataset.count] + ')';
  }
  const matching = list.counts[list.filters.get('state') || 'total'];
  $('#subscriptions-summary').textContent = matching === 0 ? 'No subscriptions match.'
    : 'Showing ' + list.rows.length + ' of ' + matching + ' subscription' + (matching === 1 ? '' : 's') + '.';
  $('#subscriptions-more').hidden = !list.next;
  const body = $('#subscriptions tbody');
  if (appended) body.append(...appended.map(subscriptionRow));
  else body.replaceChildren(...list.rows.map(subscriptionRow));
}

function subscriptionRow(row) {
  const actions = el('td', {});
  if (row.state !== 'CANCELLED') {
    actions.append(el('button', { type: 'button', 'data-action': 'change', onclick: () => openChange(row) },
      'Change plan or seats'));
    if (row.scheduledCancellation) {
      actions.append(el('button', { type: 'button', 'data-action': 'remove-cancellation',
        onclick: () => act('/api/subscriptions/' + row.id + '/remove-cancellation') },
      'Remove scheduled cancellation'));
    } else {
      actions.append(el('button', { type: 'button', class: 'danger', 'data-action': 'cancel',
        onclick: () => openCancel(row) }, 'Cancel'));
    }
  } else {
    actions.append(el('button', { type: 'button', 'data-action': 'reactivate',
      onclick: () => act('/api/subscriptions/' + row.id + '/reactivate') }, 'Reactivate'));
  }
  const change = row.scheduledChange;
  return el('tr', { 'data-subscription': row.id, 'data-company': row.companyName, 'data-plan': row.planId,
    'data-state': row.state },
    el('td', {}, row.companyName), el('td', {}, row.productName), el('td', {}, row.quantity),
    el('td', {}, row.amount), el('td', {}, el('span', { class: 'state' }, row.state)),
    el('td', {}, row.trialEnd || '–'), el('td', {}, row.contractEnd || '–'),
    el('td', {}, row.scheduledCancellation || '–'),
    el('td', {}, change ? change.quantity + ' × ' + change.planId + ' on ' + change.effectiveOn : '–'),
    el('td', {}, row.billedTo || 'itself'), actions);
}

async function act(path, body = {}) {
  try {
    const outcome = await api('POST', path, body);
    await reloadSubscriptions();
    say(outcome.message + (outcome.environment ? ' New environment: ' + outcome.environment + '.' : ''));
    return outcome;
  } catch (error) {
    showError(error);
    return null;
  }
}

function wirePanels() {
  $('#cancel-close').addEventListener('click', () => { $('#cancel-panel').hidden = true; });
  $('#cancel-confirm').addEventListener('click', async () => {
    const outcome = await act('/api/subscriptions/' + state.cancel.id + '/cancel',
      { acknowledgeErasure: $('#cancel-acknowledge').checked });
    if (outcome) $('#cancel-panel').hidden = true;
  });
  $('#change-close').addEventListener('click', () => { $('#change-panel').hidden = true; });
  $('#change-preview').addEventListener('click', previewChange);
  $('#change-confirm').addEventListener('click', confirmChange);
  $('#change-plan').addEventListener('change', () => { $('#change-confirm').disabled = true; });
  $('#change-quantity').addEventListener('input', () => { $('#change-confirm').disabled = true; });
  $('#account-form').addEventListener('submit', saveAccount);
  $('#billing-form').addEventListener('submit', saveBilling);
  $$('[data-setup]').forEach(button => button.addEventListener('click', () => startSetup(button.dataset.setup)));
  $('#setup-close').addEventListener('click', () => { $('#setup-panel').hidden = true; });
  $('#setup-authorize').addEventListener('click', completeSetup);
  $('#history-next').addEventListener('click', () => loadHistory(state.history.next));
  $('#history-first').addEventListener('click', () => loadHistory(null));
}

function openCancel(row) {
  state.cancel = row;
  $('#cancel-subject').textContent = row.productName + ' of ' + row.companyName + ' (' + row.amount + ')';
  $('#cancel-acknowledge').checked = false;
  $('#cancel-panel').hidden = false;
  $('#change-panel').hidden = true;
}

function openChange(row) {
  state.change = row;
  $('#change-subject').textContent = row.productName + ' of ' + row.companyName + ': ' + row.quantity + ' × '
    + row.planId + ' (' + row.amount + ')';
  const plans = state.portal.plans.filter(plan => plan.product === row.product);
  $('#change-plan').replaceChildren(...plans.map(plan => el('option', { value: plan.id,
    selected: plan.id === row.planId }, plan.id + ' · ' + plan.price + ' / ' + plan.interval.toLowerCase()
    + (plan.contractMonths ? ' · ' + plan.contractMonths + '-month contract' : ''))));
  $('#change-quantity').value = row.quantity;
  $('#change-result').replaceChildren();
  $('#change-confirm').disabled = true;
  $('#change-panel').hidden = false;
  $('#cancel-panel').hidden = true;
  clearProblems($('#change-panel'));
}

function changeBody() {
  const quantity = $('#change-quantity').value;
  return { planId: $('#change-plan').value, quantity: quantity === '' ? null : Number(quantity) };
}

function describeOutcome(outcome) {
  const parts = [el('p', {}, outcome.message)];
  if (outcome.credit) {
    parts.push(el('p', { 'data-preview': 'credit' }, 'Credit note on ' + outcome.credit.invoiceNumber + ': '
      + outcome.credit.total + ' (' + outcome.credit.destination + ')'));
  }
  if (!outcome.invoice && outcome.outcome !== 'SCHEDULED' && state.portal && state.portal.billedTo) {
    parts.push(el('p', {}, 'Its invoice goes to ' + state.portal.billedTo + '.'));
  }
  if (outcome.invoice) {
    const invoice = outcome.invoice;
    parts.push(el('table', { 'data-preview': 'invoice' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Line'), el('th', {}, 'Period'), el('th', {}, 'Qty'),
        el('th', {}, 'Amount'), el('th', {}, 'VAT'))),
      el('tbody', {}, ...invoice.lines.map(line => el('tr', {}, el('td', {}, line.description),
        el('td', {}, line.period), el('td', {}, line.quantity), el('td', {}, line.amount), el('td', {}, line.vat))))));
    parts.push(el('p', { 'data-preview': 'total' }, 'Total ' + invoice.total + ' (net ' + invoice.subtotal
      + ' + VAT ' + invoice.vat + '), credit applied ' + invoice.creditApplied + ', due ' + invoice.amountDue));
  }
  return parts;
}

async function previewChange() {
  clearProblems($('#change-panel'));
  try {
    const outcome = await api('POST', '/api/subscriptions/' + state.change.id + '/change-preview', changeBody());
    $('#change-result').replaceChildren(el('h4', {}, 'Preview'), ...describeOutcome(outcome));
    $('#change-confirm').disabled = false;
    say('');
  } catch (error) {
    $('#change-result').replaceChildren();
    showError(error, $('#change-panel'));
  }
}

async function confirmChange() {
  try {
    const outcome = await api('POST', '/api/subscriptions/' + state.change.id + '/change', changeBody());
    $('#change-result').replaceChildren(el('h4', {}, 'Done'), ...describeOutcome(outcome));
    $('#change-confirm').disabled = true;
    await reloadSubscriptions();
    say(outcome.message);
  } catch (error) {
    showError(error, $('#change-panel'));
  }
}

// Account details, billing and shipping.

const ADDRESS_FIELDS = [['line1', 'Street and number'], ['line2', 'Address line 2'], ['postalCode', 'Postal code'],
  ['city', 'City'], ['region', 'Region'], ['country', 'Country (ISO code, such as NL)']];

function buildAddress(fieldset, name) {
  for (const [field, label] of ADDRESS_FIELDS) {
    fieldset.append(el('label', {}, label + ' ', el('input', { name: name + '.' + field,
      'data-field': name + '.' + field })), el('span', { class: 'problem', 'data-problem': name + '.' + field }));
  }
  fieldset.append(el('span', { class: 'problem', 'data-problem': name }));
}

async function loadAccount(tab) {
  const account = await api('GET', '/api/companies/' + chosenCompany(tab) + '/account');
  const form = tab === 'account' ? $('#account-form') : $('#billing-form');
  if (tab === 'account') {
    form.elements.mainEmail.value = account.mainEmail || '';
    return;
  }
  form.elements.billingEmail.value = account.billingEmail || '';
  form.elements.vatNumber.value = account.vatNumber || '';
  for (const name of ['billingAddress', 'shippingAddress']) {
    for (const [field] of ADDRESS_FIELDS) {
      form.elements[name + '.' + field].value = account[name] ? account[name][field] || '' : '';
    }
  }
  const check = account.vatCheck;
  $('#vat-check').textContent = check ? 'VIES on ' + check.checkedAt.substring(0, 10) + ': ' + check.status
    + (check.consultationNumber ? ', consultation ' + check.consultationNumber : '')
    + (check.registeredName ? ', registered to ' + check.registeredName : '')
    + (check.failure ? ' (' + check.failure + ')' : '') : (account.vatNumber ? 'VAT number not checked.' : '');
}

async function saveAccount(event) {
  event.preventDefault();
  clearProblems($('#account-form'));
  try {
    await api('PUT', '/api/companies/' + chosenCompany('account') + '/main-email',
      { mainEmail: $('#account-form').elements.mainEmail.value });
    say('Main email saved.');
  } catch (error) {
    showError(error, $('#account-form'));
  }
}

function address(form, name) {
  const value = {};
  for (const [field] of ADDRESS_FIELDS) value[field] = form.elements[name + '.' + field].value;
  return value;
}

async function saveBilling(event) {
  event.preventDefault();
  const form = $('#billing-form');
  clearProblems(form);
  try {
    await api('PUT', '/api/companies/' + chosenCompany('billing') + '/billing-details', {
      billingEmail: form.elements.billingEmail.value, vatNumber: form.elements.vatNumber.value,
      billingAddress: address(form, 'billingAddress'), shippingAddress: address(form, 'shippingAddress') });
    await loadAccount('billing');
    say('Billing details saved.');
  } catch (error) {
    showError(error, form);
  }
}

// Payment methods.

async function loadMethods() {
  const company = chosenCompany('methods');
  const methods = await api('GET', '/api/companies/' + company + '/payment-methods');
  const body = $('#methods tbody');
  body.replaceChildren(...methods.map(method => el('tr', { 'data-method': method.id },
    el('td', {}, method.display), el('td', {}, method.addedAt),
    el('td', {}, method.isDefault ? el('span', { class: 'default' }, 'Default') : ''),
    el('td', {}, method.isDefault ? '' : el('button', { type: 'button', 'data-action': 'make-default',
      onclick: () => methodAction('POST', '/api/companies/' + company + '/payment-methods/' + method.id + '/default',
        'Default payment method changed.') }, 'Make default'),
    el('button', { type: 'button', class: 'danger', 'data-action': 'remove', onclick: () => methodAction('DELETE',
      '/api/companies/' + company + '/payment-methods/' + method.id, 'Payment method removed.') }, 'Remove')))));
  if (methods.length === 0) body.append(el('tr', {}, el('td', { colspan: 4 }, 'No payment methods yet.')));
}

async function methodAction(method, path, message) {
  try {
    await api(method, path, method === 'POST' ? {} : undefined);
    await loadMethods();
    say(message);
  } catch (error) {
    showError(error);
  }
}

async function startSetup(kind) {
  try {
    const company = chosenCompany('methods');
    state.setup = await api('POST', '/api/companies/' + company + '/payment-methods/setups', { kind });
    state.setup.company = company;
    $('#setup-subject').textContent = {
      CARD: 'Enter the card at the provider (simulated: any card is accepted).',
      SEPA_VIA_IDEAL: 'Pay once through iDEAL at your bank to give the SEPA mandate (simulated).',
      SEPA_DEBIT: 'Give the IBAN and accept the SEPA mandate (simulated).' }[kind];
    $('#setup-panel').hidden = false;
    say('');
  } catch (error) {
    showError(error);
  }
}

async function completeSetup() {
  try {
    const company = state.setup.company;
    const method = await api('POST', '/api/companies/' + company + '/payment-methods/setups/' + state.setup.setupId
      + '/complete', {});
    $('#setup-panel').hidden = true;
    await loadMethods();
    say(method.display ? 'Added ' + method.display + '.' : method.message);
  } catch (error) {
    showError(error);
  }
}

// Billing history.

async function loadHistory(cursor) {
  const company = chosenCompany('history');
  const query = cursor ? '?cursor=' + encodeURIComponent(cursor) : '';
  const page = await api('GET', '/api/companies/' + company + '/history' + query);
  state.history.next = page.nextCursor;
  $('#history-next').disabled = !page.nextCursor;
  const name = state.portal.companies.find(each => each.id === company);
  $('#balances').textContent = 'Credit balance of ' + (name ? name.name : 'the company') + ': '
    + (page.balances.length ? page.balances.join(', ') : 'none');
  const body = $('#history tbody');
  body.replaceChildren(...page.entries.map(entry => {
    const kind = entry.kind === 'invoice' ? 'invoices' : 'credit-notes';
    const documents = el('td', {}, ...page.documentFormats.filter(format => format === 'PDF' || format === 'HTML')
      .map(format => el('a', { href: '/api/' + kind + '/' + entry.id + '/document?format=' + format,
        download: true, 'data-format': format }, format)));
    const details = entry.kind === 'invoice'
      ? (entry.payments.length ? entry.payments.map(p => p.status).join(', ') : 'no payment yet')
        + (entry.state === 'OPEN' || entry.state === 'UNCOLLECTIBLE' ? ' · due ' + entry.amountDue : '')
      : 'Credit note on ' + entry.invoiceNumber + ': ' + entry.reason + ' (' + entry.destination + ')';
    return el('tr', { 'data-entry': entry.kind, 'data-number': entry.number }, el('td', {}, entry.number),
      el('td', {}, entry.companyName), el('td', {}, entry.issuedAt),
      el('td', {}, entry.kind === 'invoice' ? entry.total : '−' + entry.total),
      el('td', {}, entry.state || 'credit note'), el('td', {}, details), documents);
  }));
}

document.addEventListener('DOMContentLoaded', start);
