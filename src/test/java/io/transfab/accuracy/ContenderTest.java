package io.transfab.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.assess.Method;
import io.transfab.model.gp.KernelChoice;
import io.transfab.testing.Approx;
import io.transfab.transfer.AutoOptions;
import io.transfab.transfer.FineTuneOptions;
import org.junit.jupiter.api.Test;

class ContenderTest {
    private static final FineTuneOptions DEFAULTS = FineTuneOptions.defaults();

    @Test
    void eachAutoVariantTurnsOnOneComponentOfTheDefaults() {
        // Given the defaults' options; when each variant is applied, then exactly its component differs
        assertThat(Contender.AUTO_ISO.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withIsotropicGp(true));
        assertThat(Contender.AUTO_ISO_CANDIDATE.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withIsotropicCandidate(true));
        assertThat(Contender.AUTO_GENTLE.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withGentleCandidate(true));
        assertThat(Contender.AUTO_HUBER.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withHuberOnOutliers(true));
        assertThat(Contender.AUTO_FLOOR.variantOf(DEFAULTS).orElseThrow().auto().noiseFloor()).isEqualTo(0.05);
        assertThat(Contender.AUTO_LOG.variantOf(DEFAULTS).orElseThrow().auto().logTarget()).isTrue();
        assertThat(Contender.AUTO_RANK.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withRankTarget(true));
        assertThat(Contender.AUTO_GRID.variantOf(DEFAULTS).orElseThrow().auto().l2spGrid()).isTrue();
        assertThat(Contender.AUTO_BEFORE.variantOf(DEFAULTS).orElseThrow().auto()).isEqualTo(AutoOptions.before());
        assertThat(Contender.AUTO_EVIDENCE.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withGpKernel(KernelChoice.EVIDENCE));
        assertThat(Contender.AUTO_BIC.variantOf(DEFAULTS).orElseThrow().auto())
                .isEqualTo(AutoOptions.defaults().withGpKernel(KernelChoice.BIC));
        // And every variant trains auto and needs a source
        assertThat(Contender.AUTO_ISO.method()).contains(Method.AUTO);
        assertThat(Contender.AUTO_ISO.needsSource()).isTrue();
    }

    @Test
    void fullSlowIsFullAtAThirdOfTheLearningRate() {
        // Given the default lr 3e-3: full-slow fine-tunes at 3e-3 / 3 = 1e-3, the plain peer's, nothing else changed
        FineTuneOptions slow = Contender.FULL_SLOW.variantOf(DEFAULTS).orElseThrow();
        Approx.assertClose(slow.learningRate(), 1e-3, 1e-12, 0, "lr");
        assertThat(slow.withLearningRate(DEFAULTS.learningRate())).isEqualTo(DEFAULTS);
        assertThat(Contender.FULL_SLOW.method()).contains(Method.FULL);
        // And the plain contenders are no variants
        assertThat(Contender.DEFAULT.variantOf(DEFAULTS)).isEmpty();
        assertThat(Contender.fromCliName("auto-iso-gentle")).isEqualTo(Contender.AUTO_ISO_GENTLE);
        // And the GP kernel contenders are plain GPs on the target rows: no variant of auto, no source
        for (Contender c : new Contender[] {Contender.GP_ISO, Contender.GP_EVIDENCE, Contender.GP_BIC}) {
            assertThat(c.variantOf(DEFAULTS)).isEmpty();
            assertThat(c.needsSource()).isFalse();
        }
        assertThat(Contender.fromCliName("gp-evidence")).isEqualTo(Contender.GP_EVIDENCE);
    }
}
