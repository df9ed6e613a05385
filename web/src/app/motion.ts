/** Browsers driven by automation (end-to-end tests, benchmarks) get no animations: nothing to wait for. */
export const motion = typeof navigator === 'undefined' || !navigator.webdriver;
