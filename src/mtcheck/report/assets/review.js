// mtcheck review page. Reads the report from the JSON block and builds the page with textContent only:
// article text is data, never markup. Verdicts live in localStorage, keyed by signature and document.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mtcheck-data").textContent);
  var RANK = { critical: 3, major: 2, minor: 1 };
  var TAG = { critical: "CRIT", major: "MAJ", minor: "min" };
  var root = document.getElementById("review");
  var state = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function categoryClass(category) {
    var top = String(category || "Other").split("/")[0].toLowerCase().replace(/[^a-z]/g, "");
    return "cat-" + (["accuracy", "fluency", "style", "terminology", "locale"].indexOf(top) >= 0 ? top : "other");
  }
  function storageKey(doc) { return "mtcheck:verdicts:" + data.signature + ":" + doc.id; }
  function loadVerdicts(doc) {
    try { return JSON.parse(window.localStorage.getItem(storageKey(doc)) || "{}") || {}; } catch (e) { return {}; }
  }
  function saveVerdicts() {
    try { window.localStorage.setItem(storageKey(state.doc), JSON.stringify(state.verdicts)); } catch (e) { /* private mode */ }
  }
  // A document's finding verdicts: the editor's, then those given on the command line (--verdicts), which show
  // until the editor changes them here.
  function verdictsOf(doc) {
    var verdicts = loadVerdicts(doc);
    doc.findings.forEach(function (f) {
      if (f.verdict && !verdicts[f.fingerprint]) verdicts[f.fingerprint] = { verdict: f.verdict, note: "", at: "" };
    });
    return verdicts;
  }
  // The editor's own verdict on a whole article (pass, review or fail, and a note), kept apart from the finding
  // verdicts: it belongs to the document, not to the one open in the view.
  function articleKey(doc) { return "mtcheck:article:" + data.signature + ":" + doc.id; }
  function loadArticle(doc) {
    try { return JSON.parse(window.localStorage.getItem(articleKey(doc)) || "{}") || {}; } catch (e) { return {}; }
  }
  function saveArticle(doc, record) {
    try { window.localStorage.setItem(articleKey(doc), JSON.stringify(record)); } catch (e) { /* private mode */ }
  }

  // Text from start to end, cut at every mark's edge; each piece lists the marks covering it.
  function pieces(text, start, end, marks) {
    var cuts = [start, end];
    marks.forEach(function (m) { if (m.b > start && m.a < end) { cuts.push(Math.max(m.a, start), Math.min(m.b, end)); } });
    cuts = cuts.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (x, y) { return x - y; });
    var out = [];
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      out.push({ a: a, b: b, text: text.slice(a, b), marks: marks.filter(function (m) { return m.a < b && m.b > a; }) });
    }
    return out;
  }

  function fillText(container, text, range, targetSide) {
    if (!range) { return; }
    var marks = [];
    state.doc.findings.forEach(function (f, i) {
      var span = targetSide ? f.target : f.source;
      if (span) marks.push({ a: span[0], b: span[1], i: i, own: true });
      if (!targetSide) (f.marks || []).forEach(function (m) { marks.push({ a: m[0], b: m[1], i: i, own: false }); });
    });
    pieces(text, range[0], range[1], marks).forEach(function (piece) {
      if (!piece.marks.length) { container.appendChild(document.createTextNode(piece.text)); return; }
      var node = el("span", "", piece.text);
      var own = piece.marks.filter(function (m) { return m.own; });
      if (own.length) {
        var top = own.slice().sort(function (x, y) { return RANK[state.doc.findings[y.i].severity] - RANK[state.doc.findings[x.i].severity]; })[0];
        var finding = state.doc.findings[top.i];
        node.className = "hl sev-" + finding.severity + " " + categoryClass(finding.category);
        node.title = own.map(function (m) { var f = state.doc.findings[m.i]; return f.severity + " · " + f.checks.join(", ") + ": " + f.message; }).join("\n");
        own.forEach(function (m) {
          state.spans[m.i] = state.spans[m.i] || [];
          state.spans[m.i].push(node);
          if (m.b === piece.b) { node.classList.add("end"); node.setAttribute("data-tag", TAG[state.doc.findings[m.i].severity]); }
        });
        node.setAttribute("data-findings", own.map(function (m) { return state.doc.findings[m.i].id; }).join(" "));
        node.addEventListener("click", function () { select(top.i, false); });
        // Hovering a highlight lights up the source words its findings were compared with.
        node.addEventListener("mouseenter", function () { own.forEach(function (m) { link(m.i, true); }); });
        node.addEventListener("mouseleave", function () { own.forEach(function (m) { if (state.current !== m.i) link(m.i, false); }); });
      }
      piece.marks.filter(function (m) { return !m.own; }).forEach(function (m) {
        node.classList.add("src");
        state.sources[m.i] = state.sources[m.i] || [];
        state.sources[m.i].push(node);
      });
      container.appendChild(node);
    });
  }

  function pairRow(pair) {
    var doc = state.doc;
    var row = el("div", "row pair");
    row.id = "pair-" + pair.index;
    row.setAttribute("data-pair", pair.index);
    if (!pair.source) row.classList.add("inserted");
    if (!pair.target) row.classList.add("omitted");
    // A pair with one side empty has nothing to score: its row style says what it is, not a red 0.
    var quality = pair.source && pair.target ? pair.quality : null;
    var strip = el("div", "strip", quality === null || quality === undefined ? (pair.source ? "omit" : "ins") : Math.round(quality));
    if (quality !== null && quality !== undefined) {
      strip.style.background = "hsl(" + Math.round(1.2 * Math.max(0, Math.min(100, quality))) + ", 70%, 80%)";
      strip.title = "pair " + pair.index + " quality " + quality.toFixed(1);
    } else {
      strip.title = "pair " + pair.index + (pair.source ? " (omitted: not translated)" : " (inserted: no source)");
      strip.style.background = "#e6e6e6";
    }
    var source = el("div", "text source"), target = el("div", "text target");
    if (pair.source) fillText(source, doc.source, pair.source, false); else source.appendChild(el("span", "kind", "inserted: no source"));
    if (pair.target) fillText(target, doc.target, pair.target, true); else target.appendChild(el("span", "kind", "omitted: not translated"));
    row.appendChild(strip); row.appendChild(source); row.appendChild(target);
    return row;
  }

  // The article at a glance: one cell per pair, coloured and titled by its quality; a click goes there.
  function buildOverview(view) {
    var strip = el("div", "overview");
    strip.setAttribute("aria-label", "pair quality, pair by pair");
    state.doc.pairs.forEach(function (pair) {
      var cell = el("span", "cell");
      var scored = pair.source && pair.target && pair.quality !== null;
      cell.style.background = scored ? "hsl(" + Math.round(1.2 * Math.max(0, Math.min(100, pair.quality))) + ", 70%, 60%)" : "#cccccc";
      cell.title = "pair " + pair.index + ": " + (scored ? "quality " + pair.quality.toFixed(1) : (pair.source ? "omitted" : "inserted") + (pair.furniture ? " (" + pair.furniture + ")" : ""));
      cell.addEventListener("click", function () {
        var row = document.getElementById("pair-" + pair.index);
        if (!row) return;
        var group = row.closest("details"); if (group) group.open = true;
        row.scrollIntoView({ block: "center" });
      });
      strip.appendChild(cell);
    });
    view.appendChild(strip);
  }

  function buildView(view) {
    buildOverview(view);
    var heads = el("div", "row heads");
    heads.appendChild(el("div", "", "q"));
    heads.appendChild(el("div", "", "source"));
    heads.appendChild(el("div", "", "translation"));
    view.appendChild(heads);
    var groups = {}, order = [];
    state.doc.pairs.forEach(function (pair) {
      if (pair.furniture && !pair.source) {
        if (!groups[pair.furniture]) { groups[pair.furniture] = []; order.push(pair.furniture); }
        groups[pair.furniture].push(pair);
      }
    });
    state.doc.pairs.forEach(function (pair) { if (!(pair.furniture && !pair.source)) view.appendChild(pairRow(pair)); });
    // The page's furniture (navigation, bylines, ads) after the article, collapsed: the article is what is reviewed.
    order.forEach(function (label) {
      var box = el("details", "furniture");
      box.setAttribute("data-label", label);
      box.appendChild(el("summary", "", "page furniture: " + label + " (" + groups[label].length + ")"));
      groups[label].forEach(function (pair) { box.appendChild(pairRow(pair)); });
      view.appendChild(box);
    });
  }

  function option(select, value, text) { var o = el("option", "", text); o.value = value; select.appendChild(o); }

  function buildControls(panel) {
    var doc = state.doc;
    var box = el("div", "controls");
    var severities = el("fieldset", "severities");
    severities.appendChild(el("legend", "", "Severity"));
    ["critical", "major", "minor"].forEach(function (s) {
      var label = el("label"), box2 = el("input");
      box2.type = "checkbox"; box2.checked = true; box2.name = "severity"; box2.value = s;
      box2.addEventListener("change", function () { if (box2.checked) state.filters.severities[s] = true; else delete state.filters.severities[s]; refresh(); });
      label.appendChild(box2); label.appendChild(document.createTextNode(" " + s + " "));
      severities.appendChild(label);
    });
    box.appendChild(severities);
    function selectOf(name, values, onChange) {
      var select = el("select"); select.name = name;
      option(select, "", "all");
      values.forEach(function (v) { option(select, v, v); });
      select.addEventListener("change", function () { onChange(select.value); refresh(); });
      box.appendChild(el("label", "", name)); box.appendChild(select);
      return select;
    }
    var categories = [], checks = [];
    doc.findings.forEach(function (f) {
      if (categories.indexOf(f.category) < 0) categories.push(f.category);
      f.checks.forEach(function (c) { if (checks.indexOf(c) < 0) checks.push(c); });
    });
    selectOf("category", categories.sort(), function (v) { state.filters.category = v; });
    selectOf("check", checks.sort(), function (v) { state.filters.check = v; });
    var confidence = el("input"); confidence.type = "number"; confidence.name = "min-confidence";
    confidence.min = "0"; confidence.max = "1"; confidence.step = "0.05"; confidence.value = "0";
    confidence.addEventListener("input", function () { state.filters.confidence = parseFloat(confidence.value) || 0; refresh(); });
    box.appendChild(el("label", "", "min confidence")); box.appendChild(confidence);
    var search = el("input"); search.type = "search"; search.name = "search"; search.placeholder = "text, message, check";
    search.addEventListener("input", function () { state.filters.search = search.value.toLowerCase(); refresh(); });
    box.appendChild(el("label", "", "search")); box.appendChild(search);
    var sort = el("select"); sort.name = "sort";
    [["severity", "worst first (severity, then confidence)"], ["confidence", "confidence"], ["position", "position"]]
      .forEach(function (o) { option(sort, o[0], o[1]); });
    sort.value = state.filters.sort;
    sort.addEventListener("change", function () { state.filters.sort = sort.value; refresh(); });
    box.appendChild(el("label", "", "sort by")); box.appendChild(sort);
    var furniture = el("input"); furniture.type = "checkbox"; furniture.name = "furniture";
    furniture.addEventListener("change", function () { state.filters.furniture = furniture.checked; refresh(); });
    var label = el("label", "", "page furniture"); box.appendChild(label);
    var holder = el("span"); holder.appendChild(furniture); holder.appendChild(document.createTextNode(" list each one")); box.appendChild(holder);
    panel.appendChild(box);
    var actions = el("p", "actions");
    var exporter = el("button", "", "Export verdicts"); exporter.type = "button"; exporter.id = "export";
    exporter.addEventListener("click", exportVerdicts);
    var help = el("button", "", "Keys (?)"); help.type = "button";
    help.addEventListener("click", toggleHelp);
    actions.appendChild(exporter); actions.appendChild(document.createTextNode(" ")); actions.appendChild(help);
    panel.appendChild(actions);
  }

  function evidenceList(f) {
    var list = el("dl");
    function add(name, value) { list.appendChild(el("dt", "", name)); list.appendChild(el("dd", "", value)); }
    add("confidence", f.confidence.toFixed(3));
    Object.keys(f.evidence).forEach(function (k) {
      var v = f.evidence[k];
      add(k.replace(/_/g, " "), Array.isArray(v) ? v.join(", ") : v);
    });
    return list;
  }

  function buildFinding(f, i) {
    var card = el("div", "finding");
    card.id = "finding-" + f.id; card.tabIndex = 0;
    card.setAttribute("data-index", i); card.setAttribute("data-severity", f.severity);
    var head = el("div", "head");
    head.appendChild(el("span", "sev " + f.severity, f.severity));
    head.appendChild(el("span", "checks", f.checks.join(", ")));
    head.appendChild(el("span", "category", f.category));
    card.appendChild(head);
    if (f.target || f.source) card.appendChild(el("div", "quote", (f.target ? "" : "source: ") + f.context.span));
    card.appendChild(el("div", "msg", f.message));
    card.appendChild(evidenceList(f));
    var bar = el("div", "verdict");
    var stateText = el("span", "state");
    var confirm = el("button", "confirm", "Confirm (c)"); confirm.type = "button";
    var dismiss = el("button", "dismiss", "False alarm (x)"); dismiss.type = "button";
    var note = el("input", "note"); note.type = "text"; note.placeholder = "note (optional)"; note.name = "note";
    confirm.addEventListener("click", function (e) { e.stopPropagation(); mark(i, "confirmed"); });
    dismiss.addEventListener("click", function (e) { e.stopPropagation(); mark(i, "false-alarm"); });
    note.addEventListener("change", function () {
      var v = state.verdicts[f.fingerprint]; if (v) { v.note = note.value; saveVerdicts(); }
    });
    note.addEventListener("click", function (e) { e.stopPropagation(); });
    bar.appendChild(stateText); bar.appendChild(confirm); bar.appendChild(dismiss); bar.appendChild(note);
    card.appendChild(bar);
    card.addEventListener("click", function () { select(i, true); });
    card.addEventListener("mouseenter", function () { link(i, true); });
    card.addEventListener("mouseleave", function () { if (state.current !== i) link(i, false); });
    state.cards[i] = { card: card, state: stateText, note: note };
    showVerdict(i);
    return card;
  }

  function showVerdict(i) {
    var f = state.doc.findings[i], v = state.verdicts[f.fingerprint], parts = state.cards[i];
    parts.card.classList.remove("confirmed", "false-alarm");
    parts.state.textContent = v ? (v.verdict === "confirmed" ? "confirmed" : "false alarm") : "";
    if (v) { parts.card.classList.add(v.verdict); parts.note.value = v.note || ""; }
    (state.spans[i] || []).forEach(function (node) { node.classList.toggle("dismissed", !!v && v.verdict === "false-alarm"); });
  }

  function mark(i, verdict) {
    var f = state.doc.findings[i];
    var old = state.verdicts[f.fingerprint];
    if (old && old.verdict === verdict) { delete state.verdicts[f.fingerprint]; }
    else { state.verdicts[f.fingerprint] = { verdict: verdict, note: old ? old.note : state.cards[i].note.value || "", at: new Date().toISOString() }; }
    saveVerdicts();
    showVerdict(i);
  }

  function visible(f) {
    var filters = state.filters;
    if (!filters.severities[f.severity]) return false;
    if (filters.category && f.category !== filters.category) return false;
    if (filters.check && f.checks.indexOf(filters.check) < 0) return false;
    if (f.confidence < filters.confidence) return false;
    if (f.label && !filters.furniture && !filters.check) return false;
    if (filters.search) {
      var hay = (f.context.span + "\n" + f.message + "\n" + f.checks.join(" ") + "\n" + f.category).toLowerCase();
      if (hay.indexOf(filters.search) < 0) return false;
    }
    return true;
  }

  function position(f) { return f.target ? f.target[0] : (f.source ? f.source[0] : -1); }

  function refresh() {
    var findings = state.doc.findings;
    var order = findings.map(function (f, i) { return i; }).filter(function (i) { return visible(findings[i]); });
    var byPair = function (i) { var p = findings[i].pair; return p === null ? -1 : p; };
    var sorters = {
      position: function (a, b) { return byPair(a) - byPair(b) || position(findings[a]) - position(findings[b]) || a - b; },
      severity: function (a, b) { return RANK[findings[b].severity] - RANK[findings[a].severity] || sorters.confidence(a, b); },
      confidence: function (a, b) { return findings[b].confidence - findings[a].confidence || sorters.position(a, b); }
    };
    order.sort(sorters[state.filters.sort]);
    state.order = order;
    var list = state.list;
    while (list.firstChild) list.removeChild(list.firstChild);
    order.forEach(function (i) { list.appendChild(state.cards[i].card); });
    var furniture = findings.filter(function (f) { return f.label; }).length;
    state.shown.textContent = "showing " + order.length + " of " + findings.length + " findings" +
      (furniture && !state.filters.furniture ? " (" + furniture + " page furniture grouped in the view)" : "");
    findings.forEach(function (f, i) {
      var on = order.indexOf(i) >= 0;
      (state.spans[i] || []).forEach(function (node) { node.classList.toggle("filtered", !on); });
    });
  }

  function link(i, on) { (state.sources[i] || []).forEach(function (node) { node.classList.toggle("linked", on); }); }

  function select(i, scroll) {
    if (state.current !== null) {
      var old = state.cards[state.current];
      if (old) old.card.classList.remove("current");
      (state.spans[state.current] || []).forEach(function (n) { n.classList.remove("current"); });
      link(state.current, false);
    }
    state.current = i;
    var parts = state.cards[i];
    parts.card.classList.add("current");
    link(i, true);
    var nodes = state.spans[i] || state.sources[i] || [];
    nodes.forEach(function (n) { n.classList.add("current"); });
    if (nodes.length) {
      var group = nodes[0].closest("details");
      if (group) group.open = true;
      if (scroll) nodes[0].scrollIntoView({ block: "center" });
    }
    if (!scroll && parts.card.parentNode) parts.card.scrollIntoView({ block: "nearest" });
  }

  function step(delta) {
    if (!state.order.length) return;
    var at = state.order.indexOf(state.current);
    var next = at < 0 ? (delta > 0 ? 0 : state.order.length - 1) : Math.max(0, Math.min(state.order.length - 1, at + delta));
    select(state.order[next], true);
    state.cards[state.order[next]].card.focus({ preventScroll: true });
  }

  // Each verdict of every document on the page, not only the open one: an editor who went through several
  // articles and exports once loses none of them.
  function exportVerdicts() {
    var out = [], articles = [];
    // Each variant (with the models, rules only) has its own cut points: say which one made the scores.
    var models = data.signature.split("|").indexOf("lm:none") < 0;
    data.documents.forEach(function (doc) {
      var verdicts = verdictsOf(doc);
      doc.findings.forEach(function (f) {
        var v = verdicts[f.fingerprint];
        if (!v) return;
        out.push({ fingerprint: f.fingerprint, check: f.check, span: f.context.span,
          context: { before: f.context.before, after: f.context.after }, source_words: f.context.source_words,
          verdict: v.verdict, note: v.note || "", at: v.at, confidence: f.confidence });
      });
      var a = loadArticle(doc);
      if (!a.verdict) return;
      // The scores the verdict's estimate reads (judge.model.ESTIMATE_INPUTS), so calibrate needs no re-check.
      articles.push({ id: doc.id, verdict: a.verdict, models: models,
        scores: { expected_penalty: doc.scores.expected_penalty, quality: doc.scores.quality, chrf: doc.scores.chrf },
        note: a.note || "", at: a.at });
    });
    var text = JSON.stringify({ format: "mtcheck.verdicts/1", verdicts: out, articles: articles }, null, 1) + "\n";
    state.exported = text;
    var link2 = el("a");
    link2.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link2.download = "verdicts.json";
    document.body.appendChild(link2); link2.click(); document.body.removeChild(link2);
  }

  function toggleHelp() { state.help.hidden = !state.help.hidden; }

  function keys(event) {
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") { step(1); }
    else if (event.key === "k") { step(-1); }
    else if (event.key === "c" && state.current !== null) { mark(state.current, "confirmed"); }
    else if (event.key === "x" && state.current !== null) { mark(state.current, "false-alarm"); }
    else if (event.key === "?") { toggleHelp(); }
    else if (event.key === "Escape") { state.help.hidden = true; }
    else { return; }
    event.preventDefault();
  }

  function open(k) {
    while (root.firstChild) root.removeChild(root.firstChild);
    var doc = data.documents[k];
    state = { doc: doc, verdicts: verdictsOf(doc), spans: {}, sources: {}, cards: {}, order: [], current: null,
      filters: { severities: { critical: true, major: true, minor: true }, category: "", check: "", confidence: 0, search: "", sort: "severity", furniture: false } };
    if (data.documents.length > 1) {
      var bar = el("div", "toolbar"), select = el("select"); select.name = "document";
      data.documents.forEach(function (d, j) {
        option(select, String(j), d.id + " (" + d.gate.verdict.toUpperCase() + ", " + d.findings.length + " findings)");
      });
      select.value = String(k);
      select.addEventListener("change", function () { open(parseInt(select.value, 10)); });
      bar.appendChild(el("label", "", "document ")); bar.appendChild(select);
      root.appendChild(bar);
    }
    var view = el("section", "view"); view.id = "pairs";
    var panel = el("aside", "panel"); panel.id = "panel";
    root.appendChild(view); root.appendChild(panel);
    buildView(view);
    panel.appendChild(el("h2", "", "Findings"));
    buildControls(panel);
    state.shown = el("p", "shown"); state.shown.id = "shown"; panel.appendChild(state.shown);
    state.list = el("div", "list"); state.list.id = "findings"; panel.appendChild(state.list);
    doc.findings.forEach(function (f, i) { buildFinding(f, i); });
    state.help = el("div"); state.help.id = "help"; state.help.hidden = true;
    state.help.appendChild(el("strong", "", "Keys"));
    [["j / k", "next / previous finding"], ["c", "confirm the selected finding"], ["x", "mark it a false alarm"],
     ["?", "show or hide this help"], ["Esc", "close it"]].forEach(function (row) {
      var line = el("div"); line.appendChild(el("kbd", "", row[0])); line.appendChild(document.createTextNode(" " + row[1]));
      state.help.appendChild(line);
    });
    root.appendChild(state.help);
    refresh();
  }

  // The editor's verdict on each article, in its summary beside mtcheck's: native radios and a text field, so
  // the keyboard reaches it (Tab, arrows) and the page's letter keys never fire while typing in it.
  function buildArticleVerdict(section, doc, k) {
    var record = loadArticle(doc);
    var box = el("fieldset", "editor-verdict"); box.id = "editor-verdict-" + k;
    box.appendChild(el("legend", "", "Your verdict on this article"));
    var radios = {}, stateText = el("span", "state");
    stateText.setAttribute("aria-live", "polite");
    function show() {
      ["pass", "review", "fail"].forEach(function (v) { radios[v].checked = record.verdict === v; });
      box.setAttribute("data-verdict", record.verdict || "");
      stateText.textContent = record.verdict ? "recorded: " + record.verdict.toUpperCase() : "none yet";
    }
    ["pass", "review", "fail"].forEach(function (v) {
      var label = el("label"), radio = el("input");
      radio.type = "radio"; radio.name = "article-verdict-" + k; radio.value = v;
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        record.verdict = v; record.at = new Date().toISOString();
        saveArticle(doc, record); show();
      });
      radios[v] = radio;
      label.appendChild(radio); label.appendChild(document.createTextNode(" " + v + " "));
      box.appendChild(label);
    });
    var noteLabel = el("label", "", "note "), note = el("input", "note");
    note.type = "text"; note.name = "article-note"; note.placeholder = "optional"; note.value = record.note || "";
    // Kept as typed: the note is saved with or without a verdict, and exported once there is one.
    note.addEventListener("input", function () { record.note = note.value; saveArticle(doc, record); });
    noteLabel.appendChild(note); box.appendChild(noteLabel);
    var clear = el("button", "clear", "Clear"); clear.type = "button";
    clear.addEventListener("click", function () { delete record.verdict; delete record.at; saveArticle(doc, record); show(); });
    box.appendChild(clear); box.appendChild(stateText);
    section.appendChild(box);
    show();
  }

  document.addEventListener("keydown", keys);
  data.documents.forEach(function (doc, k) {
    var section = document.querySelector("section.document-summary[data-document='" + k + "']");
    if (section) buildArticleVerdict(section, doc, k);
  });
  // What the last "Export verdicts" wrote, for scripts (and the browser tests) that cannot read a download.
  window.mtcheckReview = { exported: function () { return state.exported || null; } };
  if (data.documents.length) open(0);
}());
