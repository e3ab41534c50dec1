/* Check-in at a training session, on a staff member's phone.

   Every scan (camera, typed code, a name picked from the search) becomes a queued item with an id
   made here in the browser. The queue lives in localStorage, so scans made while the network is
   down survive a closed tab; it is sent, oldest first, as soon as the network answers again. The
   server remembers each id it has handled and answers a resend with the first answer, and it
   counts a participant once per session whatever the number of scans: nothing is counted twice.

   The camera uses the browser's BarcodeDetector where it exists and the jsQR decoder shipped
   with the portal (static/vendor/jsqr, Apache-2.0) otherwise. */
(function () {
  "use strict";

  var root = document.getElementById("checkin");
  if (!root) { return; }
  var config = JSON.parse(document.getElementById("checkin-config").textContent);
  var T = config.text;
  var storeKey = "ocop-checkin-queue:" + config.session;
  var sending = false;
  var retryTimer = null;

  // --- The queue ------------------------------------------------------------------------------

  // localStorage when the browser allows it (not in some private modes): memory otherwise.
  var storage = (function () {
    try {
      window.localStorage.setItem(storeKey + ":probe", "1");
      window.localStorage.removeItem(storeKey + ":probe");
      return window.localStorage;
    } catch (e) { return null; }
  })();
  var memory = [];

  function loadQueue() {
    if (!storage) { return memory.slice(); }
    try { return JSON.parse(storage.getItem(storeKey)) || []; } catch (e) { return []; }
  }
  function saveQueue(queue) {
    if (storage) { storage.setItem(storeKey, JSON.stringify(queue)); } else { memory = queue; }
    showPending(queue.length);
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function enqueue(item) {
    var queue = loadQueue();
    queue.push(item);
    saveQueue(queue);
    flush();
  }

  // The code in a scanned QR: the ticket code alone, or an address that ends with it.
  function ticketCode(text) {
    var value = String(text || "").trim();
    var parts = value.split(/[\/#?=]/).filter(Boolean);
    return (parts.length ? parts[parts.length - 1] : value).toUpperCase().replace(/[\s-]/g, "");
  }

  function scan(code, method, registration) {
    var cleaned = ticketCode(code);
    if (!cleaned && !registration) { return; }
    enqueue({ id: newId(), code: cleaned, registration: registration || null, method: method, at: new Date().toISOString() });
  }

  function post(item) {
    return fetch(config.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf, "Accept": "application/json" },
      body: JSON.stringify({ client_id: item.id, code: item.code, registration: item.registration, method: item.method, scanned_at: item.at })
    });
  }

  function flush() {
    if (sending) { return; }
    var queue = loadQueue();
    if (!queue.length) { return; }
    sending = true;
    var item = queue[0];
    post(item).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1 || response.status >= 500 || response.status === 403) {
        // Not an answer about the scan (signed out, server error): keep it, try later.
        throw { kept: true, status: response.status };
      }
      return response.json().then(function (answer) {
        saveQueue(loadQueue().filter(function (queued) { return queued.id !== item.id; }));
        showAnswer(answer);
        sending = false;
        flush();
      });
    }).catch(function (error) {
      sending = false;
      showOffline(error && error.status === 403 ? T.signed_out : T.offline);
      scheduleRetry();
    });
  }

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, 10000);
  }
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { flush(); } });

  // --- What the page shows --------------------------------------------------------------------

  var status = document.getElementById("checkin-status");
  var pending = document.getElementById("checkin-pending");
  var count = document.getElementById("checkin-count");
  var list = document.getElementById("checkin-list");

  function showPending(n) {
    pending.hidden = n === 0;
    pending.textContent = T.pending.replace("%(count)s", n);
  }

  function setStatus(tone, title, detail) {
    status.className = "checkin-status checkin-status--" + tone;
    status.hidden = false;
    status.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = title;
    status.appendChild(strong);
    if (detail) {
      var small = document.createElement("div");
      small.textContent = detail;
      status.appendChild(small);
    }
  }

  function showOffline(message) {
    setStatus("warn", message, T.kept);
  }

  function showAnswer(answer) {
    var tones = { checked_in: "ok", already: "info", refused: "bad", unknown: "bad" };
    var person = answer.attendee ? answer.attendee.name + (answer.attendee.cooperative ? " — " + answer.attendee.cooperative : "") : "";
    setStatus(tones[answer.result] || "bad", answer.message, person);
    if (typeof answer.count === "number") { count.textContent = answer.count; }
    if (answer.result === "checked_in" && answer.attendee) { addRow(answer.attendee); }
    if (navigator.vibrate) { navigator.vibrate(answer.result === "checked_in" ? 80 : [60, 60, 60]); }
  }

  function addRow(attendee) {
    if (list.querySelector('[data-registration="' + attendee.registration + '"]')) { return; }
    var empty = list.querySelector(".checkin-empty");
    if (empty) { empty.remove(); }
    var item = document.createElement("li");
    item.className = "list-group-item d-flex justify-content-between gap-2";
    item.dataset.registration = attendee.registration;
    var who = document.createElement("span");
    var name = document.createElement("span");
    name.className = "fw-semibold";
    name.textContent = attendee.name;
    who.appendChild(name);
    if (attendee.cooperative) {
      var coop = document.createElement("span");
      coop.className = "d-block small text-body-secondary";
      coop.textContent = attendee.cooperative;
      who.appendChild(coop);
    }
    var at = document.createElement("span");
    at.className = "small text-body-secondary text-nowrap";
    at.textContent = attendee.at;
    item.appendChild(who);
    item.appendChild(at);
    list.insertBefore(item, list.firstChild);
  }

  // --- Typed code and name search -------------------------------------------------------------

  var codeForm = document.getElementById("checkin-code-form");
  codeForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = codeForm.querySelector("input[name=code]");
    if (!input.value.trim()) { input.focus(); return; }
    scan(input.value, "typed");
    input.value = "";
    input.focus();
  });

  var searchForm = document.getElementById("checkin-search-form");
  var results = document.getElementById("checkin-results");
  var searchTimer = null;
  function search() {
    var q = searchForm.querySelector("input[name=q]").value.trim();
    if (q.length < 2) { results.textContent = ""; return; }
    fetch(config.search + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        results.textContent = "";
        if (!answer.results.length) {
          var none = document.createElement("li");
          none.className = "list-group-item small text-body-secondary";
          none.textContent = T.no_match;
          results.appendChild(none);
        }
        answer.results.forEach(function (row) {
          var item = document.createElement("li");
          item.className = "list-group-item d-flex justify-content-between align-items-center gap-2";
          var who = document.createElement("span");
          who.textContent = row.name;
          var coop = document.createElement("span");
          coop.className = "d-block small text-body-secondary";
          coop.textContent = row.cooperative + (row.status_label ? " · " + row.status_label : "");
          who.appendChild(coop);
          item.appendChild(who);
          if (row.checked_in) {
            var done = document.createElement("span");
            done.className = "badge text-bg-success";
            done.textContent = T.already_badge;
            item.appendChild(done);
          } else {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "btn btn-sm btn-primary";
            button.textContent = T.check_in;
            button.addEventListener("click", function () {
              scan(row.code, "typed", row.registration);
              button.disabled = true;
            });
            item.appendChild(button);
          }
          results.appendChild(item);
        });
      })
      .catch(function () { results.textContent = ""; showOffline(T.offline_search); });
  }
  searchForm.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  searchForm.querySelector("input[name=q]").addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(search, 300);
  });

  // --- The camera -----------------------------------------------------------------------------

  var startButton = document.getElementById("checkin-camera-start");
  var stopButton = document.getElementById("checkin-camera-stop");
  var video = document.getElementById("checkin-video");
  var canvas = document.createElement("canvas");
  var stream = null;
  var detector = null;
  var lastCode = "";
  var lastAt = 0;

  function loadJsQR() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) { resolve(); return; }
      var script = document.createElement("script");
      script.src = config.decoder;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function chooseDecoder() {
    if ("BarcodeDetector" in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") !== -1) {
          detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return;
        }
        return loadJsQR();
      }).catch(loadJsQR);
    }
    return loadJsQR();
  }

  function found(text) {
    var now = Date.now();
    // The camera sees the same code in many frames: one scan per code every 3 seconds.
    if (text === lastCode && now - lastAt < 3000) { return; }
    lastCode = text;
    lastAt = now;
    scan(text, "scan");
  }

  function tick() {
    if (!stream) { return; }
    if (video.readyState < 2) { window.requestAnimationFrame(tick); return; }
    if (detector) {
      detector.detect(video).then(function (codes) {
        if (codes.length) { found(codes[0].rawValue); }
        window.setTimeout(tick, 150);
      }).catch(function () { window.setTimeout(tick, 300); });
      return;
    }
    var width = video.videoWidth, height = video.videoHeight;
    var scale = Math.min(1, 640 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    if (code && code.data) { found(code.data); }
    window.setTimeout(tick, 200);
  }

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    startButton.disabled = true;
    startButton.title = T.no_camera;
  }
  startButton.addEventListener("click", function () {
    chooseDecoder().then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (media) {
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      startButton.hidden = true;
      stopButton.hidden = false;
      return video.play();
    }).then(tick).catch(function () {
      stopCamera();
      setStatus("warn", T.no_camera, T.type_instead);
    });
  });
  stopButton.addEventListener("click", stopCamera);
  window.addEventListener("pagehide", stopCamera);

  showPending(loadQueue().length);
  flush();
})();
