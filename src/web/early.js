/*
 * Starts a page load's first work while the app's code downloads, instead of after it has run: asks for
 * the session and, on the Overview, its report for the address's scope (the app claims each answer once,
 * src/web/api/early.ts; an unclaimed one is never read), and fetches the files the page's own code needs
 * (filled in at build time by scripts/viteEarly.ts).
 */
(function () {
  var PRELOADS = /* PRELOADS */ {};
  var early = (window.__accordEarly = {});
  function get(url) {
    var answer = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    answer.catch(function () {});
    early[url] = answer;
  }
  var where = window.location;
  get('/api/v1/auth/session');
  if (where.pathname === '/partnerships/overview') get('/api/v1/partnerships/overview' + where.search);
  (PRELOADS[where.pathname] || []).forEach(function (href) {
    var link = document.createElement('link');
    if (/\.css$/.test(href)) {
      link.rel = 'preload';
      link.as = 'style';
    } else {
      link.rel = 'modulepreload';
      link.crossOrigin = '';
    }
    link.href = href;
    document.head.appendChild(link);
  });
})();
