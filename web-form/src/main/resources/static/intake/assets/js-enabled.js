// Runs first in <body>, before the page is drawn: tells the stylesheets that scripts run (a file, not inline, so that
// the Content-Security-Policy needs no unsafe-inline).
document.body.className += ' js-enabled govuk-frontend-supported';
