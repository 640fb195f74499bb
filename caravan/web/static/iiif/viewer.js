/* Deep zoom on the object page: each figure with data-iiif-info gets an OpenSeadragon viewer
 * on that IIIF Image API info.json. The plain <img> stays until the viewer has opened the image,
 * and comes back if it cannot, so the page shows the image with or without JavaScript. */
(function () {
  "use strict";
  var script = document.currentScript;
  var prefixUrl = script ? script.getAttribute("data-prefix-url") : "";

  function open(figure) {
    var holder = figure.querySelector(".iiif-viewer");
    var picture = figure.querySelector("img.object-image");
    if (!holder) {
      return;
    }
    // Controls sit at the reading start: top right in right-to-left pages. The viewer itself is
    // laid out left to right (dir="ltr" in the template): it is a picture, not text.
    var rtl = document.documentElement.getAttribute("dir") === "rtl";
    holder.hidden = false;
    var viewer = OpenSeadragon({
      element: holder,
      tileSources: figure.getAttribute("data-iiif-info"),
      prefixUrl: prefixUrl,
      navigationControlAnchor: rtl
        ? OpenSeadragon.ControlAnchor.TOP_RIGHT
        : OpenSeadragon.ControlAnchor.TOP_LEFT,
      showRotationControl: true,
      // The page scrolls with the wheel; zoom with the buttons, a click or a pinch.
      gestureSettingsMouse: { scrollToZoom: false, clickToZoom: true },
      visibilityRatio: 1,
      minZoomImageRatio: 0.9
    });
    viewer.addOnceHandler("open", function () {
      if (picture) {
        picture.hidden = true;
      }
      figure.classList.add("iiif-zoomable");
    });
    viewer.addOnceHandler("open-failed", function () {
      viewer.destroy();
      holder.hidden = true;
    });
  }

  function start() {
    if (typeof OpenSeadragon !== "function") {
      return;
    }
    var figures = document.querySelectorAll("figure[data-iiif-info]");
    for (var i = 0; i < figures.length; i += 1) {
      open(figures[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
