// Forms that write through the API: the API's problem document is shown next to the fields it names.
import { ApiError } from './api.js';
import { t } from './i18n.js';
import { el, date } from './dom.js';

/** The form's values by input name; checkboxes as booleans, empty text as undefined. */
export function values(form) {
  const result = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === 'checkbox') result[input.name] = input.checked;
    else result[input.name] = input.value.trim() === '' ? undefined : input.value.trim();
  }
  return result;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error, .form-ok').forEach(node => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach(node => node.removeAttribute('aria-invalid'));
}

function inputFor(form, field) {
  const candidates = [field, field.replace(/\[\d+\]/g, ''), field.split('.').pop()];
  for (const name of candidates) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) return input;
  }
  return null;
}

function fieldError(form, field, message) {
  const input = inputFor(form, field);
  const note = el('div', { class: 'field-error', role: 'alert', dataset: { errorFor: field }, text: message });
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    (input.closest('.field') || input.parentElement).append(note);
    return true;
  }
  return false;
}

/** Shows an error from the API (or any other) on the form: fields it names, else one line for the form. */
export function showError(form, error) {
  clearErrors(form);
  const problem = error instanceof ApiError ? error.problem : {};
  let placed = false;
  for (const item of problem.errors || []) {
    placed = fieldError(form, item.field, item.message) || placed;
  }
  if (problem.sku !== undefined && problem.available !== undefined) {
    const incoming = problem.incoming > 0;
    const key = incoming ? (problem.expectedOn ? 'error.stockIncomingOn' : 'error.stockIncoming') : 'error.stock';
    placed = fieldError(form, 'quantity', t(key, { sku: problem.sku, available: problem.available,
      incoming: problem.incoming, date: date(problem.expectedOn) })) || placed;
  }
  if (!placed) {
    const text = error instanceof ApiError ? (problem.detail || problem.title || t('error.generic')) : t('error.generic');
    form.append(el('div', { class: 'form-error', role: 'alert', text }));
  }
}

export function showOk(form, message) {
  clearErrors(form);
  form.append(el('div', { class: 'form-ok', role: 'status', text: message }));
}

/** Calls action(values, form) on submit; errors go next to the fields. */
export function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit], button:not([type])');
    if (button) button.disabled = true;
    try {
      await action(values(form), form);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(error);
      showError(form, error);
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

/** A labelled input wrapped so its error can sit under it. */
export function field(labelKey, input) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id, text: t(labelKey) }), input);
}
