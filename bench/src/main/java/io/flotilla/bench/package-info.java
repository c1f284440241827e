/**
 * {@code ./flotilla bench}: the command and one benchmark per class (the whole stack, the git-watcher, the
 * renderer, the applier, the observer), each printing {@code BENCH} lines; a new benchmark is a class here with its
 * option in {@link io.flotilla.bench.BenchCommand}.
 */
package io.flotilla.bench;
