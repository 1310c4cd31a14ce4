(function () {
  "use strict";
  // The outline as a WAI-ARIA tree (roving tabindex, arrows, Home/End, *, type-ahead), the essay
  // beside it, deep links (#claim-id, #argument-id) and the overview's views.
  var doc = document;
  function byId(id) { return doc.getElementById(id); }
  function each(list, fn) { for (var i = 0; i < list.length; i++) { fn(list[i], i); } }

  var tree = byId("am_tree");
  if (!tree) { return; }
  var dataBlock = byId("am_data");
  var data = dataBlock ? JSON.parse(dataBlock.textContent) : { claims: {}, arguments: {}, views: [] };
  var reading = byId("am_reading"), outlinePane = byId("am_outline"), essayPane = byId("am_essay");
  var current = null;

  function isNode(id) { return !!id && (data.claims.hasOwnProperty(id) || data.arguments.hasOwnProperty(id)); }
  // an item shown in full has the id t--ID; a reference to a claim says which in data-ref
  function idOf(item) { return item.id ? item.id.slice(3) : item.getAttribute("data-ref"); }

  // --- the tree -----------------------------------------------------------------------------------
  // <li role="none"><div role="treeitem">row</div><ul role="group">children</ul></li>
  function groupOf(item) {
    var next = item.nextElementSibling;
    return next && next.getAttribute("role") === "group" ? next : null;
  }
  function parentItem(item) {
    var group = item.parentNode.parentNode;
    return group && group.getAttribute("role") === "group" ? group.previousElementSibling : null;
  }
  function itemsIn(list) {
    var found = [];
    each(list.children, function (li) {
      var item = li.firstElementChild;
      if (item && item.getAttribute("role") === "treeitem") { found.push(item); }
    });
    return found;
  }
  function expandable(item) { return item.hasAttribute("aria-expanded"); }
  function isOpen(item) { return item.getAttribute("aria-expanded") === "true"; }
  function setOpen(item, open) { if (expandable(item)) { item.setAttribute("aria-expanded", open ? "true" : "false"); } }

  function visibleItems() {
    var found = [];
    function walk(list) {
      itemsIn(list).forEach(function (item) {
        found.push(item);
        var group = groupOf(item);
        if (group && isOpen(item)) { walk(group); }
      });
    }
    walk(tree);
    return found;
  }

  function reveal(item) {
    for (var p = parentItem(item); p; p = parentItem(p)) { setOpen(p, true); }
  }

  // scroll a pane (not the page) so that element shows in the part of the pane on screen
  function keepInView(pane, element, center) {
    if (!pane || !element) { return; }
    var box = element.getBoundingClientRect(), pane_ = pane.getBoundingClientRect();
    var top = Math.max(pane_.top, 0), bottom = Math.min(pane_.bottom, window.innerHeight);
    if (bottom - top < 40) { top = pane_.top; bottom = pane_.bottom; }
    if (center) {
      pane.scrollTop += box.top - top - Math.max(0, (bottom - top - box.height) / 2);
    } else if (box.top < top) {
      pane.scrollTop += box.top - top - 8;
    } else if (box.bottom > bottom) {
      pane.scrollTop += Math.min(box.bottom - bottom + 8, box.top - top - 8);
    }
  }

  // Focus moves the selection with it (a single-select tree), so the essay follows the keys.
  function focusItem(item, how) {
    how = how || {};
    if (!item) { return; }
    each(tree.querySelectorAll('[role="treeitem"][tabindex="0"]'), function (other) {
      if (other !== item) { other.setAttribute("tabindex", "-1"); }
    });
    item.setAttribute("tabindex", "0");
    select(item, how);
    if (how.focus !== false) { item.focus({ preventScroll: true }); }
    keepInView(outlinePane, item, how.center);
  }

  function select(item, how) {
    if (current && current !== item) { current.setAttribute("aria-selected", "false"); }
    current = item;
    item.setAttribute("aria-selected", "true");
    var id = idOf(item);
    showSelection(item, id);
    showInEssay(id, item.classList.contains("arg"), how.essay !== false);
    showInOverview(id);
    if (id && how.url !== false && window.history && history.replaceState) {
      history.replaceState(null, "", "#" + encodeURIComponent(id));
    }
  }

  function fullItem(item) {
    var ref = item.getAttribute("data-ref");
    return ref ? byId("t--" + ref) || item : item;
  }

  function itemFor(id) { return isNode(id) ? byId("t--" + id) : null; }

  function openItem(id, how) {
    var item = itemFor(id);
    if (!item) { return null; }
    reveal(item);
    focusItem(item, how);
    return item;
  }

  function toggle(item) {
    if (!expandable(item)) { return; }
    setOpen(item, !isOpen(item));
  }

  var typed = "", typedAt = 0;
  function typeAhead(key) {
    var now = Date.now();
    typed = now - typedAt > 700 ? key : typed + key;
    typedAt = now;
    var list = visibleItems(), start = list.indexOf(current);
    var same = typed.split("").every(function (c) { return c === typed[0]; });
    var wanted = same ? typed[0] : typed;
    var first = same || typed.length === 1 ? start + 1 : start;
    for (var k = 0; k < list.length; k++) {
      var item = list[(first + k + list.length) % list.length];
      var text = item.querySelector(".t");
      var name = (text ? text.textContent : item.textContent).replace(/^[\s\u201c"]+/, "").toLowerCase();
      if (name.indexOf(wanted) === 0) { focusItem(item); return; }
    }
  }

  tree.addEventListener("keydown", function (e) {
    var item = e.target.closest ? e.target.closest('[role="treeitem"]') : null;
    if (!item || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var list = visibleItems(), at = list.indexOf(item), key = e.key;
    if (key === "ArrowDown") { focusItem(list[Math.min(at + 1, list.length - 1)]); }
    else if (key === "ArrowUp") { focusItem(list[Math.max(at - 1, 0)]); }
    else if (key === "Home") { focusItem(list[0]); }
    else if (key === "End") { focusItem(list[list.length - 1]); }
    else if (key === "ArrowRight") {
      if (expandable(item) && !isOpen(item)) { setOpen(item, true); }
      else if (expandable(item)) { focusItem(itemsIn(groupOf(item))[0]); }
    } else if (key === "ArrowLeft") {
      if (expandable(item) && isOpen(item)) { setOpen(item, false); }
      else if (parentItem(item)) { focusItem(parentItem(item)); }
    } else if (key === "Enter") {
      var full = fullItem(item);
      if (full !== item) { reveal(full); focusItem(full, { center: true }); } else { toggle(item); }
    } else if (key === "*") {
      itemsIn(item.parentNode.parentNode).forEach(function (sibling) { setOpen(sibling, true); });
    } else if (key === " ") {
      focusItem(item);
    } else if (key.length === 1 && /\S/.test(key)) {
      typeAhead(key.toLowerCase());
    } else { return; }
    e.preventDefault();
    e.stopPropagation();
  });

  // focus that comes from outside (Tab, a click on the row's padding) selects as the keys do
  tree.addEventListener("focusin", function (e) {
    var item = e.target.getAttribute && e.target.getAttribute("role") === "treeitem" ? e.target : null;
    if (item && item !== current) { focusItem(item, { focus: false }); }
  });

  tree.addEventListener("click", function (e) {
    var item = e.target.closest('[role="treeitem"]');
    if (!item) { return; }
    var left = item.getBoundingClientRect().left;
    if (e.target === item && e.clientX - left < parseFloat(getComputedStyle(item).paddingLeft)) { toggle(item); }
    var full = fullItem(item);
    if (full !== item && e.target.classList.contains("note")) {  // "(shown in full above)" leads there
      reveal(full);
      focusItem(full, { center: true });
      return;
    }
    focusItem(item);
  });
  tree.addEventListener("dblclick", function (e) {
    var item = e.target.closest('[role="treeitem"]');
    if (!item) { return; }
    var full = fullItem(item);
    if (full !== item) { reveal(full); focusItem(full, { center: true }); } else { toggle(item); }
  });

  function setAll(open) {
    each(tree.querySelectorAll("[aria-expanded]"), function (item) { setOpen(item, open); });
    if (!open && current) {
      var top = current;
      for (var p = parentItem(current); p; p = parentItem(p)) { top = p; }
      focusItem(top, { focus: doc.activeElement === current });
    }
  }
  var expandAll = byId("am_expand_all"), collapseAll = byId("am_collapse_all");
  if (expandAll) { expandAll.addEventListener("click", function () { setAll(true); }); }
  if (collapseAll) { collapseAll.addEventListener("click", function () { setAll(false); }); }

  // --- what is selected: its card, the what-if, the full diagram -------------------------------------
  var bar = byId("am_selection"), barWhat = byId("am_sel_what"), barCard = byId("am_sel_card");
  var barReject = byId("am_sel_reject"), barShow = byId("am_sel_show");

  function showSelection(item, id) {
    if (!bar) { return; }
    bar.hidden = !id;
    if (!id) { return; }
    var text = item.querySelector(".t");
    var what = item.classList.contains("arg") ? item.querySelector(".kind").textContent + ": " : "";
    barWhat.textContent = "Selected: " + what + (text ? text.textContent : id);
    barCard.setAttribute("href", "#card--" + id);
    var reject = doc.querySelector('#card--' + id + ' button[data-reject]');
    barReject.hidden = !reject;
    barReject.setAttribute("aria-pressed", reject ? reject.getAttribute("aria-pressed") : "false");
    if (barShow) { barShow.hidden = !(window.argmap && window.argmap.highlight); }
  }
  if (barReject) {
    barReject.addEventListener("click", function () {
      var id = current && idOf(current);
      var reject = id && doc.querySelector('#card--' + id + ' button[data-reject]');
      if (reject) { reject.click(); barReject.setAttribute("aria-pressed", reject.getAttribute("aria-pressed")); }
    });
  }
  if (barShow) {
    barShow.addEventListener("click", function () {
      var id = current && idOf(current);
      if (id && window.argmap && window.argmap.highlight) { window.argmap.highlight(id); }
    });
  }

  // --- the essay beside the outline -----------------------------------------------------------------
  var toggleEssay = byId("am_essay_toggle");
  function setEssay(on) {
    if (!essayPane) { return; }
    reading.classList.toggle("no-essay", !on);
    if (toggleEssay) { toggleEssay.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  function essayShown() { return essayPane && !reading.classList.contains("no-essay"); }
  if (toggleEssay) {
    toggleEssay.addEventListener("click", function () {
      setEssay(!essayShown());
      if (essayShown() && current) { showInEssay(idOf(current), current.classList.contains("arg"), true); }
    });
    if (window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) { setEssay(false); }
  }

  function showInEssay(id, isArgument, scroll) {
    if (!essayPane) { return; }
    each(essayPane.querySelectorAll(".hl, .hl-inf"), function (a) { a.classList.remove("hl", "hl-inf"); });
    if (!id) { return; }
    var passages = essayPane.querySelectorAll(isArgument ? '[data-arguments~="' + id + '"]' : 'a.q[data-claims~="' + id + '"]');
    each(passages, function (a) { a.classList.add(isArgument ? "hl-inf" : "hl"); });
    if (scroll && passages.length && essayShown()) { keepInView(essayPane, passages[0], true); }
  }

  // A passage selects its claim (again: the next claim that quotes it) or the argument it draws.
  if (essayPane) {
    essayPane.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a.q, a.inf") : null;
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) { return; }
      var ids = (a.getAttribute("data-claims") || "").split(" ").concat((a.getAttribute("data-arguments") || "").split(" "));
      ids = ids.filter(function (x) { return x && itemFor(x); });
      if (!ids.length) { return; }
      e.preventDefault();
      var at = current ? ids.indexOf(idOf(current)) : -1;
      var item = openItem(ids[(at + 1) % ids.length], { focus: false, essay: false, center: true });
      if (item) { showInEssay(idOf(item), item.classList.contains("arg"), false); }
      if (ids.length > 1 && barWhat) { barWhat.textContent += " (" + ((at + 1) % ids.length + 1) + " of " + ids.length + " quoting these words: select them again for the next)"; }
    });
  }

  // --- deep links: #claim-id and #argument-id open the outline there ---------------------------------
  function fromHash(atLoad) {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (err) { return; }
    if (isNode(id) && itemFor(id)) {
      openItem(id, { center: true, url: false });
      if (atLoad) { reading.scrollIntoView({ block: "start", behavior: "instant" }); }
      return;
    }
    var words = /^(q|i)--(.+)--\d+$/.exec(id);
    if (words && essayPane) {
      if (!essayShown()) { setEssay(true); }
      var target = byId(id);
      openItem(words[2], { focus: false, essay: false, url: false, center: true });
      showInEssay(words[2], words[1] === "i", false);
      if (target) { target.scrollIntoView({ block: "center", behavior: "instant" }); }
    }
  }
  window.addEventListener("hashchange", function () { fromHash(false); });

  // --- the overview: one view shown, folded boxes open the others ------------------------------------
  var views = doc.querySelectorAll(".ov-view"), viewInfo = data.views || [], viewAt = {}, shown = 0;
  var path = byId("am_ov_path");
  each(viewInfo, function (v, i) { viewAt[v.key] = i; });

  function nodeKey(g) { var id = g.id || ""; return id.slice(id.indexOf("--") + 2); }
  function short(text) { return text.length > 48 ? text.slice(0, 46).replace(/\s+\S*$/, "") + "\u2026" : text; }

  function fitView(i) {
    var box = views[i], svg = box && box.querySelector("svg");
    if (!svg || box.hidden) { return; }
    var vb = (svg.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
    var room = Math.max(320, window.innerHeight * 0.8), width = box.clientWidth || 800;
    var scale = Math.max(0.65, Math.min(1, width / vb[2], room / vb[3]));
    svg.setAttribute("width", Math.round(vb[2] * scale));
    svg.setAttribute("height", Math.round(vb[3] * scale));
  }

  function drawPath(i) {
    if (!path) { return; }
    var chain = [];
    for (var k = i; k !== undefined; k = viewInfo[k].parent === null ? undefined : viewAt[viewInfo[k].parent]) {
      chain.unshift(k);
      if (chain.length > viewInfo.length) { break; }
    }
    path.textContent = "";
    var list = doc.createElement("ol");
    chain.forEach(function (k, n) {
      var li = doc.createElement("li"), title = views[k].getAttribute("aria-label");
      if (n === chain.length - 1) {
        var here = doc.createElement("span");
        here.textContent = short(title);
        here.setAttribute("aria-current", "location");
        li.appendChild(here);
      } else {
        var back = doc.createElement("button");
        back.type = "button";
        back.textContent = short(title);
        back.title = title;
        back.addEventListener("click", function () { showView(k); });
        li.appendChild(back);
      }
      list.appendChild(li);
    });
    path.appendChild(list);
  }

  function showView(i, mark) {
    if (!views[i]) { return; }
    each(views, function (v, k) { v.hidden = k !== i; });
    shown = i;
    fitView(i);
    drawPath(i);
    markOverview(mark || (current && idOf(current)));
  }

  function markOverview(id) {
    each(doc.querySelectorAll(".ov-view g.node.sel"), function (g) { g.classList.remove("sel"); });
    if (!id || !views[shown]) { return; }
    var g = byId("ov" + shown + "--" + id);
    if (g) { g.classList.add("sel"); }
  }
  function showInOverview(id) { markOverview(id); }

  function activate(g) {
    var key = nodeKey(g), info = viewInfo[shown] || { opens: {} };
    var opens = info.opens[key];
    if (opens !== undefined && viewAt[opens] !== undefined) {
      showView(viewAt[opens], key);
      var first = byId("ov" + viewAt[opens] + "--" + key) || views[viewAt[opens]].querySelector("g.node[tabindex]");
      if (first) { first.focus({ preventScroll: true }); }
    }
    if (isNode(key)) { openItem(key, { focus: false, center: true }); markOverview(key); }
  }

  each(views, function (box) {
    each(box.querySelectorAll("g.node"), function (g) {
      var words = [];
      each(g.querySelectorAll("text"), function (t) { words.push(t.textContent); });
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", words.join(" ").replace(/\s+/g, " ").trim() || nodeKey(g));
    });
    box.addEventListener("click", function (e) {
      var g = e.target.closest ? e.target.closest("g.node") : null;
      if (g) { activate(g); }
    });
    box.addEventListener("keydown", function (e) {
      var g = e.target.closest ? e.target.closest("g.node") : null;
      if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(g); }
      else if (e.key === "Escape" && viewInfo[shown] && viewInfo[shown].parent !== null) {
        e.preventDefault();
        showView(viewAt[viewInfo[shown].parent]);
      }
    });
  });

  // the what-if's statuses, in the outline and on the overview's boxes too
  doc.addEventListener("argmap:status", function (e) {
    var labels = e.detail.labels, base = e.detail.base;
    each(tree.querySelectorAll('[role="treeitem"]'), function (item) {
      var id = idOf(item);
      if (!id || !labels.hasOwnProperty(id)) { return; }
      var badge = item.querySelector(".badge.status"), reason = item.querySelector(".rs");
      if (badge) { badge.textContent = labels[id]; badge.className = "badge status " + labels[id]; }
      if (reason) { reason.hidden = labels[id] !== base[id]; }
      item.classList.toggle("changed", labels[id] !== base[id]);
    });
    each(doc.querySelectorAll(".ov-view g.node"), function (g) {
      var key = nodeKey(g);
      if (!labels.hasOwnProperty(key)) { return; }
      g.classList.remove("st-in", "st-out", "st-undecided");
      g.classList.add("st-" + labels[key]);
      g.classList.toggle("changed", labels[key] !== base[key]);
    });
    if (current && barReject && idOf(current)) {
      var reject = doc.querySelector('#card--' + idOf(current) + ' button[data-reject]');
      if (reject) { barReject.setAttribute("aria-pressed", reject.getAttribute("aria-pressed")); }
    }
  });

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { fitView(shown); }, 100);
  });

  // the levels of the rows (their groups are their siblings, so the browser cannot count them)
  (function levels(list, level) {
    var items = itemsIn(list);
    items.forEach(function (item, i) {
      item.setAttribute("aria-level", level);
      item.setAttribute("aria-posinset", i + 1);
      item.setAttribute("aria-setsize", items.length);
      item.setAttribute("tabindex", "-1");
      item.setAttribute("aria-selected", "false");
      if (groupOf(item)) { levels(groupOf(item), level + 1); }
    });
  }(tree, 1));
  if (itemsIn(tree).length) { itemsIn(tree)[0].setAttribute("tabindex", "0"); }
  if (views.length) { showView(0); }
  // the browser scrolls to (and focuses) the diagram's node of that id as the page loads: after
  // that, the outline takes over
  var smooth = isNode(window.location.hash.slice(1));
  if (smooth) { doc.documentElement.style.scrollBehavior = "auto"; }
  fromHash(true);
  window.addEventListener("load", function () {
    setTimeout(function () {
      fromHash(true);
      if (smooth) { doc.documentElement.style.scrollBehavior = ""; }
      doc.body.setAttribute("data-reading-ready", "1");
    }, 0);
  });
}());
