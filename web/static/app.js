// framescope: optional enhancements. Every page works without this file.
// Links marked data-nav (filters, sort, pages) load the next page state in
// place and keep it in the address bar; selects and dates in a query form
// submit it on change.
(function () {
  "use strict";
  function swap(url, push) {
    var main = document.getElementById("main");
    main.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
      .then(function (res) {
        var doc = new DOMParser().parseFromString(res.text, "text/html");
        var next = doc.getElementById("main");
        if (!next) { window.location.href = url; return; }
        main.innerHTML = next.innerHTML;
        document.title = doc.title;
        if (push) { history.pushState({ fs: true }, "", url); }
        main.removeAttribute("aria-busy");
        main.focus({ preventScroll: true });
      })
      .catch(function () { window.location.href = url; });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[data-nav]") : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) { return; }
    e.preventDefault();
    swap(a.getAttribute("href"), true);
  });
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.form && t.form.classList.contains("query") && (t.tagName === "SELECT" || t.type === "date")) {
      t.form.requestSubmit ? t.form.requestSubmit() : t.form.submit();
    }
  });
  window.addEventListener("popstate", function () { swap(window.location.href, false); });
})();
