/* smlint report filters: show only findings whose severity, owner and pack are all ticked. */
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var shownCount = document.getElementById("shown");

  function ticked(dimension) {
    var values = new Set();
    boxes.forEach(function (box) {
      if (box.dataset.filter === dimension && box.checked) { values.add(box.value); }
    });
    return values;
  }

  function apply() {
    var severity = ticked("severity"), owner = ticked("owner"), pack = ticked("pack"), shown = 0;
    findings.forEach(function (el) {
      var visible = severity.has(el.dataset.severity) && owner.has(el.dataset.owner) && pack.has(el.dataset.pack);
      el.hidden = !visible;
      if (visible) { shown += 1; }
    });
    files.forEach(function (section) {
      section.hidden = section.querySelector("article.finding:not([hidden])") === null;
    });
    if (shownCount) { shownCount.textContent = String(shown); }
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
}());
