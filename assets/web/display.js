"use strict";
// The waiting-room display page (issue 15): filled in on branch calls-web.
