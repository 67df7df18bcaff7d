// The export page's "Select all" box. The stock template binds it with an onchange="…"
// attribute, inline script that the Content-Security-Policy does not run (script-src has no
// 'unsafe-inline' or 'unsafe-hashes'); config/templates/admin/import_export/export.html drops
// the attribute and this file binds django-import-export's own handler instead.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof onSelectToggleChange !== "function") {
    return; // not a form with selectable fields: it has no such box
  }
  document.querySelectorAll("input.select-toggle[name='select-all-toggle']").forEach((toggle) => {
    toggle.addEventListener("change", onSelectToggleChange);
  });
});
