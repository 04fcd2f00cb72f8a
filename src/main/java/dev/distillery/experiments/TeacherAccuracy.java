package dev.distillery.experiments;

import jakarta.persistence.Embeddable;

/**
 * The teacher's own test top-1 and top-5, measured once per run before the student's first epoch (written by
 * {@link ExperimentRepository#recordTeacherScore}).
 */
@Embeddable
class TeacherAccuracy {

    private Double teacherTestTop1;
    private Double teacherTestTop5;

    protected TeacherAccuracy() {}

    /** Null before it was measured (and for runs without a teacher). */
    TeacherScore score() {
        return teacherTestTop1 == null ? null : new TeacherScore(teacherTestTop1, teacherTestTop5);
    }
}
