/* The volunteers' console: live through Server-Sent Events, polling when they are unavailable.
   Text from citizens and volunteers is plain text: never set as HTML. */
(function () {
  "use strict";

  var root = document.getElementById("console");
  if (!root) return;
  var API = root.getAttribute("data-api");
  var CSRF = root.getAttribute("data-csrf");
  var POLL_MS = 3000;

  var el = function (id) { return document.getElementById(id); };
  var dutyState = el("duty-state"), dutyToggle = el("duty-toggle"), errorBox = el("console-error");
  var queue = el("queue"), queueEmpty = el("queue-empty"), team = el("team");
  var chatNone = el("chat-none"), chatPane = el("chat-pane"), chatTicket = el("chat-ticket");
  var linesBox = el("lines"), sayForm = el("say"), sayText = el("say-text");
  var sectionForm = el("send-section"), closeButton = el("close-ticket");

  var board = null;
  var lastLine = 0;
  var lines = {}; // ticket id → [line]
  var selected = null; // ticket id shown in the chat
  var source = null;
  var pollTimer = null;

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  function post(path, data) {
    var body = new URLSearchParams();
    Object.keys(data || {}).forEach(function (k) { body.append(k, data[k]); });
    return fetch(API + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/x-www-form-urlencoded" },
      body: body
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (answer) {
        if (!res.ok) throw new Error(answer.error || ("Lỗi " + res.status + ", bạn thử lại nhé."));
        return answer;
      });
    });
  }

  /* ---------- the board: duty, queue, who holds what ---------- */
  function renderBoard(data) {
    board = data;
    var me = data.me || {};
    dutyState.textContent = me.on_duty ? "Bạn đang trực." : "Bạn đang nghỉ trực.";
    dutyToggle.textContent = me.on_duty ? "Nghỉ trực" : "Bắt đầu trực";
    dutyToggle.disabled = false;
    dutyToggle.setAttribute("aria-pressed", me.on_duty ? "true" : "false");

    var focusedClaim = document.activeElement && document.activeElement.getAttribute("data-claim");
    var known = {};
    Array.prototype.forEach.call(queue.children, function (li) { known[li.getAttribute("data-id")] = li; });
    var keep = {};
    (data.tickets || []).forEach(function (t, index) {
      var key = String(t.id);
      var sig = JSON.stringify(t);
      keep[key] = true;
      if (known[key] && known[key]._sig === sig) return; // unchanged: not announced again
      var li = ticketItem(t);
      li._sig = sig;
      if (known[key]) queue.replaceChild(li, known[key]);
      else if (queue.children[index]) queue.insertBefore(li, queue.children[index]);
      else queue.appendChild(li);
    });
    Object.keys(known).forEach(function (key) { if (!keep[key]) queue.removeChild(known[key]); });
    queueEmpty.hidden = (data.tickets || []).length > 0;
    if (focusedClaim) {
      var again = queue.querySelector('[data-claim="' + focusedClaim + '"]');
      if (again) again.focus();
    }

    team.textContent = "";
    (data.volunteers || []).forEach(function (v) {
      var held = v.holds.length ? "đang giữ phiếu " + v.holds.map(function (id) { return "#" + id; }).join(", ") : "không giữ phiếu nào";
      team.appendChild(node("li", null, v.name + " (" + v.channel + ", " + (v.on_duty ? "đang trực" : "nghỉ") + "): " + held));
    });
    renderHeld();
  }

  function ticketItem(t) {
    var li = node("li", t.mine ? "mine" : "");
    li.setAttribute("data-id", String(t.id));
    li.appendChild(node("h3", null, "Phiếu #" + t.id + " · " + t.channel));
    li.appendChild(node("p", null, t.summary));
    var about = [];
    if (t.procedure_title) about.push("Thủ tục: " + t.procedure_title);
    if (t.place) about.push("Địa bàn: " + t.place);
    if (about.length) li.appendChild(node("p", "muted small", about.join(" · ")));
    if (t.recent && t.recent.length) {
      var recent = node("ul", "recent");
      recent.setAttribute("aria-label", "Tin nhắn gần nhất");
      t.recent.forEach(function (m) {
        recent.appendChild(node("li", null, (m.who === "in" ? "Người dân: " : "motcua: ") + m.text));
      });
      li.appendChild(recent);
    }
    if (t.status === "open") {
      var claim = node("button", null, "Nhận hỗ trợ phiếu #" + t.id);
      claim.type = "button";
      claim.setAttribute("data-claim", String(t.id));
      claim.addEventListener("click", function () { claimTicket(t.id, claim); });
      li.appendChild(claim);
    } else {
      li.appendChild(node("p", "tag", t.mine ? "Bạn đang hỗ trợ" : (t.holder || "Một tình nguyện viên") + " đang hỗ trợ"));
    }
    return li;
  }

  function held() {
    return ((board && board.tickets) || []).filter(function (t) { return t.mine && t.status === "claimed"; });
  }

  function renderHeld() {
    var mine = held();
    chatPane.hidden = !mine.length;
    chatNone.hidden = !!mine.length;
    var ids = mine.map(function (t) { return t.id; });
    if (ids.indexOf(selected) < 0) selected = ids.length ? ids[0] : null;
    var current = Array.prototype.map.call(chatTicket.options, function (o) { return o.value; }).join(",");
    if (current !== ids.join(",")) {
      chatTicket.textContent = "";
      mine.forEach(function (t) {
        var option = node("option", null, "#" + t.id + " · " + t.channel + " · " + t.summary.slice(0, 60));
        option.value = String(t.id);
        chatTicket.appendChild(option);
      });
    }
    if (selected !== null) {
      chatTicket.value = String(selected);
      var ticket = mine.filter(function (t) { return t.id === selected; })[0];
      if (ticket && ticket.procedure) el("section-procedure").value = ticket.procedure;
    }
    renderLines();
  }

  /* ---------- the chat of the selected ticket ---------- */
  function lineItem(line) {
    var who = line.author === "citizen" ? "Người dân" : line.author === "volunteer" ? (line.name || "Tình nguyện viên") : "";
    var li = node("li", line.author, who ? who + ": " + line.text : line.text);
    li.setAttribute("data-line", String(line.id));
    return li;
  }

  function renderLines() {
    var shown = linesBox.getAttribute("data-ticket");
    if (shown !== String(selected)) {
      linesBox.setAttribute("aria-busy", "true"); // switching tickets is not read out again
      linesBox.textContent = "";
      (lines[selected] || []).forEach(function (line) { linesBox.appendChild(lineItem(line)); });
      linesBox.setAttribute("data-ticket", String(selected));
      linesBox.setAttribute("aria-busy", "false");
      linesBox.scrollTop = linesBox.scrollHeight;
    }
  }

  function addLine(line) {
    if (!line || typeof line.id !== "number" || line.id <= lastLine) return;
    lastLine = line.id;
    (lines[line.ticket] = lines[line.ticket] || []).push(line);
    if (line.ticket === selected && linesBox.getAttribute("data-ticket") === String(selected)) {
      linesBox.appendChild(lineItem(line));
      linesBox.scrollTop = linesBox.scrollHeight;
    }
  }

  /* ---------- actions ---------- */
  function claimTicket(id, button) {
    button.disabled = true;
    post("/tickets/" + id + "/claim").then(function () {
      showError("");
      selected = id;
      refresh();
    }).catch(function (err) {
      showError(err.message);
      button.disabled = false;
      refresh();
    });
  }

  dutyToggle.addEventListener("click", function () {
    var on = !(board && board.me && board.me.on_duty);
    dutyToggle.disabled = true;
    post("/duty", { on: on ? "1" : "0" }).then(function () { showError(""); refresh(); })
      .catch(function (err) { showError(err.message); dutyToggle.disabled = false; });
  });

  chatTicket.addEventListener("change", function () {
    selected = parseInt(chatTicket.value, 10);
    renderHeld();
  });

  sayForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = sayText.value.trim();
    if (!text || selected === null) return;
    var button = sayForm.querySelector("button");
    button.disabled = true;
    post("/tickets/" + selected + "/messages", { text: text }).then(function () {
      showError("");
      sayText.value = "";
    }).catch(function (err) { showError(err.message); })
      .then(function () { button.disabled = false; sayText.focus(); });
  });

  sayText.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sayForm.requestSubmit ? sayForm.requestSubmit() : sayForm.dispatchEvent(new Event("submit"));
    }
  });

  sectionForm.addEventListener("submit", function (e) {
    e.preventDefault();
    if (selected === null) return;
    post("/tickets/" + selected + "/section", {
      procedure: el("section-procedure").value,
      section: el("section-part").value
    }).then(function () { showError(""); }).catch(function (err) { showError(err.message); });
  });

  closeButton.addEventListener("click", function () {
    if (selected === null) return;
    closeButton.disabled = true;
    post("/tickets/" + selected + "/close").then(function () { showError(""); refresh(); })
      .catch(function (err) { showError(err.message); })
      .then(function () { closeButton.disabled = false; });
  });

  /* ---------- live: SSE, or polling while it is down ---------- */
  function refresh() {
    return fetch(API + "/board?after=" + lastLine, { credentials: "same-origin", cache: "no-store" })
      .then(function (res) {
        if (res.status === 401) { window.location.reload(); throw new Error("signed out"); }
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(function (data) {
        (data.lines || []).forEach(addLine);
        renderBoard(data);
      }).catch(function () { /* the next round tries again */ });
  }

  function poll() {
    pollTimer = null;
    refresh().then(function () {
      if (!source || source.readyState !== 1) pollTimer = setTimeout(poll, POLL_MS);
    });
  }

  function startPolling() { if (!pollTimer) pollTimer = setTimeout(poll, POLL_MS); }

  function connect() {
    if (typeof window.EventSource !== "function") { poll(); return; }
    source = new EventSource(API + "/stream?after=" + lastLine);
    source.addEventListener("board", function (e) {
      try { renderBoard(JSON.parse(e.data)); } catch (err) { /* a bad event is skipped */ }
    });
    source.addEventListener("line", function (e) {
      try { addLine(JSON.parse(e.data)); } catch (err) { /* skipped */ }
    });
    source.addEventListener("open", function () {
      if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    });
    source.addEventListener("error", function () {
      startPolling(); // the browser reconnects by itself (with Last-Event-ID); poll meanwhile
    });
  }

  connect();
})();
