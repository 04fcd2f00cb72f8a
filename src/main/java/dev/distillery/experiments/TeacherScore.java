package dev.distillery.experiments;

import org.springframework.modulith.NamedInterface;

/** The frozen teacher's accuracy on the run's test split, as the paper lists it next to each student. */
@NamedInterface("queries")
public record TeacherScore(double testTop1, double testTop5) {}
