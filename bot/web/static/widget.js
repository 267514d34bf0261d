/* motcua chat widget: <script src="https://<host>/widget.js" data-locality="…" async></script>
   puts a chat bubble on the page. Everything lives in a Shadow DOM (the page's CSS cannot reach
   it, its CSS cannot reach the page), no inline script, no CDN: only this file and the chat API
   of the server it came from. Optional attributes: data-locality (a locality id), data-procedure
   (a procedure id the conversation opens on), data-label (the bubble's text).
   GET /widget.js serves the shared chat core (chat-core.js: ``motcuaChat``) and this file as one
   script, in one function. Reply text is plain text: never set as HTML. */
(function () {
  "use strict";
  if (window.motcuaWidget) return; // the tag pasted twice: one bubble
  var script = document.currentScript;
  if (!script) {
    var tags = document.querySelectorAll("script[src*='widget.js']");
    script = tags[tags.length - 1];
  }
  if (!script || !script.src) return;
  var BASE = new URL(script.src, document.baseURI).origin;
  var LOCALITY = script.getAttribute("data-locality") || null;
  var PROCEDURE = script.getAttribute("data-procedure") || null;
  var LABEL = script.getAttribute("data-label") || "Hỏi thủ tục";
  window.motcuaWidget = { base: BASE };


  var CSS = [
    // !important inside the shadow tree wins over the page's own !important rules on the host.
    ":host{all:initial!important;display:block!important;position:fixed!important;right:16px!important;",
    "bottom:16px!important;z-index:2147483000!important;color:#1d2733!important;",
    "font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif!important}",
    "*,*::before,*::after{box-sizing:border-box}",
    "[hidden]{display:none!important}",
    ".sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
    "button,textarea{font:inherit;color:inherit}",
    ":focus-visible{outline:3px solid #0b3d91;outline-offset:2px}",
    ".bubble{display:flex;align-items:center;gap:8px;min-height:48px;padding:0 18px;border:0;border-radius:24px;",
    "background:#0b5cad;color:#fff;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".bubble:hover{background:#094d91}",
    ".bubble svg{width:22px;height:22px;fill:currentColor}",
    ".unread{padding:2px 8px;border-radius:10px;background:#fff;color:#0b4f96;font-size:.8rem}",
    ".panel{position:fixed;right:16px;bottom:16px;display:flex;flex-direction:column;",
    "width:min(390px,calc(100vw - 16px));height:min(640px,calc(100vh - 32px));background:#fff;",
    "border:1px solid #8a96a3;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}",
    "@media (max-width:480px){.panel{right:8px;bottom:8px;height:calc(100vh - 16px)}}",
    ".top{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 8px 8px 14px;background:#0b5cad;color:#fff}",
    ".top h2{margin:0;font-size:1rem;font-weight:700}",
    ".top small{display:block;font-weight:400;font-size:.8rem}",
    ".icon{min-width:44px;min-height:44px;border:0;border-radius:8px;background:transparent;color:#fff;cursor:pointer;font-size:1.4rem;line-height:1}",
    ".icon:hover{background:rgba(255,255,255,.18)}",
    ".top :focus-visible{outline-color:#fff}",
    ".log{flex:1;overflow-y:auto;padding:12px;background:#f3f5f8}",
    ".msg{display:flex;flex-direction:column;margin:0 0 10px}",
    ".msg.me{align-items:flex-end}",
    ".text{max-width:88%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #c9d1da}",
    ".me .text{background:#0b5cad;color:#fff;border-color:#0b5cad}",
    ".error .text{background:#fff4f4;border-color:#b3261e;color:#7a1a14}",
    ".text a{color:#0b4f96}",
    ".buttons{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;max-width:100%}",
    ".choice{min-height:44px;padding:6px 12px;border:1px solid #0b5cad;border-radius:18px;background:#fff;color:#0b4f96;cursor:pointer;text-align:left}",
    ".choice:hover{background:#e8f0fa}",
    ".choice:disabled{opacity:.55;cursor:default}",
    ".composer{display:flex;gap:8px;padding:8px;border-top:1px solid #c9d1da;background:#fff}",
    ".composer textarea{flex:1;min-height:44px;max-height:120px;padding:10px;border:1px solid #6b7785;border-radius:10px;resize:none}",
    ".send{min-width:64px;min-height:44px;border:0;border-radius:10px;background:#0b5cad;color:#fff;font-weight:600;cursor:pointer}",
    ".send:disabled{background:#6b7785}",
    ".foot{margin:0;padding:4px 10px 8px;font-size:.8rem;color:#4a5563;background:#fff}",
    ".foot a{color:#0b4f96}",
    ".busy{padding:0 12px 8px;font-size:.85rem;color:#4a5563;background:#f3f5f8}"
  ].join("\n");

  /* ---------- the Shadow DOM ---------- */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  // An element of its own name: the page's "div { … }" rules do not reach the host either.
  var host = el("motcua-widget", { "data-motcua-widget": "" });
  var root = host.attachShadow({ mode: "open" });
  // A constructed style sheet is not an inline style: pages whose CSP forbids those still work.
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) { root.appendChild(el("style", {}, CSS)); }
  } else {
    root.appendChild(el("style", {}, CSS));
  }

  var bubble = el("button", {
    type: "button", "class": "bubble", "aria-expanded": "false", "aria-controls": "panel",
    "aria-haspopup": "dialog"
  });
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z");
  svg.appendChild(path);
  bubble.appendChild(svg);
  bubble.appendChild(el("span", {}, LABEL));
  var unread = el("span", { "class": "unread" }, "Tin mới");
  unread.hidden = true;
  bubble.appendChild(unread);

  var panel = el("section", { id: "panel", "class": "panel", role: "dialog", "aria-labelledby": "title" });
  panel.hidden = true;
  var top = el("div", { "class": "top" });
  var title = el("h2", { id: "title" }, "motcua");
  title.appendChild(el("small", {}, "Trợ lý thủ tục hành chính"));
  var restart = el("button", { type: "button", "class": "icon", "aria-label": "Bắt đầu lại cuộc trò chuyện", title: "Làm lại" }, "↺");
  var close = el("button", { type: "button", "class": "icon", "aria-label": "Đóng cửa sổ trò chuyện", title: "Đóng" }, "×");
  var tools = el("div", {});
  tools.appendChild(restart);
  tools.appendChild(close);
  top.appendChild(title);
  top.appendChild(tools);
  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-label": "Cuộc trò chuyện", tabindex: "0" });
  var busyNote = el("p", { "class": "busy", role: "status" });
  var form = el("form", { "class": "composer", autocomplete: "off" });
  var inputLabel = el("label", { "for": "input", "class": "sr" }, "Nhập câu hỏi của bạn");
  var input = el("textarea", { id: "input", rows: "1", maxlength: String(motcuaChat.MAX_LEN), enterkeyhint: "send", placeholder: "Nhập câu hỏi…" });
  var send = el("button", { type: "submit", "class": "send" }, "Gửi");
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(send);
  var foot = el("p", { "class": "foot" }, "motcua chỉ hướng dẫn; kết quả chính thức do cơ quan giải quyết. ");
  var privacy = el("a", { href: BASE + "/quyen-rieng-tu", target: "_blank", rel: "noopener noreferrer" }, "Quyền riêng tư");
  foot.appendChild(privacy);
  panel.appendChild(top);
  panel.appendChild(log);
  panel.appendChild(busyNote);
  panel.appendChild(form);
  panel.appendChild(foot);
  root.appendChild(bubble);
  root.appendChild(panel);

  var started = false;
  var chat = motcuaChat.conversation({
    log: log,
    form: form,
    input: input,
    send: send,
    base: BASE,
    fetch: { mode: "cors", credentials: "omit" },
    fields: LOCALITY ? { locality: LOCALITY } : {},
    keys: "motcua.widget.",
    max: 100,
    textClass: "text",
    meLabel: "Bạn: ",
    retire: true,
    busy: function (on) { busyNote.textContent = on ? "motcua đang trả lời…" : ""; },
    shown: function () { if (panel.hidden) unread.hidden = false; }, // a volunteer wrote meanwhile
    settled: function () { if (!panel.hidden) input.focus(); },
    // Pushed messages are polled once the conversation started in this page view.
    ready: function () { return started; }
  });

  /* ---------- opening and closing ---------- */
  function start() {
    if (started) return;
    started = true;
    if (chat.restore()) return;
    if (PROCEDURE && /^[a-z0-9-]{1,60}$/.test(PROCEDURE)) chat.ask("p:" + PROCEDURE);
    else chat.ask("start");
  }

  function open() {
    panel.hidden = false;
    unread.hidden = true;
    bubble.hidden = true;
    bubble.setAttribute("aria-expanded", "true");
    start();
    input.focus();
    chat.schedule(0);
  }
  function shut() {
    panel.hidden = true;
    bubble.hidden = false;
    bubble.setAttribute("aria-expanded", "false");
    chat.schedule(0);
    bubble.focus();
  }

  bubble.addEventListener("click", open);
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); shut(); }
  });
  restart.addEventListener("click", chat.reset);

  function mount() { document.body.appendChild(host); }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
