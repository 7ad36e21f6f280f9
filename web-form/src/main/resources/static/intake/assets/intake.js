// The intake form, made a little kinder with JavaScript (it works without): questions that
// depend on an earlier "yes" show only then (each question's data-enable-when lists the questions
// of the Questionnaire's enableWhen, any of which answered yes shows it: intake-core's
// Question#isEnabled, which a test holds this script to), and the emergency warning appears as soon as the
// answers so far call for emergency care. The server decides that with the same rules as the
// verdict (POST /intake/check); nothing clinical is decided here. The warning is sticky at the
// bottom of the viewport (intake.css): while it shows, the page keeps the control that has focus
// clear of it when scrolling to it.
(function () {
  var form = document.getElementById('intake-form');
  if (!form) { return; }
  var warning = document.getElementById('emergency-warning');
  var timer = null;

  function answer(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }

  function applyEnableWhen() {
    form.querySelectorAll('[data-enable-when]').forEach(function (group) {
      var conditions = (group.getAttribute('data-enable-when') || '').trim();
      if (!conditions) { return; }
      group.hidden = !conditions.split(/\s+/).some(function (name) { return answer(name) === 'true'; });
    });
  }

  function showWarning(shown) {
    var appearing = shown && warning.hidden;
    warning.hidden = !shown;
    document.documentElement.style.scrollPaddingBottom = shown ? (warning.offsetHeight + 10) + 'px' : '';
    var answering = document.activeElement;
    if (appearing && answering && form.contains(answering)) {
      var control = answering.getBoundingClientRect();
      if (control.bottom > warning.getBoundingClientRect().top) {
        // the answer that brought the warning would be under it: bring it above
        answering.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  function checkForEmergency() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var body = new URLSearchParams(new FormData(form)); // carries the CSRF token field too
      fetch(form.getAttribute('data-check-url'), {
        method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' }
      }).then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) { if (result) { showWarning(result.emergency); } })
        .catch(function () { /* the verdict after sending still says what to do */ });
    }, 100);
  }

  form.addEventListener('change', function () { applyEnableWhen(); checkForEmergency(); });
  form.addEventListener('input', function (event) {
    if (event.target.type === 'number') { checkForEmergency(); }
  });
  applyEnableWhen();
  showWarning(!warning.hidden);
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }
})();
