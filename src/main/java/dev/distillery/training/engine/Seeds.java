package dev.distillery.training.engine;

/**
 * Seeds derived from a plan's seed. Everything random in an epoch (shuffle order, augmentation) is drawn from a
 * generator seeded with {@link #forEpoch}, never from one advanced across epochs, so epoch e of a run resumed after
 * epoch e-1 draws exactly what an uninterrupted run draws.
 */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A seed for {@code epoch} (from 1) of a stream seeded with {@code seed}; distinct epochs give unrelated seeds. */
    static long forEpoch(long seed, int epoch) {
        return mix64(mix64(seed) + GOLDEN_GAMMA * epoch);
    }

    /** SplittableRandom's finalizer (Stafford variant 13): a bijection that scatters nearby inputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
