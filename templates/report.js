(function () {
  "use strict";
  var doc = document;

  function byId(id) { return doc.getElementById(id); }

  // --- live reload (argmap serve): the server says when it has rebuilt the site ------------------
  var live = doc.body.getAttribute("data-live");
  if (live && window.EventSource) {
    var first = null;
    var source = new EventSource(live);
    source.onmessage = function (e) {
      if (first === null) { first = e.data; } else if (e.data !== first) { window.location.reload(); }
    };
  }

  // --- cards -----------------------------------------------------------------------------------
  function clearFilters() {
    var search = byId("am_search"), tag = byId("am_tag");
    if (search) { search.value = ""; }
    if (tag) { tag.value = ""; }
    applyFilters();
  }

  function goToCard(id) {
    var card = byId("card--" + id);
    if (!card) { return; }
    if (card.hidden) { clearFilters(); }
    var flashed = doc.querySelectorAll(".card.flash");
    for (var i = 0; i < flashed.length; i++) { flashed[i].classList.remove("flash"); }
    card.classList.add("flash");
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
  }

  // --- filters ---------------------------------------------------------------------------------
  function applyFilters() {
    var search = byId("am_search"), tag = byId("am_tag"), count = byId("am_count");
    var words = search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var wanted = tag ? tag.value : "";
    var cards = doc.querySelectorAll(".card"), shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i], text = card.getAttribute("data-search") || "";
      var tags = (card.getAttribute("data-tags") || "").split(" ");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      if (wanted && tags.indexOf(wanted) === -1) { ok = false; }
      card.hidden = !ok;
      if (ok) { shown++; }
    }
    if (count) {
      count.textContent = (words.length || wanted) ? shown + " of " + cards.length + " cards shown" : "";
    }
  }

  var searchBox = byId("am_search"), tagBox = byId("am_tag");
  if (searchBox) { searchBox.addEventListener("input", applyFilters); }
  if (tagBox) { tagBox.addEventListener("change", applyFilters); }

  // --- diagram: pan, zoom, click -------------------------------------------------------------------
  var viewport = byId("am_viewport");
  var svg = viewport ? viewport.querySelector("svg") : null;
  var view = null, full = null;

  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", v.x + " " + v.y + " " + v.w + " " + v.h);
  }

  function svgPoint(clientX, clientY) {
    var m = svg.getScreenCTM();
    if (!m) { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }
    var p = svg.createSVGPoint();
    p.x = clientX; p.y = clientY;
    var q = p.matrixTransform(m.inverse());
    return { x: q.x, y: q.y };
  }

  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = Math.min(full.w * 4, Math.max(full.w / 40, view.w / factor));
    var h = w * view.h / view.w;
    setView({ x: cx - (cx - view.x) * (w / view.w), y: cy - (cy - view.y) * (h / view.h), w: w, h: h });
  }

  function fit() { setView({ x: full.x, y: full.y, w: full.w, h: full.h }); }

  function nodeOf(target) {
    while (target && target !== svg) {
      if (target.classList && target.classList.contains("node") &&
          (target.classList.contains("claim") || target.classList.contains("argument"))) { return target; }
      target = target.parentNode;
    }
    return null;
  }

  function highlight(id) {
    if (!svg) { return; }
    var old = svg.querySelectorAll("g.node.hl");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("hl"); }
    var node = byId(id);
    if (!node || !svg.contains(node)) { return; }
    node.classList.add("hl");
    viewport.scrollIntoView({ block: "center" });
    var box = node.getBoundingClientRect();
    var c = svgPoint(box.left + box.width / 2, box.top + box.height / 2);
    var w = Math.min(view.w, full.w, 900), h = w * view.h / view.w;
    setView({ x: c.x - w / 2, y: c.y - h / 2, w: w, h: h });
  }

  if (svg) {
    var vb = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || vb.some(isNaN)) {
      vb = [0, 0, parseFloat(svg.getAttribute("width")) || 800, parseFloat(svg.getAttribute("height")) || 600];
    }
    full = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    fit();

    var nodes = svg.querySelectorAll("g.node.claim, g.node.argument");
    for (var n = 0; n < nodes.length; n++) {
      var g = nodes[n], label = [];
      var texts = g.querySelectorAll("text");
      for (var t = 0; t < texts.length; t++) { label.push(texts[t].textContent); }
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "link");
      g.setAttribute("aria-label", label.join(" "));
    }

    var drag = null, moved = false;
    viewport.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, view: { x: view.x, y: view.y, w: view.w, h: view.h } };
      moved = false;
    });
    viewport.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      if (!moved) { viewport.setPointerCapture(e.pointerId); }
      moved = true;
      viewport.classList.add("dragging");
      var scale = drag.view.w / viewport.clientWidth;
      setView({ x: drag.view.x - dx * scale, y: drag.view.y - dy * scale, w: drag.view.w, h: drag.view.h });
    });
    function endDrag() { drag = null; viewport.classList.remove("dragging"); }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    viewport.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = svgPoint(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    viewport.addEventListener("click", function (e) {
      if (moved) { moved = false; return; }
      var node = nodeOf(e.target);
      if (node) { goToCard(node.id); }
    });
    viewport.addEventListener("keydown", function (e) {
      var node = nodeOf(e.target);
      if (e.key === "Enter" && node) { e.preventDefault(); goToCard(node.id); return; }
      var step = view.w / 10;
      if (e.key === "+" || e.key === "=") { zoom(1.2); }
      else if (e.key === "-") { zoom(1 / 1.2); }
      else if (e.key === "0") { fit(); }
      else if (e.key === "ArrowLeft") { setView({ x: view.x - step, y: view.y, w: view.w, h: view.h }); }
      else if (e.key === "ArrowRight") { setView({ x: view.x + step, y: view.y, w: view.w, h: view.h }); }
      else if (e.key === "ArrowUp") { setView({ x: view.x, y: view.y - step, w: view.w, h: view.h }); }
      else if (e.key === "ArrowDown") { setView({ x: view.x, y: view.y + step, w: view.w, h: view.h }); }
      else { return; }
      e.preventDefault();
    });
    var zoomButtons = doc.querySelectorAll("[data-zoom]");
    for (var z = 0; z < zoomButtons.length; z++) {
      zoomButtons[z].addEventListener("click", function (e) {
        var kind = e.currentTarget.getAttribute("data-zoom");
        if (kind === "in") { zoom(1.4); } else if (kind === "out") { zoom(1 / 1.4); } else { fit(); }
      });
    }
  }

  // --- what if: grounded labelling recomputed in the page ----------------------------------------
  // The same algorithm as argmap.semantics.grounded: least fixed point with a work list.
  function grounded(data, forced) {
    var attackers = {}, supporters = {}, dependents = {}, label = {}, nodes = [];
    function push(map, key, value) { (map[key] = map[key] || []).push(value); }
    Object.keys(data.claims).forEach(function (c) { nodes.push(c); });
    Object.keys(data.arguments).forEach(function (a) {
      var arg = data.arguments[a];
      nodes.push(a);
      push(arg.kind === "support" ? supporters : attackers, arg.target, a);
      push(dependents, a, arg.target);
      arg.premises.forEach(function (p) { push(dependents, p, a); });
    });
    nodes.forEach(function (n) { label[n] = forced[n] || "undecided"; });
    function get(n) { return label[n] || "undecided"; }
    function evaluate(n) {
      if (forced[n]) { return forced[n]; }
      var against = (attackers[n] || []).map(get);
      if (against.indexOf("in") !== -1) { return "out"; }
      var allOut = against.every(function (x) { return x === "out"; });
      var arg = data.arguments[n];
      if (arg) {
        var premises = arg.premises.map(get);
        if (premises.indexOf("out") !== -1) { return "out"; }
        return allOut && premises.every(function (x) { return x === "in"; }) ? "in" : "undecided";
      }
      var support = (supporters[n] || []).map(get);
      if (support.length && support.every(function (x) { return x === "out"; })) { return "out"; }
      if (allOut && (!support.length || support.indexOf("in") !== -1)) { return "in"; }
      return "undecided";
    }
    var queue = nodes.slice(), queued = {};
    nodes.forEach(function (n) { queued[n] = true; });
    while (queue.length) {
      var n = queue.shift();
      queued[n] = false;
      if (label[n] !== "undecided") { continue; }
      var next = evaluate(n);
      if (next !== "undecided") {
        label[n] = next;
        (dependents[n] || []).forEach(function (d) {
          if (label[d] === "undecided" && !queued[d]) { queue.push(d); queued[d] = true; }
        });
      }
    }
    return label;
  }

  // --- what if: carneades (CAES) recomputed in the page --------------------------------------------
  // The same rules as argmap.semantics.carneades, over the argument graph the report carries.
  function carneades(graph, forced) {
    var label = {}, byConclusion = {}, issueOf = {}, users = {};
    function push(map, key, value) { (map[key] = map[key] || []).push(value); }
    graph.statements.forEach(function (s) { label[s] = "undecided"; });
    Object.keys(graph.arguments).forEach(function (id) {
      var a = graph.arguments[id];
      a.id = id;
      push(byConclusion, a.conclusion, a);
      a.premises.concat(a.undercutter ? [a.undercutter] : []).forEach(function (s) { push(users, s, a); });
    });
    graph.issues.forEach(function (issue) { issue.positions.forEach(function (p) { issueOf[p] = issue; }); });
    function undercut(a) { return a.undercutter ? label[a.undercutter] : "out"; }
    function applicable(a) {
      if (forced[a.id]) { return true; }
      var cut = undercut(a);
      if (cut === "in") { return true; }
      if (cut === "undecided") { return false; }
      return a.premises.every(function (p) { return label[p] !== "undecided"; });
    }
    function weigh(a) {
      var states = a.premises.map(function (p) { return label[p]; });
      var ins = states.filter(function (x) { return x === "in"; }).length, all = ins === states.length;
      if (typeof a.weighing === "number") { return all ? a.weighing : 0; }
      if (a.weighing === "linked") { return all ? 1 : 0; }
      if (a.weighing === "convergent") { return ins ? 1 : 0; }
      if (a.weighing === "cumulative") { return states.length ? ins / states.length : 1; }
      if (states.indexOf("out") !== -1) { return 0; }
      var issue = issueOf[a.conclusion], pool = {};
      (issue ? issue.positions : [a.conclusion]).forEach(function (p) {
        (issue ? (byConclusion[p] || []) : [a]).forEach(function (b) { b.premises.forEach(function (x) { pool[x] = true; }); });
      });
      var n = Object.keys(pool).length;
      return n ? ins / n : 1;
    }
    function weight(a) {
      if (forced[a.id] === "out") { return 0; }
      if (forced[a.id] === "in") { return typeof a.weighing === "number" ? a.weighing : 1; }
      if (undercut(a) === "in" || !applicable(a)) { return 0; }
      return weigh(a);
    }
    function best(s) {
      return (byConclusion[s] || []).reduce(function (m, a) { return Math.max(m, weight(a)); }, 0);
    }
    function greater(std, w1, w2) {
      if (std === "PE") { return w1 > w2; }
      if (std === "CCE") { return w1 > w2 && w1 - w2 > 0.5; }
      return w1 > w2 && w1 - w2 > 0.5 && w2 < 0.3;
    }
    Object.keys(forced).forEach(function (s) { if (s in label) { label[s] = forced[s]; } });
    graph.assumed.forEach(function (s) { if (!forced[s]) { label[s] = "in"; } });
    graph.issues.forEach(function (issue) {
      if (issue.positions.some(function (p) { return label[p] === "in"; })) {
        issue.positions.forEach(function (p) { if (label[p] === "undecided") { label[p] = "out"; } });
      }
    });
    function step(s) {
      if (label[s] !== "undecided" || forced[s]) { return []; }
      var args = byConclusion[s] || [];
      if (args.every(function (a) { return applicable(a) && weight(a) <= 0; })) { label[s] = "out"; return [s]; }
      var issue = issueOf[s];
      if (!issue) {
        if (args.some(function (a) { return applicable(a) && weight(a) > 0; })) { label[s] = "in"; return [s]; }
        return [];
      }
      var ready = issue.positions.every(function (p) {
        return (byConclusion[p] || []).every(function (a) { return undercut(a) === "in" || applicable(a); });
      });
      if (!ready) { return []; }
      var weights = {}, winner = null, changed = [];
      issue.positions.forEach(function (p) { weights[p] = best(p); });
      for (var i = 0; i < issue.positions.length && winner === null; i++) {
        var p = issue.positions[i];
        if (weights[p] > 0 && issue.positions.every(function (q) {
          return q === p || greater(issue.standard, weights[p], weights[q]);
        })) { winner = p; }
      }
      issue.positions.forEach(function (p) {
        if (forced[p]) { return; }
        var next = p === winner ? "in" : "out";
        if (label[p] !== next) { label[p] = next; changed.push(p); }
      });
      return changed;
    }
    var queue = graph.statements.slice(), queued = {};
    queue.forEach(function (s) { queued[s] = true; });
    while (queue.length) {
      var s = queue.shift();
      queued[s] = false;
      step(s).forEach(function (c) {
        (users[c] || []).forEach(function (a) {
          var issue = issueOf[a.conclusion];
          (issue ? issue.positions : [a.conclusion]).forEach(function (n) {
            if (!queued[n] && label[n] === "undecided") { queue.push(n); queued[n] = true; }
          });
        });
      });
    }
    var result = {};
    Object.keys(data.claims).forEach(function (c) { result[c] = label[c]; });
    Object.keys(data.arguments).forEach(function (id) {
      var a = graph.arguments[id];
      if (!a) { result[id] = "undecided"; return; }
      if (forced[id]) { result[id] = forced[id]; return; }
      result[id] = !applicable(a) ? "undecided" : (weight(a) > 0 ? "in" : "out");
    });
    return result;
  }

  function evaluateMap(forced) {
    return data.semantics === "carneades" ? carneades(data.caes, forced) : grounded(data, forced);
  }

  var dataBlock = byId("am_data");
  var data = dataBlock ? JSON.parse(dataBlock.textContent) : null;
  var rejected = {};

  function showStatus() {
    if (!data) { return; }
    var labels = evaluateMap(rejected), base = evaluateMap({}), changed = 0;
    Object.keys(labels).forEach(function (id) {
      var label = labels[id], moved = label !== base[id];
      if (moved) { changed++; }
      var badges = doc.querySelectorAll('[data-status-for="' + id + '"]');
      for (var b = 0; b < badges.length; b++) {
        badges[b].textContent = label;
        badges[b].className = "badge status " + label;
      }
      var reason = doc.querySelector('[data-reason-for="' + id + '"]');
      if (reason) { reason.hidden = moved; }
      var card = byId("card--" + id);
      if (card) { card.classList.toggle("changed", moved); }
      var node = svg ? byId(id) : null;
      if (node && svg.contains(node)) {
        node.classList.remove("st-in", "st-out", "st-undecided");
        node.classList.add("st-" + label);
        node.classList.toggle("changed", moved);
      }
    });
    var names = Object.keys(rejected), state = byId("am_whatif_state"), reset = byId("am_whatif_reset");
    if (state) {
      state.textContent = names.length
        ? "Rejected: " + names.join(", ") + ". " + changed + " claims and arguments change status (outlined)."
        : "Nothing rejected.";
    }
    if (reset) { reset.hidden = !names.length; }
    doc.body.setAttribute("data-status-ready", "1");
  }

  var rejectButtons = doc.querySelectorAll("button[data-reject]");
  for (var r = 0; r < rejectButtons.length; r++) {
    rejectButtons[r].addEventListener("click", function (e) {
      var id = e.currentTarget.getAttribute("data-reject");
      if (rejected[id]) { delete rejected[id]; } else { rejected[id] = "out"; }
      e.currentTarget.setAttribute("aria-pressed", rejected[id] ? "true" : "false");
      showStatus();
    });
  }
  var resetButton = byId("am_whatif_reset");
  if (resetButton) {
    resetButton.addEventListener("click", function () {
      rejected = {};
      for (var i = 0; i < rejectButtons.length; i++) { rejectButtons[i].setAttribute("aria-pressed", "false"); }
      showStatus();
    });
  }
  showStatus();

  var showButtons = doc.querySelectorAll("button[data-show]");
  for (var s = 0; s < showButtons.length; s++) {
    if (!svg) { showButtons[s].hidden = true; continue; }
    showButtons[s].addEventListener("click", function (e) { highlight(e.currentTarget.getAttribute("data-show")); });
  }
}());
