/**
 * Accuracy on noisy lab data (issue 13): the plain reference peers ({@link io.transfab.accuracy.PlainGp},
 * {@link io.transfab.accuracy.PlainFineTune}) and the harness that scores transfab's default against
 * them on the same seeded splits of real tables and corrupted simulations ({@link io.transfab.accuracy.AccuracyStudy}).
 */
package io.transfab.accuracy;
