"use strict";
// Opens a WebSocket to /tls on this server. Its first message reports the TLS facts of this very connection;
// after that it echoes text. The page states in plain words whether the key exchange is quantum-safe.
(function () {
  const $ = (id) => document.getElementById(id);
  const base = location.pathname.replace(/[^/]*$/, "");
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const url = scheme + "//" + location.host + base + "tls";
  let socket;
  let factsSeen = false;

  function verdict(kind, title, detail) {
    const box = $("verdict");
    box.className = "verdict " + kind;
    box.dataset.state = kind;
    $("verdict-title").textContent = title;
    $("verdict-detail").textContent = detail;
  }

  function showFacts(facts) {
    $("group").textContent = facts.namedGroup || "unknown";
    $("protocol").textContent = facts.protocol || (facts.secure ? "unknown" : "none (not encrypted)");
    $("cipher").textContent = facts.cipherSuite || "—";
    $("client-cert").textContent = facts.clientCertificate || "none";
    // Behind a TLS-terminating proxy the server's own hop is the proxy's; the facts are what the proxy reported.
    $("reported-by").textContent = facts.proxyReported
      ? "the TLS-terminating proxy in front of this server (trusted by its settings)"
      : "this server, from its own TLS connection";
    if (!facts.secure) {
      verdict("insecure", "Not encrypted", "This page was loaded over plain HTTP, so the WebSocket is not encrypted at all.");
    } else if (facts.hybridPostQuantum) {
      verdict("safe", "Quantum-safe key exchange: " + facts.namedGroup,
        "This connection's keys were agreed with a hybrid post-quantum key exchange (classic ECDHE and ML-KEM), "
        + "so recorded traffic stays private even against a future quantum computer.");
    } else if (facts.namedGroup) {
      verdict("classic", "Not quantum-safe: " + facts.namedGroup,
        "This connection used a classic key exchange. Recorded traffic could be decrypted by a future quantum "
        + "computer. A browser or client that offers X25519MLKEM768 would get a quantum-safe connection here.");
    } else {
      verdict("unknown", "Key exchange unknown", facts.namedGroupUnavailable || "The server could not tell.");
    }
  }

  function log(text, kind) {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = text;
    $("echo-log").prepend(item);
  }

  function connect() {
    $("ws-url").textContent = url;
    socket = new WebSocket(url);
    socket.onopen = () => {
      $("echo-input").disabled = false;
      $("echo-send").disabled = false;
    };
    socket.onmessage = (event) => {
      if (!factsSeen) {
        factsSeen = true;
        try {
          showFacts(JSON.parse(event.data));
        } catch (e) {
          verdict("unknown", "Unexpected answer", "The server's TLS report could not be read.");
        }
        return;
      }
      log("← " + event.data, "in");
    };
    socket.onclose = (event) => {
      $("echo-input").disabled = true;
      $("echo-send").disabled = true;
      if (!factsSeen) {
        verdict("error", "Could not connect", "The WebSocket closed before the server reported (code " + event.code + ").");
      } else {
        log("connection closed (code " + event.code + (event.reason ? ", " + event.reason : "") + ")", "status");
      }
    };
  }

  $("echo-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("echo-input").value;
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    socket.send(text);
    log("→ " + text, "out");
    $("echo-input").value = "";
  });

  connect();
})();
