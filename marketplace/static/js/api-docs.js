// Starts Swagger UI on /api/v1/docs (the page allows no inline script: see security.py).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // never ask a third-party validator about our document
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
