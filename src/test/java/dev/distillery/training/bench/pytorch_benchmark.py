#!/usr/bin/python3
"""PyTorch eager's half of Distillery's side-by-side benchmark (bin/benchmark-vs-pytorch runs both halves in turn).

Trains the same models as FrameworkBenchmark.java, for the same shapes, batch (64), optimizer (SGD, momentum 0.9,
weight decay 5e-4) and losses, at PyTorch's own defaults: all cores (torch.get_num_threads()), eager mode, a
DataLoader with its default num_workers=0 for the augmented epoch. Prints one JSON object of median wall seconds per
op and writes it to --out. Models: lenet5 as Distillery defines it, and mdistiller's CIFAR resnet8x4 / resnet32x4,
transcribed (their parameter counts are checked against Distillery's catalog figures at start).
"""
import argparse
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 64


class LeNet5(nn.Module):
    """conv 6@5x5 (pad 2), ReLU, max-pool 2, conv 16@5x5, ReLU, max-pool 2, fc 120, fc 84, classes."""

    def __init__(self, channels, side, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        flat = 16 * ((side // 2 - 4) // 2) ** 2
        self.fc1 = nn.Linear(flat, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class BasicBlock(nn.Module):
    """mdistiller's CIFAR BasicBlock (mdistiller/models/cifar/resnet.py)."""

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + residual)


class CifarResNet(nn.Module):
    """mdistiller's CIFAR ResNet: stem, three stages of (depth - 2) / 6 BasicBlocks, 8x8 average pool, fc."""

    def __init__(self, depth, filters, classes):
        super().__init__()
        blocks = (depth - 2) // 6
        self.inplanes = filters[0]
        self.conv1 = nn.Conv2d(3, filters[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(filters[0])
        self.layer1 = self._layer(filters[1], blocks, 1)
        self.layer2 = self._layer(filters[2], blocks, 2)
        self.layer3 = self._layer(filters[3], blocks, 2)
        self.fc = nn.Linear(filters[3], classes)

    def _layer(self, planes, blocks, stride):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        layers += [BasicBlock(planes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = F.avg_pool2d(x, 8)
        return self.fc(torch.flatten(x, 1))


def resnet8x4(classes=100):
    return CifarResNet(8, [32, 64, 128, 256], classes)


def resnet32x4(classes=100):
    return CifarResNet(32, [32, 64, 128, 256], classes)


def parameters(model):
    return sum(p.numel() for p in model.parameters())


def sgd(model):
    return torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)


def kd_loss(student_logits, teacher_logits, labels, tau=4.0):
    kd = F.kl_div(F.log_softmax(student_logits / tau, dim=1), F.softmax(teacher_logits / tau, dim=1),
                  reduction="batchmean") * tau * tau
    return 0.1 * F.cross_entropy(student_logits, labels) + 0.9 * kd


def train_step(model, optimizer, images, labels, teacher=None, teacher_logits=None):
    if teacher is not None:
        with torch.no_grad():
            teacher_logits = teacher(images)
    logits = model(images)
    loss = F.cross_entropy(logits, labels) if teacher_logits is None else kd_loss(logits, teacher_logits, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return logits.detach(), loss.item()


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def median(rounds, function):
    return statistics.median(timed(function) for _ in range(rounds))


def random_cifar(samples, classes=100, seed=1):
    generator = torch.Generator().manual_seed(seed)
    images = torch.randint(0, 256, (samples, 3, 32, 32), dtype=torch.uint8, generator=generator)
    labels = torch.randint(0, classes, (samples,), generator=generator)
    return images, labels


def normalize(images):
    x = images.float() / 255
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    std = x.std(dim=(0, 2, 3), keepdim=True)
    return (x - mean) / std


class AugmentedCifar(torch.utils.data.Dataset):
    """Per-sample random crop 32 with padding 4 and horizontal flip, then normalization (mdistiller's recipe)."""

    def __init__(self, images, labels):
        from torchvision import transforms
        x = images.float() / 255
        mean = x.mean(dim=(0, 2, 3)).tolist()
        std = x.std(dim=(0, 2, 3)).tolist()
        self.images, self.labels = x, labels
        self.transform = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                             transforms.Normalize(mean, std)])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.transform(self.images[index]), self.labels[index]


def fashion_mnist(samples, directory="/usr/share/datasets/fashion-mnist"):
    import gzip
    import numpy as np
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)[:samples]
    with gzip.open(os.path.join(directory, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:samples]
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype("int64"))


def epoch(model, optimizer, images, labels, teacher_logits=None):
    model.train()
    order = torch.randperm(len(labels))
    for start in range(0, len(labels), BATCH):
        index = order[start:start + BATCH]
        train_step(model, optimizer, images[index], labels[index],
                   teacher_logits=None if teacher_logits is None else teacher_logits[index])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epoch-samples", type=int, default=1024)
    parser.add_argument("--fmnist-samples", type=int, default=20000)
    parser.add_argument("--ops", default="all")
    parser.add_argument("--out")
    args = parser.parse_args()
    ops = args.ops.split(",")
    selected = lambda op: "all" in ops or op in ops
    torch.manual_seed(1)
    results = {}

    assert parameters(resnet8x4()) == 1233540 and parameters(resnet32x4()) == 7433860, "transcription differs"

    if selected("ce_epoch_lenet5_fmnist"):
        images, labels = fashion_mnist(args.fmnist_samples)
        x = normalize(images)
        model = LeNet5(1, 28, 10)
        optimizer = sgd(model)
        results["ce_epoch_lenet5_fmnist"] = median(args.rounds, lambda: epoch(model, optimizer, x, labels))

    images, labels = random_cifar(max(args.epoch_samples, args.steps * BATCH))
    x = normalize(images)
    student, teacher = resnet8x4(), resnet32x4()
    teacher.eval()
    optimizer = sgd(student)
    student.train()
    batches = [(x[i * BATCH:(i + 1) * BATCH], labels[i * BATCH:(i + 1) * BATCH]) for i in range(args.steps)]

    def steps(function):
        return lambda: [function(b, y) for b, y in batches]

    def inference(b, y):
        with torch.no_grad():
            teacher(b)

    for b, y in batches[:2]:
        train_step(student, optimizer, b, y)
        train_step(student, optimizer, b, y, teacher=teacher)
    if selected("ce_step_resnet8x4"):
        results["ce_step_resnet8x4"] = median(args.rounds, steps(lambda b, y: train_step(student, optimizer, b, y))) / args.steps
    if selected("teacher_inference_resnet32x4"):
        results["teacher_inference_resnet32x4"] = median(args.rounds, steps(inference)) / args.steps
    if selected("kd_step_live"):
        results["kd_step_live"] = median(args.rounds, steps(
            lambda b, y: train_step(student, optimizer, b, y, teacher=teacher))) / args.steps
    epoch_x, epoch_y = x[:args.epoch_samples], labels[:args.epoch_samples]
    if selected("kd_epoch_memoized"):
        with torch.no_grad():
            memo = torch.cat([teacher(epoch_x[i:i + 256]) for i in range(0, len(epoch_y), 256)])
        results["kd_epoch_memoized"] = median(args.rounds,
                                              lambda: epoch(student, optimizer, epoch_x, epoch_y, teacher_logits=memo))
    if selected("augmented_epoch_resnet8x4"):
        loader = torch.utils.data.DataLoader(AugmentedCifar(images[:args.epoch_samples], epoch_y), batch_size=BATCH,
                                             shuffle=True)
        results["augmented_epoch_resnet8x4"] = median(args.rounds, lambda: [train_step(student, optimizer, b, y)
                                                                            for b, y in loader])
    output = json.dumps({"framework": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                         "ops": results})
    print(output)
    if args.out:
        with open(args.out, "w") as f:
            f.write(output)


if __name__ == "__main__":
    main()
