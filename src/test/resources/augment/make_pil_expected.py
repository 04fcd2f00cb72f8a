#!/usr/bin/python3
"""Writes pil_expected.txt: what PIL itself makes of a few fixed images under each strong-augmentation op.

Run from anywhere with the system Python (PIL 9.4):  /usr/bin/python3 make_pil_expected.py
RandAugmentTest, CutoutTest and StrongAugmentationTest compare the Java ops with these lines.

Format, one record a line, fields separated by one space:
  IMAGE <name> <channels> <height> <width> <hex C×H×W pixels>
  CASE <image name> <steps> <hex C×H×W pixels of the result>
steps is OP:p1;p2|OP:p1 (applied left to right); every magnitude is written with repr, so it parses to the
same double in Java. The op names are RandAugment.Op's; CUTOUT:fraction;centreX;centreY is the cutout with its
two random centre draws given explicitly.
"""

import os

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

CUTOUT_FILL = (125, 123, 114)


def make_images():
    rs = np.random.RandomState(20240611)
    images = {}
    images["rgb8"] = rs.randint(0, 256, size=(3, 8, 8))
    # narrow, different ranges per channel so autocontrast and equalize have work to do; height != width
    narrow = np.stack([rs.randint(lo, hi, size=(7, 10)) for lo, hi in ((30, 200), (60, 121), (5, 250))])
    images["rgb7x10"] = narrow
    yy, xx = np.mgrid[0:32, 0:32]
    smooth = np.stack([4 * xx + 40, 3 * yy + 50, 2 * (xx + yy) + 20]) + rs.randint(-20, 21, size=(3, 32, 32))
    images["rgb32"] = np.clip(smooth, 0, 255)
    images["gray9"] = rs.randint(20, 181, size=(1, 9, 9))
    return {name: a.astype(np.uint8) for name, a in images.items()}


def to_pil(chw):
    if chw.shape[0] == 1:
        return Image.fromarray(chw[0], "L")
    return Image.fromarray(np.ascontiguousarray(chw.transpose(1, 2, 0)), "RGB")


def to_chw(img):
    a = np.asarray(img)
    return a[np.newaxis] if a.ndim == 2 else a.transpose(2, 0, 1)


def cutout(img, fraction, cx, cy):
    # the reference's cutout with np.random.uniform's two draws replaced by the given centres
    w, h = img.size
    side = fraction * w
    x0 = int(max(0, cx - side / 2.0))
    y0 = int(max(0, cy - side / 2.0))
    img = img.copy()
    ImageDraw.Draw(img).rectangle((x0, y0, min(w, x0 + side), min(h, y0 + side)), CUTOUT_FILL)
    return img


def apply(img, op, p):
    v = p[0] if p else None
    if op == "AUTO_CONTRAST":
        return ImageOps.autocontrast(img)
    if op == "BRIGHTNESS":
        return ImageEnhance.Brightness(img).enhance(v)
    if op == "COLOR":
        return ImageEnhance.Color(img).enhance(v)
    if op == "CONTRAST":
        return ImageEnhance.Contrast(img).enhance(v)
    if op == "EQUALIZE":
        return ImageOps.equalize(img)
    if op == "IDENTITY":
        return img
    if op == "POSTERIZE":
        return ImageOps.posterize(img, max(1, int(v)))
    if op == "ROTATE":
        return img.rotate(v)
    if op == "SHARPNESS":
        return ImageEnhance.Sharpness(img).enhance(v)
    if op == "SHEAR_X":
        return img.transform(img.size, Image.AFFINE, (1, v, 0, 0, 1, 0))
    if op == "SHEAR_Y":
        return img.transform(img.size, Image.AFFINE, (1, 0, 0, v, 1, 0))
    if op == "SOLARIZE":
        return ImageOps.solarize(img, v)
    if op == "TRANSLATE_X":
        return img.transform(img.size, Image.AFFINE, (1, 0, v * img.size[0], 0, 1, 0))
    if op == "TRANSLATE_Y":
        return img.transform(img.size, Image.AFFINE, (1, 0, 0, 0, 1, v * img.size[1]))
    if op == "CUTOUT":
        return cutout(img, *p)
    raise ValueError(op)


# magnitudes: the ends and inside of the reference's ranges, plus values outside them where PIL takes
# another path (blend extrapolation above 1, the rotate fast paths at 90/180/270, a negative angle)
MAGNITUDES = {
    "AUTO_CONTRAST": [0.5],
    "BRIGHTNESS": [0.05, 0.5, 0.95, 1.5],
    "COLOR": [0.05, 0.37, 0.95, 1.7],
    "CONTRAST": [0.05, 0.61, 0.95, 1.9],
    "EQUALIZE": [0.5],
    "IDENTITY": [0.5],
    "POSTERIZE": [4.0, 5.7, 7.999],
    "ROTATE": [-29.7, -20.0, 0.4, 12.345, 29.99, 90.0, 180.0, 270.0],
    "SHARPNESS": [0.05, 0.43, 0.95, 1.9],
    "SHEAR_X": [-0.3, 0.1234, 0.29],
    "SHEAR_Y": [-0.29, 0.07, 0.3],
    "SOLARIZE": [0.0, 100.5, 128.0, 255.9],
    "TRANSLATE_X": [-0.3, 0.17, 0.2999],
    "TRANSLATE_Y": [-0.2999, 0.05, 0.3],
}
CUTOUTS = [[0.5, 32.0, 32.0], [0.5, 1.0001, 1.5], [0.3117, 17.3, 9.8], [0.01, 5.5, 3.2], [0.25, 30.2, 2.7]]
CHAINS = [
    "ROTATE:12.345|SOLARIZE:100.5|CUTOUT:0.3117;17.3;9.8",
    "SHEAR_X:-0.2|SHARPNESS:0.43|CUTOUT:0.25;6.2;4.1",
    "EQUALIZE:0.1|TRANSLATE_Y:0.21|CUTOUT:0.45;3.3;7.9",
]


def parse(steps):
    out = []
    for step in steps.split("|"):
        op, params = step.split(":")
        out.append((op, [float(p) for p in params.split(";")]))
    return out


def fmt(steps):
    return "|".join(op + ":" + ";".join(repr(p) for p in params) for op, params in steps)


def main():
    images = make_images()
    lines = []
    for name, chw in images.items():
        lines.append(f"IMAGE {name} {chw.shape[0]} {chw.shape[1]} {chw.shape[2]} {chw.tobytes().hex()}")
    cases = []
    for name, chw in images.items():
        for op, values in MAGNITUDES.items():
            if name == "rgb32":
                values = values[1:2] if len(values) > 1 else values  # one magnitude each keeps the file small
            cases += [(name, [(op, [v])]) for v in values]
        if chw.shape[0] == 3:
            cases += [(name, [("CUTOUT", c)]) for c in CUTOUTS]
            cases += [(name, parse(chain)) for chain in CHAINS]
    for name, steps in cases:
        img = to_pil(images[name])
        for op, params in steps:
            img = apply(img, op, params)
        lines.append(f"CASE {name} {fmt(steps)} {np.ascontiguousarray(to_chw(img)).tobytes().hex()}")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pil_expected.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(cases)} cases -> {path}")


if __name__ == "__main__":
    main()
