/* smlint report: show only the findings whose severity, team and pack are ticked, that belong to
   the file or rule picked in the tables (if one is), and that contain every word searched for.
   Reads the page's own data-* attributes and text; writes only hidden flags and counts. */
(function () {
  "use strict";
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  var boxes = all("input[data-filter]");
  var picks = all("button.pick");
  var findings = all("article.finding").map(function (el) {
    return { el: el, text: (el.dataset.path + "\n" + el.textContent).toLowerCase() };
  });
  var files = all("section.file");
  var search = document.getElementById("search");
  var shownCount = document.getElementById("shown");
  var picked = document.getElementById("picked");
  var pickedWhat = document.getElementById("picked-what");
  var noMatch = document.getElementById("no-match");
  var pick = null;  // {dimension: "path" or "rule", value: ...} while a table row is picked

  function ticked(dimension) {
    var values = new Set();
    boxes.forEach(function (box) {
      if (box.dataset.filter === dimension && box.checked) { values.add(box.value); }
    });
    return values;
  }

  function matchesPick(el) {
    if (pick === null) { return true; }
    return pick.dimension === "path" ? el.dataset.path === pick.value : el.dataset.ruleKey === pick.value;
  }

  function apply() {
    var severity = ticked("severity"), team = ticked("team"), pack = ticked("pack"), shown = 0;
    var words = search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    findings.forEach(function (item) {
      var el = item.el;
      var visible = severity.has(el.dataset.severity) && team.has(el.dataset.team) &&
        pack.has(el.dataset.pack) && matchesPick(el) &&
        words.every(function (w) { return item.text.indexOf(w) !== -1; });
      el.hidden = !visible;
      if (visible) { shown += 1; }
    });
    files.forEach(function (section) {
      section.hidden = section.querySelector("article.finding:not([hidden])") === null;
    });
    if (shownCount) { shownCount.textContent = String(shown); }
    if (noMatch) { noMatch.hidden = shown !== 0; }
  }

  function setPick(next) {
    pick = next;
    picks.forEach(function (b) {
      var on = next !== null && b.dataset.pick === next.dimension && b.dataset.value === next.value;
      b.setAttribute("aria-pressed", String(on));
    });
    if (picked) {
      picked.hidden = next === null;
      pickedWhat.textContent = next === null ? "" : (next.dimension === "path" ? "file " : "rule ") + next.value;
    }
    apply();
  }

  function choose(button) {
    var same = pick !== null && pick.dimension === button.dataset.pick && pick.value === button.dataset.value;
    setPick(same ? null : { dimension: button.dataset.pick, value: button.dataset.value });
  }

  function openRule(hash) {  // a link to a rule's explanation opens it
    var target = hash && hash.length > 1 ? document.getElementById(hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  picks.forEach(function (b) { b.addEventListener("click", function () { choose(b); }); });
  var unpick = document.getElementById("unpick");
  if (unpick) { unpick.addEventListener("click", function () { setPick(null); }); }
  if (search) { search.addEventListener("input", apply); }
  all('a[href^="#rule-"]').forEach(function (a) {
    a.addEventListener("click", function () { openRule(a.getAttribute("href")); });
  });
  window.addEventListener("hashchange", function () { openRule(window.location.hash); });
  openRule(window.location.hash);
  apply();
}());
