/* The explorer's index without full page loads (progressive enhancement: the form is a plain GET
   and works without this file). When a filter changes, the URL takes the form's query (empty
   fields left out) and the parts of the page marked data-swap (summary, export links, charts,
   what the map leaves out, table) are replaced by those of the page the server renders for it;
   the map takes the new page's layers (map.js redraws them) and the charts are redrawn
   (chart.js). A query the server refuses (400) is opened as a page of its own, which names the
   parameter; so is anything this script cannot swap. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-filters]");
  var results = document.querySelector("[data-results]");
  if (!form || !results || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var loading = form.querySelector("[data-loading]");
  var DELAY = 300; // ms: several boxes ticked in a row make one request
  var timer = null;
  var controller = null;

  function queryOf() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") {
        params.append(name, value);
      }
    });
    return params.toString();
  }

  function busy(on) {
    results.setAttribute("aria-busy", on ? "true" : "false");
    if (loading) {
      loading.hidden = !on;
    }
  }

  function swap(next) {
    var parts = document.querySelectorAll("[data-swap]");
    var pairs = [];
    for (var i = 0; i < parts.length; i += 1) {
      var name = parts[i].getAttribute("data-swap");
      var fresh = next.querySelector('[data-swap="' + name + '"]');
      if (!fresh) {
        return false;
      }
      pairs.push([parts[i], fresh]);
    }
    if (next.querySelectorAll("[data-swap]").length !== parts.length) {
      return false;
    }
    pairs.forEach(function (pair) {
      pair[0].replaceWith(document.importNode(pair[1], true));
    });
    document.querySelectorAll("[data-map][id]").forEach(function (map) {
      var fresh = next.getElementById(map.id);
      if (fresh && fresh.getAttribute("data-layers") !== map.getAttribute("data-layers")) {
        map.setAttribute("data-layers", fresh.getAttribute("data-layers"));
      }
    });
    if (window.ExplorerCharts) {
      window.ExplorerCharts.renderAll(document);
    }
    return true;
  }

  function update() {
    var query = queryOf();
    var url = form.getAttribute("action").split("?")[0] + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.pushState({ explorer: true }, "", url);
    }
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    busy(true);
    fetch(url, { credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("answered " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (!swap(new DOMParser().parseFromString(html, "text/html"))) {
          window.location.assign(url);
          return;
        }
        busy(false);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url); // the server's own page says what is wrong
        }
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY);
  }

  form.addEventListener("change", later);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    update();
  });
  window.addEventListener("popstate", function () {
    window.location.reload(); // the form and the page follow the URL gone back to
  });
})();
