/*
 * Sinergi rich-text editor: turns every <textarea data-editor> into a small WYSIWYG editor.
 * Progressive enhancement: without JavaScript the plain textarea works. With it, the textarea
 * is hidden but stays in the form and is kept in sync, so the form submits the same field.
 * The server always sanitises what it gets (sinergi-richtext: sanitize / clean_paste);
 * nothing here is a security boundary. document.execCommand is deprecated but supported by
 * every browser we target, and keeps this file free of dependencies and of a build step.
 */
(function () {
  "use strict";

  // Toolbar buttons. `cmd`: an execCommand; `block`: a block element toggled with
  // formatBlock; `action`: a function below. Labels are Indonesian (title and aria-label).
  var BUTTONS = [
    { cmd: "bold", label: "Tebal", text: "B", cls: "ed-b" },
    { cmd: "italic", label: "Miring", text: "I", cls: "ed-i" },
    { block: "h2", label: "Judul bagian", text: "H2" },
    { block: "h3", label: "Subjudul", text: "H3" },
    { cmd: "insertUnorderedList", label: "Daftar berpoin", text: "\u2022 \u2261" },
    { cmd: "insertOrderedList", label: "Daftar bernomor", text: "1. \u2261" },
    { block: "blockquote", label: "Kutipan", text: "\u201C \u201D" },
    { action: "link", label: "Tautan", text: "Tautan" },
    { action: "image", label: "Gambar", text: "Gambar" },
    { action: "clear", label: "Hapus format", text: "Hapus format" }
  ];

  // Attributes kept on pasted HTML. Style is trimmed to the properties the server's
  // clean_paste reads (Google Docs writes bold as font-weight, Word marks list paragraphs
  // with mso-list); everything else is dropped here already to keep the editor tidy.
  var KEEP_STYLE = /^(font-weight|font-style|text-decoration|text-decoration-line|vertical-align|mso-list)$/i;
  var DROP_ELEMENTS = "script,style,meta,link,title,iframe,object,embed,form,input,button,select,textarea";

  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escapeHtml(s) { return String(s).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; }); }

  // Only the URLs the server keeps: http(s), mailto and site-relative paths for links;
  // site-relative paths and https for images.
  function linkOk(url) { return /^(https?:\/\/|mailto:|\/(?!\/))/i.test(url); }
  function imageOk(url) { return /^(https:\/\/|\/(?!\/))/i.test(url); }

  // The selection is lost when a prompt() takes focus in some browsers: save and restore it.
  function saveRange(area) {
    var sel = window.getSelection();
    if (sel.rangeCount && area.contains(sel.getRangeAt(0).commonAncestorContainer)) {
      return sel.getRangeAt(0).cloneRange();
    }
    return null;
  }
  function restoreRange(area, range) {
    area.focus();
    if (range) { window.getSelection().removeAllRanges(); window.getSelection().addRange(range); }
  }

  // Light clean-up of pasted HTML in an inert document (DOMParser runs no scripts and
  // loads no images). The real cleaning is done by the server.
  function lightClean(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll(DROP_ELEMENTS).forEach(function (el) { el.remove(); });
    doc.body.querySelectorAll("*").forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase();
        if (name === "style") {
          var kept = attr.value.split(";").filter(function (decl) {
            return KEEP_STYLE.test(decl.split(":")[0].trim());
          });
          if (kept.length) el.setAttribute("style", kept.join(";"));
          else el.removeAttribute("style");
        } else if (name === "class" || name.indexOf("on") === 0 ||
                   (name === "id" && attr.value.indexOf("docs-internal-guid") !== 0)) {
          el.removeAttribute(attr.name);
        }
      });
    });
    return doc.body.innerHTML;
  }

  function enhance(textarea) {
    var form = textarea.form;
    var area = document.createElement("div");
    area.className = "ed-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.id = (textarea.id || textarea.name || "editor") + "-editor";
    area.innerHTML = textarea.value.trim() || "<p><br></p>";

    // Label the editable area with the textarea's label; clicking the label focuses it.
    var label = textarea.id && document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]');
    if (label) {
      label.id = label.id || textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function (e) { e.preventDefault(); area.focus(); });
    } else if (textarea.getAttribute("aria-label")) area.setAttribute("aria-label", textarea.getAttribute("aria-label"));
    // A hidden required textarea would block submission with an error nobody can see.
    var required = textarea.required;
    textarea.required = false;
    if (required) area.setAttribute("aria-required", "true");

    var toolbar = document.createElement("div");
    toolbar.className = "ed-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Format teks");
    toolbar.setAttribute("aria-controls", area.id);

    var buttons = BUTTONS.map(function (spec, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = spec.text;
      b.title = spec.label;
      b.setAttribute("aria-label", spec.label);
      if (spec.cls) b.className = spec.cls;
      if (!spec.action) b.setAttribute("aria-pressed", "false");
      b.tabIndex = i === 0 ? 0 : -1; // roving tabindex: one tab stop for the toolbar
      // Keep the selection in the editor when the button is clicked with a mouse.
      b.addEventListener("mousedown", function (e) { e.preventDefault(); });
      b.addEventListener("click", function () { run(spec); });
      toolbar.appendChild(b);
      return b;
    });

    // Arrow keys, Home and End move between toolbar buttons (WAI-ARIA toolbar pattern).
    toolbar.addEventListener("keydown", function (e) {
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });

    function sync() { textarea.value = area.innerHTML; }

    function currentBlock() { return String(document.queryCommandValue("formatBlock") || "").toLowerCase(); }

    function run(spec) {
      area.focus();
      if (spec.cmd) {
        document.execCommand(spec.cmd, false, null);
      } else if (spec.block) {
        // Pressing "Judul bagian" on a heading turns it back into a paragraph.
        var target = currentBlock() === spec.block ? "p" : spec.block;
        document.execCommand("formatBlock", false, "<" + target + ">");
      } else if (spec.action === "link") {
        insertLink();
      } else if (spec.action === "image") {
        insertImage();
      } else if (spec.action === "clear") {
        document.execCommand("removeFormat", false, null);
        document.execCommand("unlink", false, null);
      }
      sync();
      updateState();
    }

    function insertLink() {
      var range = saveRange(area);
      var url = window.prompt("Alamat tautan (https://..., mailto:... atau /halaman):", "https://");
      restoreRange(area, range);
      if (url === null || url.trim() === "" || url.trim() === "https://") return;
      url = url.trim();
      if (!linkOk(url)) {
        window.alert("Alamat tautan harus diawali https://, http://, mailto: atau /.");
        return;
      }
      if (range && !range.collapsed) {
        document.execCommand("createLink", false, url);
      } else {
        document.execCommand("insertHTML", false,
          '<a href="' + escapeHtml(url) + '">' + escapeHtml(url) + "</a>");
      }
    }

    function insertImage() {
      var range = saveRange(area);
      var url = (window.prompt("Alamat gambar yang sudah diunggah (/media/... atau https://...):", "") || "").trim();
      if (url && !imageOk(url)) window.alert("Alamat gambar harus diawali / atau https://.");
      if (!url || !imageOk(url)) { restoreRange(area, range); return; }
      // Alternative text is required: it is what screen readers and e-mail clients show.
      var alt = "";
      while (alt.trim() === "") {
        alt = window.prompt("Teks alternatif (deskripsi gambar, wajib diisi):", "");
        if (alt === null) { restoreRange(area, range); return; }
      }
      restoreRange(area, range);
      document.execCommand("insertHTML", false,
        '<img src="' + escapeHtml(url) + '" alt="' + escapeHtml(alt.trim()) + '">');
    }

    // aria-pressed reflects the formatting at the caret.
    function updateState() {
      BUTTONS.forEach(function (spec, i) {
        if (spec.action) return;
        var on = false;
        try { on = spec.cmd ? document.queryCommandState(spec.cmd) : currentBlock() === spec.block; } catch (err) { /* unsupported */ }
        buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      });
    }

    area.addEventListener("input", sync);
    ["keyup", "mouseup", "focus"].forEach(function (ev) { area.addEventListener(ev, updateState); });

    area.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) return; // let the browser paste
      var html = data.getData("text/html");
      e.preventDefault();
      if (html) document.execCommand("insertHTML", false, lightClean(html));
      else document.execCommand("insertText", false, data.getData("text/plain"));
      sync();
    });

    if (form) {
      form.addEventListener("submit", function (e) {
        sync();
        if (required && area.textContent.trim() === "" && !area.querySelector("img")) {
          e.preventDefault();
          area.setAttribute("aria-invalid", "true");
          area.focus();
        }
      });
    }

    var wrap = document.createElement("div");
    wrap.className = "ed";
    textarea.parentNode.insertBefore(wrap, textarea);
    [toolbar, area, textarea].forEach(function (el) { wrap.appendChild(el); });
    textarea.hidden = true;
  }

  function init() {
    // New paragraphs are <p>, not <div>, in every browser.
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (err) { /* old browser */ }
    document.querySelectorAll("textarea[data-editor]").forEach(function (t) {
      if (!t.dataset.editorReady) { t.dataset.editorReady = "1"; enhance(t); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // Content swapped in by htmx gets editors too.
  document.addEventListener("htmx:load", init);
})();
