#!/usr/bin/python3
"""Prints the side-by-side table of bin/benchmark-vs-pytorch: per op the median over runs of each framework's median
wall seconds, and the ratio Distillery / PyTorch (target <= 1.0), then the product's own ratios."""
import json
import statistics
import sys


def load(paths):
    runs = [json.load(open(path)) for path in paths]
    ops = {}
    for run in runs:
        for op, seconds in run["ops"].items():
            ops.setdefault(op, []).append(seconds)
    return runs[0], {op: statistics.median(values) for op, values in ops.items()}


def main():
    split = sys.argv.index("--")
    product_paths, torch_paths = sys.argv[1:split], sys.argv[split + 1:]
    threads_paths = []
    if "--threads" in torch_paths:
        at = torch_paths.index("--threads")
        torch_paths, threads_paths = torch_paths[:at], torch_paths[at + 1:]
    product_run, product = load(product_paths)
    torch_run, torch = load(torch_paths)
    print(f"Distillery (libtorch 2.7.1 via DJL, {product_run['threads']} intra-op threads) vs "
          f"{torch_run['framework']} eager ({torch_run['threads']} threads); median wall seconds of "
          f"{len(product_paths)} + {len(torch_paths)} alternating runs")
    print(f"{'op':34} {'Distillery':>11} {'PyTorch':>10} {'ratio':>7}  target <= 1.0")
    for op, seconds in product.items():
        if op in torch:
            ratio = seconds / torch[op]
            print(f"{op:34} {seconds:11.4f} {torch[op]:10.4f} {ratio:7.2f}  {'OK' if ratio <= 1.0 else 'MISSED'}")
    for model in ("resnet8x4", "lenet5"):
        ahead, inline = f"augmented_epoch_{model}", f"augmented_epoch_{model}_inline"
        if ahead in product and inline in product:
            ratio = product[ahead] / product[inline]
            print(f"{'prefetch, ' + model + ': epoch / inline':34} {ratio:30.2f}  target <= 0.9 "
                  f"{'OK' if ratio <= 0.9 else 'MISSED'}")
    if "augmented_batch_assembly" in product and "ce_step_resnet8x4" in product:
        share = product["augmented_batch_assembly"] / product["ce_step_resnet8x4"]
        print(f"{'batch assembly / resnet8x4 CE step':34} {share:30.3f}  (the most prefetching can hide)")
    if threads_paths:
        explicit_run, explicit = load(threads_paths)
        for op, seconds in explicit.items():
            if op in product:
                ratio = seconds / product[op]
                print(f"{'default / ' + str(explicit_run['threads']) + ' thread(s): ' + op:52} "
                      f"throughput {ratio:5.2f}x  target >= 0.9 {'OK' if ratio >= 0.9 else 'MISSED'}")


if __name__ == "__main__":
    main()
