package dev.distillery.experiments;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ExperimentRepository extends JpaRepository<Experiment, UUID>, JpaSpecificationExecutor<Experiment> {

    @Query("select e.id from Experiment e where e.status = dev.distillery.experiments.ExperimentStatus.QUEUED")
    List<UUID> findQueuedIds();

    List<Experiment> findByStatusAndTeacherExperimentId(ExperimentStatus status, UUID teacherExperimentId);

    List<Experiment> findByStatus(ExperimentStatus status);

    /** Many experiments with their tags in one query. */
    @Query("select distinct e from Experiment e left join fetch e.tags where e.id in :ids")
    List<Experiment> findAllWithTags(java.util.Collection<UUID> ids);

    /** Rows of (status, number of experiments in it), for the statuses that have any. */
    @Query("select e.status, count(e) from Experiment e group by e.status")
    List<Object[]> countPerStatus();

    /** Experiments waiting, queued or running on the dataset of this name. */
    @Query(
            value = "select count(*) from experiments where status in ('WAITING', 'QUEUED', 'RUNNING') "
                    + "and spec -> 'dataset' ->> 'name' = :name",
            nativeQuery = true)
    long countActiveOnDataset(String name);

    /** Live progress within the running epoch; a bulk update, so it never conflicts with a cancel. */
    @Modifying
    @Query("update Experiment e set e.progress.epochFraction = :fraction where e.id = :id "
            + "and e.status = dev.distillery.experiments.ExperimentStatus.RUNNING")
    int updateEpochFraction(UUID id, double fraction);

    /**
     * The fence of a worker's write: matches only while {@code attempt} is the experiment's current attempt, and locks
     * its row until the transaction ends, so a later attempt cannot start between this check and the write's commit.
     */
    @Modifying
    @Query(
            value = "update experiments set attempts = attempts where id = :id and attempts = :attempt",
            nativeQuery = true)
    int holdAttempt(UUID id, int attempt);

    @Query("select e.cancelRequested from Experiment e where e.id = :id")
    boolean isCancelRequested(UUID id);

    /** The frozen teacher's own test accuracy, measured once before the student's first epoch. */
    @Modifying
    @Query("update Experiment e set e.teacherAccuracy.teacherTestTop1 = :top1, "
            + "e.teacherAccuracy.teacherTestTop5 = :top5 where e.id = :id")
    int recordTeacherScore(UUID id, double top1, double top5);
}
