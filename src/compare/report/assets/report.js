/* compare: translator QA report behaviour. Inlined into each report (the page's
   Content-Security-Policy allows this script by its hash and nothing else).
   Filters, search, flag-to-flag keyboard navigation, reviser decisions with
   JSON export/import (kept in localStorage between visits). */
(function () {
  "use strict";
  var dataNode = document.getElementById("report-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var DECISIONS = ["accepted", "false_positive"];

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }
  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  /* ---------------------------------------------------------------- model */
  var flags = data.flags.map(function (f) {
    return { data: f, id: f.id, key: f.key, severity: f.severity, category: f.category, active: true,
             note: document.getElementById("f" + f.id), marks: [] };
  });
  var flagById = {};
  flags.forEach(function (f) { flagById[f.id] = f; });
  function searchable(el) {  // the pair's own text and flag notes, not the machine translation shown with it
    var text = el.textContent;
    $$(".mt", el).forEach(function (m) { text = text.replace(m.textContent, " "); });
    return fold(text);
  }
  var pairs = $$("section.pair").map(function (el) {
    var ids = (el.getAttribute("data-flags") || "").split(" ").filter(Boolean).map(Number);
    return { el: el, index: Number(el.getAttribute("data-pair")), flags: ids.map(function (i) { return flagById[i]; }),
             text: searchable(el), visible: !el.hidden };
  });
  var pairByIndex = {};
  pairs.forEach(function (p) { pairByIndex[p.index] = p; });
  var marks = $$("mark.hl").map(function (el) {
    var ids = (el.getAttribute("data-flags") || "").split(" ").filter(Boolean).map(Number);
    var entry = { el: el, flags: ids.map(function (i) { return flagById[i]; }) };
    entry.flags.forEach(function (f) { if (f) { f.marks.push(el); } });
    return entry;
  });

  /* ---------------------------------------------------------------- decisions */
  var decisions = {};   // key -> {decision, note, check, category, severity, message, src_text, tgt_text}
  Object.keys(data.decisions || {}).forEach(function (k) { decisions[k] = data.decisions[k]; });
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  function loadStored() {
    if (!storage) { return; }
    try {
      var stored = JSON.parse(storage.getItem(data.storage) || "{}");
      changed = stored;
      Object.keys(stored).forEach(function (k) {
        if (stored[k] === null) { delete decisions[k]; }
        else if (stored[k] && DECISIONS.indexOf(stored[k].decision) >= 0) { decisions[k] = stored[k]; }
      });
    } catch (e) { /* unreadable storage: start from the embedded decisions */ }
  }
  var changed = {};     // what this browser changed, null for "cleared"
  function store() {
    if (!storage) { return; }
    try { storage.setItem(data.storage, JSON.stringify(changed)); } catch (e) { /* quota or privacy mode */ }
  }
  function stateOf(key) { return decisions[key] ? decisions[key].decision : "undecided"; }
  function contextOf(flag) {
    var f = flag.data;
    return { check: f.check, category: f.category, severity: f.severity, message: f.message,
             src_text: f.src_text, tgt_text: f.tgt_text };
  }
  function setDecision(flag, value) {
    var key = flag.key;
    if (stateOf(key) === value) {
      delete decisions[key];
      changed[key] = null;
    } else {
      var entry = contextOf(flag);
      entry.decision = value;
      entry.note = decisions[key] ? decisions[key].note || "" : "";
      decisions[key] = entry;
      changed[key] = entry;
    }
    store();
    paintDecisions();
    applyFilters();
    say(value === stateOf(key) ? "Flag marked " + value.replace("_", " ") : "Decision cleared");
  }
  function paintDecisions() {
    flags.forEach(function (f) {
      var state = stateOf(f.key);
      if (!f.note) { return; }
      f.note.classList.toggle("is-accepted", state === "accepted");
      f.note.classList.toggle("is-false_positive", state === "false_positive");
      f.note.setAttribute("data-decision", state);
      $$("button[data-decision]", f.note).forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-decision") === state));
      });
    });
  }
  function exportObject() {
    var list = Object.keys(decisions).sort().map(function (key) {
      var d = decisions[key];
      return { key: key, decision: d.decision, note: d.note || "", check: d.check || "", category: d.category || "",
               severity: d.severity || "", message: d.message || "", src_text: d.src_text || [], tgt_text: d.tgt_text || [] };
    });
    return { schema: "compare.decisions", schema_version: 1, tool: data.tool, exported: new Date().toISOString(),
             source: data.source, target: data.target, decisions: list };
  }
  function exportDecisions() {
    var text = JSON.stringify(exportObject(), null, 2) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = data.export_name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say("Decisions exported as " + data.export_name);
  }
  function importDecisions(text) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { say("Not a decisions file: " + e.message); return; }
    if (!doc || doc.schema !== "compare.decisions" || !Array.isArray(doc.decisions)) {
      say("Not a compare.decisions file"); return;
    }
    var count = 0;
    doc.decisions.forEach(function (d) {
      if (d && typeof d.key === "string" && DECISIONS.indexOf(d.decision) >= 0) {
        decisions[d.key] = d; changed[d.key] = d; count += 1;
      }
    });
    store(); paintDecisions(); applyFilters();
    say(count + " decisions imported");
  }

  /* ---------------------------------------------------------------- filters */
  var search = $("#search");
  var onlyFlagged = $("#only-flagged");
  var pinned = null;
  function checkedValues(name) {
    var set = {};
    $$("input[name=" + name + "]").forEach(function (box) { if (box.checked) { set[box.value] = true; } });
    return set;
  }
  function applyFilters() {
    var started = performance.now();
    var sev = checkedValues("sev"), cat = checkedValues("cat"), dec = checkedValues("dec");
    var query = fold(search.value).trim();
    var activeCount = 0;
    flags.forEach(function (f) {
      f.active = !!(sev[f.severity] && cat[f.category] && dec[stateOf(f.key)]);
      if (f.active) { activeCount += 1; }
      if (f.note) { f.note.classList.toggle("off", !f.active); }
    });
    marks.forEach(function (m) {
      m.el.classList.toggle("off", !m.flags.some(function (f) { return f && f.active; }));
    });
    var shown = 0, shownFlags = 0;
    pairs.forEach(function (p) {
      var has = p.flags.some(function (f) { return f && f.active; });
      var visible = (!query || p.text.indexOf(query) >= 0) && (!onlyFlagged.checked || has);
      if (p === pinned) { visible = true; }
      if (p.el.hidden === visible) { p.el.hidden = !visible; }
      p.visible = visible;
      if (visible) {
        shown += 1;
        p.flags.forEach(function (f) { if (f && f.active) { shownFlags += 1; } });
      }
    });
    var decided = flags.filter(function (f) { return stateOf(f.key) !== "undecided"; }).length;
    $("#count").textContent = "Showing " + shown + " of " + pairs.length + " pairs, " + shownFlags + " of " +
      flags.length + " flags; " + decided + " decided";
    $("#no-result").hidden = shown !== 0;
    if (current && !(current.active && pairByIndex[current.data.pair].visible)) { mark(null); }
    window.compareReport.lastFilterMs = performance.now() - started;
  }
  function clearPin() {
    if (pinned) { pinned.el.classList.remove("pinned"); pinned = null; }
  }

  /* ---------------------------------------------------------------- navigation */
  var current = null;
  function mark(flag) {
    if (current) {
      if (current.note) { current.note.classList.remove("now"); }
      current.marks.forEach(function (m) { m.classList.remove("now"); });
      pairByIndex[current.data.pair].el.classList.remove("current");
    }
    current = flag;
    if (!flag) { return; }
    var pair = pairByIndex[flag.data.pair];
    pair.el.classList.add("current");
    flag.marks.forEach(function (m) { m.classList.add("now"); });
    if (flag.note) {
      flag.note.classList.add("now");
      flag.note.focus({ preventScroll: true });
    }
    pair.el.scrollIntoView({ block: "center" });
  }
  function navigable() {
    return flags.filter(function (f) { return f.active && pairByIndex[f.data.pair].visible; });
  }
  function step(direction) {
    var list = navigable();
    if (!list.length) { say("No flag matches the filters"); return; }
    var at = current ? flags.indexOf(current) : (direction > 0 ? -1 : flags.length);
    var next = null;
    if (direction > 0) {
      for (var i = 0; i < list.length; i++) { if (flags.indexOf(list[i]) > at) { next = list[i]; break; } }
      if (!next) { next = list[0]; say("Back to the first flag"); }
    } else {
      for (var j = list.length - 1; j >= 0; j--) { if (flags.indexOf(list[j]) < at) { next = list[j]; break; } }
      if (!next) { next = list[list.length - 1]; say("Back to the last flag"); }
    }
    mark(next);
    var pos = list.indexOf(next) + 1;
    $("#position").textContent = "flag " + pos + " of " + list.length;
  }
  function jumpToPair(index) {
    var pair = pairByIndex[index];
    if (!pair) { return; }
    clearPin();
    if (pair.el.hidden) {
      pinned = pair; pair.el.classList.add("pinned"); applyFilters();
      say("Pair " + index + " is outside the filters; shown until the filters change");
    }
    var first = pair.flags.filter(function (f) { return f && f.active; })[0];
    if (first) { mark(first); } else {
      mark(null);
      pair.el.scrollIntoView({ block: "center" });
      pair.el.focus({ preventScroll: true });
    }
  }
  function say(message) { $("#status").textContent = message; }

  /* ---------------------------------------------------------------- wiring */
  $$(".toolbar input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () { clearPin(); applyFilters(); });
  });
  var showMt = $("#show-mt");
  if (showMt) {
    showMt.addEventListener("change", function () { document.body.classList.toggle("hide-mt", !showMt.checked); });
  }
  search.addEventListener("input", function () { clearPin(); applyFilters(); });
  search.addEventListener("search", function () { clearPin(); applyFilters(); });  // Esc clears a search box
  $("#next-flag").addEventListener("click", function () { step(1); });
  $("#prev-flag").addEventListener("click", function () { step(-1); });
  $("#export").addEventListener("click", exportDecisions);
  $("#import").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () { importDecisions(String(reader.result)); event.target.value = ""; };
    reader.readAsText(file);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".decide button[data-decision]");
    if (button) {
      var note = button.closest(".flag");
      var flag = flagById[Number(note.getAttribute("data-flag"))];
      mark(flag);
      setDecision(flag, button.getAttribute("data-decision"));
      return;
    }
    var jump = event.target.closest && event.target.closest("a[data-jump]");
    if (jump) {
      event.preventDefault();
      jumpToPair(Number(jump.getAttribute("data-jump")));
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var typing = target && (target.tagName === "TEXTAREA" || target.isContentEditable ||
      (target.tagName === "INPUT" && target.type !== "checkbox"));
    if (typing) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    switch (event.key) {
      case "j": case "n": step(1); break;
      case "k": case "p": step(-1); break;
      case "a": if (current) { setDecision(current, "accepted"); } break;
      case "f": if (current) { setDecision(current, "false_positive"); } break;
      case "/": search.focus(); search.select(); break;
      case "?": var help = $("#keys"); help.hidden = !help.hidden; break;
      default: return;
    }
    event.preventDefault();
  });

  window.compareReport = { applyFilters: applyFilters, exportObject: exportObject, step: step,
                           jumpToPair: jumpToPair, lastFilterMs: 0, ready: false };
  loadStored();
  paintDecisions();
  applyFilters();
  document.documentElement.classList.add("js");
  window.compareReport.readyMs = performance.now();  // since navigation start (benchmarks/report.py reads it)
  window.compareReport.ready = true;
}());
