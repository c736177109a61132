package io.transfab.cli;

import java.util.List;

/**
 * The demo's columns for {@code BenchCommand}, which names them here; the demo itself lives in
 * {@link io.transfab.workflow.DemoResult}. Once BenchCommand imports that one, this class can go.
 */
final class DemoResult {
    static final List<String> FEATURES = io.transfab.workflow.DemoResult.FEATURES;
    static final List<String> TARGETS = io.transfab.workflow.DemoResult.TARGETS;

    private DemoResult() {
    }
}
