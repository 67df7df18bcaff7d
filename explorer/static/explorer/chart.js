/* The explorer's bar charts (Chart.js, vendored): every <canvas data-chart="ID"> is drawn from
   the JSON in <script id="ID" type="application/json"> (Django's json_script), shaped
   {labels, datasets: [{label, data, key?, notes?}], stacked, axis}. A dataset's note for a bar
   ("partial: …") hatches that bar and is read out in its tooltip; the table under each chart
   gives every number, so colour is never the only carrier. ExplorerCharts.renderAll(root) draws
   (or redraws) the charts under root; index.js calls it after updating the page. */
(function () {
  "use strict";

  // Okabe–Ito colours: told apart with the common colour-vision deficiencies.
  var KIND_COLOURS = {
    joint_strategic_patrol: "#0072B2",
    national_long_range_patrol: "#E69F00",
    exercise: "#009E73"
  };
  var PALETTE = ["#4D4D4D", "#D55E00", "#0072B2", "#CC79A7", "#009E73", "#E69F00", "#56B4E9"];

  function hatched(colour) {
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var pen = tile.getContext("2d");
    pen.fillStyle = "#ffffff";
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = colour;
    pen.lineWidth = 2.5;
    pen.beginPath();
    pen.moveTo(-2, 10);
    pen.lineTo(10, -2);
    pen.moveTo(6, 10);
    pen.lineTo(10, 6);
    pen.moveTo(-2, 2);
    pen.lineTo(2, -2);
    pen.stroke();
    return pen.createPattern(tile, "repeat");
  }

  function dataset(spec, index) {
    var colour = KIND_COLOURS[spec.key] || PALETTE[index % PALETTE.length];
    var notes = spec.notes || [];
    var pattern = notes.some(Boolean) ? hatched(colour) : null;
    return {
      label: spec.label,
      data: spec.data,
      notes: notes,
      borderColor: colour,
      borderWidth: 1,
      backgroundColor: function (context) {
        var partial = context.type === "data" && notes[context.dataIndex];
        return partial ? pattern : colour;
      }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") {
      return null;
    }
    var spec = JSON.parse(source.textContent);
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    return new Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: spec.datasets.map(dataset) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: spec.stacked },
          y: {
            stacked: spec.stacked,
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: spec.axis }
          }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              afterLabel: function (item) {
                return (item.dataset.notes || [])[item.dataIndex] || "";
              }
            }
          }
        }
      }
    });
  }

  function renderAll(root) {
    var canvases = (root || document).querySelectorAll("canvas[data-chart]");
    return Array.prototype.map.call(canvases, draw);
  }

  window.ExplorerCharts = { renderAll: renderAll };
  renderAll(document);
})();
