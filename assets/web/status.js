"use strict";
// The patient status page (issue 15): filled in on branch calls-web.
