#!/usr/bin/env python3
"""Independent float64 reference values for two distillation losses: CTKD and MLKD.

Regenerate (from this directory):  /usr/bin/python3 generate.py
Writes ctkd.json and mlkd.json next to this file.

Source of the expected values: numpy float64 only (forward passes written from a reading
of sunshangquan/logit-standardization-KD @ f6e5aa5 -- CTKD/ and mdistiller/distillers/MLKD.py),
gradients by central differences (h = 1e-6) of those numpy totals (the same code evaluated in
np.longdouble for the difference quotient, see FD_DTYPE; --float64-fd differences in float64).
torch (float64 autograd, written to mirror the reference code line by line) is used ONLY as a
printed cross-check; nothing torch computes is written to the JSON files.

Reference behaviour reproduced here (details in README.md):

CTKD lambda schedule (CTKD/train_student.py, class CosineDecay, called as
gradient_decay.get_value(epoch) for epoch in range(1, epochs + 1), only when --have_mlp 1):
    i = epoch; if i < 0: i = 0; if i >= num_loops: i = num_loops
    value = (cos(i * pi / num_loops) + 1) * 0.5 * (max - min) + min
So i is the 1-based epoch itself (never 0 during training: epoch 1 already gives
lambda = (cos(pi/loops)+1)/2 - 1 for max=0, min=-1), clamped to num_loops.
The gradient "reversal" layer (CTKD/models/temp_global.py) returns x.clone() forward and
lambda * grad backward -- it does NOT negate (its docstring says -lambda); the reversal comes only
from lambda itself being <= 0 with decay_max=0, decay_min=-1.
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
H = 1e-6
EPS_STD = 1e-7
# The forward code below is dtype-generic. Values (ce, kd, total, ...) are evaluated in float64.
# Gradients are central differences with h = 1e-6 of the SAME code; by default the function is
# evaluated in np.longdouble (x87 80-bit on x86_64, eps ~1.1e-19) so that the round-off of the
# difference quotient (~eps*|f|/h) is ~1e-13*|f| instead of ~1e-10*|f|; the result is rounded to
# float64. Run with --float64-fd to difference the float64 function instead (the cross-check then
# shows ~1e-7..1e-6 normwise agreement instead of ~1e-10).
FD_DTYPE = np.float64 if "--float64-fd" in sys.argv else np.longdouble


# ----------------------------------------------------------------------------- numpy primitives
def zscore(x):
    """(x - mean_row) / (1e-7 + std_row(ddof=1)) -- as normalize() in MLKD.py and CTKD KD.py (HEAD)."""
    mean = x.mean(axis=1, keepdims=True)
    std = x.std(axis=1, ddof=1, keepdims=True)
    return (x - mean) / (EPS_STD + std)


def log_softmax(x):
    m = x.max(axis=1, keepdims=True)
    y = x - m
    return y - np.log(np.exp(y).sum(axis=1, keepdims=True))


def softmax(x):
    return np.exp(log_softmax(x))


def kl_rows(t_logits, s_logits):
    """KL(softmax(t) || softmax(s)) per row."""
    lt = log_softmax(t_logits)
    ls = log_softmax(s_logits)
    return (np.exp(lt) * (lt - ls)).sum(axis=1)


def ce(logits, y):
    ls = log_softmax(logits)
    return -ls[np.arange(len(y)), y].mean()


def central_diff(f, x):
    """d f / d x element-wise, f evaluated in FD_DTYPE; the step actually taken, (x+h)-(x-h) in
    FD_DTYPE, is the divisor. f must convert its other inputs to the dtype of its argument."""
    x = np.asarray(x, dtype=FD_DTYPE)
    h = FD_DTYPE(H)
    g = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(*x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] = x[idx] + h
        xm[idx] = x[idx] - h
        g[idx] = np.float64((f(xp) - f(xm)) / (xp[idx] - xm[idx]))
    return g


def central_diff_scalar(f, v):
    v = FD_DTYPE(v)
    h = FD_DTYPE(H)
    vp, vm = v + h, v - h
    return float(np.float64((f(vp) - f(vm)) / (vp - vm)))


def as_(ref, *arrays):
    """cast arrays to the dtype of ref (float64 or longdouble)."""
    dt = np.asarray(ref).dtype
    return [np.asarray(a, dtype=dt) for a in arrays]


# ----------------------------------------------------------------------------- CTKD
def ctkd_lambda(epoch, p):
    loops = p["decayLoops"]
    i = epoch
    if i < 0:
        i = 0
    if i >= loops:
        i = loops
    v = (math.cos(i * math.pi / loops) + 1.0) * 0.5
    return v * (p["decayMax"] - p["decayMin"]) + p["decayMin"]


def ctkd_tau(T, p):
    one = np.ones((), dtype=np.asarray(T).dtype)
    return p["tStart"] * one + p["tEnd"] * one / (one + np.exp(-T))


def ctkd_terms(s, t, y, T, p, ce_w, kd_w, z):
    dt = np.result_type(np.asarray(s).dtype, np.asarray(T).dtype)
    s, t = np.asarray(s, dtype=dt), np.asarray(t, dtype=dt)
    T = np.asarray(T, dtype=dt)
    tau = ctkd_tau(T, p)
    ss = zscore(s) if z else s
    tt = zscore(t) if z else t
    ce_term = ce_w * ce(s, y)
    kd_term = kd_w * tau * tau * kl_rows(tt / tau, ss / tau).mean()
    return ce_term, kd_term, ce_term + kd_term


def ctkd_case(name, s, t, y, T, epoch, z, p, ce_w, kd_w):
    s = np.asarray(s, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    lam = ctkd_lambda(epoch, p)
    tau = float(ctkd_tau(np.float64(T), p))
    c, k, tot = (float(v) for v in ctkd_terms(s, t, y, np.float64(T), p, ce_w, kd_w, z))
    gs = central_diff(lambda x: ctkd_terms(x, t, y, T, p, ce_w, kd_w, z)[2], s)
    dT = central_diff_scalar(lambda v: ctkd_terms(s.astype(FD_DTYPE), t, y, v, p, ce_w, kd_w, z)[2], T)
    return {
        "name": name,
        "zscore": z,
        "params": dict(p),
        "ceWeight": ce_w,
        "kdWeight": kd_w,
        "epoch": epoch,
        "T": T,
        "student": s.tolist(),
        "teacher": t.tolist(),
        "labels": y.tolist(),
        "expected": {
            "lambda": lam,
            "tau": tau,
            "ce": c,
            "kd": k,
            "total": tot,
            "gradStudent": gs.tolist(),
            "gradT": lam * dT,
        },
    }


# ----------------------------------------------------------------------------- MLKD
TEMPS_EXTRA = [3.0, 5.0, 2.0, 6.0]


def mlkd_masks(tw):
    p = softmax(tw)
    conf = p.max(axis=1)
    thresh = np.percentile(conf, 50)  # numpy default: linear interpolation
    mask = (conf <= thresh).astype(np.float64)
    cconf = p.sum(axis=0)
    cthresh = np.percentile(cconf, 50)
    cmask = (cconf <= cthresh).astype(np.float64)
    return conf, thresh, mask, cconf, cthresh, cmask


def mlkd_kd(s, t, temp, z):
    ss = zscore(s) if z else s
    tt = zscore(t) if z else t
    return temp * temp * kl_rows(tt / temp, ss / temp).mean()


def mlkd_cc(s, t, temp):
    ps, pt = softmax(s / temp), softmax(t / temp)
    return ((pt.T @ pt - ps.T @ ps) ** 2).sum() / t.shape[1]


def mlkd_bc(s, t, temp):
    ps, pt = softmax(s / temp), softmax(t / temp)
    return ((pt @ pt.T - ps @ ps.T) ** 2).sum() / t.shape[0]


def mlkd_terms(sw, ss, tw, ts, y, tau, ce_w, kd_w, z, mask, cmask):
    dt = np.result_type(np.asarray(sw).dtype, np.asarray(ss).dtype)
    sw, ss, tw, ts, mask, cmask = (np.asarray(a, dtype=dt) for a in (sw, ss, tw, ts, mask, cmask))
    temps = [tau] + TEMPS_EXTRA
    ce_term = ce_w * (ce(sw, y) + ce(ss, y))
    kd_weak = sum(kd_w * (mlkd_kd(sw, tw, T, z) * mask).mean() for T in temps)
    kd_strong = (kd_w * mlkd_kd(ss, ts, tau, z) + kd_w * mlkd_kd(ss, ts, 3.0, z)
                 + kd_w * mlkd_kd(ss, ts, 5.0, z)
                 + kd_w * mlkd_kd(sw, tw, 2.0, z)  # reference: WEAK logits in the "strong" sum
                 + kd_w * mlkd_kd(sw, tw, 6.0, z))
    cc_term = sum(kd_w * (mlkd_cc(sw, tw, T) * cmask).mean() for T in temps)
    bc_term = sum(kd_w * (mlkd_bc(sw, tw, T) * mask).mean() for T in temps)
    kd_term = kd_weak + kd_strong
    return ce_term, kd_term, cc_term, bc_term, ce_term + kd_term + cc_term + bc_term


def mlkd_case(name, sw, ss, tw, ts, y, tau, ce_w, kd_w, z):
    sw, ss, tw, ts = (np.asarray(a, dtype=np.float64) for a in (sw, ss, tw, ts))
    y = np.asarray(y, dtype=np.int64)
    conf, thresh, mask, cconf, cthresh, cmask = mlkd_masks(tw)
    c, k, cc, bc, tot = mlkd_terms(sw, ss, tw, ts, y, tau, ce_w, kd_w, z, mask, cmask)
    c, k, cc, bc, tot = (float(v) for v in (c, k, cc, bc, tot))
    swl, ssl = sw.astype(FD_DTYPE), ss.astype(FD_DTYPE)
    gw = central_diff(lambda x: mlkd_terms(x, ssl, tw, ts, y, tau, ce_w, kd_w, z, mask, cmask)[4], sw)
    gs = central_diff(lambda x: mlkd_terms(swl, x, tw, ts, y, tau, ce_w, kd_w, z, mask, cmask)[4], ss)
    print(f"  [mlkd] {name}: B={tw.shape[0]} C={tw.shape[1]} zscore={z} tau={tau}")
    print(f"      confidence      = {conf.tolist()}")
    print(f"      thresh (p50)    = {thresh!r}  -> mask      = {mask.astype(int).tolist()}")
    print(f"      classConfidence = {cconf.tolist()}")
    print(f"      cthresh (p50)   = {cthresh!r}  -> classMask = {cmask.astype(int).tolist()}")
    return {
        "name": name,
        "zscore": z,
        "temperature": tau,
        "ceWeight": ce_w,
        "kdWeight": kd_w,
        "studentWeak": sw.tolist(),
        "studentStrong": ss.tolist(),
        "teacherWeak": tw.tolist(),
        "teacherStrong": ts.tolist(),
        "labels": y.tolist(),
        "expected": {
            "mask": mask.astype(int).tolist(),
            "classMask": cmask.astype(int).tolist(),
            "ce": c,
            "kd": k,
            "cc": cc,
            "bc": bc,
            "total": tot,
            "gradStudentWeak": gw.tolist(),
            "gradStudentStrong": gs.tolist(),
        },
    }


# ----------------------------------------------------------------------------- inputs
def rnd(rng, shape, scale=2.0):
    return np.round(rng.normal(0.0, scale, size=shape), 3)


def ctkd_inputs():
    rng = np.random.default_rng(20240601)
    sets = {}
    # A: B=4, C=5; teacher row 1 is all-equal logits (zscore maps it to 0 -> uniform target)
    sA = rnd(rng, (4, 5))
    tA = rnd(rng, (4, 5), 3.0)
    tA[1, :] = 1.25
    sets["equalTeacherRow"] = (sA, tA, np.array([0, 3, 4, 1]))
    # B: B=3, C=6; range of ~1e3 in both student and teacher
    # (student and teacher disagree, labels are not the student's argmax, and some top-2 gaps are a
    # few units so that softmax(x/tau) is saturated in some entries and not in others)
    sB = np.array([[1000.0, -250.5, 3.75, 480.0, -1000.0, 12.0],
                   [-3.0, 998.5, 995.25, -512.0, 0.5, 100.0],
                   [250.0, 855.0, -999.0, 7.0, 850.0, -33.5]])
    tB = np.array([[950.0, -300.0, 10.0, 960.0, -990.0, 0.0],
                   [20.0, 900.0, 1000.0, -600.0, 5.0, 150.0],
                   [-100.0, 300.0, -1000.0, 40.0, 900.0, 2.5]])
    sets["range1e3"] = (sB, tB, np.array([3, 2, 4]))
    return sets


def mlkd_inputs():
    rng = np.random.default_rng(7)
    cases = {}
    # plain 4x5
    B, C = 4, 5
    tw = rnd(rng, (B, C), 3.0)
    cases["basic"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5), np.array([1, 0, 4, 2]))
    # (a) identical teacher-weak rows at the median, even batch 6x5
    B, C = 6, 5
    row = np.array([2.0, 0.5, -1.0, 0.0, 1.0])
    tw = np.stack([np.array([6.0, 0.0, -1.0, 0.5, 1.0]),   # very confident
                   row,
                   np.array([0.2, 0.1, 0.0, -0.1, 0.3]),   # nearly flat -> lowest confidence
                   row,
                   row,
                   np.array([-2.0, 8.0, 0.0, 1.0, 0.5])])  # very confident
    cases["tiedRowsAtMedian"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5),
                                 np.array([0, 1, 2, 3, 4, 0]))
    # (b) odd batch 5x4, no ties
    B, C = 5, 4
    tw = rnd(rng, (B, C), 3.0)
    cases["oddBatch"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5),
                         np.array([3, 2, 1, 0, 1]))
    # (a)+(b) odd batch 5x7 with two identical teacher rows at ranks 3 and 4 (median = rank 3)
    B, C = 5, 7
    row = np.array([1.0, 0.0, 2.5, -1.0, 0.5, 0.0, -2.0])
    tw = np.stack([np.array([9.0, 0.0, 1.0, -1.0, 0.5, 0.0, 2.0]),
                   row,
                   np.array([0.1, 0.0, 0.2, -0.1, 0.05, 0.0, 0.15]),
                   row,
                   np.array([0.5, 0.4, 0.8, 0.3, 0.2, 0.1, 0.0])])
    cases["oddBatchTiedRows"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5),
                                 np.array([2, 2, 6, 0, 5]))
    # (c) class confidences tied at the median: columns 2 and 4 identical, even C=6
    B, C = 4, 6
    tw = np.array([[4.0, -1.0, 1.0, -3.0, 1.0, 3.0],
                   [3.0, -2.0, 0.5, -2.5, 0.5, 3.5],
                   [5.0, 0.0, 1.5, -4.0, 1.5, 2.0],
                   [2.5, -1.5, 0.0, -3.5, 0.0, 4.0]])
    cases["classTiesEvenC"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5),
                               np.array([0, 5, 2, 4]))
    # (c) odd C=5: columns 1 and 3 identical at sorted ranks 3,4 (median = rank 3, so 4 of 5 classes pass)
    B, C = 6, 5
    tw = np.array([[3.0, 1.0, -2.0, 1.0, -1.0],
                   [2.0, 0.5, -1.0, 0.5, -0.5],
                   [4.0, 1.5, -3.0, 1.5, -1.5],
                   [1.0, 0.0, -2.5, 0.0, -1.0],
                   [2.5, 1.0, 0.0, 1.0, 0.5],
                   [3.5, 0.5, -1.5, 0.5, -0.5]])
    cases["classTiesOddC"] = (rnd(rng, (B, C)), rnd(rng, (B, C)), tw, tw + rnd(rng, (B, C), 0.5),
                              np.array([0, 1, 2, 3, 4, 0]))
    return cases


# ----------------------------------------------------------------------------- torch cross-check
def torch_crosscheck(ctkd_cases, mlkd_cases):
    try:
        import torch
        import torch.nn.functional as F
    except Exception as e:  # pragma: no cover
        print("torch cross-check skipped:", e)
        return
    torch.set_default_dtype(torch.float64)

    def normalize(logit):  # as in the reference (HEAD)
        mean = logit.mean(dim=-1, keepdims=True)
        stdv = logit.std(dim=-1, keepdims=True)
        return (logit - mean) / (1e-7 + stdv)

    class GRL(torch.autograd.Function):  # as CTKD/models/temp_global.py
        @staticmethod
        def forward(ctx, x, lambda_):
            ctx.lambda_ = lambda_
            return x.clone()

        @staticmethod
        def backward(ctx, grads):
            return grads.new_tensor(ctx.lambda_) * grads, None

    def rel(a, b):
        """element-wise relative difference, over entries with |b| >= 1e-3 * max|b| (tiny
        saturated-softmax entries are covered by the normwise figure)."""
        a, b = np.atleast_1d(np.asarray(a, dtype=np.float64)), np.atleast_1d(np.asarray(b, dtype=np.float64))
        keep = np.abs(b) >= 1e-3 * np.max(np.abs(b))
        if not keep.any():
            return float(np.max(np.abs(a - b)))
        return float(np.max(np.abs(a - b)[keep] / np.abs(b)[keep]))

    def relnorm(a, b):
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))

    worst = {"value": 0.0, "grad_elem": 0.0, "grad_norm": 0.0, "gradT": 0.0}
    print("\n== torch float64 autograd cross-check: CTKD ==")
    for c in ctkd_cases:
        p, e = c["params"], c["expected"]
        s = torch.tensor(c["student"], requires_grad=True)
        t = torch.tensor(c["teacher"])
        y = torch.tensor(c["labels"])
        Tp = torch.tensor([c["T"]], requires_grad=True)
        temp = p["tStart"] + p["tEnd"] * torch.sigmoid(GRL.apply(Tp, e["lambda"]))
        ys, yt = (normalize(s), normalize(t)) if c["zscore"] else (s, t)
        kd = torch.nn.KLDivLoss(reduction="batchmean")(F.log_softmax(ys / temp, dim=1),
                                                       F.softmax(yt / temp, dim=1)) * temp * temp
        loss = c["ceWeight"] * F.cross_entropy(s, y) + c["kdWeight"] * kd
        loss = loss.sum()
        loss.backward()
        rv = rel(e["total"], loss.item())
        rg = rel(e["gradStudent"], s.grad.numpy())
        rn = relnorm(e["gradStudent"], s.grad.numpy())
        rt = rel(e["gradT"], Tp.grad.item())
        worst["value"] = max(worst["value"], rv)
        worst["grad_elem"] = max(worst["grad_elem"], rg)
        worst["grad_norm"] = max(worst["grad_norm"], rn)
        worst["gradT"] = max(worst["gradT"], rt)
        print(f"  {c['name']:<45} total rel {rv:.2e}  gradS rel(elem) {rg:.2e} (norm) {rn:.2e}  gradT rel {rt:.2e}")
    print(f"  (FD evaluated in {np.dtype(FD_DTYPE).name}; element-wise = entries with |g| >= 1e-3 max|g|)")
    print(f"  CTKD worst: total {worst['value']:.2e}, gradStudent elementwise {worst['grad_elem']:.2e}, "
          f"normwise {worst['grad_norm']:.2e}, gradT {worst['gradT']:.2e}")

    def kd_loss(s, t, temperature, logit_stand):
        ls = normalize(s) if logit_stand else s
        lt = normalize(t) if logit_stand else t
        l = F.kl_div(F.log_softmax(ls / temperature, dim=1), F.softmax(lt / temperature, dim=1),
                     reduction="none").sum(1).mean()
        return l * temperature ** 2

    def cc_loss(s, t, temperature):
        ps, pt = F.softmax(s / temperature, dim=1), F.softmax(t / temperature, dim=1)
        return ((torch.mm(pt.transpose(1, 0), pt) - torch.mm(ps.transpose(1, 0), ps)) ** 2).sum() / t.shape[1]

    def bc_loss(s, t, temperature):
        ps, pt = F.softmax(s / temperature, dim=1), F.softmax(t / temperature, dim=1)
        return ((torch.mm(pt, pt.transpose(1, 0)) - torch.mm(ps, ps.transpose(1, 0))) ** 2).sum() / t.shape[0]

    w2 = {"value": 0.0, "grad_elem": 0.0, "grad_norm": 0.0}
    print("\n== torch float64 autograd cross-check: MLKD ==")
    for c in mlkd_cases:
        e = c["expected"]
        sw = torch.tensor(c["studentWeak"], requires_grad=True)
        ss = torch.tensor(c["studentStrong"], requires_grad=True)
        tw, ts = torch.tensor(c["teacherWeak"]), torch.tensor(c["teacherStrong"])
        y = torch.tensor(c["labels"])
        tau, cw, kw, z = c["temperature"], c["ceWeight"], c["kdWeight"], c["zscore"]
        pw = F.softmax(tw, dim=1)
        conf, _ = pw.max(dim=1)
        mask = conf.le(np.percentile(conf.numpy().flatten(), 50)).bool()
        ccf = torch.sum(pw, dim=0)
        cmask = ccf.le(np.percentile(ccf.numpy().flatten(), 50)).bool()
        assert mask.int().tolist() == e["mask"] and cmask.int().tolist() == e["classMask"], c["name"]
        temps = [tau, 3.0, 5.0, 2.0, 6.0]
        l_ce = cw * (F.cross_entropy(sw, y) + F.cross_entropy(ss, y))
        l_kd = sum(kw * (kd_loss(sw, tw, T, z) * mask).mean() for T in temps) \
            + kw * kd_loss(ss, ts, tau, z) + kw * kd_loss(ss, ts, 3.0, z) + kw * kd_loss(ss, ts, 5.0, z) \
            + kw * kd_loss(sw, tw, 2.0, z) + kw * kd_loss(sw, tw, 6.0, z)
        l_cc = sum(kw * (cc_loss(sw, tw, T) * cmask).mean() for T in temps)
        l_bc = sum(kw * (bc_loss(sw, tw, T) * mask).mean() for T in temps)
        loss = l_ce + l_kd + l_cc + l_bc
        loss.backward()
        rv = max(rel(e[k], v.item()) for k, v in (("ce", l_ce), ("kd", l_kd), ("cc", l_cc), ("bc", l_bc),
                                                    ("total", loss)))
        rg = max(rel(e["gradStudentWeak"], sw.grad.numpy()), rel(e["gradStudentStrong"], ss.grad.numpy()))
        rn = max(relnorm(e["gradStudentWeak"], sw.grad.numpy()), relnorm(e["gradStudentStrong"], ss.grad.numpy()))
        w2["value"] = max(w2["value"], rv)
        w2["grad_elem"] = max(w2["grad_elem"], rg)
        w2["grad_norm"] = max(w2["grad_norm"], rn)
        print(f"  {c['name']:<45} terms rel {rv:.2e}  grads rel(elem) {rg:.2e} (norm) {rn:.2e}")
    print(f"  MLKD worst: terms {w2['value']:.2e}, grads elementwise {w2['grad_elem']:.2e}, normwise {w2['grad_norm']:.2e}")


# ----------------------------------------------------------------------------- main
def main():
    default_p = {"tStart": 1.0, "tEnd": 20.0, "decayMax": 0.0, "decayMin": -1.0, "decayLoops": 10}
    ctkd_cases = []
    for set_name, (s, t, y) in ctkd_inputs().items():
        for z in (True, False):
            for T in (1.0, -0.5, 2.0):
                for epoch in (1, 3, 5, 10, 12):
                    name = f"{set_name}_{'z' if z else 'plain'}_T{T}_e{epoch}"
                    ctkd_cases.append(ctkd_case(name, s, t, y, T, epoch, z, default_p, 0.1, 9.0))
    # other parameter values; student AND teacher each have an all-equal row (zscore false only:
    # with zscore the student gradient at an all-equal row is undefined, std has no derivative at 0)
    rng = np.random.default_rng(99)
    s = rnd(rng, (5, 4))
    t = rnd(rng, (5, 4), 3.0)
    s[2, :] = -0.5
    t[4, :] = 3.0
    other_p = {"tStart": 2.0, "tEnd": 10.0, "decayMax": 1.0, "decayMin": 0.25, "decayLoops": 4}
    for epoch in (2, 7):
        ctkd_cases.append(ctkd_case(f"otherParams_equalStudentRow_plain_T0.3_e{epoch}", s, t,
                                    np.array([1, 0, 3, 2, 2]), 0.3, epoch, False, other_p, 1.0, 0.5))
    # other parameters, zscore on (no all-equal student row)
    s2 = rnd(rng, (6, 7))
    t2 = rnd(rng, (6, 7), 3.0)
    ctkd_cases.append(ctkd_case("otherParams_z_T-1.5_e3", s2, t2, np.array([6, 5, 4, 3, 2, 1]), -1.5, 3, True,
                                other_p, 1.0, 0.5))

    print("== CTKD lambda schedule (default params) ==")
    for ep in (1, 2, 3, 5, 9, 10, 12):
        print(f"  epoch {ep:>2}: lambda = {ctkd_lambda(ep, default_p)!r}")

    print("\n== MLKD masks ==")
    mlkd_cases = []
    inputs = mlkd_inputs()
    for name, (sw, ss, tw, ts, y) in inputs.items():
        for z in (True, False):
            mlkd_cases.append(mlkd_case(f"{name}_{'z' if z else 'plain'}", sw, ss, tw, ts, y, 4.0, 1.0, 9.0, z))
    sw, ss, tw, ts, y = inputs["basic"]
    mlkd_cases.append(mlkd_case("basic_tau2_z", sw, ss, tw, ts, y, 2.0, 1.0, 9.0, True))
    mlkd_cases.append(mlkd_case("basic_referenceCfg_tau2_ce0.1_z", sw, ss, tw, ts, y, 2.0, 0.1, 9.0, True))
    sw, ss, tw, ts, y = inputs["tiedRowsAtMedian"]
    mlkd_cases.append(mlkd_case("tiedRowsAtMedian_tau2_plain", sw, ss, tw, ts, y, 2.0, 1.0, 9.0, False))

    # sanity on the tie designs (ties must be exact, bitwise)
    def check(name, cond):
        if not cond:
            sys.exit(f"tie design failed: {name}")
    m = {c["name"]: c["expected"] for c in mlkd_cases}
    check("tiedRowsAtMedian", m["tiedRowsAtMedian_z"]["mask"] == [0, 1, 1, 1, 1, 0])
    check("oddBatchTiedRows", sum(m["oddBatchTiedRows_z"]["mask"]) == 4)
    check("oddBatch", sum(m["oddBatch_z"]["mask"]) == 3)
    check("classTiesEvenC", m["classTiesEvenC_z"]["classMask"] == [0, 1, 1, 1, 1, 0])
    check("classTiesOddC", sum(m["classTiesOddC_z"]["classMask"]) == 4)

    for fname, cases in (("ctkd.json", ctkd_cases), ("mlkd.json", mlkd_cases)):
        with open(os.path.join(HERE, fname), "w") as f:
            json.dump({"cases": cases}, f, indent=2, allow_nan=False)
            f.write("\n")
        print(f"\nwrote {fname}: {len(cases)} cases")

    torch_crosscheck(ctkd_cases, mlkd_cases)


if __name__ == "__main__":
    main()
