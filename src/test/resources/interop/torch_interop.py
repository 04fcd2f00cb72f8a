"""PyTorch's side of Distillery's interop tests (Debian's python3-torch, no other package).

Defines mdistiller's CIFAR resnet8x4, resnet32x4 and wrn_40_2 (transcribed from mdistiller/models/cifar/resnet.py
and wrn.py: same module names, so the same state_dict keys; forward returns the logits only), vgg8/vgg13 (_bn),
mobilenetv2 (mobile_half), shufflenetv1 and shufflenetv2 (ShuffleV1, ShuffleV2) likewise, and Distillery's
lenet5 and mlp, and reads and writes safetensors by hand (an 8-byte little-endian header length, a JSON header,
raw little-endian tensor bytes).

Commands (all files are raw little-endian float32 unless named .safetensors/.pt/.pth/.json):
  train ARCH CLASSES C H W STEPS SEED OUT_DIR [CIFAR10_DIR]
      trains a few SGD steps (on random images, or on the CIFAR-10 directory's normalized training images), then writes
      OUT_DIR/model.safetensors, OUT_DIR/model.pt (TorchScript), OUT_DIR/inputs.bin (32 fixed inputs) and
      OUT_DIR/logits.bin (the eval-mode logits of those inputs)
  eval ARCH CLASSES C H W WEIGHTS.safetensors INPUTS.bin OUT.bin
      loads the state dict with strict=True and writes the eval-mode logits of the inputs
  accuracy MODEL(.safetensors|.pt) ARCH CLASSES CIFAR10_DIR OUT.json
      top-1 and top-5 correct counts on the directory's test_batch.bin, images normalized with the per-channel
      mean and population std of data_batch_1..5.bin (as Distillery normalizes every dataset but CIFAR-100)
  pickle ARCH CLASSES OUT.pth          torch.save of a fresh model's state_dict
  wrongwidth ARCH CLASSES OUT.pt       TorchScript of the model with CLASSES + 1 outputs
"""
import json
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- mdistiller/models/cifar/resnet.py (BasicBlock) -----------------------------------------------------------

class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + residual)


