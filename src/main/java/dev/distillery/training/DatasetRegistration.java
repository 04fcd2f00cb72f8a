package dev.distillery.training;

/**
 * A dataset an admin registered under a name: its format and where its files are on the server.
 *
 * @param format    {@code cifar10}, {@code cifar100} (directory or published archive), {@code idx} (an MNIST-style
 *                  directory) or {@code imagefolder} (a torchvision ImageFolder tree)
 * @param imageSize the side images are resized to ({@code imagefolder} only; null otherwise)
 */
public record DatasetRegistration(String name, String format, String path, Integer imageSize) {}
