// Reading aids: tables that say when they scroll sideways, and the execution report's filter.
// Runs on every page Material shows (document$ also fires on instant navigation); nothing is fetched.
(function () {
  "use strict";

  // A table wider than the column gets a hint above it and a shadow on the side that has more to show.
  function markScrollingTables(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.parentElement.classList.contains("reader-scroll")) return;
      var outer = document.createElement("div");
      outer.className = "reader-scroll";
      wrap.parentNode.insertBefore(outer, wrap);
      var hint = document.createElement("p");
      hint.className = "reader-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = "Scroll sideways for more columns \u2192";
      outer.appendChild(hint);
      outer.appendChild(wrap);
      function update() {
        var more = wrap.scrollWidth - wrap.clientWidth > 1;
        outer.classList.toggle("reader-overflows", more);
        outer.classList.toggle("reader-at-start", wrap.scrollLeft <= 1);
        outer.classList.toggle("reader-at-end", !more || wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1);
      }
      wrap.addEventListener("scroll", update, { passive: true });
      if (typeof ResizeObserver !== "undefined") new ResizeObserver(update).observe(wrap);
      update();
    });
  }

  // The execution report: typing in the box keeps the rows whose text contains every word typed.
  function wireReportFilter(root) {
    root.querySelectorAll(".report-filter input").forEach(function (input) {
      if (input.dataset.wired) return;
      input.dataset.wired = "1";
      var form = input.closest(".report-filter");
      var table = form.parentElement.querySelector(".report-table table");
      var count = form.querySelector("output");
      if (!table) return;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      function apply() {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        rows.forEach(function (row) {
          var text = row.textContent.toLowerCase();
          var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
          row.hidden = !keep;
          if (keep) shown += 1;
        });
        if (count) count.textContent = shown + " of " + rows.length + " examples";
      }
      input.addEventListener("input", apply);
      form.querySelectorAll("button[data-filter]").forEach(function (button) {
        button.addEventListener("click", function () {
          input.value = button.dataset.filter;
          apply();
          input.focus();
        });
      });
      apply();
    });
  }

  function setUp() {
    markScrollingTables(document);
    wireReportFilter(document);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(function () { window.setTimeout(setUp, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
