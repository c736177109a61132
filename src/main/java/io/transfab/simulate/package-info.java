/**
 * A stochastic, physics-based simulator of lithium-ion electrode manufacturing (slurry, coating,
 * drying, calendering) that produces source and target tables for transfer learning and acts as
 * a "lab in the loop" for active learning. Relations, constants and sources: docs/simulator.md.
 */
package io.transfab.simulate;
