"use strict";
// The status page's service worker (scope /t/): filled in on branch calls-web.
