package dev.distillery.experiments.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * An experiment as a user writes it (absent fields are defaults) and, once resolved, as it is
 * stored: every default explicit, so a run can be reproduced from its record alone.
 */
@NamedInterface("spec")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What to train and how; absent fields take the documented defaults.")
public record ExperimentSpec(
        @Size(max = 200) String name,
        @NotBlank
                @Schema(
                        example = "ce",
                        description = "the objective: ce (student on labels only), kd (Hinton KD; the paper's logit "
                                + "standardization with zscore), dkd (Decoupled KD), ctkd (Curriculum "
                                + "Temperature KD, learned temperature) or mlkd (Multi-Level Logit "
                                + "Distillation, two augmented views); GET /api/v1/catalog lists each with its "
                                + "defaults")
                String method,
        @Valid TeacherSpec teacher,
        @NotNull @Valid ModelSpec student,
        @NotNull @Valid DatasetSpec dataset,
        @Positive
                @DecimalMax("100")
                @Schema(
                        description = "softmax temperature τ; the method's default (4; 2 for kd and mlkd with zscore); "
                                + "refused for ce and ctkd, which do not read it")
                Double temperature,
        @Schema(description = "z-score logit standardization (Sun et al., CVPR 2024)") Boolean zscore,
        @Valid LossWeights lossWeights,
        @Valid TrainingSpec training,
        @Size(max = 20) @Schema(description = "the method's own parameters, e.g. dkd's alpha, beta, warmupEpochs")
                Map<@NotBlank String, @NotNull Double> methodParams,
        @Min(0) @Max(Integer.MAX_VALUE) @Schema(description = "drawn and recorded when absent") Long seed,
        @Min(-100) @Max(100) @Schema(description = "higher runs first; default 0") Integer priority,
        @Pattern(regexp = "any|gpu", message = "must be 'any' or 'gpu'")
                @Schema(description = "'gpu' waits for a GPU worker; default 'any'")
                String device,
        @Size(max = 20)
                Map<
                                @NotBlank @Size(max = 64)
                                @Pattern(
                                        regexp = "[A-Za-z0-9_.\\-/]+",
                                        message = "tag keys use letters, digits and _ . - / only")
                                String,
                                @NotNull @Size(max = 256) String>
                        tags,
        @Min(1)
                @Max(10)
                @Schema(
                        description = "submit this many runs differing only by seed (seed, seed+1, …) "
                                + "under one group id; not stored in the resolved spec",
                        example = "3")
                Integer repeats,
        @Valid @Schema(description = "gates evaluated when the run ends; the result is the experiment's 'gate'")
                Expectations expect) {

    /** The spec as submitted before {@code repeats} and {@code expect} were added: one run, no gates. */
    public ExperimentSpec(
            String name,
            String method,
            TeacherSpec teacher,
            ModelSpec student,
            DatasetSpec dataset,
            Double temperature,
            Boolean zscore,
            LossWeights lossWeights,
            TrainingSpec training,
            Map<String, Double> methodParams,
            Long seed,
            Integer priority,
            String device,
            Map<String, String> tags) {
        this(
                name,
                method,
                teacher,
                student,
                dataset,
                temperature,
                zscore,
                lossWeights,
                training,
                methodParams,
                seed,
                priority,
                device,
                tags,
                null,
                null);
    }

    /**
     * Gates on the result: a minimum best test top-1, and/or a minimum difference to another
     * experiment's result.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expectations(
            @DecimalMin("0") @DecimalMax("1") Double minBestTestTop1, @Valid DeltaExpectation minDeltaVsExperiment) {}

    /** This run's {@code metric} minus the other experiment's must be at least {@code min}. */
    public record DeltaExpectation(
            @NotNull java.util.UUID experimentId,
            @Pattern(regexp = "bestTestTop1|lastTestTop1", message = "must be bestTestTop1 or lastTestTop1")
                    String metric,
            @NotNull @DecimalMin("-1") @DecimalMax("1") Double min) {}

    /** This spec with one more tag (replacing a tag of the same key). */
    public ExperimentSpec withTag(String key, String value) {
        Map<String, String> more = new java.util.TreeMap<>(tags == null ? Map.of() : tags);
        more.put(key, value);
        return new ExperimentSpec(
                name,
                method,
                teacher,
                student,
                dataset,
                temperature,
                zscore,
                lossWeights,
                training,
                methodParams,
                seed,
                priority,
                device,
                more,
                repeats,
                expect);
    }

    /** This spec with another dataset (e.g. its content hash filled in). */
    public ExperimentSpec withDataset(DatasetSpec newDataset) {
        return new ExperimentSpec(
                name,
                method,
                teacher,
                student,
                newDataset,
                temperature,
                zscore,
                lossWeights,
                training,
                methodParams,
                seed,
                priority,
                device,
                tags,
                repeats,
                expect);
    }

    /** This spec with another seed. */
    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(
                name,
                method,
                teacher,
                student,
                dataset,
                temperature,
                zscore,
                lossWeights,
                training,
                methodParams,
                newSeed,
                priority,
                device,
                tags,
                repeats,
                expect);
    }

    /**
     * The teacher: an architecture trained first inside the experiment (with its own optional
     * training settings), an earlier experiment's checkpoint, or an imported model ({@code modelId}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeacherSpec(
            @Size(max = 64) String architecture,
            java.util.UUID experimentId,
            @Pattern(regexp = "best|last", message = "must be 'best' or 'last'") String checkpoint,
            @Valid @Schema(description = "how to train the teacher first; absent fields follow the student's")
                    TrainingSpec training,
            @Schema(
                            description =
                                    "an imported model (POST /api/v1/models) as the teacher; its SHA-256 is checked"
                                            + " before use")
                    java.util.UUID modelId) {

        /** A teacher trained here or taken from an experiment. */
        public TeacherSpec(String architecture, java.util.UUID experimentId, String checkpoint, TrainingSpec training) {
            this(architecture, experimentId, checkpoint, training, null);
        }
    }

    /** A network from the catalog. */
    public record ModelSpec(@NotBlank @Size(max = 64) @Schema(example = "lenet5") String architecture) {}

    /** A dataset from the catalog; limits keep the first N samples, absent = all. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetSpec(
            @NotBlank
                    @Size(max = 64)
                    @Schema(
                            example = "synthetic",
                            description = "a dataset GET /api/v1/datasets lists: synthetic, fashion-mnist, mnist, "
                                    + "cifar10, cifar100 or a registered one")
                    String name,
            @Size(max = 4096)
                    @Schema(
                            description = "a directory or CIFAR archive under the dataset roots "
                                    + "(distillery.datasets.roots); default: the dataset's own")
                    String path,
            @Min(1) Integer trainLimit,
            @Min(1) Integer testLimit,
            @Min(8)
                    @Max(256)
                    @Schema(
                            description = "name 'imagefolder' only: the side its images are resized to "
                                    + "(short side, then centre crop)",
                            example = "32")
                    Integer imageSize,
            @Schema(
                            accessMode = Schema.AccessMode.READ_ONLY,
                            description = "SHA-256 of the data the run reads, recorded at submission (a value sent "
                                    + "is replaced), so comparisons show runs on different data under one name")
                    String contentHash) {

        /** A dataset as a client names it: no content hash yet. */
        public DatasetSpec(String name, String path, Integer trainLimit, Integer testLimit) {
            this(name, path, trainLimit, testLimit, null, null);
        }

        /** This dataset with its content hash. */
        public DatasetSpec withContentHash(String hash) {
            return new DatasetSpec(name, path, trainLimit, testLimit, imageSize, hash);
        }
    }

    /** λ_CE and λ_KD. */
    public record LossWeights(@Min(0) @Max(1000) Double ce, @Min(0) @Max(1000) Double kd) {}
}
