package dev.distillery.analysis;

import java.util.List;
import java.util.Map;

/**
 * One loss computation as a client asks for it; absent settings take the method's defaults. Violations name the
 * fields as the API spells them ({@code lossWeights.ce}, {@code methodParams.alpha}, {@code student[1][0]}).
 *
 * @param method        a registered method name
 * @param temperature   base τ, or null
 * @param zscore        logit standardization, or null for false
 * @param ceWeight      λ_CE ({@code lossWeights.ce}), or null
 * @param kdWeight      λ_KD ({@code lossWeights.kd}), or null
 * @param methodParams  the method's own parameters by name, or null
 * @param methodState   values of the method's learnable parameters by name (ctkd's {@code T}), or null
 * @param epoch         1-based epoch for schedules, or null for 1
 * @param teacher       (rows, classes) teacher logits (the weak view for mlkd)
 * @param student       (rows, classes) student logits (the weak view for mlkd)
 * @param teacherStrong teacher logits of the strong view (mlkd only)
 * @param studentStrong student logits of the strong view (mlkd only)
 * @param labels        one class index per row
 */
public record LossQuery(
        String method,
        Double temperature,
        Boolean zscore,
        Double ceWeight,
        Double kdWeight,
        Map<String, Double> methodParams,
        Map<String, Double> methodState,
        Integer epoch,
        List<List<Double>> teacher,
        List<List<Double>> student,
        List<List<Double>> teacherStrong,
        List<List<Double>> studentStrong,
        List<Long> labels) {}
