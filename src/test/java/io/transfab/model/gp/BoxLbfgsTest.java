package io.transfab.model.gp;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxLbfgsTest {
    private static final BoxLbfgs.Objective ROSENBROCK = (x, g) -> {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    };

    @Test
    void findsTheRosenbrockMinimumInsideALooseBox() {
        // Given the Rosenbrock function and a box that contains its minimum (1, 1)
        BoxLbfgs lbfgs = BoxLbfgs.of(500, 1e-9, 0);
        // When minimising from the classic start
        BoxLbfgs.Result r = lbfgs.minimise(ROSENBROCK, new double[] {-1.2, 1.0}, new double[] {-5, -5}, new double[] {5, 5});
        // Then it converges to (1, 1)
        assertTrue(r.converged());
        assertClose(r.x(), new double[] {1, 1}, 0, 1e-6, "argmin");
        assertClose(r.value(), 0, 0, 1e-12, "min");
    }

    @Test
    void stopsOnTheBoundWhereTheConstrainedMinimumLies() {
        // Given Rosenbrock restricted to x0 <= 0.5: the minimum is at (0.5, 0.25)
        BoxLbfgs lbfgs = BoxLbfgs.of(500, 1e-9, 0);
        // When minimising
        BoxLbfgs.Result r = lbfgs.minimise(ROSENBROCK, new double[] {-1.2, 1.0}, new double[] {-5, -5}, new double[] {0.5, 5});
        // Then x0 sits exactly on its bound and x1 = x0^2
        assertClose(r.x(), new double[] {0.5, 0.25}, 0, 1e-6, "argmin");
        assertTrue(r.x()[0] <= 0.5);
    }

    @Test
    void handlesACornerSolutionOfAQuadratic() {
        // Given (x-3)^2 + (y+1)^2 on [0,1]^2, minimised at the corner (1, 0)
        BoxLbfgs.Objective f = (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
        };
        // When minimising from inside the box
        BoxLbfgs.Result r = BoxLbfgs.of(100, 1e-10, 0).minimise(f, new double[] {0.2, 0.7}, new double[] {0, 0}, new double[] {1, 1});
        // Then it reaches the corner and reports convergence
        assertTrue(r.converged());
        assertClose(r.x(), new double[] {1, 0}, 0, 0, "corner");
    }

    @Test
    void shortensStepsThroughInfeasiblePoints() {
        // Given a function that is undefined (NaN) for x >= 1 and minimised at x = 0.9
        BoxLbfgs.Objective f = (x, g) -> {
            if (x[0] >= 1) {
                return Double.NaN;
            }
            g[0] = 2 * (x[0] - 0.9);
            return (x[0] - 0.9) * (x[0] - 0.9);
        };
        // When minimising from far below
        BoxLbfgs.Result r = BoxLbfgs.of(100, 1e-10, 0).minimise(f, new double[] {-50}, new double[] {-100}, new double[] {100});
        // Then it still finds the minimum
        assertClose(r.x()[0], 0.9, 0, 1e-8, "argmin");
    }

    @Test
    void rejectsAnEmptyBox() {
        assertThrows(IllegalArgumentException.class,
                () -> BoxLbfgs.of(10, 1e-6, 0).minimise(ROSENBROCK, new double[2], new double[] {0, 1}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> BoxLbfgs.of(0, 1e-6, 0));
    }
}
