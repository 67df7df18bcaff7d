/* The explorer's maps (Leaflet, vendored; no tile server): every <div data-map> on a page gets a
   map of the coastline shipped with the site (data-coastline, GeoJSON) and of every GeoJSON
   FeatureCollection its data-layers attribute lists (space-separated URLs; the API's
   format=geojson lists). Changing data-layers redraws the data layers.

   Features are drawn as what they are:
   - a zone boundary (properties.status): complete, a closed outline; partial, only the points
     the source gives: an ordered LineString as an open dashed line, a MultiPoint as loose
     points; described (geometry null), nothing;
   - a patrol (properties.geometry_from): its route, or its regions' shapes;
   - anything else (a region): its shape.
   A feature with geometry null is counted as not mapped, never guessed.

   The map element says how it went, for people and tests: a status line inside the map
   (role=status), data-map-state (loading, ready, error), data-features-drawn and
   data-features-unmapped. Longitudes west of 30°W are shifted by 360° so the North Pacific
   (the Bering Sea, Alaska) lies east of Asia, not across the world. */
(function () {
  "use strict";

  var EAST_ASIA = [[18, 105], [58, 172]]; // south-west, north-east (lat, lon)
  var BOUNDARY = "#7b2d8e";
  var PATROL = "#d55e00";
  var REGION = "#0072b2";
  var COAST = { color: "#6b7785", weight: 1, interactive: false };
  var MAX_PAGES = 20; // a list answered in pages (a "next" link) is followed this far

  function wrapped(coords) {
    var lon = coords[0] < -30 ? coords[0] + 360 : coords[0];
    return L.latLng(coords[1], lon);
  }

  function kindOf(feature) {
    var properties = feature.properties || {};
    if (properties.status) {
      return "boundary";
    }
    return "geometry_from" in properties ? "patrol" : "region";
  }

  function colourOf(kind) {
    return kind === "boundary" ? BOUNDARY : kind === "patrol" ? PATROL : REGION;
  }

  // One look per feature, for its shapes and its points alike (Leaflet restyles a point drawn
  // by pointToLayer with the style function, so both must agree).
  function styleOf(feature) {
    var kind = kindOf(feature);
    var colour = colourOf(kind);
    var type = feature.geometry && feature.geometry.type;
    if (type === "Point" || type === "MultiPoint") {
      return {
        radius: 5,
        color: colour,
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.7,
        className: kind === "boundary" ? "map-boundary map-boundary-point" : "map-" + kind
      };
    }
    if (kind === "boundary") {
      var open = type === "LineString" || type === "MultiLineString";
      return {
        color: colour,
        weight: 2.5,
        dashArray: open ? "8 6" : null,
        fill: !open,
        fillOpacity: 0.08,
        className: open ? "map-boundary map-boundary-line" : "map-boundary map-boundary-complete"
      };
    }
    if (kind === "patrol") {
      return { color: colour, weight: 3, fillOpacity: 0.12, className: "map-patrol" };
    }
    return { color: colour, weight: 1.5, fillOpacity: 0.15, className: "map-region" };
  }

  function pointOf(feature, latlng) {
    return L.circleMarker(latlng, styleOf(feature));
  }

  function text(value) {
    if (value && typeof value === "object") {
      return value.name || value.designation || value.slug || value.code || "";
    }
    return value == null ? "" : String(value);
  }

  function describe(feature) {
    var properties = feature.properties || {};
    var kind = kindOf(feature);
    var box = document.createElement("div");
    var title = document.createElement("strong");
    var name = text(properties.name) || text(properties.region) || text(properties.title) || feature.id;
    var link = properties.page || properties.url;
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link;
      anchor.textContent = name;
      title.appendChild(anchor);
    } else {
      title.textContent = name;
    }
    box.appendChild(title);
    var note = "";
    if (kind === "boundary") {
      var type = feature.geometry && feature.geometry.type;
      note = properties.status === "complete" ? "Zone boundary, complete"
        : type === "MultiPoint" ? "Zone boundary, partial: only the points the source gives, in no known order"
        : "Zone boundary, partial: only the points the source gives, in order";
    } else if (kind === "patrol") {
      note = properties.geometry_from === "route" ? "Patrol route" : "Patrol: the shapes of its regions";
      if (properties.start_date) {
        note += " (" + properties.start_date + ")";
      }
    } else if (properties.kind) {
      note = "Region: " + text(properties.kind).replace(/_/g, " ");
    }
    if (note) {
      var line = document.createElement("div");
      line.textContent = note;
      box.appendChild(line);
    }
    return box;
  }

  function fetchAll(url, pages) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + " answered " + response.status);
      }
      return response.json();
    }).then(function (collection) {
      if (collection && collection.type === "Feature") {
        // A record's own layer (a patrol page): one Feature, not a collection.
        return { features: [collection], unmapped: collection.geometry ? 0 : 1 };
      }
      var features = (collection && collection.features) || [];
      var unmapped = (collection && typeof collection.unmapped === "number") ? collection.unmapped : null;
      var next = collection && collection.next;
      if (next && pages < MAX_PAGES) {
        return fetchAll(next, pages + 1).then(function (rest) {
          return {
            features: features.concat(rest.features),
            unmapped: unmapped == null || rest.unmapped == null ? null : unmapped + rest.unmapped
          };
        });
      }
      return { features: features, unmapped: unmapped };
    });
  }

  function statusControl(map) {
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "map-status");
      box.setAttribute("role", "status");
      return box;
    };
    control.addTo(map);
    return control.getContainer();
  }

  function ExplorerMap(element) {
    this.element = element;
    this.map = L.map(element, { zoomSnap: 0.5, worldCopyJump: false });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Coastline: Natural Earth");
    this.map.fitBounds(EAST_ASIA);
    this.status = statusControl(this.map);
    this.data = L.featureGroup().addTo(this.map);
    this.generation = 0;
    var coastline = element.getAttribute("data-coastline");
    var self = this;
    if (coastline) {
      fetch(coastline, { credentials: "same-origin" }).then(function (response) {
        return response.json();
      }).then(function (shape) {
        L.geoJSON(shape, { style: COAST, interactive: false, coordsToLatLng: wrapped }).addTo(self.map);
      }).catch(function () {
        self.say("error", "The coastline could not be loaded.");
      });
    }
    this.load();
    new MutationObserver(function () {
      self.load();
    }).observe(element, { attributes: true, attributeFilter: ["data-layers"] });
  }

  ExplorerMap.prototype.say = function (state, message) {
    this.element.setAttribute("data-map-state", state);
    this.element.setAttribute("aria-busy", state === "loading" ? "true" : "false");
    this.status.setAttribute("data-state", state);
    this.status.textContent = message;
  };

  ExplorerMap.prototype.load = function () {
    var urls = (this.element.getAttribute("data-layers") || "").split(/\s+/).filter(Boolean);
    var generation = ++this.generation;
    var self = this;
    this.say("loading", "Loading the map layers…");
    Promise.allSettled(urls.map(function (url) { return fetchAll(url, 1); })).then(function (results) {
      if (generation !== self.generation) {
        return; // a newer set of layers is loading
      }
      self.data.clearLayers();
      var drawn = 0;
      var unmapped = 0;
      var failed = 0;
      results.forEach(function (result) {
        if (result.status !== "fulfilled") {
          failed += 1;
          return;
        }
        var layer = L.geoJSON(null, {
          style: styleOf,
          pointToLayer: pointOf,
          coordsToLatLng: wrapped,
          onEachFeature: function (feature, shape) {
            shape.bindPopup(describe(feature));
          }
        });
        var nulls = 0;
        result.value.features.forEach(function (feature) {
          if (feature && feature.geometry) {
            layer.addData(feature);
            drawn += 1;
          } else {
            nulls += 1;
          }
        });
        unmapped += result.value.unmapped == null ? nulls : result.value.unmapped;
        self.data.addLayer(layer);
      });
      var bounds = self.data.getBounds();
      if (bounds.isValid()) {
        self.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 7 });
      } else {
        self.map.fitBounds(EAST_ASIA);
      }
      self.element.setAttribute("data-features-drawn", String(drawn));
      self.element.setAttribute("data-features-unmapped", String(unmapped));
      var summary = drawn + " drawn; " + unmapped + " without a shape (see below the map).";
      if (failed) {
        self.say("error", failed + " of " + urls.length + " layers could not be loaded. " + summary);
      } else {
        self.say("ready", summary);
      }
    });
  };

  function initAll(root) {
    var elements = (root || document).querySelectorAll("[data-map]");
    return Array.prototype.map.call(elements, function (element) {
      if (!element.explorerMap) {
        element.explorerMap = new ExplorerMap(element);
      }
      return element.explorerMap;
    });
  }

  window.ExplorerMap = { initAll: initAll };
  initAll(document);
})();
