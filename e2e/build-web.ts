import { ensureWebBuild } from '../scripts/ensure-web-build.mjs';

/** The end-to-end servers serve web/dist: build it first when the sources are newer. */
export default function setup() {
  ensureWebBuild();
}
