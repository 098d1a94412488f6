// zxextract review: shows a record's fields when its number or its entry in the
// side list is clicked. Record fields come from the page's JSON and are only
// ever put in as text (textContent), never as HTML.
(function () {
  "use strict";
  var source = document.getElementById("records");
  if (!source) return;
  var records = JSON.parse(source.textContent);
  var details = document.getElementById("details");
  var fields = document.getElementById("details-fields");
  var FIELDS = ["number", "metric", "value", "body", "body_code", "level", "year", "period", "scope",
                "status", "rule", "offsets", "evidence", "checks"];

  function marksOf(row) {
    return document.querySelectorAll('mark[data-record="' + row + '"]');
  }

  function show(row, scroll) {
    var record = records[row];
    if (!record) return;
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var marks = marksOf(row);
    marks.forEach(function (mark) { mark.classList.add("active"); });
    var item = document.querySelector('[data-record-item="' + row + '"]');
    if (item) {
      item.classList.add("active");
      item.scrollIntoView({block: "nearest"});
    }
    if (scroll && marks.length) marks[0].scrollIntoView({block: "center"});
    document.getElementById("details-row").textContent = row;
    fields.replaceChildren();
    FIELDS.forEach(function (name) {
      var value = record[name];
      if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
      var term = document.createElement("dt");
      term.textContent = name;
      var text = document.createElement("dd");
      text.textContent = Array.isArray(value) ? value.join("\n") : String(value);
      if (name === "checks") text.className = "check";
      fields.append(term, text);
    });
    details.dataset.record = row;
    details.hidden = false;
  }

  // A click on a number shows its innermost record; a second click on the same
  // place the record around it (two records can share one number).
  function fromMark(target) {
    var chain = [];
    for (var el = target.closest("mark[data-record]"); el; el = el.parentElement.closest("mark[data-record]")) {
      chain.push(el.dataset.record);
    }
    if (!chain.length) return null;
    var at = chain.indexOf(details.dataset.record);
    return at < 0 ? chain[0] : chain[(at + 1) % chain.length];
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-record-link]");
    if (link) {
      event.preventDefault();
      show(link.dataset.recordLink, true);
      history.replaceState(null, "", "#r" + link.dataset.recordLink);
      return;
    }
    var row = fromMark(event.target);
    if (row !== null) show(row, false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("mark[data-record]")) show(event.target.dataset.record, false);
  });
  var hash = /^#r(\d+)$/.exec(location.hash);
  if (hash) show(hash[1], true);
})();
