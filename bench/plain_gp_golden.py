#!/usr/bin/env python3
"""Golden values of transfab's plain GP peer (io.transfab.accuracy.PlainGp, issue 13).

scikit-learn's GaussianProcessRegressor(ConstantKernel() * Matern(length_scale=ones(D), nu=2.5)
+ WhiteKernel(), normalize_y=True, n_restarts_optimizer=2) on inputs standardised with
StandardScaler on the training rows. The rows are written out literally (no random generator), so
the Java test (PlainGpTest) uses exactly the same numbers. Run once:
  /usr/bin/python3 bench/plain_gp_golden.py
(scikit-learn 1.2.1, numpy from Debian); the printed values are pasted into PlainGpTest.
"""
import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel
from sklearn.preprocessing import StandardScaler

# 14 training rows, 3 inputs on different scales; y = smooth function + a fixed "noise" column
X = np.array([[0.10, 20.0, 3.0], [0.25, 35.0, 1.0], [0.40, 15.0, 4.0], [0.55, 40.0, 2.0],
              [0.70, 25.0, 5.0], [0.85, 10.0, 3.5], [0.95, 30.0, 1.5], [0.05, 45.0, 4.5],
              [0.30, 50.0, 2.5], [0.60, 5.0, 0.5], [0.80, 45.0, 4.0], [0.45, 28.0, 3.0],
              [0.15, 8.0, 2.0], [0.65, 38.0, 5.5]])
NOISE = np.array([0.05, -0.08, 0.02, 0.11, -0.04, 0.07, -0.10, 0.03, -0.06, 0.09, -0.02, 0.04, -0.07, 0.01])
Y = 3.0 * np.sin(3.0 * X[:, 0]) + 0.04 * X[:, 1] + 0.2 * X[:, 2] ** 2 + 10.0 + NOISE
XT = np.array([[0.20, 22.0, 2.0], [0.50, 33.0, 3.5], [0.75, 12.0, 1.0], [0.90, 48.0, 5.0], [0.35, 40.0, 0.8]])

sc = StandardScaler().fit(X)
kern = ConstantKernel() * Matern(length_scale=np.ones(X.shape[1]), nu=2.5) + WhiteKernel()
gp = GaussianProcessRegressor(kern, normalize_y=True, n_restarts_optimizer=2, random_state=0)
gp.fit(sc.transform(X), Y)
print("y =", ", ".join(f"{v:.10f}" for v in Y))
print("kernel =", gp.kernel_)
print("log marginal likelihood =", gp.log_marginal_likelihood_value_)
print("predicted =", ", ".join(f"{v:.6f}" for v in gp.predict(sc.transform(XT))))
