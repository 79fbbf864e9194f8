// The what-if page posts the candidate zip to /console/what-if/simulate, the same replay as the API
// POST /v1/rules:simulate, and renders its answer. Plain JavaScript, no library: the browser sends
// the session cookie, and the CSRF token goes in its header.
(function () {
  const form = document.getElementById('what-if-form');
  const status = document.getElementById('what-if-status');
  const result = document.getElementById('what-if-result');
  const text = (id, v) => { document.getElementById(id).textContent = v == null ? '' : String(v); };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = document.getElementById('candidate').files[0];
    if (!file) { status.textContent = 'Choose a zip of the candidate rule directory.'; return; }
    const params = new URLSearchParams();
    for (const name of ['from', 'to', 'limit']) {
      const value = document.getElementById(name).value.trim();
      if (value) params.set(name, value);
    }
    const csrf = document.querySelector('meta[name="_csrf"]');
    const headers = { 'Content-Type': 'application/zip' };
    if (csrf) headers[document.querySelector('meta[name="_csrf_header"]').content] = csrf.content;
    status.textContent = 'Replaying…';
    result.hidden = true;
    let answer;
    try {
      const response = await fetch(form.dataset.endpoint + '?' + params, { method: 'POST', headers, body: file, credentials: 'same-origin' });
      answer = await response.json();
      if (!response.ok) {
        const problems = (answer.problems || answer.errors || []).map(p => (p.file ? p.file + ':' + p.line + ' ' : (p.field ? p.field + ': ' : '')) + p.message);
        status.textContent = 'Refused (' + response.status + '): ' + (answer.detail || '') + ' ' + problems.join('; ');
        return;
      }
    } catch (e) {
      status.textContent = 'The replay failed: ' + e;
      return;
    }
    text('candidate-version', answer.candidateVersion);
    text('active-version', answer.activeVersion);
    text('replayed', answer.replayed);
    text('flipped', answer.flipped);
    const body = document.querySelector('#flips tbody');
    body.replaceChildren();
    for (const f of answer.flips || []) {
      const row = document.createElement('tr');
      for (const v of [f.from, f.to, f.reason, f.rule, f.count]) {
        const cell = document.createElement('td');
        cell.textContent = v == null ? '' : String(v);
        row.appendChild(cell);
      }
      const examples = document.createElement('td');
      for (const id of f.examples || []) {
        const a = document.createElement('a');
        a.href = 'decisions/' + encodeURIComponent(id);
        a.textContent = id;
        examples.appendChild(a);
        examples.appendChild(document.createTextNode(' '));
      }
      row.appendChild(examples);
      body.appendChild(row);
    }
    status.textContent = answer.flipped + ' of ' + answer.replayed + ' decisions would change.';
    result.hidden = false;
  });
})();
