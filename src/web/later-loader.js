// Loads the page's later module (src/web/later.rs): its glue, then its module, which mounts
// the page's slots (`data-later`). Added by the page after its first paint, or by index.html at
// once on the picker's route. When the module cannot load, each slot says so (now, and when
// the page announces a new one), and the rest of the page works on.
(function () {
  var meeting = window.__later || (window.__later = {});
  meeting.loading = true;
  function failed(why) {
    var reason = String((why && why.message) || why);
    meeting.scan = function () {
      var slots = document.querySelectorAll('[data-later]');
      for (var i = 0; i < slots.length; i++) {
        if (slots[i].querySelector('.later-failed')) continue;
        var message = document.createElement('p');
        message.className = 'msg error later-failed';
        message.setAttribute('role', 'alert');
        message.textContent = 'This part of the page could not load (' + reason + '). Reload the page to try again.';
        slots[i].appendChild(message);
      }
    };
    // After the render that announced a slot is over.
    var scan = meeting.scan;
    meeting.scan = function () { Promise.resolve().then(scan); };
    scan();
  }
  var glue = document.createElement('script');
  glue.src = 'later.js';
  glue.onload = function () {
    wasm_bindgen({ module_or_path: 'later_bg.wasm' }).catch(failed);
  };
  glue.onerror = function () { failed('later.js did not load'); };
  document.head.appendChild(glue);
})();
