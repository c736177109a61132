#!/usr/bin/env python3
"""Reference PyTorch + scikit-learn pipeline for `transfab bench` (issue 3's speed criterion).

Does the same work as `transfab bench` on the CSV files that bench writes (source.csv,
target.csv): standardise, pre-train an ensemble of MLPs on the source, then for every target
size and repeat train a GP (scikit-learn, Matern 5/2 ARD + white noise, 10 restarts), an MLP from
scratch and a fully fine-tuned copy of each pre-trained network, and score them on the held-out
target rows. Same architecture, epochs, learning rates and ensemble size as transfab's defaults.

Not needed to build, test or run transfab: it only measures the baseline. Debian:
  apt-get install python3-torch python3-sklearn
  /usr/bin/python3 bench/reference_pipeline.py DIR [--sizes 10,20,40] [--repeats 5] [--ensemble 3]
Prints the time of each phase and the median R2 per method and size.
"""
import sys
import time

T_START = time.time()
import argparse  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.gaussian_process import GaussianProcessRegressor  # noqa: E402
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel  # noqa: E402
from sklearn.metrics import r2_score  # noqa: E402

T_IMPORT = time.time()
import warnings  # noqa: E402
warnings.filterwarnings("ignore")  # scikit-learn bound warnings would drown the timings
torch.set_num_threads(1)

FEATURES = ["am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct", "comma_gap_um", "coating_speed_m_min",
            "drying_temp_c", "calender_line_load_n_mm"]
TARGETS = ["mass_loading_mg_cm2", "density_g_cm3", "porosity"]


def read(path):
    import csv
    with open(path) as f:
        rows = list(csv.reader(f))
    names = [h.split(" [")[0] for h in rows[0]]
    data = np.array([[float(v) for v in r] for r in rows[1:]])
    idx = {n: i for i, n in enumerate(names)}
    return data[:, [idx[c] for c in FEATURES]], data[:, [idx[c] for c in TARGETS]]


def standardize(a, ref):
    mu, sd = ref.mean(0), ref.std(0)
    sd[sd == 0] = 1
    return (a - mu) / sd, mu, sd


def mlp(d_in, d_out):
    return torch.nn.Sequential(torch.nn.Linear(d_in, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                               torch.nn.Linear(64, d_out))


def train(net, x, y, epochs, lr, wd, batch, val_frac=0.0, patience=30, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.tensor(x, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32)
    if val_frac > 0:
        perm = torch.randperm(len(x), generator=g)
        nv = max(1, int(round(val_frac * len(x))))
        xv, yv, x, y = x[perm[:nv]], y[perm[:nv]], x[perm[nv:]], y[perm[nv:]]
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=wd)
    best, best_state, waited = float("inf"), None, 0
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=g) if batch else torch.arange(len(x))
        step = batch or len(x)
        for i in range(0, len(x), step):
            b = order[i:i + step]
            opt.zero_grad()
            loss = ((net(x[b]) - y[b]) ** 2).mean()
            loss.backward()
            opt.step()
        if val_frac > 0:
            with torch.no_grad():
                v = ((net(xv) - yv) ** 2).mean().item()
            if v < best:
                best, waited = v, 0
                best_state = {k: t.clone() for k, t in net.state_dict().items()}
            else:
                waited += 1
                if waited >= patience:
                    break
    if best_state is not None:
        net.load_state_dict(best_state)
    return net


def predict(nets, x):
    with torch.no_grad():
        xt = torch.tensor(x, dtype=torch.float32)
        return np.mean([n(xt).numpy() for n in nets], axis=0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--sizes", default="10,20,40")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--ensemble", type=int, default=3)
    a = ap.parse_args()
    times = {"interpreter+imports": T_IMPORT - T_START}
    t = time.time()
    xs, ys = read(a.dir + "/source.csv")
    xt, yt = read(a.dir + "/target.csv")
    times["read"] = time.time() - t
    t = time.time()
    xs_n, xmu, xsd = standardize(xs, xs)
    ys_n, _, _ = standardize(ys, ys)
    torch.manual_seed(0)
    base = [train(mlp(xs.shape[1], ys.shape[1]), xs_n, ys_n, 300, 1e-3, 1e-4, 32, 0.15, 30, seed=k)
            for k in range(a.ensemble)]
    times["pretrain"] = time.time() - t
    rng = np.random.default_rng(0)
    method_time = {"gp": 0.0, "mlp": 0.0, "full": 0.0}
    scores = {}
    for n in [int(s) for s in a.sizes.split(",")]:
        for r in range(a.repeats):
            perm = rng.permutation(len(xt))
            tr, te = perm[:n], perm[n:]
            x_tr, x_mu, x_sd = standardize(xt[tr], xt[tr])
            y_tr, y_mu, y_sd = standardize(yt[tr], yt[tr])
            x_te = (xt[te] - x_mu) / x_sd
            t = time.time()
            preds = []
            for j in range(yt.shape[1]):
                kern = ConstantKernel() * Matern(length_scale=np.ones(xt.shape[1]), nu=2.5) + WhiteKernel()
                gp = GaussianProcessRegressor(kern, n_restarts_optimizer=10, random_state=r).fit(x_tr, y_tr[:, j])
                preds.append(gp.predict(x_te))
            p_gp = np.stack(preds, 1)
            method_time["gp"] += time.time() - t
            t = time.time()
            nets = [train(mlp(xt.shape[1], yt.shape[1]), x_tr, y_tr, 600, 3e-3, 1e-3, 0, seed=k)
                    for k in range(a.ensemble)]
            p_mlp = predict(nets, x_te)
            method_time["mlp"] += time.time() - t
            t = time.time()
            tuned = []
            for k, b in enumerate(base):
                c = mlp(xt.shape[1], yt.shape[1])
                c.load_state_dict(b.state_dict())
                tuned.append(train(c, x_tr, y_tr, 300, 3e-3, 0.0, 0, seed=k))
            p_full = predict(tuned, x_te)
            method_time["full"] += time.time() - t
            for name, p in (("gp", p_gp), ("mlp", p_mlp), ("full", p_full)):
                r2 = r2_score(yt[te][:, 1], p[:, 1] * y_sd[1] + y_mu[1])
                scores.setdefault((name, n), []).append(r2)
    times.update({"train " + k: v for k, v in method_time.items()})
    times["total"] = time.time() - T_START
    for k, v in times.items():
        print(f"{k:22s} {v:8.2f} s")
    for (name, n), v in sorted(scores.items()):
        print(f"median density R2 {name:5s} n={n:3d}: {np.median(v):.3f}")


if __name__ == "__main__":
    sys.exit(main())
