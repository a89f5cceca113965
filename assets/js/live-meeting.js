// Live meeting view: when something changes, fetch this page again and swap in the live part. Progressive
// enhancement only: without JavaScript the page has a "Refresh" link.
const body = document.getElementById('live-body');
const status = document.getElementById('live-status');

if (body !== null && typeof window.EventSource === 'function') {
  const source = new EventSource(body.dataset.events);
  let pending = false;

  const reload = async () => {
    if (pending) return;
    pending = true;
    try {
      const response = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const html = await response.text();
      const next = new DOMParser().parseFromString(html, 'text/html').getElementById('live-body');
      if (next !== null) {
        body.innerHTML = next.innerHTML;
        if (status !== null) status.textContent = status.dataset.updated;
      }
    } finally {
      pending = false;
    }
  };

  source.addEventListener('ready', () => {
    if (status !== null) status.textContent = status.dataset.connected;
  });
  source.addEventListener('change', () => {
    void reload();
  });
  window.addEventListener('pagehide', () => source.close());
}
