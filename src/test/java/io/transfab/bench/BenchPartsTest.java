package io.transfab.bench;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchPartsTest {
    @Test
    void readsTheReferencePipelinesPhaseLines() {
        // Given the reference script's output (phase lines "%-22s %8.2f s", then R2 lines)
        String out = "interpreter+imports        1.52 s\npretrain                  40.10 s\ntrain gp                  "
                + "12.00 s\ntotal                     80.25 s\nmedian density R2 gp    n= 10: 0.812\n";

        // When parsed
        Map<String, Double> phases = ReferencePipeline.phases(out);

        // Then every phase line is kept by name and nothing else
        assertEquals(List.of("interpreter+imports", "pretrain", "train gp", "total"), List.copyOf(phases.keySet()));
        assertClose(phases.get("total"), 80.25, 1e-12, 0, "total");
        assertClose(phases.get("train gp"), 12.0, 1e-12, 0, "train gp");
    }

    @Test
    void countsNetworkArithmetic() {
        // Given the default 7-64-64-3 network: 7*64 + 64*64 + 64*3 = 4736 multiply-adds per row
        long macs = Flops.macs(7, 64, 64, 3);

        // Then a training step is three forward passes of two FLOP per multiply-add
        assertEquals(4736L, macs);
        assertClose(Flops.training(2, 10, 100, macs), 6.0 * 2 * 10 * 100 * 4736, 1e-12, 0, "training FLOP");
        double protocol = PhaseBench.protocolFlop(7, 3, 2000, List.of(10, 20), 2, 3);
        double expected = 6.0 * 4736 * 3 * (300 * 1700 + 2 * (600 + 300) * (10 + 20));
        assertClose(protocol, expected, 1e-12, 0, "protocol FLOP");
    }

    @Test
    void peakIsCoresTimesClockTimesFlopPerCycle() {
        Peak p = new Peak(2, 2.5, 16, "test");
        assertClose(p.gflops(), 80.0, 1e-12, 0, "peak");
        Peak detected = Peak.detect();
        assertTrue(detected.cores() >= 1);
    }
}