class ResNet(nn.Module):
    def __init__(self, depth, num_filters, num_classes=100, in_channels=3):
        super().__init__()
        n = (depth - 2) // 6
        self.inplanes = num_filters[0]
        self.conv1 = nn.Conv2d(in_channels, num_filters[0], kernel_size=3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(num_filters[0])
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(num_filters[1], n)
        self.layer2 = self._make_layer(num_filters[2], n, stride=2)
        self.layer3 = self._make_layer(num_filters[3], n, stride=2)
        self.avgpool = nn.AvgPool2d(8)
        self.fc = nn.Linear(num_filters[3], num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def _make_layer(self, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes, kernel_size=1, stride=stride, bias=False), nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        for _ in range(1, blocks):
            layers.append(BasicBlock(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = self.avgpool(x)
        return self.fc(x.reshape(x.size(0), -1))


def resnet8x4(num_classes, in_channels=3):
    return ResNet(8, [32, 64, 128, 256], num_classes, in_channels)


def resnet32x4(num_classes, in_channels=3):
    return ResNet(32, [32, 64, 128, 256], num_classes, in_channels)


# ---- mdistiller/models/cifar/wrn.py ---------------------------------------------------------------------------

class WrnBlock(nn.Module):
    def __init__(self, in_planes, out_planes, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_planes)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out_planes, out_planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.equalInOut = in_planes == out_planes
        self.convShortcut = None if self.equalInOut else nn.Conv2d(
            in_planes, out_planes, kernel_size=1, stride=stride, padding=0, bias=False)

    def forward(self, x):
        if not self.equalInOut:
            x = self.relu1(self.bn1(x))
            out = x
        else:
            out = self.relu1(self.bn1(x))
        out = self.relu2(self.bn2(self.conv1(out)))
        out = self.conv2(out)
        return (x if self.equalInOut else self.convShortcut(x)) + out


class NetworkBlock(nn.Module):
    def __init__(self, nb_layers, in_planes, out_planes, stride):
        super().__init__()
        self.layer = nn.Sequential(*[
            WrnBlock(in_planes if i == 0 else out_planes, out_planes, stride if i == 0 else 1)
            for i in range(nb_layers)])

    def forward(self, x):
        return self.layer(x)


class WideResNet(nn.Module):
    def __init__(self, depth, num_classes, widen_factor, in_channels=3):
        super().__init__()
        channels = [16, 16 * widen_factor, 32 * widen_factor, 64 * widen_factor]
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(in_channels, channels[0], kernel_size=3, stride=1, padding=1, bias=False)
        self.block1 = NetworkBlock(n, channels[0], channels[1], 1)
        self.block2 = NetworkBlock(n, channels[1], channels[2], 2)
        self.block3 = NetworkBlock(n, channels[2], channels[3], 2)
        self.bn1 = nn.BatchNorm2d(channels[3])
        self.relu = nn.ReLU(inplace=True)
        self.fc = nn.Linear(channels[3], num_classes)
        self.nChannels = channels[3]
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                k = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                m.weight.data.normal_(0, math.sqrt(2.0 / k))

    def forward(self, x):
        out = self.block3(self.block2(self.block1(self.conv1(x))))
        out = self.relu(self.bn1(out))
        out = F.avg_pool2d(out, 8)
        return self.fc(out.reshape(-1, self.nChannels))


def wrn_40_2(num_classes, in_channels=3):
    return WideResNet(40, num_classes, 2, in_channels)


# ---- mdistiller/models/cifar/vgg.py (vgg8_bn, vgg13_bn) ------------------------------------------------------

class VGG(nn.Module):
    def __init__(self, cfg, num_classes, in_channels=3):
        super().__init__()
        channels = [in_channels] + [stage[-1] for stage in cfg]
        for i, stage in enumerate(cfg):
            setattr(self, "block%d" % i, self._make_layers(stage, channels[i]))
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.classifier = nn.Linear(512, num_classes)

    @staticmethod
    def _make_layers(stage, in_channels):
        layers = []
        for v in stage:
            layers += [nn.Conv2d(in_channels, v, kernel_size=3, padding=1), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            in_channels = v
        return nn.Sequential(*layers[:-1])

    def forward(self, x):
        for i in range(5):
            x = F.relu(getattr(self, "block%d" % i)(x))
            if i < 3:
                x = self.pool(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        return self.classifier(x.reshape(x.size(0), -1))


# ---- mdistiller/models/cifar/mobilenetv2.py (mobile_half: T 6, width 0.5) ------------------------------------

class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio):
        super().__init__()
        hidden = inp * expand_ratio
        self.use_res_connect = stride == 1 and inp == oup
        self.conv = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, 1, 0, bias=False), nn.BatchNorm2d(hidden), nn.ReLU(inplace=True),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden),
            nn.ReLU(inplace=True),
            nn.Conv2d(hidden, oup, 1, 1, 0, bias=False), nn.BatchNorm2d(oup))

    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes, in_channels=3, T=6, width_mult=0.5):
        super().__init__()
        setting = [[1, 16, 1, 1], [T, 24, 2, 1], [T, 32, 3, 2], [T, 64, 4, 2], [T, 96, 3, 1], [T, 160, 3, 2],
                   [T, 320, 1, 1]]
        channels = int(32 * width_mult)
        self.conv1 = nn.Sequential(nn.Conv2d(in_channels, channels, 3, 2, 1, bias=False), nn.BatchNorm2d(channels),
                                   nn.ReLU(inplace=True))
        self.blocks = nn.ModuleList([])
        for t, c, n, s in setting:
            out = int(c * width_mult)
            layers = []
            for stride in [s] + [1] * (n - 1):
                layers.append(InvertedResidual(channels, out, stride, t))
                channels = out
            self.blocks.append(nn.Sequential(*layers))
        self.conv2 = nn.Sequential(nn.Conv2d(channels, 1280, 1, 1, 0, bias=False), nn.BatchNorm2d(1280),
                                   nn.ReLU(inplace=True))
        self.classifier = nn.Sequential(nn.Linear(1280, num_classes))
        self.avgpool = nn.AvgPool2d(2, ceil_mode=True)

    def forward(self, x):
        out = self.conv1(x)
        for block in self.blocks:
            out = block(out)
        out = self.avgpool(self.conv2(out))
        return self.classifier(out.reshape(out.size(0), -1))


# ---- mdistiller/models/cifar/ShuffleNetv1.py and ShuffleNetv2.py ---------------------------------------------

def channel_shuffle(x, groups):
    n, c, h, w = x.size()
    return x.reshape(n, groups, c // groups, h, w).permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class ShuffleV1Bottleneck(nn.Module):
    def __init__(self, in_planes, out_planes, stride, groups):
        super().__init__()
        self.stride = stride
        mid = int(out_planes / 4)
        self.g = 1 if in_planes == 24 else groups
        self.conv1 = nn.Conv2d(in_planes, mid, kernel_size=1, groups=self.g, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, kernel_size=3, stride=stride, padding=1, groups=mid, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, out_planes, kernel_size=1, groups=groups, bias=False)
        self.bn3 = nn.BatchNorm2d(out_planes)

    def forward(self, x):
        out = channel_shuffle(F.relu(self.bn1(self.conv1(x))), self.g)
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.stride == 2:
            return F.relu(torch.cat([out, F.avg_pool2d(x, 3, stride=2, padding=1)], 1))
        return F.relu(out + x)


class ShuffleNetV1(nn.Module):
    def __init__(self, num_classes, in_channels=3):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 24, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(24)
        self.in_planes = 24
        self.layer1 = self._make_layer(240, 4)
        self.layer2 = self._make_layer(480, 8)
        self.layer3 = self._make_layer(960, 4)
        self.linear = nn.Linear(960, num_classes)

    def _make_layer(self, out_planes, blocks):
        layers = []
        for i in range(blocks):
            cat = self.in_planes if i == 0 else 0
            layers.append(ShuffleV1Bottleneck(self.in_planes, out_planes - cat, 2 if i == 0 else 1, 3))
            self.in_planes = out_planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.reshape(out.size(0), -1))


class ShuffleV2Basic(nn.Module):
    def __init__(self, channels):
        super().__init__()
        half = channels // 2
        self.conv1 = nn.Conv2d(half, half, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(half)
        self.conv2 = nn.Conv2d(half, half, kernel_size=3, stride=1, padding=1, groups=half, bias=False)
        self.bn2 = nn.BatchNorm2d(half)
        self.conv3 = nn.Conv2d(half, half, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(half)

    def forward(self, x):
        c = x.size(1) // 2
        x1, x2 = x[:, :c], x[:, c:]
        out = F.relu(self.bn1(self.conv1(x2)))
        out = self.bn2(self.conv2(out))
        out = F.relu(self.bn3(self.conv3(out)))
        return channel_shuffle(torch.cat([x1, out], 1), 2)


class ShuffleV2Down(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        mid = out_channels // 2
        self.conv1 = nn.Conv2d(in_channels, in_channels, 3, stride=2, padding=1, groups=in_channels, bias=False)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv2 = nn.Conv2d(in_channels, mid, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(in_channels, mid, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(mid)
        self.conv4 = nn.Conv2d(mid, mid, 3, stride=2, padding=1, groups=mid, bias=False)
        self.bn4 = nn.BatchNorm2d(mid)
        self.conv5 = nn.Conv2d(mid, mid, kernel_size=1, bias=False)
        self.bn5 = nn.BatchNorm2d(mid)

    def forward(self, x):
        left = F.relu(self.bn2(self.conv2(self.bn1(self.conv1(x)))))
        right = F.relu(self.bn3(self.conv3(x)))
        right = F.relu(self.bn5(self.conv5(self.bn4(self.conv4(right)))))
        return channel_shuffle(torch.cat([left, right], 1), 2)


class ShuffleNetV2(nn.Module):
    def __init__(self, num_classes, in_channels=3):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 24, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(24)
        self.in_channels = 24
        self.layer1 = self._make_layer(116, 3)
        self.layer2 = self._make_layer(232, 7)
        self.layer3 = self._make_layer(464, 3)
        self.conv2 = nn.Conv2d(464, 1024, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(1024)
        self.linear = nn.Linear(1024, num_classes)

    def _make_layer(self, out_channels, blocks):
        layers = [ShuffleV2Down(self.in_channels, out_channels)] + [ShuffleV2Basic(out_channels) for _ in range(blocks)]
        self.in_channels = out_channels
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.reshape(out.size(0), -1))


# ---- Distillery's lenet5 and mlp -----------------------------------------------------------------------------

class LeNet5(nn.Module):
    """conv 6@5x5 (pad 2), ReLU, max-pool 2, conv 16@5x5, ReLU, max-pool 2, fc 120, fc 84, classes."""

    def __init__(self, num_classes, channels, side):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        flat = 16 * (((side // 2) - 4) // 2) ** 2
        self.fc1 = nn.Linear(flat, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Mlp(nn.Module):
    """flatten, fc 256, ReLU, fc 128, ReLU, fc classes."""

    def __init__(self, num_classes, inputs):
        super().__init__()
        self.fc1 = nn.Linear(inputs, 256)
        self.fc2 = nn.Linear(256, 128)
        self.fc3 = nn.Linear(128, num_classes)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def build(arch, classes, c, h, w):
    if arch == "resnet8x4":
        return resnet8x4(classes, c)
    if arch == "resnet32x4":
        return resnet32x4(classes, c)
    if arch == "wrn_40_2":
        return wrn_40_2(classes, c)
    if arch == "vgg8":
        return VGG([[64], [128], [256], [512], [512]], classes, c)
    if arch == "vgg13":
        return VGG([[64, 64], [128, 128], [256, 256], [512, 512], [512, 512]], classes, c)
    if arch == "mobilenetv2":
        return MobileNetV2(classes, c)
    if arch == "shufflenetv1":
        return ShuffleNetV1(classes, c)
    if arch == "shufflenetv2":
        return ShuffleNetV2(classes, c)
    if arch == "lenet5":
        return LeNet5(classes, c, h)
    if arch == "mlp":
        return Mlp(classes, c * h * w)
    raise SystemExit("unknown architecture " + arch)


# ---- safetensors by hand -------------------------------------------------------------------------------------

DTYPES = {torch.float32: "F32", torch.int64: "I64"}
TORCH_DTYPES = {"F32": torch.float32, "I64": torch.int64}


def save_safetensors(state, path):
    header, blobs, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.detach().contiguous().cpu().numpy().astype(tensor.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(raw)))
        out.write(raw)
        for blob in blobs:
            out.write(blob)


def load_safetensors(path):
    with open(path, "rb") as f:
        content = f.read()
    (length,) = struct.unpack("<Q", content[:8])
    header = json.loads(content[8:8 + length])
    base = 8 + length
    state = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        flat = torch.frombuffer(bytearray(content[base + begin:base + end]), dtype=TORCH_DTYPES[entry["dtype"]])
        state[name] = flat.reshape(entry["shape"]).clone()
    return state


def write_floats(tensor, path):
    with open(path, "wb") as out:
        out.write(tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes())


def read_floats(path, shape):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape).clone()


# ---- CIFAR binary files, normalized as Distillery does --------------------------------------------------------

def read_cifar10(*paths):
    content = b""
    for path in paths:
        with open(path, "rb") as f:
            content += f.read()
    raw = torch.frombuffer(bytearray(content), dtype=torch.uint8).reshape(-1, 1 + 3 * 32 * 32)
    return raw[:, 1:].reshape(-1, 3, 32, 32).to(torch.float64), raw[:, 0].to(torch.int64)


def cifar10_train(directory):
    return read_cifar10(*[directory + "/data_batch_%d.bin" % i for i in range(1, 6)])


def normalizer(train_images):
    scaled = train_images / 255.0
    mean = scaled.mean(dim=(0, 2, 3))
    std = scaled.std(dim=(0, 2, 3), unbiased=False)
    return lambda images: ((images / 255.0 - mean[None, :, None, None]) / std[None, :, None, None]).to(torch.float32)


# ---- commands -------------------------------------------------------------------------------------------------

def train(arch, classes, c, h, w, steps, seed, out_dir, cifar=None):
    torch.manual_seed(seed)
    model = build(arch, classes, c, h, w)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    if cifar:
        images, labels = cifar10_train(cifar)
        images = normalizer(images)(images)
    else:
        images, labels = torch.randn(256, c, h, w), torch.randint(0, classes, (256,))
    model.train()
    for step in range(steps):
        index = torch.randint(0, images.shape[0], (32,))
        loss = F.cross_entropy(model(images[index]), labels[index])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    generator = torch.Generator().manual_seed(seed + 1)
    inputs = torch.randn(32, c, h, w, generator=generator)
    with torch.no_grad():
        logits = model(inputs)
    save_safetensors(model.state_dict(), out_dir + "/model.safetensors")
    torch.jit.trace(model, inputs[:2]).save(out_dir + "/model.pt")
    write_floats(inputs, out_dir + "/inputs.bin")
    write_floats(logits, out_dir + "/logits.bin")


def evaluate(arch, classes, c, h, w, weights, inputs_path, out):
    model = build(arch, classes, c, h, w)
    model.load_state_dict(load_safetensors(weights), strict=True)
    model.eval()
    inputs = read_floats(inputs_path, (-1, c, h, w))
    with torch.no_grad():
        write_floats(model(inputs), out)


def accuracy(model_path, arch, classes, directory, out):
    if model_path.endswith(".pt"):
        model = torch.jit.load(model_path)
    else:
        model = build(arch, classes, 3, 32, 32)
        model.load_state_dict(load_safetensors(model_path), strict=True)
    model.eval()
    train_images, _ = cifar10_train(directory)
    test_images, labels = read_cifar10(directory + "/test_batch.bin")
    with torch.no_grad():
        logits = model(normalizer(train_images)(test_images))
    top5 = logits.topk(min(5, classes), dim=1).indices
    result = {"samples": int(labels.shape[0]),
              "top1": int((top5[:, 0] == labels).sum()),
              "top5": int((top5 == labels[:, None]).any(dim=1).sum())}
    with open(out, "w") as f:
        json.dump(result, f)


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "train":
        arch, classes, c, h, w, steps, seed, out_dir = args[:8]
        train(arch, int(classes), int(c), int(h), int(w), int(steps), int(seed), out_dir,
              args[8] if len(args) > 8 else None)
    elif command == "eval":
        arch, classes, c, h, w, weights, inputs, out = args
        evaluate(arch, int(classes), int(c), int(h), int(w), weights, inputs, out)
    elif command == "accuracy":
        accuracy(args[0], args[1], int(args[2]), args[3], args[4])
    elif command == "pickle":
        torch.save(build(args[0], int(args[1]), 3, 32, 32).state_dict(), args[2])
    elif command == "wrongwidth":
        model = build(args[0], int(args[1]) + 1, 3, 32, 32).eval()
        torch.jit.trace(model, torch.randn(2, 3, 32, 32)).save(args[2])
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv[1:])
