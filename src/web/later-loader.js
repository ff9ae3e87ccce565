// Loads the page's later module (src/web/later.rs): its glue, then its module, which mounts
// the page's slots (`data-later`). Added by the page after its first paint, or by index.html at
// once on the picker's route. When the module cannot load, `failed` says why and the page's
// `onfail` says so in each slot; the rest of the page works on.
(function () {
  var meeting = window.__later || (window.__later = {});
  meeting.loading = true;
  function failed(why) {
    meeting.failed = String((why && why.message) || why);
    if (meeting.onfail) meeting.onfail();
  }
  var glue = document.createElement('script');
  glue.src = 'later.js';
  glue.onload = function () {
    try {
      wasm_bindgen({ module_or_path: 'later_bg.wasm' }).catch(failed);
    } catch (e) {
      failed(e);
    }
  };
  glue.onerror = function () { failed('later.js did not load'); };
  document.head.appendChild(glue);
})();
