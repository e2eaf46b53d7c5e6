'use strict';
// Stands in for `sync-fetch-undici` in the bundles (scripts/bundle.mjs aliases it here). @citation-js/core
// requires it for fetching URLs and DOIs; Citewright never goes online and always forces citation-js's input
// types, so the real module (child_process + an HTTP client) must not ship. Calling it is a bug.
function syncFetch() {
  throw new Error('Citewright does not access the network: sync-fetch-undici is stubbed out of this build');
}
syncFetch.Headers = class Headers {};
module.exports = syncFetch;
