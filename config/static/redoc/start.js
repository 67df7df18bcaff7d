"use strict";
// Starts ReDoc on /api/redoc/ (config/templates/drf_spectacular/redoc.html) with no inline code
// and no off-site request: the site's Content-Security-Policy allows neither. Loaded before
// ReDoc's bundle, so that the bundle's own start-up runs with these adjustments in place.
(function () {
  const script = document.currentScript;
  const nonce = script.nonce;
  const offSiteLogo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  const localLogo = script.dataset.logoUrl;
  const local = (value) => (value === offSiteLogo ? localLogo : value);

  // The bundle adds <style> elements of its own as it loads (a scrollbar's styles) and as it
  // renders: they get this page's nonce, as the policy requires. Only scripts the policy already
  // allowed can create elements, so markup injected into the page still cannot add a style.
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (tagName, options) {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) {
      element.setAttribute("nonce", nonce);
    }
    return element;
  };

  // ReDoc's sidebar footer hard-codes its logo on the Redocly CDN: serve our copy instead,
  // whichever way the image's address is set.
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    const isImageSource = this instanceof HTMLImageElement && String(name).toLowerCase() === "src";
    return setAttribute.call(this, name, isImageSource ? local(value) : value);
  };
  const source = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...source,
    set(value) {
      source.set.call(this, local(value));
    },
  });

  document.addEventListener("DOMContentLoaded", () => {
    // drf-spectacular's settings: JSON text inside a JSON string (json_script of its dump).
    const text = document.getElementById("redoc-settings").textContent;
    const settings = JSON.parse(JSON.parse(text));
    settings.nonce = nonce; // for the styles ReDoc generates as it renders
    Redoc.init(script.dataset.schemaUrl, settings, document.getElementById("redoc-container"));
  });
})();
