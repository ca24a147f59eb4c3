// The page to explore: switch the view, filter and order the rows, show a letter's reason.
// It only shows and hides what the page already holds; its data is the JSON island #raci-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("raci-data").textContent);
  var main = document.getElementById("explore");
  var controls = document.getElementById("controls");
  var body = document.querySelector("#matrix tbody");
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("shown-count");
  var reason = document.getElementById("reason");
  var pick = {
    role: document.getElementById("f-role"),
    person: document.getElementById("f-person"),
    area: document.getElementById("f-area"),
    letter: document.getElementById("f-letter"),
    text: document.getElementById("f-text")
  };
  var words = data.rows.map(function (row) {
    return (row.id + " " + row.text).toLowerCase();
  });
  var view = Number(main.getAttribute("data-view"));

  function options(select, entries) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    entries.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry[0];
      option.textContent = entry[1];
      select.appendChild(option);
    });
    select.value = entries.some(function (entry) { return entry[0] === keep; }) ? keep : "";
  }

  function people(roles) {
    var seen = {};
    var found = [];
    roles.forEach(function (role) {
      if (role.person && !seen[role.person]) {
        seen[role.person] = true;
        found.push([role.person, role.person]);
      }
    });
    return found;
  }

  function filter() {
    var started = performance.now();
    var shown = data.views[view];
    var roles = shown.roles;
    var columns = [];
    roles.forEach(function (role, index) {
      if ((!pick.role.value || role.key === pick.role.value) && (!pick.person.value || role.person === pick.person.value)) {
        columns.push(index);
      }
    });
    var byRole = pick.role.value || pick.person.value;
    var letter = pick.letter.value;
    var area = pick.area.value;
    var text = pick.text.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (tr) {
      var i = Number(tr.getAttribute("data-i"));
      var cells = shown.cells[i];
      var keep = (!area || data.rows[i].area === area) && (!text || words[i].indexOf(text) !== -1);
      if (keep && (byRole || letter)) {
        keep = columns.some(function (column) {
          var held = cells[column];
          return letter ? held === letter : held !== "";
        });
      }
      if (tr.hidden === keep) {  // only the rows that change: no work for the others
        tr.hidden = !keep;  // on screen a row left out keeps its boxes, with no height: not read out either
        if (keep) tr.removeAttribute("aria-hidden");
        else tr.setAttribute("aria-hidden", "true");
      }
      if (keep) visible += 1;
    });
    count.textContent = count.getAttribute("data-template").replace("%(shown)s", visible).replace("%(total)s", rows.length);
    main.setAttribute("data-filter-ms", String(performance.now() - started));
  }

  // Switching the size: the rows in view show the new size's letters at once, the others a hundred at a
  // time after, so that a switch costs what the rows in view cost (a browser that styles every row again
  // would take a third of a second over 1,000 rows). Where the view starts is read before anything is written.
  var later = [];
  var pending = null;

  function inView(list) {
    var low = 0;
    var high = list.length;
    while (low < high) {  // the first row whose bottom is below the top of the window
      var middle = (low + high) >> 1;
      if (list[middle].getBoundingClientRect().bottom > 0) high = middle;
      else low = middle + 1;
    }
    var end = low;
    var height = window.innerHeight;
    while (end < list.length && end - low < 200 && list[end].getBoundingClientRect().top < height) end += 1;
    return [low, end];
  }

  function draw(list, index) {
    list.forEach(function (tr) { tr.setAttribute("data-view", String(index)); });
  }

  function drawRest() {
    draw(later.splice(0, 100), view);
    pending = later.length ? setTimeout(drawRest, 0) : null;
  }

  function finish() {
    if (pending !== null) clearTimeout(pending);
    draw(later.splice(0, later.length), view);
    pending = null;
  }

  function switchRows(index) {
    var list = Array.prototype.slice.call(body.rows);  // in the order shown
    var span = inView(list);
    if (pending !== null) clearTimeout(pending);
    draw(list.slice(span[0], span[1]), index);
    later = list.slice(span[1]).concat(list.slice(0, span[0]));
    pending = later.length ? setTimeout(drawRest, 0) : null;
  }

  function show(index) {
    if (index !== view) switchRows(index);
    view = index;
    main.setAttribute("data-view", String(index));
    Array.prototype.forEach.call(document.querySelectorAll("#views button"), function (button) {
      button.setAttribute("aria-pressed", String(Number(button.getAttribute("data-view")) === index));
    });
    var roles = data.views[index].roles;
    options(pick.role, roles.map(function (role) { return [role.key, role.title]; }));
    options(pick.person, people(roles));
    pick.person.parentNode.hidden = pick.person.options.length < 2;
    filter();
  }

  function order(key, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(document.querySelectorAll("#matrix thead th"), function (th) {
      if (th.hasAttribute("aria-sort")) th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = data.rows[Number(a.getAttribute("data-i"))][key];
      var y = data.rows[Number(b.getAttribute("data-i"))][key];
      var by = x.localeCompare(y, undefined, { numeric: true });
      return ascending ? by : -by;
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (tr) { fragment.appendChild(tr); });
    body.appendChild(fragment);
  }

  function explain(cell) {
    var tr = cell.parentNode;
    var i = Number(tr.getAttribute("data-i"));
    var letter = cell.textContent;
    var shown = data.views[view];
    var row = data.rows[i];
    var text = letter + " (" + (data.letters[letter] || letter) + "): " + data.notes[shown.reasons[i]];
    if (row.kind) text += " [" + row.kind + "]";
    reason.textContent = text;
    reason.hidden = false;
    var box = cell.getBoundingClientRect();
    reason.style.left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - reason.offsetWidth - 4)) + "px";
    reason.style.top = window.scrollY + box.bottom + 4 + "px";
  }

  function letterCell(target) {
    var cell = target && target.closest ? target.closest("td.letter") : null;
    return cell && body.contains(cell) ? cell : null;
  }

  document.getElementById("views").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-view]");
    if (button) show(Number(button.getAttribute("data-view")));
  });
  ["role", "person", "area", "letter"].forEach(function (name) {
    pick[name].addEventListener("change", filter);
  });
  pick.text.addEventListener("input", filter);
  controls.addEventListener("submit", function (event) { event.preventDefault(); });
  Array.prototype.forEach.call(document.querySelectorAll("#matrix .sort"), function (button) {
    button.addEventListener("click", function () { order(button.getAttribute("data-sort"), button); });
  });
  body.addEventListener("mouseover", function (event) {
    var cell = letterCell(event.target);
    if (cell) explain(cell);
  });
  body.addEventListener("click", function (event) {
    var cell = letterCell(event.target);
    if (cell) explain(cell);
    else reason.hidden = true;
  });
  body.addEventListener("mouseleave", function () { reason.hidden = true; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") reason.hidden = true;
  });

  window.addEventListener("beforeprint", finish);

  controls.hidden = false;
  show(view);
})();
