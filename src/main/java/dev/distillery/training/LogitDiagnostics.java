package dev.distillery.training;

/**
 * The paper's diagnostics of one epoch, measured on the test set. Teacher fields are null when the
 * method has no teacher.
 *
 * @param teacherAgreement fraction of test samples where student and teacher predict the same class
 * @param kl mean KL(softmax(t/τ) ‖ softmax(s/τ)) at the spec's temperature
 * @param standardizedKl the same after z-scoring both logit rows
 * @param studentLogitMean mean over samples of each logit row's mean
 * @param studentLogitStd mean over samples of each logit row's (unbiased) standard deviation
 */
public record LogitDiagnostics(
        Double teacherAgreement,
        Double kl,
        Double standardizedKl,
        double studentLogitMean,
        double studentLogitStd,
        Double teacherLogitMean,
        Double teacherLogitStd) {}
