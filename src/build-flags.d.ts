/**
 * Compile-time flags, replaced by the bundler (wxt.config.ts `vite.define`) so that code behind a false flag
 * is removed from the build, not merely skipped.
 *
 * `__LENS_BENCH__`: true only in builds made for `npm run bench` (`LENS_BENCH=1`). Benchmark instrumentation
 * (timers, counters, stats messages) lives behind it: a store build carries none of it. Vitest sets it true
 * so that the instrumentation itself is tested.
 */
declare const __LENS_BENCH__: boolean;
