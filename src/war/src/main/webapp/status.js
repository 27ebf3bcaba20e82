"use strict";
// Polls api/status and shows the live share of quantum-safe sessions, per-endpoint counts, the latest sessions and,
// where the PQWS provider reports them, every TLS handshake of the server and its failures.
// Everything the server sends is written with textContent, never as HTML.
(function () {
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 3000;

  function percent(ratio) {
    return (Math.round(ratio * 1000) / 10).toString() + " %";
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
  }

  function replaceRows(body, rows, emptyText) {
    body.replaceChildren();
    if (rows.length === 0) {
      const row = document.createElement("tr");
      const td = document.createElement("td");
      td.colSpan = 6;
      td.textContent = emptyText;
      row.appendChild(td);
      body.appendChild(row);
      return;
    }
    rows.forEach((row) => body.appendChild(row));
  }

  function show(status) {
    const sessions = status.sessions;
    const box = $("share");
    const kind = sessions.opened === 0 ? "pending" : (sessions.hybrid === sessions.opened ? "safe" : "classic");
    box.className = "verdict " + kind;
    box.dataset.state = kind;
    $("pq-share").textContent = sessions.opened === 0 ? "—" : percent(sessions.hybridRatio);
    $("pq-share").dataset.value = String(sessions.hybridRatio);
    $("sessions-hybrid").textContent = String(sessions.hybrid);
    $("sessions-opened").textContent = String(sessions.opened);
    $("sessions-active").textContent = String(sessions.active);
    $("profile").textContent = status.profile;
    $("updated").textContent = "Updated " + new Date().toISOString().substring(11, 19) + " UTC.";

    replaceRows($("endpoints"), status.endpoints.map((e) => {
      const row = document.createElement("tr");
      row.dataset.endpoint = e.endpoint;
      cell(row, e.endpoint);
      cell(row, String(e.opened), "opened");
      cell(row, percent(e.hybridRatio) + " (" + e.hybrid + ")", "hybrid");
      cell(row, String(e.active), "active");
      cell(row, status.messagesCounted ? e.messagesReceived + " / " + e.messagesSent : "not counted here", "messages");
      cell(row, Object.entries(e.closes).map(([code, count]) => code + ": " + count).join(", ") || "—", "closes");
      return row;
    }), "No sessions yet.");

    replaceRows($("recent"), status.recent.map((s) => {
      const row = document.createElement("tr");
      row.className = s.hybrid ? "hybrid" : "classic";
      row.dataset.group = s.group;
      row.dataset.sequence = String(s.sequence);
      cell(row, String(s.sequence));
      cell(row, s.openedAt.substring(0, 19).replace("T", " "));
      cell(row, s.endpoint, "endpoint");
      cell(row, s.group + (s.hybrid ? " (quantum-safe)" : "") + (s.tlsReportedBy === "proxy" ? ", proxy-reported" : ""),
        "group");
      cell(row, s.protocol);
      cell(row, s.cipherSuite);
      return row;
    }), "No sessions yet.");

    const server = status.server;
    $("server-section").hidden = server === null;
    if (server !== null) {
      $("server-handshakes").textContent = String(server.handshakes);
      $("server-without").textContent = String(server.withoutHybridOffer);
      const offered = $("server-offered");
      offered.textContent = server.handshakes === 0 ? "—" : percent(server.hybridOfferedRatio);
      offered.dataset.value = String(server.hybridOfferedRatio);
      facts($("server-groups"), server.byGroup);
    }

    const clients = status.clients;
    if (clients !== null) {
      $("clients-overflow").textContent = String(clients.overflow);
      replaceRows($("clients"), clients.wouldBeRefused.map((c) => {
        const row = document.createElement("tr");
        row.dataset.fingerprint = c.fingerprint;
        cell(row, c.fingerprint, "fingerprint");
        cell(row, String(c.handshakes));
        cell(row, c.versions);
        cell(row, c.lastSeen.substring(0, 19).replace("T", " "));
        cell(row, c.userAgent || "—", "user-agent");
        return row;
      }), "None.");
    }

    const failures = status.handshakeFailures;
    $("failures-section").hidden = failures === null;
    if (failures !== null) {
      facts($("failures"), failures);
    }
  }

  function facts(list, counts) {
    list.replaceChildren();
    Object.entries(counts).forEach(([name, count]) => {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = String(count);
      list.append(dt, dd);
    });
  }

  function refresh() {
    fetch("api/status", { cache: "no-store" })
      .then((response) => {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(show)
      .catch((error) => {
        const box = $("share");
        box.className = "verdict error";
        box.dataset.state = "error";
        $("updated").textContent = "Could not load the status (" + error.message + ").";
      })
      .finally(() => setTimeout(refresh, REFRESH_MS));
  }

  refresh();
})();
