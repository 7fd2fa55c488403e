/*
 * Starts a page load's first API reads while the app's code downloads, instead of after it has run:
 * the session, and on the Overview its report for the address's scope. The app claims each answer once
 * (src/web/api/early.ts); an unclaimed one is simply never read.
 */
(function () {
  var early = (window.__accordEarly = {});
  function get(url) {
    var answer = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    answer.catch(function () {});
    early[url] = answer;
  }
  get('/api/v1/auth/session');
  var where = window.location;
  if (where.pathname === '/partnerships/overview') get('/api/v1/partnerships/overview' + where.search);
})();
