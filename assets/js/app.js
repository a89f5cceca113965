// Progressive enhancement only: every journey works without this file.
import { initAll } from './govuk-frontend.min.js';

initAll();

/**
 * A form marked `data-autosave` sends a draft to that address a moment after the person stops typing or choosing,
 * so a closed tab or a lost connection loses nothing. The form and its buttons work just the same without this.
 * The status line changes only when the minute or the outcome does, so a screen reader is not interrupted often.
 */
function autosave(form) {
  const status = form.querySelector('[data-autosave-status]');
  let timer;
  let sending = false;
  let again = false;
  const say = (text) => {
    if (status !== null && status.textContent !== text) status.textContent = text;
  };
  async function send() {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        redirect: 'manual',
      });
      const time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
      say(response.status === 204 ? form.dataset.autosaveSaved.replace('{time}', time) : form.dataset.autosaveFailed);
    } catch {
      say(form.dataset.autosaveFailed);
    } finally {
      sending = false;
      if (again) {
        again = false;
        void send();
      }
    }
  }
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(send, 1500);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', () => clearTimeout(timer));
}

document.querySelectorAll('form[data-autosave]').forEach(autosave);
