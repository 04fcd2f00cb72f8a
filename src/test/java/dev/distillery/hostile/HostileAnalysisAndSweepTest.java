package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;

/** Hostile logit matrices for /api/v1/analysis/kl and hostile grids for /api/v1/sweeps. */
class HostileAnalysisAndSweepTest {

    private final HostileApp app = HostileApp.get();

    @Property(tries = 700, shrinking = ShrinkingMode.OFF)
    void klWithRandomShapesAndNonFiniteValues(
            @ForAll("matrices") Object teacher,
            @ForAll("matrices") Object student,
            @ForAll("temperatures") Object temperature,
            @ForAll boolean sameShape,
            @ForAll boolean omitTemperature) {
        HostileApp.tally("analysis.kl");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teacher", teacher);
        body.put("student", sameShape ? teacher : student);
        if (!omitTemperature) {
            body.put("temperature", temperature);
        }
        String json = Json.write(body);
        HttpResponse<String> response = app.postJson("/api/v1/analysis/kl", json);
        HostileApp.assertSaneAnswer(response, json);
        if (response.statusCode() == 200) {
            JsonNode answer = HostileApp.JSON.readTree(response.body());
            assertThat(answer.path("kl").isNumber())
                    .as("kl of %s → %s", HostileApp.abbreviate(json), HostileApp.abbreviate(response.body()))
                    .isTrue();
        }
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void sweepsWithRandomGrids(
            @ForAll("validSpecs") Map<String, Object> spec,
            @ForAll("grids") Map<String, Object> grid,
            @ForAll("sweepRepeats") Object repeats,
            @ForAll boolean hostileSpec,
            @ForAll("paths") String path,
            @ForAll("hostileValues") Object value) {
        HostileApp.tally("sweeps.randomGrid");
        spec.remove("repeats");
        if (hostileSpec) {
            Hostile.set(spec, path, value);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", spec);
        body.put("grid", grid);
        if (repeats != null) {
            body.put("repeats", repeats);
        }
        String json = Json.write(body);
        long before = app.countExperiments();
        HttpResponse<String> response = app.postJson("/api/v1/sweeps", json);
        HostileApp.assertSaneAnswer(response, json);
        long created = app.countExperiments() - before;
        if (response.statusCode() == 201) {
            JsonNode answer = HostileApp.JSON.readTree(response.body());
            assertThat(created)
                    .as("sweep %s → %s", HostileApp.abbreviate(json), HostileApp.abbreviate(response.body()))
                    .isEqualTo(answer.path("experiments").asLong())
                    .isLessThanOrEqualTo(500);
            app.expectMore(created);
            String id = answer.path("id").asString();
            HostileApp.assertSaneAnswer(app.get("/api/v1/sweeps/" + id), "GET sweep " + id);
            for (String axis : List.of(
                    "x=zscore&y=temperature",
                    "x=lossWeights.kd&y=zscore",
                    "x=nope&y=%27",
                    "x=training.epochs&y=training.epochs")) {
                HostileApp.assertSaneAnswer(
                        app.get("/api/v1/sweeps/" + id + "/heatmap?" + axis + "&format=svg"), "heatmap " + axis);
            }
        } else {
            assertThat(created)
                    .as(
                            "experiments left by rejected sweep %s → %s",
                            HostileApp.abbreviate(json), HostileApp.abbreviate(response.body()))
                    .isZero();
        }
    }

    @AfterContainer
    static void report() {
        HostileApp.get().assertNoStrayExperiments("all generated sweeps");
        HostileApp.printTally("HostileAnalysisAndSweepTest");
    }

    @Provide
    Arbitrary<Object> matrices() {
        Arbitrary<Object> cell = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        10, Arbitraries.doubles().between(-50, 50).map(d -> (Object) d)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().map(d -> (Object) d)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                        new Json.Raw("NaN"),
                                        new Json.Raw("Infinity"),
                                        new Json.Raw("-Infinity"),
                                        new Json.Raw("1e999"),
                                        new Json.Raw("-1e999"),
                                        new Json.Raw("1e308"),
                                        new Json.Raw("-1e308"),
                                        new Json.Raw("4.9e-324"),
                                        new Json.Raw("\"NaN\""),
                                        new Json.Raw("\"Infinity\""),
                                        new Json.Raw("null"),
                                        new Json.Raw("\"1\""),
                                        new Json.Raw("[]"),
                                        new Json.Raw("true"))
                                .map(r -> (Object) r)));
        Arbitrary<Object> regular = Combinators.combine(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 40),
                        cell.list().ofMinSize(1).ofMaxSize(1))
                .as((rows, cols, seed) -> (Object) null)
                .flatMap(ignored -> Combinators.combine(
                                Arbitraries.integers().between(0, 30),
                                Arbitraries.integers().between(0, 30))
                        .flatAs((rows, cols) ->
                                cell.list().ofSize(cols).list().ofSize(rows).map(m -> (Object) m)));
        Arbitrary<Object> ragged = cell.list().ofMaxSize(8).list().ofMaxSize(8).map(m -> (Object) m);
        Arbitrary<Object> big = Arbitraries.of(List.of(1200, 3), List.of(2, 1001), List.of(10_001, 2), List.of(3, 3000))
                .map(shape -> {
                    List<Object> rows = new ArrayList<>();
                    for (int r = 0; r < shape.get(0); r++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < shape.get(1); c++) {
                            row.add((double) ((r * 31 + c) % 17));
                        }
                        rows.add(row);
                    }
                    return (Object) rows;
                });
        Arbitrary<Object> odd = Arbitraries.of(
                        new Json.Raw("null"),
                        new Json.Raw("[]"),
                        new Json.Raw("[[]]"),
                        new Json.Raw("[1,2,3]"),
                        new Json.Raw("\"x\""),
                        new Json.Raw("{}"),
                        new Json.Raw("[[[1]]]"),
                        new Json.Raw("[null]"),
                        new Json.Raw("[[1, 2], null]"))
                .map(r -> (Object) r);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, regular),
                net.jqwik.api.Tuple.of(3, ragged),
                net.jqwik.api.Tuple.of(1, big),
                net.jqwik.api.Tuple.of(2, odd));
    }

    @Provide
    Arbitrary<Object> temperatures() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.01, 100).map(d -> (Object) d),
                Arbitraries.of(0.0, -1.0, 100.0001, 1e308, Double.MIN_VALUE).map(d -> (Object) d),
                Arbitraries.of(
                                new Json.Raw("NaN"),
                                new Json.Raw("Infinity"),
                                new Json.Raw("\"2\""),
                                new Json.Raw("null"),
                                new Json.Raw("[]"),
                                new Json.Raw("1e999"))
                        .map(r -> (Object) r));
    }

    @Provide
    Arbitrary<Map<String, Object>> validSpecs() {
        return Hostile.validSpecs();
    }

    @Provide
    Arbitrary<Map<String, Object>> grids() {
        Arbitrary<String> paths = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        6,
                        Arbitraries.of(
                                "temperature",
                                "zscore",
                                "lossWeights.kd",
                                "lossWeights.ce",
                                "training.epochs",
                                "training.learningRate",
                                "seed",
                                "priority",
                                "name",
                                "student.architecture",
                                "training.batchSize",
                                "dataset.trainLimit",
                                "method",
                                "teacher.architecture",
                                "tags",
                                "training.lrDecayEpochs",
                                "repeats",
                                "methodParams.alpha")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Hostile.PATHS)),
                net.jqwik.api.Tuple.of(2, Hostile.nastyStrings()),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.of(
                                "",
                                ".",
                                "..",
                                "training.",
                                ".epochs",
                                "training..epochs",
                                "spec.temperature",
                                "training.epochs.x",
                                "tags.a",
                                "__proto__",
                                "constructor",
                                "teacher.training.epochs",
                                "a".repeat(5000))));
        Arbitrary<Object> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.of(0.5, 1.0, 2.0, 4.0, 9.0, 3, 5, 10, 0, true, false, "kd", "ce", "mlp", "lenet5")
                                .map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(3, Hostile.hostileValues()));
        Arbitrary<Object> lists = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        8, values.list().ofMinSize(0).ofMaxSize(3).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 600).map(n ->
                        (Object) new ArrayList<Object>(java.util.Collections.nCopies(n, 1.0)))),
                net.jqwik.api.Tuple.of(1, values));
        return Arbitraries.maps(paths, lists).ofMaxSize(12).map(m -> new LinkedHashMap<String, Object>(m));
    }

    @Provide
    Arbitrary<Object> sweepRepeats() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 2).map(i -> (Object) i),
                Arbitraries.of(0, -1, 11, 1000, Long.MAX_VALUE).map(i -> (Object) i),
                Arbitraries.of(new Json.Raw("\"2\""), new Json.Raw("1.5"), new Json.Raw("null"), new Json.Raw("NaN"))
                        .map(r -> (Object) r),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(Hostile.PATHS);
    }

    @Provide
    Arbitrary<Object> hostileValues() {
        return Hostile.hostileValues();
    }
}
